// Sell: the filter chips (in pages, with a summary of the filters in force) and the product grid on
// the left, the cart on the right.
#include <algorithm>
#include <cmath>

#include "app/core/text.hpp"

#include "app/ui/screens/screens.hpp"
#include "app/ui/screens/sell_parts.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

namespace {

const Entrepreneur* entrepreneur_of(const S& s, std::int64_t id) {
    for (const auto& e : s.entrepreneurs)
        if (e.id == id) return &e;
    return nullptr;
}

// The filters in force, in one line that never scrolls away, and "All" to drop both: a chip chosen
// on another page of its row is still named here.
void filter_summary(S& s, float width) {
    const Category* category = nullptr;
    for (const auto& c : s.categories)
        if (c.id == s.category) category = &c;
    const Entrepreneur* entrepreneur = entrepreneur_of(s, s.entrepreneur);
    if (!category && !entrepreneur) return;
    const float h = s.px(kMinTarget);
    const float reset_w = s.px(130);
    ImGui::BeginChild("filter_summary", ImVec2(width, h + ImGui::GetStyle().ItemSpacing.y), false, ImGuiWindowFlags_NoScrollbar);
    ImGui::SetCursorPosY((h - ImGui::GetFontSize()) / 2);
    ImGui::TextUnformatted(s.tr("Showing:").c_str());
    // Each filter named, a tap drops it.
    ImGui::PushFont(s.fonts.bold);
    if (category) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(0);
        const std::string label = display_name(*category, s.language) + "  ✕";
        if (touch_button(s, "summary:cat:" + category->name, label, ImVec2(0, h))) s.category = 0;
    }
    if (entrepreneur) {
        ImGui::SameLine();
        ImGui::SetCursorPosY(0);
        const float d = ImGui::GetFontSize() * 1.3f;
        const ImVec2 at = ImGui::GetCursorScreenPos();
        const std::string label = entrepreneur->name + "  ✕";
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(1.0f, 0.5f));
        const float w = ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x + d + s.px(6);
        if (touch_button(s, "summary:ent:" + entrepreneur->name, label, ImVec2(w, h))) s.entrepreneur = 0;
        ImGui::PopStyleVar();
        badge(s, ImVec2(at.x + s.px(8), at.y + (h - d) / 2), d, colour_of(entrepreneur->colour), initials(entrepreneur->name));
    }
    ImGui::PopFont();
    ImGui::SameLine();
    ImGui::SetCursorPos(ImVec2(std::max(ImGui::GetCursorPosX(), width - reset_w), 0));
    if (touch_button(s, "filters:all", "✕ " + s.tr("All"), ImVec2(reset_w, h))) s.category = s.entrepreneur = 0;
    ImGui::EndChild();
}

}  // namespace

void added(S& s, const std::string& sku, std::size_t line) {
    s.flash_sku = sku;
    s.flash_until = ImGui::GetTime() + kFlashSeconds;
    s.scroll_to_line = line;
}

void filters(S& s, float width) {
    ImGui::PushFont(s.fonts.bold);
    // "All" shows everything: it drops the entrepreneur too (issue 12 item 5). A chosen chip tapped
    // again is dropped.
    std::vector<Chip> row{{"cat:all", s.tr("All"), s.category == 0 && s.entrepreneur == 0, 0, ""}};
    for (const auto& c : s.categories) row.push_back({"cat:" + c.name, display_name(c, s.language), s.category == c.id, 0, ""});
    if (const int i = paged_chips(s, "categories", width, row); i == 0) s.category = s.entrepreneur = 0;
    else if (i > 0) {
        const auto id = s.categories[static_cast<std::size_t>(i - 1)].id;
        s.category = s.category == id ? 0 : id;
    }
    // Entrepreneurs: a stall shared by artisans filters by whose work it is.
    row = {{"ent:all", s.tr("Everyone"), s.entrepreneur == 0, 0, ""}};
    for (const auto& e : s.entrepreneurs) row.push_back({"ent:" + e.name, e.name, s.entrepreneur == e.id, colour_of(e.colour), initials(e.name)});
    if (const int i = paged_chips(s, "entrepreneurs", width, row); i == 0) s.entrepreneur = 0;
    else if (i > 0) {
        const auto id = s.entrepreneurs[static_cast<std::size_t>(i - 1)].id;
        s.entrepreneur = s.entrepreneur == id ? 0 : id;
    }
    ImGui::PopFont();
    filter_summary(s, width);
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
    s.cart_left = ImGui::GetCursorScreenPos().x;
    cart_panel(s, avail.x - left_w - ImGui::GetStyle().ItemSpacing.x, avail.y);
}

}  // namespace caisse::ui
