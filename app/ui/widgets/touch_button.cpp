// The touch target and drag ownership: every button of the till goes through touch_button.
#include "app/ui/widgets/touch_button.hpp"

#include <imgui_internal.h>

#include <cfloat>

#include "app/ui/widgets/colours.hpp"

namespace caisse::ui {

bool touch_button(Kit& k, const std::string& id, const std::string& label, ImVec2 size, ImU32 fill, ImU32 text, ImFont* font) {
    const ImU32 base = fill ? fill : ImGui::GetColorU32(ImGuiCol_Button);
    const ImU32 pressed = fill ? pressed_fill(fill, text ? text : ImGui::GetColorU32(ImGuiCol_Text)) : ImGui::GetColorU32(ImGuiCol_ButtonActive);
    const bool just_tapped = k.pressed_id == id && ImGui::GetTime() < k.pressed_until;
    ImGui::PushStyleColor(ImGuiCol_Button, just_tapped ? pressed : base);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, just_tapped ? pressed : base);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, pressed);
    if (text) ImGui::PushStyleColor(ImGuiCol_Text, text);
    if (font) ImGui::PushFont(font);
    const bool clicked = ImGui::Button((label + "##" + id).c_str(), size);
    if (font) ImGui::PopFont();
    if (text) ImGui::PopStyleColor();
    ImGui::PopStyleColor(3);
    // Only what can be touched whole now: a tile scrolled (even partly) out of its grid is not a target.
    if (k.inert) return false;
    const ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    // (Half a pixel of rounding in a computed width does not hide a button.)
    ImRect clip = ImGui::GetCurrentWindowRead()->ClipRect;
    clip.Expand(0.5f);
    if (clip.Contains(rect)) k.drawing[id] = Target{rect.Min, rect.Max};
    // A finger that dragged (scrolling the grid) did not mean to tap.
    const float slop = ImGui::GetIO().MouseDragThreshold;
    const bool tapped = clicked && ImGui::GetIO().MouseDragMaxDistanceSqr[0] <= slop * slop && ImGui::GetTime() >= k.taps_from;
    if (tapped) {
        k.pressed_id = id;
        k.pressed_until = ImGui::GetTime() + kPressedSeconds;
    }
    return tapped;
}

bool showing_press(const Kit& k) { return !k.pressed_id.empty() && ImGui::GetTime() < k.pressed_until + 0.05; }

void disabled_button(const std::string& label, ImVec2 size, ImFont* font) {
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.45f);
    if (font) ImGui::PushFont(font);
    ImGui::PushItemFlag(ImGuiItemFlags_Disabled, true);
    ImGui::Button(label.c_str(), size);
    ImGui::PopItemFlag();
    if (font) ImGui::PopFont();
    ImGui::PopStyleVar();
}

void LiftedPointer::apply(ImGuiIO& io) {
    if (io.MouseDown[0]) {
        down_ = true;
        lifted_ = false;
        return;
    }
    if (down_) {
        // The frame of the release keeps the pointer: Dear ImGui reports the click there.
        down_ = false;
        lifted_ = true;
        at_ = io.MousePos;
        return;
    }
    if (lifted_ && io.MousePos.x == at_.x && io.MousePos.y == at_.y) io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
    else lifted_ = false;
}

bool dragged_here(Kit& k, const char* id) {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(0)) {
        const ImVec2 min = ImGui::GetWindowPos();
        const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetWindowHeight());
        const ImVec2 m = io.MousePos;
        if (m.x >= min.x && m.x < max.x && m.y >= min.y && m.y < max.y) k.drag_owner = id;
    }
    if (!io.MouseDown[0]) {
        if (k.drag_owner == id) k.drag_owner.clear();
        return false;
    }
    return k.drag_owner == id && ImGui::IsMouseDragging(0);
}

}  // namespace caisse::ui
