#pragma once
// Chips: a row of choices in pages of whole chips (never one cut in the middle of a word at the
// row's edge), with ‹ › to turn the page when they do not all fit; each chip dark (or in its own
// colour) when chosen. Issue 12 item 5.
#include <cstddef>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/ui/widgets/kit.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

// Height of a chip at scale 1.
inline constexpr float kChipHeight = 52.0f;

struct Chip {
    std::string id, label;
    bool on = false;
    ImU32 colour = 0;      // 0: the theme's dark when on; else the fill when on and the badge's colour
    std::string initials;  // with a colour: drawn on a disc of it, so colour is never the only cue
};

// Draws the row `id` (its page kept in k.chip_pages[id]); returns the index of the chip tapped, or
// -1. The page turns are the targets id + ":prev" and id + ":next", drawn only when needed. A page
// that would leave the chosen chip hidden is fine: the filter summary (sell screen) names it.
int paged_chips(Kit& k, const std::string& id, float width, const std::vector<Chip>& chips);

// A row that scrolls sideways when it does not fit (dragged with a finger): short lists of a few
// chips (the reasons of a cash move).
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

// The pages of a row: the index of each page's first chip, given the chips' widths, the room for
// them and the spacing; a chip wider than the room is alone on its page (its label shortened).
std::vector<std::size_t> chip_pages(const std::vector<float>& widths, float room, float spacing);

// An entrepreneur's badge: a disc of their colour with their initials in the contrasting ink
// (text_on). Drawn at `at` (its top left), `size` across; nothing is laid out.
void badge(Kit& k, ImVec2 at, float size, ImU32 colour, const std::string& initials);

}  // namespace caisse::ui
