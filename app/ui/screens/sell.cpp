// Sell: the filter chips and product grid on the left, the cart on the right.
#include <cmath>

#include "app/ui/screens/screens.hpp"
#include "app/ui/screens/sell_parts.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"

namespace caisse::ui {

void filters(S& s, float width) {
    ImGui::PushFont(s.fonts.bold);
    chip_row(s, "categories", width, [&] {
        if (chip(s, "cat:all", s.tr("All"), s.category == 0)) s.category = 0;
        for (const auto& c : s.categories) {
            ImGui::SameLine();
            if (chip(s, "cat:" + c.name, c.name, s.category == c.id)) s.category = c.id;
        }
    });
    // Entrepreneurs: a stall shared by artisans filters by whose work it is.
    chip_row(s, "entrepreneurs", width, [&] {
        if (chip(s, "ent:all", s.tr("Everyone"), s.entrepreneur == 0)) s.entrepreneur = 0;
        for (const auto& e : s.entrepreneurs) {
            ImGui::SameLine();
            const bool on = s.entrepreneur == e.id;
            if (chip(s, "ent:" + e.name, e.name, on, colour_of(e.colour))) s.entrepreneur = on ? 0 : e.id;
        }
    });
    ImGui::PopFont();
}

void sell_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::floor(avail.x * 0.62f);
    ImGui::BeginGroup();
    ImGui::BeginChild("left", ImVec2(left_w, avail.y), false, ImGuiWindowFlags_NoScrollbar);
    filters(s, left_w);
    product_grid(s, left_w, ImGui::GetContentRegionAvail().y);
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::SameLine();
    cart_panel(s, avail.x - left_w - ImGui::GetStyle().ItemSpacing.x, avail.y);
}

}  // namespace caisse::ui
