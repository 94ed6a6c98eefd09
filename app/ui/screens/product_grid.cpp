// The product grid of the sell screen: a tile per product (entrepreneur's colour and initials,
// picture or pictogram, price; a flash when added), dragged to scroll with inertia; a tap adds the product or asks its price.
#include <algorithm>
#include <cfloat>
#include <cmath>
#include <string>

#include "app/ui/screens/sell_parts.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

// The tile's picture (issue 12 item 8), in a square at the bottom left: the product's picture once
// the picture cache has it; meanwhile, or when the file is missing or broken, the pictogram of the
// product or of its category (assets/pictograms.csv); a plain rounded square while that too is on
// its way (or without an emoji font). Never a bare letter. The entrepreneur's badge (colour and
// initials, so that colour is never the only cue: issue 12 item 7) is drawn apart.
// name_bottom: where the tile's wrapped name ends; a name on three lines leaves less room, and the
// picture shrinks (down to 28 px at scale 1) rather than cover its last line.
void tile_picture(S& s, const Product& p, ImVec2 at, float tile_h, float name_bottom) {
    auto* dl = ImGui::GetWindowDrawList();
    const float room = at.y + tile_h - s.px(8) - (name_bottom + s.px(4));
    const float side = std::round(std::clamp(room, s.px(28), s.px(54)));
    const int pixels = static_cast<int>(side);
    const ImVec2 box(at.x + s.px(18), at.y + tile_h - side - s.px(8));
    const ImVec2 box_end(box.x + side, box.y + side);
    const float rounding = s.px(8);
    auto& seen = s.shown_tiles[p.sku];
    seen.frame = s.frame_no;
    seen.name_bottom = name_bottom;
    seen.picture_top = box.y;
    seen.picture_side = side;
    std::string& shown = seen.what;
    auto draw = [&](const Texture& t, bool rounded) {
        // Fitted in the square, proportions kept, centred.
        const float k = std::min(side / static_cast<float>(t.width), side / static_cast<float>(t.height));
        const float w = static_cast<float>(t.width) * k, h = static_cast<float>(t.height) * k;
        const ImVec2 a(box.x + (side - w) / 2, box.y + (side - h) / 2), b(a.x + w, a.y + h);
        if (rounded) dl->AddImageRounded(t.id, a, b, ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, rounding);
        else dl->AddImage(t.id, a, b);
    };
    if (!p.picture.empty()) {
        const auto& picture = s.pictures.picture(p.picture, pixels);
        if (picture.state == PictureCache::State::ready) {
            shown = "picture";
            return draw(picture.texture, true);
        }
    }
    const auto emoji = s.tile_pictogram.find(p.sku);
    if (emoji != s.tile_pictogram.end() && !emoji->second.empty()) {
        const auto& pictogram = s.pictures.pictogram(emoji->second, pixels);
        if (pictogram.state == PictureCache::State::ready) {
            shown = "pictogram:" + emoji->second;
            return draw(pictogram.texture, false);
        }
    }
    shown = "placeholder";
    dl->AddRectFilled(box, box_end, kButton, rounding);
}

// The entrepreneur's badge in the tile's top right corner (the name wraps before it).
void entrepreneur_badge(S& s, const Product& p, ImVec2 at, float tile_w) {
    const float d = s.px(30);
    const auto e = s.entrepreneur_initials.find(p.entrepreneur_id);
    badge(s, ImVec2(at.x + tile_w - d - s.px(8), at.y + s.px(8)), d, colour_of(s.entrepreneur_colour[p.entrepreneur_id]),
          e == s.entrepreneur_initials.end() ? "" : e->second);
}

