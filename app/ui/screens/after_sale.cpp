// After the sale: the ticket recorded, its tenders, the amount handed over and the change due in
// huge green digits (a meal voucher above the bill: what the customer leaves), then one button for
// "no receipt, next sale" beside the receipt printed on request (issue 12, items 3 and 11). With the
// screen printer (`screen:`) the receipt is on the right, as the paper would show it, with its QR code
// for the customer's phone (issue 12, item 12).
#include <algorithm>

#include "app/services/printing.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/receipt_paper.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

// Each tender of the sale on its own line, then what was handed over in all.
void tenders(S& s, const SellResult& sale) {
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Paid").c_str());
    ImGui::PopFont();
    Money handed;
    for (const auto& p : sale.settlement.payments) {
        big_text(s.fonts.large, method_label(s, p.method) + "  " + p.amount.format());
        handed += p.amount;
    }
    if (sale.settlement.payments.empty()) big_text(s.fonts.large, s.tr("Nothing to pay"));
    ImGui::Spacing();
    big_text(s.fonts.large, s.tr("Handed over: {0}", handed.format()));
}

// The receipt of the sale laid out once (the same Document the printer would get), for the screen.
void prepare_screen_receipt(S& s, const SellResult& sale) {
    if (s.screen_receipt_ticket == sale.ticket && s.screen_receipt_training == sale.training) return;
    s.screen_receipt_ticket = sale.ticket;
    s.screen_receipt_training = sale.training;
    s.screen_receipt_scroll = true;
    try {
        s.screen_receipt = screen_receipt(receipt_for_sale(*s.till, sale).doc, kScreenReceiptColumns);
    } catch (const std::exception& e) {
        s.screen_receipt.clear();
        say_error(s, e);
    }
}

}  // namespace

