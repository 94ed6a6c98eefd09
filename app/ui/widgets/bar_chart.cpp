// Bars and day columns drawn on the window's draw list (see bar_chart.hpp).
#include "app/ui/widgets/bar_chart.hpp"

#include <algorithm>

#include "app/core/bar_scale.hpp"
#include "app/core/money.hpp"
#include "app/ui/widgets/colours.hpp"

namespace caisse::ui {

void bar_rows(Kit& k, const std::vector<Bar>& bars, std::int64_t max, float width, float row_h, float label_w) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float amount_w = k.px(120);
    const std::int64_t full = static_cast<std::int64_t>(std::max(0.0f, width - label_w - amount_w));
    for (const auto& b : bars) {
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const float text_y = at.y + (row_h - ImGui::GetTextLineHeight()) / 2;
        dl->AddText(ImVec2(at.x, text_y), kInk, b.label.c_str());
        const float len = static_cast<float>(bar_length(b.cents, max, full));
        const ImVec2 bar_min(at.x + label_w, at.y + row_h * 0.15f);
        if (len > 0) dl->AddRectFilled(bar_min, ImVec2(bar_min.x + len, at.y + row_h * 0.85f), b.colour, k.px(3));
        const std::string amount = Money::cents(b.cents).format();
        dl->AddText(ImVec2(bar_min.x + len + k.px(6), text_y), b.cents < 0 ? kRed : kInk, amount.c_str());
        ImGui::Dummy(ImVec2(width, row_h));
    }
}

void day_columns(Kit& k, const std::vector<DaySales>& days, ImVec2 size, ImU32 colour) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    const float label_h = ImGui::GetTextLineHeight() + k.px(4);
    const float top = at.y + label_h, base = at.y + size.y - label_h;
    dl->AddLine(ImVec2(at.x, base), ImVec2(at.x + size.x, base), IM_COL32(160, 160, 160, 255), k.px(1));
    if (days.empty()) return;
    std::int64_t max = 0;
    for (const auto& d : days) max = std::max(max, d.ttc);
    dl->AddText(at, IM_COL32(110, 110, 110, 255), Money::cents(max).format().c_str());
    const float step = size.x / static_cast<float>(days.size());
    const std::int64_t full = static_cast<std::int64_t>(std::max(0.0f, base - top));
    const float label_w = ImGui::CalcTextSize("00/00").x + k.px(14);  // room for the last label pushed left
    const std::size_t every = std::max<std::size_t>(1, static_cast<std::size_t>(label_w / step) + 1);
    for (std::size_t i = 0; i < days.size(); ++i) {
        const float x = at.x + step * static_cast<float>(i);
        const float h = static_cast<float>(bar_length(days[i].ttc, max, full));
        if (h > 0) dl->AddRectFilled(ImVec2(x + step * 0.15f, base - h), ImVec2(x + step * 0.85f, base), colour);
        if (i % every == 0) {
            const std::string label = days[i].day.substr(8, 2) + "/" + days[i].day.substr(5, 2);
            const float w = ImGui::CalcTextSize(label.c_str()).x;
            // Centred under its column, but never past the chart's right edge (the last day's label was
            // cut there); the first may reach into the margin on the left.
            const float left = std::min(x + step / 2 - w / 2, at.x + size.x - w);
            dl->AddText(ImVec2(left, base + k.px(2)), IM_COL32(110, 110, 110, 255), label.c_str());
        }
    }
}

}  // namespace caisse::ui
