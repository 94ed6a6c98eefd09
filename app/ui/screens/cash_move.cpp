// Cash in or out of the drawer: the amount on the keypad, the reason from chips or typed, and for
// a cash out the entrepreneur it was spent for (or the group). Recorded by record_cash_move.
#include <algorithm>

#include "app/core/text.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/text_keyboard.hpp"

namespace caisse::ui {
namespace {

void amount_panel(S& s, float width) {
    ImGui::BeginGroup();
    ImGui::TextUnformatted(s.tr("Amount").c_str());
    big_text(s.fonts.huge, (s.move_amount.empty() ? "0" : s.move_amount.text()) + " €");
    const float key_w = (width - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    const char key = keypad_grid(s, "move", key_w, s.px(64), ',');
    if (key) {
        if (auto refused = s.move_amount.press(key)) say(s, s.translator.translate(*refused), true);
    }
    ImGui::EndGroup();
}

void reason_panel(S& s, float width) {
    ImGui::BeginGroup();
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Why?").c_str());
    ImGui::PopFont();
    // Pages of whole chips: a reason is never cut mid-word at the edge (issue 12 item 5).
    const auto reasons = cash_move_reasons(s.move_out);
    std::vector<Chip> row;
    for (const auto& r : reasons) row.push_back({"reason:" + r, r, !s.move_typing && s.move_reason == r, 0, ""});
    row.push_back({"reason_type", s.tr("Type it…"), s.move_typing, 0, ""});
    if (const int i = paged_chips(s, "reasons", width, row); i >= 0 && static_cast<std::size_t>(i) < reasons.size()) {
        s.move_reason = reasons[static_cast<std::size_t>(i)];
        s.move_typing = false;
    } else if (i >= 0) {
        if (!s.move_typing) s.move_reason.clear();
        s.move_typing = true;
    }
    if (s.move_typing) {
        big_text(s.fonts.large, s.move_reason + "_");
        text_keyboard(s, s.move_reason, width);
    }
    if (s.move_out) {
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(s.tr("Spent for").c_str());
        ImGui::PopFont();
        std::vector<Chip> who{{"for:group", s.tr("Group"), !s.move_entrepreneur, 0, ""}};
        for (const auto& e : s.entrepreneurs)
            who.push_back({"for:" + e.name, e.name, s.move_entrepreneur == e.name, colour_of(e.colour), initials(e.name)});
        if (const int i = paged_chips(s, "move_for", width, who); i == 0) s.move_entrepreneur.reset();
        else if (i > 0) s.move_entrepreneur = s.entrepreneurs[static_cast<std::size_t>(i - 1)].name;
    }
    ImGui::EndGroup();
}

}  // namespace

void cash_move_as(S& s, const Actor& by) {
    try {
        CashMoveRequest r;
        r.out = s.move_out;
        r.amount = s.move_amount.value().value_or(Money());
        r.reason = s.move_reason;
        if (s.move_out) r.entrepreneur = s.move_entrepreneur;
        record_cash_move(*s.till, by, r);
        say(s, s.move_out ? s.tr("Cash out of {0} recorded", r.amount.format()) : s.tr("Cash in of {0} recorded", r.amount.format()),
            false);
        s.screen = Screen::sell;
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void cash_move_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::PushFont(s.fonts.bold);
    if (chip(s, "move:in", s.tr("Cash in"), !s.move_out)) s.move_out = false, s.move_reason.clear(), s.move_typing = false;
    ImGui::SameLine();
    if (chip(s, "move:out", s.tr("Cash out"), s.move_out)) s.move_out = true, s.move_reason.clear(), s.move_typing = false;
    ImGui::PopFont();
    const float left_w = std::min(s.px(360), avail.x * 0.4f);
    amount_panel(s, left_w);
    ImGui::SameLine(0, s.px(24));
    const float right_w = avail.x - left_w - s.px(24);
    ImGui::BeginGroup();
    reason_panel(s, right_w);
    ImGui::Spacing();
    const float half = (right_w - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (touch_button(s, "move_cancel", s.tr("Cancel"), ImVec2(half, s.px(80)))) s.screen = Screen::sell;
    ImGui::SameLine();
    if (touch_button(s, "move_record", s.move_out ? s.tr("Take the cash out") : s.tr("Put the cash in"), ImVec2(half, s.px(80)),
                     kGreen, kWhite, s.fonts.large))
        as_manager(s, PendingApproval{PendingApproval::Action::cash_move});
    ImGui::EndGroup();
}

}  // namespace caisse::ui
