// Counting a drawer note by note and coin by coin, with pictures and steppers.
#include "app/ui/widgets/cash_count_pad.hpp"

#include <algorithm>
#include <cfloat>
#include <string>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

// The value as printed on the piece: "20" for a note, "2 €" or "50 c" for a coin.
std::string face(std::int64_t cents) {
    if (cents >= 500) return std::to_string(cents / 100);
    if (cents >= 100) return std::to_string(cents / 100) + " €";
    return std::to_string(cents) + " c";
}

}  // namespace

// Euro notes by colour (grey 5, red 10, blue 20, orange 50, green 100, yellow 200, purple 500);
// coins gold (10-50 c), copper (1-5 c), two-tone (1, 2 €).
ImU32 piece_colour(std::int64_t cents) {
    switch (cents) {
        case 500: return IM_COL32(150, 150, 150, 255);
        case 1000: return IM_COL32(185, 65, 55, 255);
        case 2000: return IM_COL32(70, 110, 190, 255);
        case 5000: return IM_COL32(230, 140, 50, 255);
        case 10000: return IM_COL32(60, 150, 90, 255);
        case 20000: return IM_COL32(210, 180, 60, 255);
        case 50000: return IM_COL32(140, 90, 160, 255);
        default: break;
    }
    if (cents >= 100) return IM_COL32(190, 180, 150, 255);
    if (cents >= 10) return IM_COL32(215, 175, 60, 255);
    return IM_COL32(165, 90, 55, 255);
}

ImU32 face_background(std::int64_t cents) {
    if (cents >= 500 || cents < 100) return piece_colour(cents);
    return cents == 200 ? IM_COL32(175, 175, 170, 255) : IM_COL32(215, 175, 60, 255);  // the centre of a two-tone coin
}

namespace {

// The picture: a note as a rounded rectangle, a coin as a disc, bigger for bigger values.
void picture(Kit& k, std::int64_t cents, ImVec2 at, ImVec2 size) {
    auto* dl = ImGui::GetWindowDrawList();
    const ImU32 fill = piece_colour(cents);
    const std::string text = face(cents);
    ImFont* font = cents >= 500 ? k.fonts.large : k.fonts.bold;
    const ImVec2 ts = font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, text.c_str());
    if (cents >= 500) {
        dl->AddRectFilled(at, ImVec2(at.x + size.x, at.y + size.y), fill, k.px(6));
        dl->AddRect(ImVec2(at.x + k.px(4), at.y + k.px(4)), ImVec2(at.x + size.x - k.px(4), at.y + size.y - k.px(4)),
                    IM_COL32(255, 255, 255, 120), k.px(4));
        dl->AddText(font, font->FontSize, ImVec2(at.x + (size.x - ts.x) / 2, at.y + (size.y - ts.y) / 2), text_on(fill), text.c_str());
        return;
    }
    const float big = size.y / 2;
    const float r = big * (cents >= 100 ? 0.95f : cents >= 10 ? 0.86f : 0.78f);
    const ImVec2 centre(at.x + size.x / 2, at.y + size.y / 2);
    if (cents >= 100) {  // two-tone: a ring and a centre
        dl->AddCircleFilled(centre, r, cents == 200 ? IM_COL32(215, 175, 60, 255) : IM_COL32(175, 175, 170, 255));
        dl->AddCircleFilled(centre, r * 0.72f, cents == 200 ? IM_COL32(175, 175, 170, 255) : IM_COL32(215, 175, 60, 255));
    } else {
        dl->AddCircleFilled(centre, r, fill);
    }
    dl->AddText(font, font->FontSize, ImVec2(centre.x - ts.x / 2, centre.y - ts.y / 2), text_on(face_background(cents)), text.c_str());
}

void row(Kit& k, CashCount& count, std::int64_t cents, float width, float height) {
    const std::string id = std::to_string(cents);
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float step_w = std::max(height, k.px(kMinTarget));
    const float qty_w = k.px(70);
    const float pic_w = std::max(k.px(60), width - 2 * step_w - qty_w - 3 * spacing);
    const std::int64_t q = count.quantity(cents);
    auto set = [&](std::int64_t v) {
        if (v >= 0 && v <= kMaxPiecesPerDenomination) count.set(cents, v);
    };
    const ImVec2 at = ImGui::GetCursorScreenPos();
    if (touch_button(k, "den:" + id, "", ImVec2(pic_w, height), IM_COL32(0, 0, 0, 0))) set(q + 1);
    picture(k, cents, at, ImVec2(cents >= 500 ? pic_w : std::min(pic_w, height * 1.4f), height));
    ImGui::SameLine();
    if (touch_button(k, "den-:" + id, "−", ImVec2(step_w, height), 0, 0, k.fonts.large)) set(q - 1);
    ImGui::SameLine();
    const std::string qty = std::to_string(q);
    ImGui::PushFont(k.fonts.large);
    const ImVec2 qs = ImGui::CalcTextSize(qty.c_str());
    const ImVec2 cur = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddText(ImVec2(cur.x + (qty_w - qs.x) / 2, cur.y + (height - qs.y) / 2), q > 0 ? kInk : kMuted,
                                        qty.c_str());
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(qty_w, height));
    ImGui::SameLine();
    if (touch_button(k, "den+:" + id, "+", ImVec2(step_w, height), kWhite, kInk, k.fonts.large)) set(q + 1);
}

}  // namespace

void cash_count_pad(Kit& k, CashCount& count, ImVec2 size) {
    const ImGuiStyle& style = ImGui::GetStyle();
    const float col_w = (size.x - style.ItemSpacing.x) / 2;
    // Eight rows (the coins); the notes take seven of them.
    const float h = std::max(k.px(kMinTarget), std::min(k.px(64), (size.y - 7 * style.ItemSpacing.y) / 8));
    ImGui::BeginChild("count_pad", size, false, ImGuiWindowFlags_NoScrollbar);
    ImGui::BeginGroup();
    for (std::int64_t cents : kEuroDenominations)
        if (cents >= 500) row(k, count, cents, col_w, h);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    for (std::int64_t cents : kEuroDenominations)
        if (cents < 500) row(k, count, cents, col_w, h);
    ImGui::EndGroup();
    ImGui::EndChild();
}

}  // namespace caisse::ui
