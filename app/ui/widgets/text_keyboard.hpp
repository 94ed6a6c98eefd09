#pragma once
// An on-screen keyboard for short French texts (a reason, a note, a name): AZERTY letters, Maj
// (capitals, "kbd:shift"), a second layer of accented letters (é è ê ë à â ä ù û ü î ï ô ö ç œ æ ÿ,
// "kbd:accents"), digits, space and backspace; five rows of keys in both layers. Targets "kbd:a",
// "kbd:é", "kbd:space", "kbd:back"...
#include <string>

#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

// Types into `text` (UTF-8, at most `max_bytes`). `width` is the keyboard's width.
void text_keyboard(Kit& k, std::string& text, float width, std::size_t max_bytes = 200);

}  // namespace caisse::ui
