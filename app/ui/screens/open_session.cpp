// Open session: no session is open, the float is typed on the keypad and the session opened.
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

void open_session_screen(S& s) {
    big_text(s.fonts.large, s.tr("No session is open: count the cash float"));
    big_text(s.fonts.huge, (s.float_entry.empty() ? "0" : s.float_entry.text()) + " €");
    const char key = keypad_grid(s, "float", s.px(110), s.px(80), ',');
    if (key) {
        if (auto refused = s.float_entry.press(key)) say(s, s.translator.translate(*refused), true);
    }
    if (touch_button(s, "open_session", s.tr("Open the session"), ImVec2(s.px(350), s.px(80)), kGreen, kWhite, s.fonts.large)) {
        try {
            s.till->open_session(s.user->name, s.float_entry.value().value_or(Money()));
            s.float_entry.clear();
            s.screen = Screen::sell;
            say(s, s.tr("Session open"), false);
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
}

}  // namespace caisse::ui
