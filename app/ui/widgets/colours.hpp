#pragma once
// The till's colours: the few fixed ones, an entrepreneur's "#rrggbb", a user's from a palette; and
// the contrast rule every text meets on its background (WCAG 2 AA: 4.5:1, issue 12 item 7).
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

namespace caisse::ui {

inline constexpr ImU32 kGreen = IM_COL32(28, 115, 64, 255);
inline constexpr ImU32 kRed = IM_COL32(160, 36, 28, 255);
inline constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
inline constexpr ImU32 kInk = IM_COL32(30, 30, 30, 255);
inline constexpr ImU32 kMuted = IM_COL32(100, 100, 100, 255);   // a zero or an empty value, still readable
inline constexpr ImU32 kDark = IM_COL32(45, 52, 64, 255);       // the status bar, a chosen chip
inline constexpr ImU32 kDarkButton = IM_COL32(70, 80, 96, 255); // buttons on the status bar
inline constexpr ImU32 kTraining = IM_COL32(255, 196, 36, 255); // the MODE ÉCOLE band: amber, never a money colour
inline constexpr ImU32 kPaleRed = IM_COL32(250, 232, 228, 255); // behind a red cross, a warning
// The theme (apply_style): screen, buttons, overlays.
inline constexpr ImU32 kWindowBg = IM_COL32(245, 242, 237, 255);
inline constexpr ImU32 kButton = IM_COL32(219, 214, 204, 255);
inline constexpr ImU32 kOverlayBg = IM_COL32(235, 232, 226, 255);  // the keypad and approval overlays
inline constexpr ImU32 kModalBg = IM_COL32(250, 248, 244, 255);    // a question
inline constexpr ImU32 kThemeText = IM_COL32(0, 0, 0, 255);       // ImGui's light style text
inline constexpr ImU32 kDim = IM_COL32(0, 0, 0, 90);              // over what a modal blocks

// "#rrggbb" to a colour; anything else gives the fallback.
ImU32 colour_of(const std::string& hex, ImU32 fallback = IM_COL32(120, 120, 120, 255));
// Users have no colour of their own: one from a palette by id, stable between runs.
ImU32 user_colour(std::int64_t id);

// WCAG 2 contrast ratio of two opaque colours, 1 to 21 (relative luminance of sRGB).
double contrast_ratio(ImU32 a, ImU32 b);
inline constexpr double kMinTextContrast = 4.5;  // WCAG 2 AA, normal text
// The text colour for a background of any colour (an entrepreneur's): white or ink, the higher
// contrast of the two.
ImU32 text_on(ImU32 background);
// A button's fill while a finger presses it (and a short moment after: touch_button): darker, and
// never at the cost of the label's contrast (a dark label on a light fill darkens less).
ImU32 pressed_fill(ImU32 fill, ImU32 text);

// Every pair of text and background colours the screens draw with fixed colours, named where it is
// used: the contrast test checks each (and its pressed state for buttons) against kMinTextContrast.
// A screen drawing text in a new pair adds it here.
struct TextPair {
    const char* where;
    ImU32 text, background;
    bool button = false;  // also drawn pressed (pressed_fill)
};
const std::vector<TextPair>& text_pairs();

}  // namespace caisse::ui
