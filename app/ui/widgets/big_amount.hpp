#pragma once
// Text in a big font and a colour: totals, change due, titles.
#include <string>

#include <imgui.h>

#include "app/ui/widgets/colours.hpp"

namespace caisse::ui {

void big_text(ImFont* font, const std::string& text, ImU32 colour = kInk);

}  // namespace caisse::ui
