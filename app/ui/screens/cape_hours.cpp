// Hours worked (issue 11, item 3; optional, used by the split "pro rata to hours"): the period's
// entries on the left; on the right, the member, the day and the time with steppers (an hour, a
// quarter), recorded by add_hours (manager). A negative time corrects an earlier entry.
#include <algorithm>

#include "app/core/calendar_day.hpp"
#include "app/core/text.hpp"
#include "app/ui/screens/cape_tabs.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

void hours_list(S& s, float width) {
    ImGui::BeginChild("hours_list", ImVec2(width, 0), false);
    if (dragged_here(s, "hours_list")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    for (const auto& l : s.cape.hours) {
        ImGui::TextUnformatted(l.record.day.c_str());
        ImGui::SameLine(s.px(140));
        ImGui::TextUnformatted(l.member.c_str());
        const std::string t = cape::minutes_text(l.record.minutes);
        ImGui::SameLine(width - ImGui::CalcTextSize(t.c_str()).x - s.px(12));
        ImGui::TextUnformatted(t.c_str());
    }
    if (s.cape.hours.empty()) ImGui::TextUnformatted(s.tr("No hours in this period.").c_str());
    ImGui::EndChild();
}

void hours_form(S& s, float width) {
    auto& c = s.cape;
    if (c.hours_day.empty()) c.hours_day = std::min(s.till->today(), c.to);
    ImGui::BeginGroup();
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Who").c_str());
    ImGui::PopFont();
    std::vector<Chip> who;  // pages of chips with each member's badge: the roster is longer than a row
    for (const auto& m : c.roster)
        who.push_back({"hours_for:" + m.name, m.name, c.hours_member == m.name, colour_of(m.colour), initials(m.name)});
    if (const int i = paged_chips(s, "hours_for", width, who); i >= 0) c.hours_member = c.roster[static_cast<std::size_t>(i)].name;
    const ImVec2 step(s.px(120), s.px(64));
    try {
        if (touch_button(s, "hours_day-", "-1 " + s.tr("day"), step)) c.hours_day = add_days(c.hours_day, -1);
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        big_text(s.fonts.large, c.hours_day);
        ImGui::SameLine();
        if (touch_button(s, "hours_day+", "+1 " + s.tr("day"), step)) c.hours_day = add_days(c.hours_day, 1);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
    big_text(s.fonts.huge, cape::minutes_text(c.hours_minutes), c.hours_minutes < 0 ? kRed : kInk);
    const struct {
        const char* id;
        const char* label;
        std::int64_t minutes;
    } steps[] = {{"hours-60", "-1 h", -60}, {"hours-15", "-15 min", -15}, {"hours+15", "+15 min", 15}, {"hours+60", "+1 h", 60}};
    const float key_w = (width - 3 * ImGui::GetStyle().ItemSpacing.x) / 4;
    for (const auto& st : steps) {
        if (st.minutes != -60) ImGui::SameLine();
        // Within a day either way: the service checks the day's total.
        if (touch_button(s, st.id, st.label, ImVec2(key_w, s.px(72)), 0, 0, s.fonts.large))
            c.hours_minutes = std::clamp<std::int64_t>(c.hours_minutes + st.minutes, -24 * 60, 24 * 60);
    }
    ImGui::Spacing();
    if (touch_button(s, "hours_record", s.tr("Record the hours"), ImVec2(width, s.px(80)), kGreen, kWhite, s.fonts.large)) {
        try {
            if (!c.hours_member) throw InputError("choose whose hours these are");
            add_hours(*s.till, *s.actor, HoursRequest{c.hours_day, *c.hours_member, c.hours_minutes});
            say(s, s.tr("{0} recorded for {1} on {2}", cape::minutes_text(c.hours_minutes), *c.hours_member, c.hours_day), false);
            c.hours_minutes = 0;
            cape_open(s, Screen::cape_hours);
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    ImGui::EndGroup();
}

}  // namespace

void cape_hours_screen(S& s) {
    if (!is_manager(s)) return void(s.screen = Screen::sell);
    cape_tabs(s, Screen::cape_hours);
    if (cape_period_bar(s)) cape_open(s, Screen::cape_hours);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float list_w = avail * 0.4f;
    hours_list(s, list_w);
    ImGui::SameLine(0, s.px(24));
    hours_form(s, avail - list_w - s.px(24));
}

}  // namespace caisse::ui
