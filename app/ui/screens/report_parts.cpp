// The totals the X report and the Z show alike, in three columns.
#include "app/ui/screens/report_parts.hpp"

#include <algorithm>

#include "app/services/printing.hpp"

#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

void heading(S& s, const std::string& text) {
    ImGui::Spacing();
    ImGui::PushFont(s.fonts.bold);
    text_wrapped(text.c_str());
    ImGui::PopFont();
    ImGui::Separator();
}

std::string method_word(const S& s, const std::string& method) {
    if (auto m = parse_method(method)) return method_label(s, *m);
    return method;
}

std::string vat_label(std::int64_t bp) {
    std::string text = std::to_string(bp / 100);
    if (const auto rest = bp % 100) text += "," + std::to_string(rest / 10) + (rest % 10 ? std::to_string(rest % 10) : "");
    return text + " %";
}

}  // namespace

std::string signed_amount(Money m) { return m > Money() ? "+" + m.format() : m.format(); }

void amount_row(const std::string& label, Money amount, float width, ImU32 colour) {
    width = std::min(width, ImGui::GetContentRegionAvail().x);  // a scrollbar, when shown, takes its part
    const std::string text = amount.format();
    if (colour) ImGui::PushStyleColor(ImGuiCol_Text, colour);
    const float x0 = ImGui::GetCursorPosX();
    const float label_w = ImGui::CalcTextSize(label.c_str()).x, text_w = ImGui::CalcTextSize(text.c_str()).x;
    // A label wider than the column wraps inside it (it was cut at the column's edge).
    ImGui::PushTextWrapPos(x0 + width);
    text_wrapped(label.c_str());
    ImGui::PopTextWrapPos();
    // The amount right-aligned; a label too long for the width pushes it to the next line.
    // SetCursorPosX, not SameLine(x): inside a group SameLine adds the group's offset a second time.
    if (label_w + ImGui::GetStyle().ItemSpacing.x + text_w <= width) ImGui::SameLine();
    ImGui::SetCursorPosX(x0 + std::max(0.0f, width - text_w));
    ImGui::TextUnformatted(text.c_str());
    if (colour) ImGui::PopStyleColor();
}

void totals_columns(S& s, const db::ClosureTotals& t, const std::vector<db::CashMoveRecord>& moves, float height) {
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float col = (ImGui::GetContentRegionAvail().x - 2 * spacing) / 3;
    const float w = col - 2 * ImGui::GetStyle().WindowPadding.x;
    std::map<std::int64_t, std::string> ent, users;
    for (const auto& e : s.entrepreneurs) ent[e.id] = e.name;
    for (const auto& u : s.till->users()) users[u.id] = u.name;

    ImGui::BeginChild("by_tender", ImVec2(col, height), true);
    heading(s, s.tr("By payment method"));
    for (const auto& [method, cents] : t.by_tender) amount_row(method_word(s, method), Money::cents(cents), w);
    // Meal vouchers left above their tickets: kept, never a sale, their own line (and account).
    amount_row(s.tr("Vouchers above the bill (account {0})", voucher_excess_account(*s.till)), Money::cents(t.voucher_excess), w);
    heading(s, s.tr("Cash moves"));
    if (moves.empty()) ImGui::TextUnformatted(s.tr("None").c_str());
    for (const auto& m : moves) {
        // A Z read back names its moves by journal seq only (the amounts are in the totals below).
        std::string label = m.reason.empty() ? s.tr("record {0}", m.seq) : m.reason;
        if (m.entrepreneur) label += " (" + ent[*m.entrepreneur] + ")";
        if (m.reason.empty() && m.amount == 0) {
            ImGui::TextUnformatted(label.c_str());
            continue;
        }
        amount_row(label, Money::cents(m.amount), w);
    }
    amount_row(s.tr("Cash in"), Money::cents(t.cash_in), w);
    amount_row(s.tr("Cash out"), Money::cents(-t.cash_out), w);
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("by_vat", ImVec2(col, height), true);
    heading(s, s.tr("VAT"));
    for (const auto& [bp, v] : t.by_vat) {
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(vat_label(bp).c_str());
        ImGui::PopFont();
        amount_row(s.tr("excl. VAT"), Money::cents(v.ht), w);
        amount_row(s.tr("VAT"), Money::cents(v.vat), w);
        amount_row(s.tr("incl. VAT"), Money::cents(v.ttc), w);
    }
    heading(s, s.tr("Tickets"));
    amount_row(s.tr(i18n::count_msgid(t.tickets, "{0} ticket", "{0} tickets"), t.tickets), Money::cents(t.total), w);
    // Refunds and cancellations are already in every amount, as negatives.
    if (t.refunds != 0) amount_row(s.tr(i18n::count_msgid(t.refunds, "{0} refund or cancellation", "{0} refunds and cancellations"), t.refunds), Money::cents(t.refunds_total), w);
    amount_row(s.tr("Discounts given"), Money::cents(t.discounts), w);
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("by_person", ImVec2(col, height), true);
    heading(s, s.tr("By entrepreneur"));
    for (const auto& [id, cents] : t.by_entrepreneur) amount_row(ent.count(id) ? ent[id] : "#" + std::to_string(id), Money::cents(cents), w);
    heading(s, s.tr("By cashier"));
    for (const auto& [id, cents] : t.by_cashier) amount_row(users.count(id) ? users[id] : "#" + std::to_string(id), Money::cents(cents), w);
    ImGui::EndChild();
}

}  // namespace caisse::ui
