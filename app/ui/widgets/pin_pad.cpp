// The PIN pad: one dot per digit typed (at least four places shown) and the digit keypad.
#include "app/ui/widgets/pin_pad.hpp"

#include <algorithm>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/keypad.hpp"

namespace caisse::ui {

std::string pin_dots(std::size_t typed) {
    std::string out;
    for (std::size_t i = 0; i < std::max<std::size_t>(4, typed); ++i) {
        if (i > 0) out += ' ';
        out += i < typed ? "●" : "○";  // ● typed, ○ still to type
    }
    return out;
}

void pin_pad(Kit& k, const std::string& id, std::string& pin, float key_w, float key_h, float dots_h) {
    // Glyphs of the large font (theme.cpp keeps ● and ○ in its atlas; tests/ui/glyphs_test checks
    // every glyph the screens use), so the dots are text a screen reader or a test can read.
    const float y = ImGui::GetCursorPosY();
    ImGui::PushFont(k.fonts.large);
    ImGui::SetCursorPosY(y + std::max(0.0f, (dots_h - ImGui::GetTextLineHeight()) / 2));
    ImGui::PushStyleColor(ImGuiCol_Text, kInk);
    ImGui::TextUnformatted(pin_dots(pin.size()).c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::SetCursorPosY(y + dots_h + ImGui::GetStyle().ItemSpacing.y);
    const char key = keypad_grid(k, id, key_w, key_h, 'C');
    if (key == 'C') pin.clear();
    else if (key == '<' && !pin.empty()) pin.pop_back();
    else if (key >= '0' && key <= '9' && pin.size() < 8) pin += key;
}

}  // namespace caisse::ui
