#pragma once
// The touch target: a button recorded under a stable id with its rectangle (tests tap it), which
// a finger dragging (scrolling) does not press; and the drag-to-scroll ownership of an area.
#include <string>

#include <imgui.h>

#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

bool touch_button(Kit& k, const std::string& id, const std::string& label, ImVec2 size, ImU32 fill = 0, ImU32 text = 0,
                  ImFont* font = nullptr);
// A button drawn but not pressable (greyed): recorded as no target.
void disabled_button(const std::string& label, ImVec2 size, ImFont* font = nullptr);
// A finger that went down inside the current window (even on one of its buttons) and is dragging:
// the window owns the drag until the finger lifts, wherever it moves meanwhile.
bool dragged_here(Kit& k, const char* id);

}  // namespace caisse::ui
