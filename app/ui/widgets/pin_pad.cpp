// The PIN pad: dots drawn (the font has no circles) and the digit keypad.
#include "app/ui/widgets/pin_pad.hpp"

#include <algorithm>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/keypad.hpp"

namespace caisse::ui {

void pin_pad(Kit& k, const std::string& id, std::string& pin, float key_w, float key_h, float dots_h) {
    const std::size_t n = std::max<std::size_t>(4, pin.size());
    const float r = k.px(11), step = k.px(34);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (std::size_t i = 0; i < n; ++i) {
        const ImVec2 c(p.x + r + step * static_cast<float>(i), p.y + dots_h / 2);
        if (i < pin.size()) dl->AddCircleFilled(c, r, kInk);
        else dl->AddCircle(c, r, kInk, 0, k.px(2));
    }
    ImGui::Dummy(ImVec2(step * static_cast<float>(n), dots_h));
    const char key = keypad_grid(k, id, key_w, key_h, 'C');
    if (key == 'C') pin.clear();
    else if (key == '<' && !pin.empty()) pin.pop_back();
    else if (key >= '0' && key <= '9' && pin.size() < 8) pin += key;
}

}  // namespace caisse::ui