void after_sale_screen(S& s) {
    const auto& sale = *s.last_sale;
    ImVec2 avail = ImGui::GetContentRegionAvail();
    // The screen printer: the receipt takes the right of the screen, the rest keeps the left.
    const bool on_screen = s.printer && prints_to_screen(*s.printer);
    if (on_screen) {
        prepare_screen_receipt(s, sale);
        const float paper = std::min(receipt_paper_width(s, kScreenReceiptColumns), avail.x * 0.5f);
        const ImVec2 origin = ImGui::GetCursorPos();
        ImGui::SetCursorPos(ImVec2(origin.x + avail.x - paper, origin.y));
        receipt_paper(s, "sale_receipt", s.screen_receipt, ImVec2(paper, avail.y), s.screen_receipt_scroll, s.shown_qr);
        ImGui::SetCursorPos(origin);
        avail.x -= paper + ImGui::GetStyle().ItemSpacing.x * 2;
        ImGui::BeginChild("after_sale_left", ImVec2(avail.x, avail.y), false);
    }
    big_text(s.fonts.large, sale.training ? s.tr("Training ticket {0}: {1} (not a sale)", sale.ticket, sale.priced.total.format())
                                          : s.tr("Ticket {0} recorded: {1}", sale.ticket, sale.priced.total.format()));
    ImGui::Separator();
    const float w = std::min(ImGui::GetContentRegionAvail().x, s.px(900));
    const float col = (w - ImGui::GetStyle().ItemSpacing.x) / 2;
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col);
    tenders(s, sale);
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    ImGui::SameLine(col + ImGui::GetStyle().ItemSpacing.x + ImGui::GetStyle().WindowPadding.x);
    ImGui::BeginGroup();
    if (sale.settlement.change > Money()) {
        ImGui::TextUnformatted(s.tr("Change due").c_str());
        ImGui::PushFont(s.fonts.huge);
        // As big as its column allows: beside the on-screen receipt at 1024x768, "9,50 €" at 1.6x
        // would lose its "€" under the paper.
        const std::string change = sale.settlement.change.format();
        const float at_one = ImGui::CalcTextSize(change.c_str()).x;
        const float room = std::min(col, ImGui::GetContentRegionAvail().x);  // to the column's right edge
        ImGui::SetWindowFontScale(at_one > 0 ? std::min(1.6f, room / at_one) : 1.6f);
        ImGui::PushStyleColor(ImGuiCol_Text, kGreen);
        ImGui::TextUnformatted(change.c_str());
        ImGui::PopStyleColor();
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
    } else {
        // Wrapped in its column: "Pas de monnaie à rendre" is wider than half a 1024 px screen. Large
        // when a voucher's note follows, so both fit above the answers (which stay in place).
        ImGui::PushFont(sale.settlement.voucher_excess > Money() ? s.fonts.large : s.fonts.huge);
        ImGui::PushStyleColor(ImGuiCol_Text, kGreen);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(col, ImGui::GetContentRegionAvail().x));
        text_wrapped(s.tr("No change").c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
        ImGui::PopFont();
    }
    if (sale.settlement.voucher_excess > Money()) {
        // French practice: no change on meal vouchers; the excess is recorded apart from the sale.
        // Wrapped at the column's right edge or the window's, the nearer (beside the on-screen
        // receipt the window ends first: the last word was cut there).
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::min(col, ImGui::GetContentRegionAvail().x));
        ImGui::PushFont(s.fonts.bold);
        text_wrapped(s.tr("Meal voucher above the bill: the customer leaves {0} (no change, not a sale).",
                                      sale.settlement.voucher_excess.format())
                                     .c_str());
        ImGui::PopFont();
        ImGui::PopTextWrapPos();
    }
    ImGui::EndGroup();
    ImGui::Spacing();
    // Beside the receipt on screen a narrow column (1024 px): the two answers one above the other.
    const bool stacked = on_screen && col < s.px(440);
    // The answers sit at the bottom, whatever the payment above took (change, "no change" on three
    // lines, a voucher's note): "next sale" stays where the hand learnt it (newcomer trial: it moved
    // by up to 120 px, onto where "cancel" had been).
    {
        const float sp = ImGui::GetStyle().ItemSpacing.y;
        const float footer = 2 * sp + s.fonts.bold->FontSize + sp + (stacked ? 2 * (s.px(100) + sp) : s.px(100) + sp) + 2 * sp +
                             s.px(72) + sp;
        const float bottom = ImGui::GetCursorPosY() + ImGui::GetContentRegionAvail().y;
        ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), bottom - footer));
    }
    ImGui::Separator();
    big_text(s.fonts.bold, s.tr("Receipt? (printed only if the customer asks)"));
    const float answer = stacked ? w : col;
    if (touch_button(s, "print_receipt", s.tr("Print the receipt"), ImVec2(answer, s.px(100)), kWhite, kInk, s.fonts.large)) {
        try {
            auto receipt = receipt_for_sale(*s.till, sale);
            if (s.printer) s.printer->submit(PrintJobKind::receipt, std::move(receipt.doc), sale.ticket);
            say(s, s.tr("Receipt {0} sent to the printer", sale.ticket), false);
            s.screen = Screen::sell;
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    if (!stacked) ImGui::SameLine();
    // "No receipt" and "next sale" are the same answer: one button, the big green one.
    if (touch_button(s, "next_sale", s.tr("No receipt, next sale"), ImVec2(answer, s.px(100)), kGreen, kWhite, s.fonts.large))
        s.screen = Screen::sell;
    // A wrong ticket: cancelled at once by its seller (2 minutes) or a manager, else with a
    // manager's approval; the cancellation's receipt is printed.
    ImGui::Spacing();
    ImGui::Spacing();
    if (touch_button(s, "cancel_ticket", s.tr("Cancel the last ticket"), ImVec2(col, s.px(72)), kWhite, kRed, s.fonts.bold))
        ask_cancel(s, sale.ticket);
    if (on_screen) ImGui::EndChild();
}

}  // namespace caisse::ui
