#pragma once
// The screen printer: a Document laid out as the paper would show it, as lines of UTF-8 text (pictures,
// QR codes and barcodes as labelled placeholders). Used by `screen:` and by the touch screen.
#include <optional>
#include <string>
#include <vector>

#include "drivers/document.hpp"

namespace caisse::drivers {

// The Document on `columns` columns of monospace text, one string a line. A QR code is "[QR data]"
// when that fits the width, else "[QR]" (the screen draws the real symbol: preview_items).
std::vector<std::string> preview_lines(const Document& doc, int columns);

// The same, for a screen that draws QR codes: each item is a line of text, or (qr set, line empty)
// a QR code to draw where it stands on the paper.
struct PreviewItem {
    std::string line;
    std::optional<QrBlock> qr;
};
std::vector<PreviewItem> preview_items(const Document& doc, int columns);

}  // namespace caisse::drivers
