#pragma once
// Chips: a row of choices that scrolls sideways when it does not fit (dragged with a finger), and
// the chip itself, dark (or in its own colour) when chosen.
#include <string>

#include <imgui.h>

#include "app/ui/widgets/kit.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

// Height of a chip at scale 1.
inline constexpr float kChipHeight = 52.0f;

template <class Chips>
void chip_row(Kit& k, const char* id, float width, Chips&& chips) {
    const float h = k.px(kChipHeight) + ImGui::GetStyle().ScrollbarSize * 0.5f + ImGui::GetStyle().ItemSpacing.y;
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, ImGui::GetStyle().ScrollbarSize * 0.5f);
    ImGui::BeginChild(id, ImVec2(width, h), false, ImGuiWindowFlags_HorizontalScrollbar);
    if (dragged_here(k, id)) ImGui::SetScrollX(ImGui::GetScrollX() - ImGui::GetIO().MouseDelta.x);
    chips();
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

// One chip; `colour` (0: the dark of the theme) fills it when on, and colours its text when off.
bool chip(Kit& k, const std::string& id, const std::string& label, bool on, ImU32 colour = 0);

}  // namespace caisse::ui
