// A row of chips in pages of whole chips, and the entrepreneur's badge.
#include "app/ui/widgets/chips.hpp"

#include <algorithm>
#include <cfloat>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

// The label cut at a word (then at a letter) with "…" until it fits `room`: shortened visibly,
// never clipped by the edge of the row.
std::string fit_label(const std::string& label, float room) {
    const auto width = [](const std::string& t) { return ImGui::CalcTextSize(t.c_str()).x; };
    if (width(label) <= room) return label;
    std::string cut = label;
    while (!cut.empty()) {
        const auto space = cut.find_last_of(' ');
        if (space != std::string::npos && space > 0) {
            cut.resize(space);
        } else {
            do cut.pop_back();
            while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80);
            if (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0xC0) cut.pop_back();
        }
        if (width(cut + "…") <= room) return cut + "…";
    }
    return "…";
}

}  // namespace

std::vector<std::size_t> chip_pages(const std::vector<float>& widths, float room, float spacing) {
    std::vector<std::size_t> starts{0};
    float used = 0;
    for (std::size_t i = 0; i < widths.size(); ++i) {
        if (i == 0) used = widths[i];
        else if (used + spacing + widths[i] <= room) used += spacing + widths[i];
        else {
            starts.push_back(i);
            used = widths[i];
        }
    }
    return starts;
}

bool chip(Kit& k, const std::string& id, const std::string& label, bool on, ImU32 colour) {
    const ImU32 fill = on ? (colour ? colour : kDark) : 0;
    // Text in a colour of its own must stay readable on the chip: else the theme's ink.
    const ImU32 text = on ? text_on(fill) : colour && contrast_ratio(colour, kButton) >= kMinTextContrast ? colour : 0;
    return touch_button(k, id, label, ImVec2(0, k.px(kChipHeight)), fill, text);
}

void badge(Kit& k, ImVec2 at, float size, ImU32 colour, const std::string& initials) {
    auto* dl = ImGui::GetWindowDrawList();
    const ImVec2 centre(at.x + size / 2, at.y + size / 2);
    dl->AddCircleFilled(centre, size / 2, colour);
    ImFont* font = k.fonts.bold;
    const float font_size = std::min(font->FontSize, size * 0.5f);
    const ImVec2 ts = font->CalcTextSizeA(font_size, FLT_MAX, 0, initials.c_str());
    dl->AddText(font, font_size, ImVec2(centre.x - ts.x / 2, centre.y - ts.y / 2), text_on(colour), initials.c_str());
}

int paged_chips(Kit& k, const std::string& id, float width, const std::vector<Chip>& chips) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float h = k.px(kChipHeight);
    const float badge_w = h - k.px(16);
    std::vector<float> widths;
    for (const auto& c : chips)
        widths.push_back(ImGui::CalcTextSize(c.label.c_str()).x + 2 * style.FramePadding.x + (c.initials.empty() ? 0 : badge_w + k.px(6)));
    const float arrow_w = k.px(kMinTarget);
    float room = width;  // a child without border has no padding
    auto pages = chip_pages(widths, room, style.ItemSpacing.x);
    if (pages.size() > 1) {  // the arrows take their room from the chips
        room -= 2 * (arrow_w + style.ItemSpacing.x);
        pages = chip_pages(widths, room, style.ItemSpacing.x);
    }
    std::size_t& page = k.chip_pages[id];
    page = std::min(page, pages.size() - 1);
    const std::size_t first = pages[page], end = page + 1 < pages.size() ? pages[page + 1] : chips.size();

    int tapped = -1;
    ImGui::BeginChild(id.c_str(), ImVec2(width, h + style.ItemSpacing.y), false, ImGuiWindowFlags_NoScrollbar);
    for (std::size_t i = first; i < end; ++i) {
        const Chip& c = chips[i];
        if (i > first) ImGui::SameLine();
        const ImU32 fill = c.on ? (c.colour ? c.colour : kDark) : 0;
        const ImU32 text = c.on ? text_on(fill) : 0;
        const float w = std::min(widths[i], room);
        const std::string label = fit_label(c.label, w - 2 * style.FramePadding.x - (c.initials.empty() ? 0 : badge_w + k.px(6)));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        // Right-aligned label: the badge sits in the padding on the left.
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(c.initials.empty() ? 0.5f : 1.0f, 0.5f));
        if (touch_button(k, c.id, label, ImVec2(w, h), fill, text)) tapped = static_cast<int>(i);
        ImGui::PopStyleVar();
        if (!c.initials.empty()) {
            // On a chosen chip filled with the same colour, a white ring keeps the disc visible.
            if (c.on) ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + k.px(8) + badge_w / 2, at.y + h / 2), badge_w / 2 + k.px(2), kWhite);
            badge(k, ImVec2(at.x + k.px(8), at.y + (h - badge_w) / 2), badge_w, c.colour, c.initials);
        }
    }
    if (pages.size() > 1) {
        ImGui::SameLine();
        ImGui::SetCursorPosX(width - 2 * arrow_w - style.ItemSpacing.x);
        ImGui::PushFont(k.fonts.large);
        if (page > 0) {
            if (touch_button(k, id + ":prev", "‹", ImVec2(arrow_w, h))) --page;
        } else {
            disabled_button("‹##" + id, ImVec2(arrow_w, h));
        }
        ImGui::SameLine();
        if (page + 1 < pages.size()) {
            if (touch_button(k, id + ":next", "›", ImVec2(arrow_w, h))) ++page;
        } else {
            disabled_button("›##" + id, ImVec2(arrow_w, h));
        }
        ImGui::PopFont();
    }
    ImGui::EndChild();
    return tapped;
}

}  // namespace caisse::ui
