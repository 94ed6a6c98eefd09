#pragma once
// The digit keypad: 7-8-9 / 4-5-6 / 1-2-3 / extra-0-backspace, each key a touch target "ID:k".
#include <string>

#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

// `extra` is the bottom-left key (',' for amounts, 'C' for PINs). Returns the key pressed, or 0.
char keypad_grid(Kit& k, const std::string& id, float key_w, float key_h, char extra);

}  // namespace caisse::ui
