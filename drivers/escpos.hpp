#pragma once
// Document -> ESC/POS bytes for one printer profile.
#include <cstdint>
#include <string>
#include <vector>

#include "drivers/document.hpp"
#include "drivers/profile.hpp"
#include "drivers/utf8.hpp"

namespace caisse::drivers {

class TextRasteriser;

// Encodes a document. Each text line goes out in the first code page of the profile that can show
// all of it; a line no page can show is drawn with `raster` and sent as a raster image (when raster
// is null such characters become a hollow box from the code page, never "?"). Images are dithered
// and banded; QR codes use the printer's native command, the module shrunk (down to 2 dots) until
// the symbol fits the paper. Without GS ( k, or when it cannot fit, a QR's data of at most
// kQrTextFallbackBytes is printed as text and a longer one left out (a receipt's own text).
inline constexpr std::size_t kQrTextFallbackBytes = 64;
std::vector<std::uint8_t> encode_escpos(const Document& doc, const PrinterProfile& profile,
                                        const TextRasteriser* raster);

}  // namespace caisse::drivers
