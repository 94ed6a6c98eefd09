#pragma once
// Fonts and style for a touch till: one scale factor from the monitor, sizes in multiples of the font.
#include <imgui.h>

namespace caisse::ui {

struct Fonts {
    ImFont* body = nullptr;    // labels, lists
    ImFont* bold = nullptr;    // tile names, buttons
    ImFont* large = nullptr;   // prices on tiles, keypad digits
    ImFont* huge = nullptr;    // totals and change due
    ImFont* mono = nullptr;    // receipts shown as the printer lays them out
};

// Loads assets/fonts (DejaVu Sans: Latin, Latin Extended, €) at scale and builds the atlas.
// Throws std::runtime_error naming the file when the font is missing.
Fonts load_fonts(ImGuiIO& io, float scale);
// Touch style: big paddings, rounded tiles, no window chrome; scaled.
void apply_style(float scale);
// The smallest touch target at scale 1, in pixels (about 12 mm on a 100 dpi screen).
inline constexpr float kMinTarget = 48.0f;

}  // namespace caisse::ui
