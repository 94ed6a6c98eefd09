// Refund: find the ticket by its number (keypad) or in the session's list, pick the units to give
// back line by line with steppers, choose the tender, refund (a seller asks a manager's approval).
// Also the cancellation of the ticket just made. The receipt of both is always printed.
#include <algorithm>
#include <cmath>

#include "app/services/printing.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/stepper.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

// Receipts of refunds and cancellations are always printed (fiscal-fr.md).
void print_receipt(S& s, const RefundResult& r) {
    if (!s.printer) return;
    try {
        s.printer->submit(PrintJobKind::receipt, refund_receipt(*s.till, r.record.refund), r.record.ticket);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void load_ticket(S& s, std::int64_t ticket) {
    try {
        s.refund_lines = refundable_lines(*s.till, ticket);
        s.refund_ticket = ticket;
        s.refund_units.clear();
        s.refund_number = std::to_string(ticket);
    } catch (const std::exception& e) {
        s.refund_ticket.reset();
        s.refund_lines.clear();
        say_error(s, e);
    }
}

void finder(S& s, float width, float height) {
    ImGui::BeginChild("refund_find", ImVec2(width, height), true);
    big_text(s.fonts.bold, s.tr("Ticket number"));
    big_text(s.fonts.large, s.refund_number.empty() ? std::string("_") : s.refund_number);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float inner = ImGui::GetContentRegionAvail().x;
    const float key_w = std::floor((inner - 2 * style.ItemSpacing.x) / 3), key_h = s.px(52);
    const char key = keypad_grid(s, "rkey", key_w, key_h, 'C');
    if (key == 'C') s.refund_number.clear();
    else if (key == '\b' && !s.refund_number.empty()) s.refund_number.pop_back();
    else if (key >= '0' && key <= '9' && s.refund_number.size() < 9) s.refund_number += key;
    if (touch_button(s, "refund_find", s.tr("Find"), ImVec2(inner, s.px(56)), kGreen, kWhite, s.fonts.bold) && !s.refund_number.empty())
        load_ticket(s, std::stoll(s.refund_number));
    ImGui::Spacing();
    big_text(s.fonts.bold, s.tr("Tickets of this session"));
    for (const auto& t : s.till->recent_tickets(30)) {
        const bool on = s.refund_ticket == t.ticket;
        const std::string label = s.tr("No. {0}", t.ticket) + "   " + local_date_time(t.at_utc).substr(11) + "   " + Money::cents(t.total).format();
        if (touch_button(s, "rticket:" + std::to_string(t.ticket), label, ImVec2(-1, s.px(52)), on ? kDark : kWhite, on ? kWhite : kInk))
            load_ticket(s, t.ticket);
    }
    ImGui::EndChild();
}

void lines_and_tender(S& s) {
    const std::int64_t ticket = *s.refund_ticket;
    big_text(s.fonts.large, s.tr("Ticket {0}: what is given back", ticket));
    const float row_h = s.px(60);
    const ImGuiStyle& style = ImGui::GetStyle();
    // The lines scroll; the tender and the button stay at the bottom, always in view.
    const float bottom_h = ImGui::GetTextLineHeightWithSpacing() + s.px(56) + s.px(80) + 4 * style.ItemSpacing.y;
    ImGui::BeginChild("refund_rows", ImVec2(0, std::max(row_h, ImGui::GetContentRegionAvail().y - bottom_h)), false);
    const float width = ImGui::GetContentRegionAvail().x;
    const float stepper_w = 2 * std::max(row_h, s.px(kMinTarget)) + s.px(70) + 2 * style.ItemSpacing.x;
    bool anything_left = false;
    for (const auto& l : s.refund_lines) {
        anything_left |= l.remaining > 0;
        ImGui::PushID(static_cast<int>(l.line_no));
        const float y = ImGui::GetCursorPosY();
        ImGui::SetCursorPosY(y + (row_h - ImGui::GetTextLineHeight()) / 2);
        ImGui::TextUnformatted(l.sold.name.c_str());
        ImGui::SameLine(std::max(width * 0.40f, width - stepper_w - s.px(170)));
        ImGui::TextUnformatted(s.tr("{0} of {1} left", l.remaining, l.sold.quantity).c_str());
        ImGui::SameLine(width - stepper_w);
        ImGui::SetCursorPosY(y);
        std::int64_t units = s.refund_units.count(l.line_no) ? s.refund_units[l.line_no] : 0;
        if (stepper(s, "rline:" + std::to_string(l.line_no), units, 0, l.remaining, row_h)) {
            if (units == 0) s.refund_units.erase(l.line_no);
            else s.refund_units[l.line_no] = units;
        }
        ImGui::PopID();
    }
    if (!anything_left) ImGui::TextUnformatted(s.tr("Everything of this ticket was already given back.").c_str());
    ImGui::EndChild();
    ImGui::Separator();
    ImGui::TextUnformatted(s.tr("Given back by").c_str());
    for (const TenderMethod m : {TenderMethod::Cash, TenderMethod::Card, TenderMethod::Cheque, TenderMethod::Transfer}) {
        if (chip(s, "rmethod:" + std::string(method_name(m)), method_label(s, m), s.refund_method == m)) s.refund_method = m;
        ImGui::SameLine();
    }
    ImGui::NewLine();
    if (s.refund_units.empty()) {
        disabled_button(s.tr("Choose what is given back"), ImVec2(-1, s.px(80)), s.fonts.large);
        return;
    }
    RefundRequest request{ticket, {}, s.refund_method, s.refund_units};
    try {
        const auto preview = preview_refund(*s.till, request);
        if (touch_button(s, "refund_confirm", s.tr("Refund {0}", Money::cents(-preview.total).format()), ImVec2(-1, s.px(80)), kRed, kWhite,
                         s.fonts.large))
            as_manager(s, PendingApproval{PendingApproval::Action::refund, {}, ticket});
    } catch (const std::exception&) {  // nothing left to give back on a line chosen: said when tapped
        disabled_button(s.tr("Refund"), ImVec2(-1, s.px(80)), s.fonts.large);
    }
}

}  // namespace

void open_refund(S& s, std::optional<std::int64_t> ticket) {
    s.refund_number.clear();
    s.refund_ticket.reset();
    s.refund_lines.clear();
    s.refund_units.clear();
    s.refund_method = TenderMethod::Cash;
    s.screen = Screen::refund;
    if (ticket) load_ticket(s, *ticket);
}

void refund_as(S& s, const Actor& by) {
    if (!s.refund_ticket) return;
    try {
        const auto r = refund_ticket(*s.till, by, RefundRequest{*s.refund_ticket, {}, s.refund_method, s.refund_units});
        print_receipt(s, r);
        say(s, s.tr("Refund {0} of ticket {1}: {2} given back", r.record.refund, r.record.ticket, Money::cents(-r.record.total).format()), false);
        load_ticket(s, r.record.ticket);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void cancel_as(S& s, std::int64_t ticket, const Actor& by) {
    try {
        const auto r = cancel_ticket(*s.till, by, ticket);
        print_receipt(s, r);
        say(s, s.tr("Ticket {0} cancelled: {1} given back", ticket, Money::cents(-r.record.total).format()), false);
        if (s.last_sale && s.last_sale->ticket == ticket) s.last_sale.reset();
        s.recent_ticket.reset();
        s.recent_preview.clear();
        s.screen = Screen::sell;
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void ask_cancel(S& s, std::int64_t ticket) {
    if (!s.actor) return;
    try {
        const auto check = check_cancel(*s.till, *s.actor, ticket);
        // The ticket's state refuses (not the last one, another session): no approval helps.
        if (check.refusal && !check.role_rule) return say(s, s.translator.translate(*check.refusal), true);
        if (check.refusal) return as_manager(s, PendingApproval{PendingApproval::Action::cancel, {}, ticket});
        cancel_as(s, ticket, *s.actor);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void refund_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::floor(std::max(s.px(360), avail.x * 0.36f));
    finder(s, left_w, avail.y);
    ImGui::SameLine();
    ImGui::BeginChild("refund_lines", ImVec2(0, avail.y), true);
    if (touch_button(s, "refund_back", s.tr("Back to the sale"), ImVec2(s.px(300), s.px(60)), kGreen, kWhite, s.fonts.bold)) s.screen = Screen::sell;
    ImGui::Separator();
    if (s.refund_ticket) lines_and_tender(s);
    else text_wrapped(s.tr("Type the ticket number or choose it in the list.").c_str());
    ImGui::EndChild();
}

}  // namespace caisse::ui
