#include "app/ui/widgets/stepper.hpp"

#include <algorithm>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

bool stepper(Kit& k, const std::string& id, std::int64_t& value, std::int64_t low, std::int64_t high, float height) {
    const float step_w = std::max(height, k.px(kMinTarget)), qty_w = k.px(70);
    const std::int64_t before = value;
    if (value > low) {
        if (touch_button(k, id + "-", "−", ImVec2(step_w, height), 0, 0, k.fonts.large)) --value;
    } else {
        disabled_button("−", ImVec2(step_w, height), k.fonts.large);
    }
    ImGui::SameLine();
    const std::string text = std::to_string(value);
    ImGui::PushFont(k.fonts.large);
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str()), at = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(ImVec2(at.x + (qty_w - ts.x) / 2, at.y + (height - ts.y) / 2),
                                        value > 0 ? kInk : kMuted, text.c_str());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(qty_w, height));
    ImGui::SameLine();
    if (value < high) {
        if (touch_button(k, id + "+", "+", ImVec2(step_w, height), kWhite, kInk, k.fonts.large)) ++value;
    } else {
        disabled_button("+", ImVec2(step_w, height), k.fonts.large);
    }
    return value != before;
}

}  // namespace caisse::ui
