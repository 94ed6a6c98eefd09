#pragma once
// The touch target: a button recorded under a stable id with its rectangle (tests tap it), which
// a finger dragging (scrolling) does not press; and the drag-to-scroll ownership of an area.
#include <string>

#include <imgui.h>

#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

// Drawn pressed (pressed_fill) while the finger is down and for kPressedSeconds after a tap; never
// hovered (touch screens have no hover: the hovered colour is the fill).
bool touch_button(Kit& k, const std::string& id, const std::string& label, ImVec2 size, ImU32 fill = 0, ImU32 text = 0,
                  ImFont* font = nullptr);
inline constexpr double kPressedSeconds = 0.15;
// How long a new screen takes no tap (Kit::taps_from): longer than a double tap's second tap,
// shorter than anyone reads a screen and reaches for it.
inline constexpr double kSettleSeconds = 0.3;
// Still showing a tap's pressed state: the window keeps drawing frames until it ends.
bool showing_press(const Kit& k);
// A button drawn but not pressable (greyed): recorded as no target.
void disabled_button(const std::string& label, ImVec2 size, ImFont* font = nullptr);
// Touch screens reach GLFW 3.3 as an emulated mouse: when a finger lifts, the pointer stays where it
// was and Dear ImGui 1.86 (no mouse-source events) goes on hovering whatever is under it. Applied to
// the input before ImGui::NewFrame: the frame after a release, a pointer that has not moved since
// is taken off screen, so nothing stays hovered; a real mouse moving brings it back at once.
class LiftedPointer {
public:
    void apply(ImGuiIO& io);

private:
    bool down_ = false;    // the button was down last frame
    bool lifted_ = false;  // released, and the pointer has not moved since
    ImVec2 at_{};          // where it was released
};

// A finger that went down inside the current window (even on one of its buttons) and is dragging:
// the window owns the drag until the finger lifts, wherever it moves meanwhile.
bool dragged_here(Kit& k, const char* id);

}  // namespace caisse::ui
