#pragma once
// The PIN pad of the login and approval screens: the dots, then the digit keypad with C and ←.
#include <string>

#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

// Draws one dot per digit typed (filled) and empty ones up to four, `dots_h` high, then the keypad
// (touch targets "ID:k"); applies the key pressed to `pin`: C clears, ← removes the last digit,
// a digit is added while the PIN has fewer than 8 (the longest PIN app/core/user accepts).
// The dots as text: "● ● ○ ○" for 2 digits typed (one ● per digit, ○ up to four places).
std::string pin_dots(std::size_t typed);
void pin_pad(Kit& k, const std::string& id, std::string& pin, float key_w, float key_h, float dots_h);

}  // namespace caisse::ui
