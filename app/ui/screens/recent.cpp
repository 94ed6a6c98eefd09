// Recent tickets: the session's tickets on the left, the chosen one as the printer lays it out on
// the right; a manager prints a duplicate; refund it, or cancel the last ticket.
#include <cmath>

#include "app/services/printing.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

void ticket_list(S& s, float width, float height) {
    ImGui::BeginChild("tickets", ImVec2(width, height), true);
    big_text(s.fonts.bold, s.tr("Tickets of this session"));
    const auto tickets = s.till->recent_tickets(100);
    if (tickets.empty()) ImGui::TextUnformatted(s.tr("No ticket yet.").c_str());
    for (const auto& t : tickets) {
        const std::string label = s.tr("No. {0}", t.ticket) + "   " + local_date_time(t.at_utc).substr(11) + "   " +
                                  Money::cents(t.total).format() + "   " + t.user;
        const bool on = s.recent_ticket == t.ticket;
        if (touch_button(s, "ticket:" + std::to_string(t.ticket), label, ImVec2(-1, s.px(56)), on ? kDark : kWhite, on ? kWhite : kInk)) {
            s.recent_ticket = t.ticket;
            try {
                s.recent_preview = receipt_preview(*s.till, t.ticket, 42);
            } catch (const std::exception& e) {
                s.recent_preview.clear();
                say_error(s, e);
            }
        }
    }
    ImGui::EndChild();
}

}  // namespace

void duplicate_as(S& s, std::int64_t ticket, const Actor& by) {
    try {
        auto copy = duplicate_receipt(*s.till, by, ticket);
        if (s.printer) s.printer->submit(PrintJobKind::duplicate, std::move(copy.doc), copy.ticket);
        say(s, s.tr("Duplicate No. {0} of ticket {1} sent to the printer", *copy.duplicate_number, copy.ticket), false);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void recent_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::floor(avail.x * 0.42f);
    ticket_list(s, left_w, avail.y);
    ImGui::SameLine();
    ImGui::BeginChild("receipt", ImVec2(0, avail.y), true);
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (touch_button(s, "back_to_sale", s.tr("Back to the sale"), ImVec2(half, s.px(60)), kGreen, kWhite, s.fonts.bold))
        s.screen = Screen::sell;
    if (s.recent_ticket) {
        ImGui::SameLine();
        // A seller's duplicate asks for a manager's approval first.
        if (touch_button(s, "duplicate", s.tr("Print a duplicate"), ImVec2(half, s.px(60))))
            as_manager(s, PendingApproval{PendingApproval::Action::reprint, {}, *s.recent_ticket});
        // Corrections: the refund screen with this ticket, or the cancellation of the last ticket.
        if (touch_button(s, "refund_ticket", s.tr("Refund…"), ImVec2(half, s.px(60)))) open_refund(s, *s.recent_ticket);
        if (*s.recent_ticket == s.till->last_ticket()) {
            ImGui::SameLine();
            if (touch_button(s, "cancel_recent", s.tr("Cancel the last ticket"), ImVec2(half, s.px(60)), kWhite, kRed))
                ask_cancel(s, *s.recent_ticket);
        }
        ImGui::Separator();
        ImGui::PushFont(s.fonts.mono ? s.fonts.mono : s.fonts.body);
        for (const auto& line : s.recent_preview) ImGui::TextUnformatted(line.c_str());
        ImGui::PopFont();
    }
    ImGui::EndChild();
}

}  // namespace caisse::ui
