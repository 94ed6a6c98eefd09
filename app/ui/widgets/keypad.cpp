// The digit keypad of PINs, amounts and quantities.
#include "app/ui/widgets/keypad.hpp"

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

char keypad_grid(Kit& k, const std::string& id, float key_w, float key_h, char extra) {
    static const char keys[] = {'7', '8', '9', '4', '5', '6', '1', '2', '3', 'X', '0', '<'};
    char pressed = 0;
    for (int i = 0; i < 12; ++i) {
        const char key = keys[i] == 'X' ? extra : keys[i];
        const std::string label = key == '<' ? "←" : std::string(1, key);
        if (i % 3 != 0) ImGui::SameLine();
        if (touch_button(k, id + ":" + std::string(1, key), label, ImVec2(key_w, key_h), kWhite, kInk, k.fonts.large)) pressed = key;
    }
    return pressed;
}

}  // namespace caisse::ui