// The tile just added lights up for a moment, fading (issue 12 item 9): a tap seen to land.
void flash(S& s, ImVec2 at, ImVec2 size) {
    const double left = s.flash_until - ImGui::GetTime();
    if (left <= 0) return;
    const int alpha = static_cast<int>(255.0 * std::min(1.0, left / kFlashSeconds));
    auto* dl = ImGui::GetWindowDrawList();
    const ImU32 green = (kGreen & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha) << IM_COL32_A_SHIFT);
    const ImU32 wash = (kGreen & ~IM_COL32_A_MASK) | (static_cast<ImU32>(alpha / 5) << IM_COL32_A_SHIFT);
    const ImVec2 end(at.x + size.x, at.y + size.y);
    dl->AddRectFilled(at, end, wash, ImGui::GetStyle().FrameRounding);
    dl->AddRect(at, end, green, ImGui::GetStyle().FrameRounding, 0, s.px(5));
}

void tapped(S& s, const Product& p) {
    if (p.open_price) {
        s.keypad_sku = p.sku;
        open_keypad(s, KeypadPurpose::open_price);
        return;
    }
    try {
        added(s, p.sku, s.draft.add(p.sku));
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

}  // namespace

void product_grid(S& s, float width, float height) {
    ImGui::BeginChild("grid", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar);
    // Drag to scroll (touch screens have no wheel); the speed at release carries on and decays.
    ImGuiIO& io = ImGui::GetIO();
    if (dragged_here(s, "grid")) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        s.scroll_velocity = io.MouseDelta.y;
    } else if (std::fabs(s.scroll_velocity) > 0.5f) {
        ImGui::SetScrollY(ImGui::GetScrollY() - s.scroll_velocity);
        s.scroll_velocity *= 0.92f;
    } else {
        s.scroll_velocity = 0;
    }
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int columns = std::max(2, static_cast<int>((width + spacing) / (s.px(170) + spacing)));
    const float tile_w = (width - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns) - 1;
    const float tile_h = s.px(116);
    int n = 0;
    for (const auto& p : s.products) {
        if (s.category && p.category_id != s.category) continue;
        if (s.entrepreneur && p.entrepreneur_id != s.entrepreneur) continue;
        if (n++ % columns != 0) ImGui::SameLine();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        // A tile scrolled wholly out of the grid keeps its place and draws nothing (no picture asked
        // for either): a frame costs the tiles on screen, not the catalogue's size.
        if (!ImGui::IsRectVisible(ImVec2(tile_w, tile_h))) {
            ImGui::Dummy(ImVec2(tile_w, tile_h));
            continue;
        }
        ImGui::PushID(p.sku.c_str());
        const bool tap = touch_button(s, "tile:" + p.sku, "", ImVec2(tile_w, tile_h), kWhite);
        ImGui::PopID();
        auto* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(at, ImVec2(at.x + s.px(10), at.y + tile_h), colour_of(s.entrepreneur_colour[p.entrepreneur_id]),
                          ImGui::GetStyle().FrameRounding, ImDrawFlags_RoundCornersLeft);
        ImGui::PushClipRect(at, ImVec2(at.x + tile_w, at.y + tile_h), true);
        const std::string label = product_label(s, p);
        const float wrap = tile_w - s.px(64);
        dl->AddText(s.fonts.bold, s.fonts.bold->FontSize, ImVec2(at.x + s.px(18), at.y + s.px(8)), kInk, label.c_str(), nullptr, wrap);
        const float name_h = s.fonts.bold->CalcTextSizeA(s.fonts.bold->FontSize, FLT_MAX, wrap, label.c_str()).y;
        tile_picture(s, p, at, tile_h, at.y + s.px(8) + name_h);
        entrepreneur_badge(s, p, at, tile_w);
        const std::string price = p.open_price ? s.tr("open price") : p.price.format();
        ImFont* pf = p.open_price ? s.fonts.bold : s.fonts.large;
        const ImVec2 ps = pf->CalcTextSizeA(pf->FontSize, FLT_MAX, 0, price.c_str());
        dl->AddText(pf, pf->FontSize, ImVec2(at.x + tile_w - ps.x - s.px(10), at.y + tile_h - ps.y - s.px(6)), kInk, price.c_str());
        ImGui::PopClipRect();
        if (p.sku == s.flash_sku) flash(s, at, ImVec2(tile_w, tile_h));
        if (tap) tapped(s, p);
    }
    ImGui::EndChild();
}

}  // namespace caisse::ui
