#pragma once
// Pictures for receipts (logos): decoding, scaling to the paper, Floyd–Steinberg dithering; and the
// colour pictures of product tiles (decoding and scaling only).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drivers/bitmap.hpp"
#include "drivers/document.hpp"

namespace caisse::drivers {

// PNG, JPEG, BMP, GIF (first frame) via stb_image; transparency is composed onto white.
// Throws PrinterError(bad_image) naming the file and why it is not a picture.
GreyImage load_image(const std::string& path);
GreyImage decode_image(std::span<const std::uint8_t> bytes, const std::string& name_for_errors);
// A colour picture for the screen (product tiles): 8-bit RGBA, straight (not premultiplied) alpha,
// row-major, top row first; pixels.size() == width * height * 4.
struct RgbaImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;
};
// PNG or JPEG only (the product pictures a catalogue names), at most 4096 pixels a side, read from at
// most max_file_bytes bytes. Throws PrinterError(bad_image) naming the file and why it is not one.
RgbaImage decode_rgba(std::span<const std::uint8_t> bytes, const std::string& name_for_errors);
RgbaImage load_rgba(const std::string& path, std::uintmax_t max_file_bytes);
// Shrinks (area average, weighted by alpha) to fit within max_width x max_height, keeping
// proportions; never enlarges. Throws std::invalid_argument for a box under 1x1 or a bad shape.
RgbaImage fit_rgba(const RgbaImage& image, int max_width, int max_height);
// Shrinks (area average) to at most max_width, keeping proportions; never enlarges.
GreyImage fit_width(const GreyImage& image, int max_width);
// Floyd–Steinberg error diffusion to black and white (threshold at mid-grey).
Bitmap dither_floyd_steinberg(const GreyImage& image);

}  // namespace caisse::drivers
