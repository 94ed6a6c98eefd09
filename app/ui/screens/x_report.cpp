// X report: the open session's totals so far and the cash the drawer should hold. Records nothing.
#include "app/ui/navigation.hpp"
#include "app/ui/screens/report_parts.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

void x_report_screen(S& s) {
    if (!s.x) return void(s.screen = Screen::sell);
    const XReport& x = *s.x;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float button_w = s.px(260);
    ImGui::BeginGroup();
    // Short title: at 1024 px the buttons on the right leave room for little more.
    big_text(s.fonts.large, s.tr("X report"));
    ImGui::TextUnformatted(s.tr("Session {0} · {1}", x.session.id, x.session.day).c_str());
    ImGui::TextUnformatted(x.first_ticket ? s.tr("Tickets {0} to {1}", x.first_ticket, x.last_ticket).c_str()
                                          : s.tr("No ticket yet.").c_str());
    ImGui::SameLine(0, s.px(30));
    ImGui::TextUnformatted(s.tr("Float {0}", Money::cents(x.session.float_cents).format()).c_str());
    ImGui::EndGroup();
    ImGui::SameLine(avail.x - 2 * button_w - ImGui::GetStyle().ItemSpacing.x);
    if (touch_button(s, "x_back", s.tr("Back to the sale"), ImVec2(button_w, s.px(64)), kGreen, kWhite, s.fonts.bold))
        s.screen = Screen::sell;
    if (is_manager(s)) {  // a seller's line ends here: the totals below must start on a new line
        ImGui::SameLine();
        if (touch_button(s, "x_close", s.tr("Close the day"), ImVec2(button_w, s.px(64)))) start_close(s);
    }
    ImGui::TextUnformatted(s.tr("Total sales").c_str());
    ImGui::SameLine();
    big_text(s.fonts.large, Money::cents(x.totals.total).format());
    ImGui::SameLine(0, s.px(40));
    ImGui::TextUnformatted(s.tr("The drawer should hold").c_str());
    ImGui::SameLine();
    big_text(s.fonts.large, x.expected_cash.format());
    totals_columns(s, x.totals, x.cash_moves, ImGui::GetContentRegionAvail().y);
}

}  // namespace caisse::ui
