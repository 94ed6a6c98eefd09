#pragma once
// The screen printer: a Document laid out as the paper would show it, as lines of UTF-8 text (pictures,
// QR codes and barcodes as labelled placeholders). Used by `screen:` and by the touch screen.
#include <string>
#include <vector>

#include "drivers/document.hpp"

namespace caisse::drivers {

std::vector<std::string> preview_lines(const Document& doc, int columns);

}  // namespace caisse::drivers
