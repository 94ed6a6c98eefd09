#pragma once
// What every widget draws with: the fonts, the scale, the touch targets of the frame being drawn,
// and which scrolling area a finger is dragging. The screens' state extends it.
#include <string>

#include "app/ui/theme.hpp"
#include "app/ui/till_app.hpp"

namespace caisse::ui {

struct Kit {
    Fonts fonts;
    float scale = 1;
    Targets drawing;         // the targets of the frame being drawn (TillApp swaps them in at its end)
    std::string drag_owner;  // the scrolling area a finger is dragging
    bool inert = false;      // drawing under an overlay: buttons show but take no tap and are no target

    float px(float v) const { return v * scale; }
};

}  // namespace caisse::ui
