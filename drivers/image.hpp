#pragma once
// Pictures for receipts (logos): decoding, scaling to the paper, Floyd–Steinberg dithering.
#include <cstdint>
#include <span>
#include <string>

#include "drivers/bitmap.hpp"
#include "drivers/document.hpp"

namespace caisse::drivers {

// PNG, JPEG, BMP, GIF (first frame) via stb_image; transparency is composed onto white.
// Throws PrinterError(bad_image) naming the file and why it is not a picture.
GreyImage load_image(const std::string& path);
GreyImage decode_image(std::span<const std::uint8_t> bytes, const std::string& name_for_errors);
// Shrinks (area average) to at most max_width, keeping proportions; never enlarges.
GreyImage fit_width(const GreyImage& image, int max_width);
// Floyd–Steinberg error diffusion to black and white (threshold at mid-grey).
Bitmap dither_floyd_steinberg(const GreyImage& image);

}  // namespace caisse::drivers
