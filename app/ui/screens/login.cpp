// Login: who is at the till (a tile per user), then their PIN on the keypad.
#include <algorithm>

#include "app/services/printing.hpp"
#include "app/ui/navigation.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/pin_pad.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

void try_login(S& s) {
    try {
        const auto result = s.till->login(s.chosen->name, s.pin);
        s.pin.clear();
        if (result.ok) {
            s.user = s.chosen;
            s.actor = result.actor;
            s.message.clear();
            s.lock_after_seconds = screen_lock_seconds(*s.till);
            reload_catalogue(s);
            if (s.till->current_session()) s.screen = Screen::sell;
            else start_open_session(s);
        } else if (result.seconds_locked > 0) {
            say(s, s.tr("Too many wrong PINs: {0} is locked for {1} s", s.chosen->name, result.seconds_locked), true);
        } else {
            say(s, s.tr("Wrong PIN. {0} tries left before a lock", result.attempts_left), true);
        }
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

}  // namespace

void login_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    big_text(s.fonts.large, s.tr("Who is at the till?"));
    ImGui::Spacing();
    const auto users = s.till->users();
    const float pad_w = s.px(3 * 96 + 2 * 10);
    const float tiles_w = avail.x - pad_w - s.px(40);
    const float tile_w = s.px(200), tile_h = s.px(110);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int per_row = std::max(1, static_cast<int>((tiles_w + spacing) / (tile_w + spacing)));
    ImGui::BeginGroup();
    int n = 0;
    for (const auto& u : users) {
        if (n++ % per_row != 0) ImGui::SameLine();
        const bool chosen = s.chosen && s.chosen->id == u.id;
        if (touch_button(s, "user:" + u.name, u.name + "\n" + role_label(s, u.role), ImVec2(tile_w, tile_h),
                         chosen ? user_colour(u.id) : kWhite, chosen ? kWhite : kInk, s.fonts.bold)) {
            s.chosen = u;
            s.pin.clear();
            // Each user's language, French until they choose another.
            const std::string lang = s.till->user_language(u.name);
            if (lang != s.language) {
                s.language = lang;
                s.translator = i18n::Translator::load(lang);
            }
        }
        const Target r{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
        ImGui::GetWindowDrawList()->AddRectFilled(r.min, ImVec2(r.max.x, r.min.y + s.px(8)), user_colour(u.id), s.px(8),
                                                  ImDrawFlags_RoundCornersTop);
    }
    ImGui::EndGroup();
    if (!s.chosen) return;

    ImGui::SameLine(avail.x - pad_w);
    ImGui::BeginGroup();
    big_text(s.fonts.bold, s.tr("PIN of {0}", s.chosen->name));
    pin_pad(s, "pin", s.pin, s.px(96), s.px(80), s.px(48));
    if (touch_button(s, "login", s.tr("Log in"), ImVec2(pad_w, s.px(80)), kGreen, kWhite, s.fonts.large)) try_login(s);
    ImGui::EndGroup();
}

}  // namespace caisse::ui
