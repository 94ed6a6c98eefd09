// The touch target and drag ownership: every button of the till goes through touch_button.
#include "app/ui/widgets/touch_button.hpp"

#include <imgui_internal.h>

namespace caisse::ui {

bool touch_button(Kit& k, const std::string& id, const std::string& label, ImVec2 size, ImU32 fill, ImU32 text, ImFont* font) {
    if (fill) {
        ImGui::PushStyleColor(ImGuiCol_Button, fill);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, fill);
        const ImVec4 f = ImGui::ColorConvertU32ToFloat4(fill);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(f.x * 0.8f, f.y * 0.8f, f.z * 0.8f, 1.0f));
    }
    if (text) ImGui::PushStyleColor(ImGuiCol_Text, text);
    if (font) ImGui::PushFont(font);
    const bool clicked = ImGui::Button((label + "##" + id).c_str(), size);
    if (font) ImGui::PopFont();
    if (text) ImGui::PopStyleColor();
    if (fill) ImGui::PopStyleColor(3);
    // Only what can be touched whole now: a tile scrolled (even partly) out of its grid is not a target.
    if (k.inert) return false;
    const ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    // (Half a pixel of rounding in a computed width does not hide a button.)
    ImRect clip = ImGui::GetCurrentWindowRead()->ClipRect;
    clip.Expand(0.5f);
    if (clip.Contains(rect)) k.drawing[id] = Target{rect.Min, rect.Max};
    // A finger that dragged (scrolling the grid) did not mean to tap.
    const float slop = ImGui::GetIO().MouseDragThreshold;
    return clicked && ImGui::GetIO().MouseDragMaxDistanceSqr[0] <= slop * slop;
}

void disabled_button(const std::string& label, ImVec2 size, ImFont* font) {
    ImGui::PushStyleVar(ImGuiStyleVar_Alpha, ImGui::GetStyle().Alpha * 0.45f);
    if (font) ImGui::PushFont(font);
    ImGui::PushItemFlag(ImGuiItemFlags_Disabled, true);
    ImGui::Button(label.c_str(), size);
    ImGui::PopItemFlag();
    if (font) ImGui::PopFont();
    ImGui::PopStyleVar();
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
