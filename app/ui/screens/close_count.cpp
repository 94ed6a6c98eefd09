// Closing the day, first steps: the blind count of the drawer (the expected amount is not shown),
// then the card terminal's and the meal vouchers' totals typed on the keypad.
#include <algorithm>

#include "app/ui/screens/close_parts.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/cash_count_pad.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {

CloseRequest close_request(const S& s) {
    CloseRequest r;
    r.count = s.close_count;
    r.card_declared = s.card_entry.value();
    r.voucher_declared = s.voucher_entry.value();
    r.note = s.close_note;
    r.counts = s.counts;
    return r;
}

void close_count_step(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    big_text(s.fonts.large, s.counts > 1 ? s.tr("Count the drawer again") : s.tr("Count the drawer, note by note and coin by coin"));
    const float side_w = s.px(320);
    cash_count_pad(s, s.close_count, ImVec2(avail.x - side_w - ImGui::GetStyle().ItemSpacing.x, ImGui::GetContentRegionAvail().y));
    ImGui::SameLine();
    ImGui::BeginGroup();
    ImGui::TextUnformatted(s.tr("Counted").c_str());
    big_text(s.fonts.huge, s.close_count.total().format());
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + side_w);
    text_wrapped(s.tr("What the drawer should hold is shown once the count is confirmed.").c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (touch_button(s, "count_done", s.tr("The count is done"), ImVec2(side_w, s.px(100)), kGreen, kWhite, s.fonts.large))
        s.close_step = S::CloseStep::declared;
    if (touch_button(s, "close_cancel", s.tr("Cancel the close"), ImVec2(side_w, s.px(64)))) s.screen = Screen::sell;
    ImGui::EndGroup();
}

void close_declared_step(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    big_text(s.fonts.large, s.tr("Card terminal and meal vouchers"));
    text_wrapped(s.tr("Type the card terminal's batch total and the meal vouchers' total (leave empty if none).").c_str());
    const float left_w = std::min(s.px(380), avail.x * 0.45f);
    ImGui::BeginGroup();
    ImGui::PushFont(s.fonts.bold);
    if (chip(s, "declared:card", s.tr("Card"), !s.typing_voucher)) s.typing_voucher = false;
    ImGui::SameLine();
    if (chip(s, "declared:voucher", s.tr("Meal voucher"), s.typing_voucher)) s.typing_voucher = true;
    ImGui::PopFont();
    AmountEntry& entry = s.typing_voucher ? s.voucher_entry : s.card_entry;
    big_text(s.fonts.huge, (entry.empty() ? "0" : entry.text()) + " €");
    const float key_w = (left_w - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    const char key = keypad_grid(s, "declared", key_w, s.px(64), ',');
    if (key) {
        if (auto refused = entry.press(key)) say(s, s.translator.translate(*refused), true);
    }
    ImGui::EndGroup();
    ImGui::SameLine(0, s.px(40));
    ImGui::BeginGroup();
    const float w = std::min(s.px(420), avail.x - left_w - s.px(40));
    amount_row(s.tr("Cash counted"), s.close_count.total(), w);
    amount_row(s.tr("Card"), s.card_entry.value().value_or(Money()), w);
    amount_row(s.tr("Meal voucher"), s.voucher_entry.value().value_or(Money()), w);
    ImGui::Spacing();
    if (touch_button(s, "count_confirm", s.tr("Confirm the count"), ImVec2(w, s.px(100)), kGreen, kWhite, s.fonts.large)) {
        try {
            s.check = check_close(*s.till, close_request(s));
            s.close_step = S::CloseStep::result;
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    if (touch_button(s, "back_to_count", s.tr("Back to the count"), ImVec2(w, s.px(64)))) s.close_step = S::CloseStep::count;
    ImGui::EndGroup();
}

void close_screen(S& s) {
    switch (s.close_step) {
        case S::CloseStep::count: close_count_step(s); break;
        case S::CloseStep::declared: close_declared_step(s); break;
        case S::CloseStep::result:
        case S::CloseStep::note: close_result_step(s); break;
    }
}

}  // namespace caisse::ui
