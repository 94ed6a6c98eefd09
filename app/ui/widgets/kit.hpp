#pragma once
// What every widget draws with: the fonts, the scale, the touch targets of the frame being drawn,
// and which scrolling area a finger is dragging. The screens' state extends it.
#include <cstddef>
#include <map>
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
    // The button tapped last stays drawn pressed until this time (ImGui::GetTime(), seconds): a
    // quick tap holds the finger down for one frame only, too short to be seen (issue 12 item 9).
    std::string pressed_id;
    double pressed_until = 0;
    // No tap is taken before this time (ImGui::GetTime(), seconds): set when the screen changes, so
    // the second tap of a double tap never lands on whatever the next screen shows there (the new
    // ticket's grid under "next sale", "back to the cart" under "Pay").
    double taps_from = 0;
    std::map<std::string, std::size_t> chip_pages;  // the page each chip row shows
    bool keyboard_shift = false;    // the on-screen keyboard's Maj (capitals) is on
    bool keyboard_accents = false;  // the on-screen keyboard shows its accented letters

    float px(float v) const { return v * scale; }
};

}  // namespace caisse::ui
