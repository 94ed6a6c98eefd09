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
// The scale of the whole screen: the monitor's content scale (DPI), and at least what makes the
// layout drawn for 1280x800 fill a bigger window (a 1920x1080 till is read from a step away).
inline float scale_for(int width, int height, float content_scale) {
    float by_size = static_cast<float>(width) / 1280.0f;
    if (static_cast<float>(height) / 800.0f < by_size) by_size = static_cast<float>(height) / 800.0f;
    float scale = content_scale > by_size ? content_scale : by_size;
    return scale < 1.0f ? 1.0f : scale > 3.0f ? 3.0f : scale;
}

// The smallest touch target at scale 1, in pixels (about 12 mm on a 100 dpi screen).
inline constexpr float kMinTarget = 48.0f;

}  // namespace caisse::ui
