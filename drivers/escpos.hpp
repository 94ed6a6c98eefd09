#pragma once
// Document -> ESC/POS bytes for one printer profile.
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/document.hpp"
#include "drivers/profile.hpp"

namespace caisse::drivers {

class TextRasteriser;

// Encodes a document. Each text line goes out in the first code page of the profile that can show
// all of it; a line no page can show is drawn with `raster` and sent as a raster image (when raster
// is null such characters become a hollow box from the code page, never "?"). Images are dithered
// and banded; QR codes use the printer's native command.
std::vector<std::uint8_t> encode_escpos(const Document& doc, const PrinterProfile& profile,
                                        const TextRasteriser* raster);

// Splits UTF-8 text into lines of at most `columns` characters, at spaces when possible; a word
// longer than a line is cut. Counts code points (combining marks count zero).
std::vector<std::string> wrap_columns(const std::string& text, int columns);
// Number of columns text takes (code points, combining marks excluded).
int column_width(const std::string& text);

}  // namespace caisse::drivers
