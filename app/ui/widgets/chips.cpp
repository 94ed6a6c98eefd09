// A chip: one choice among a few, filled when chosen.
#include "app/ui/widgets/chips.hpp"

#include "app/ui/widgets/colours.hpp"

namespace caisse::ui {

bool chip(Kit& k, const std::string& id, const std::string& label, bool on, ImU32 colour) {
    const ImU32 fill = on ? (colour ? colour : kDark) : 0;
    const ImU32 text = on ? kWhite : colour;
    return touch_button(k, id, label, ImVec2(0, k.px(kChipHeight)), fill, text);
}

}  // namespace caisse::ui
