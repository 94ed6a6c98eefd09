// Open session: no session is open; the float is counted note by note and coin by coin, and the
// session opened with that count.
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/cash_count_pad.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

void open_session_as(S& s, const Actor& by) {
    try {
        open_cash_session(*s.till, by, OpenSessionRequest{s.float_count, std::nullopt});
        s.float_count = CashCount();
        s.screen = Screen::sell;
        say(s, s.tr("Session open"), false);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void open_session_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    big_text(s.fonts.large, s.tr("No session is open: count the cash float"));
    const float side_w = s.px(320);
    const float pad_w = avail.x - side_w - ImGui::GetStyle().ItemSpacing.x;
    cash_count_pad(s, s.float_count, ImVec2(pad_w, ImGui::GetContentRegionAvail().y));
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted(s.tr("Float counted").c_str());
    big_text(s.fonts.huge, s.float_count.total().format());
    ImGui::Spacing();
    if (touch_button(s, "open_session", s.tr("Open the session"), ImVec2(side_w, s.px(100)), kGreen, kWhite, s.fonts.large))
        as_manager(s, PendingApproval{PendingApproval::Action::open_session});
    if (touch_button(s, "count_reset", s.tr("Count again from zero"), ImVec2(side_w, s.px(64)))) s.float_count = CashCount();
    ImGui::EndGroup();
}

}  // namespace caisse::ui
