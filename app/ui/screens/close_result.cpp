// Closing the day, last steps: expected against counted, over or short said plainly (green when
// balanced, red otherwise); a difference asks for one recount, then a note; then the Z.
#include <algorithm>
#include <vector>

#include "app/ui/navigation.hpp"
#include "app/ui/screens/close_parts.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/text_keyboard.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

// One comparison: expected, counted (or declared), and the difference in colour.
void comparison(S& s, const std::string& title, Money expected, Money counted, Money over_short, float w) {
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(title.c_str());
    ImGui::PopFont();
    amount_row(s.tr("Expected"), expected, w);
    amount_row(s.tr("Counted"), counted, w);
    const bool even = over_short == Money();
    const std::string verdict = even ? s.tr("Balanced") : over_short > Money() ? s.tr("Over by {0}", over_short.format())
                                                                              : s.tr("Short by {0}", (-over_short).format());
    big_text(s.fonts.large, verdict, even ? kGreen : kRed);
    ImGui::Spacing();
}

void results(S& s, const CloseCheck& c, float w) {
    comparison(s, s.tr("Cash"), c.expected_cash, c.counted_cash, c.cash_over_short, w);
    if (c.card_over_short)
        comparison(s, s.tr("Card"), c.card_expected, c.card_expected + *c.card_over_short, *c.card_over_short, w);
    if (c.voucher_over_short)
        comparison(s, s.tr("Meal voucher"), c.voucher_expected, c.voucher_expected + *c.voucher_over_short, *c.voucher_over_short, w);
}

void close_now(S& s) { as_manager(s, PendingApproval{PendingApproval::Action::close_day}); }

}  // namespace

void close_day_as(S& s, const Actor& by) {
    try {
        auto z = close_day(*s.till, by, close_request(s));
        say(s, s.tr("Day closed: Z {0}", z.z), false);
        start_z_view(s, std::move(z));
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

namespace {

// Why the drawer differs: chips for the usual causes, or typed.
void note_panel(S& s, float w) {
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Still different after the recount: say why").c_str());
    ImGui::PopFont();
    static const std::vector<std::string> usual = {"erreur de rendu", "pièce perdue", "billet refusé", "erreur de saisie"};
    std::vector<Chip> row;
    for (const auto& u : usual) row.push_back({"note:" + u, u, s.close_note == u, 0, ""});
    if (const int i = paged_chips(s, "notes", w, row); i >= 0) s.close_note = usual[static_cast<std::size_t>(i)];
    big_text(s.fonts.large, s.close_note + "_");
    text_keyboard(s, s.close_note, w, 500);
    ImGui::Spacing();
    const bool noted = s.close_note.find_first_not_of(' ') != std::string::npos;
    if (noted) {
        if (touch_button(s, "close_with_note", s.tr("Close the day with this note"), ImVec2(w, s.px(80)), kRed, kWhite, s.fonts.large))
            close_now(s);
    } else {
        disabled_button(s.tr("Close the day with this note"), ImVec2(w, s.px(80)), s.fonts.large);
    }
}

}  // namespace

void close_result_step(S& s) {
    if (!s.check) return void(s.close_step = S::CloseStep::count);
    const CloseCheck& c = *s.check;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::min(s.px(420), avail.x * 0.4f);
    ImGui::BeginChild("close_result", ImVec2(left_w, avail.y), true);
    const float w = left_w - 2 * ImGui::GetStyle().WindowPadding.x;
    results(s, c, w);
    ImGui::TextUnformatted(s.tr("Counted {0} time(s)", s.counts).c_str());
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginGroup();
    const float right_w = avail.x - left_w - ImGui::GetStyle().ItemSpacing.x;
    if (c.balanced()) {
        big_text(s.fonts.large, s.tr("The drawer is balanced."), kGreen);
        if (touch_button(s, "close_day", s.tr("Close the day"), ImVec2(right_w, s.px(100)), kGreen, kWhite, s.fonts.large)) close_now(s);
    } else if (s.counts < 2) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + right_w);
        big_text(s.fonts.large, s.tr("The count differs: count again."), kRed);
        text_wrapped(s.tr("Count every note and coin once more; the first count is kept to adjust.").c_str());
        ImGui::PopTextWrapPos();
        if (touch_button(s, "recount", s.tr("Count again"), ImVec2(right_w, s.px(100)), kGreen, kWhite, s.fonts.large)) {
            s.counts = 2;
            s.check.reset();
            s.close_step = S::CloseStep::count;
        }
    } else {
        note_panel(s, right_w);
    }
    // Counting again after seeing the expected amount is a recount: it is counted as such.
    if (s.counts >= 2 || c.balanced()) {
        if (touch_button(s, "count_again", s.tr("Count again"), ImVec2(right_w, s.px(56)))) {
            s.counts = std::min<std::int64_t>(s.counts + 1, 9);
            s.check.reset();
            s.close_step = S::CloseStep::count;
        }
    }
    ImGui::EndGroup();
}

}  // namespace caisse::ui
