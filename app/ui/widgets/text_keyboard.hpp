#pragma once
// An on-screen keyboard for short French texts (a reason, a note): AZERTY letters, the accented
// ones, digits, space and backspace. Targets "kbd:a", "kbd:space", "kbd:back"...
#include <string>

#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

// Types into `text` (UTF-8, at most `max_bytes`). `width` is the keyboard's width.
void text_keyboard(Kit& k, std::string& text, float width, std::size_t max_bytes = 200);

}  // namespace caisse::ui
