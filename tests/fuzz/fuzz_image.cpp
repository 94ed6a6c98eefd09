// Logos and product pictures come from files the shop picks: any bytes must give a picture or a
// PrinterError, never a crash.
#include <cstddef>
#include <cstdint>
#include <span>

#include "drivers/image.hpp"
#include "drivers/printer_error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace caisse::drivers;
    try {
        const GreyImage image = decode_image(std::span<const std::uint8_t>(data, size), "fuzz.png");
        if (image.width <= 0 || image.height <= 0 ||
            image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height))
            __builtin_trap();
        // Paper widths of 58 and 80 mm printers, and a tiny one to force heavy downscaling.
        for (int width : {384, 576, 7}) {
            const GreyImage fitted = fit_width(image, width);
            if (fitted.width > width || fitted.width > image.width || fitted.height < 1) __builtin_trap();
            const Bitmap bits = dither_floyd_steinberg(fitted);
            if (bits.width != fitted.width || bits.height != fitted.height) __builtin_trap();
        }
    } catch (const PrinterError& e) {
        if (e.code() != PrinterErrorCode::bad_image) __builtin_trap();
    }
    // Product pictures (issue 12 item 8): the same bytes as a tile's colour picture.
    try {
        const RgbaImage image = decode_rgba(std::span<const std::uint8_t>(data, size), "fuzz.png");
        if (image.width <= 0 || image.height <= 0 ||
            image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4)
            __builtin_trap();
        for (int side : {54, 3}) {
            const RgbaImage fitted = fit_rgba(image, side, side);
            if (fitted.width > side || fitted.height > side || fitted.width < 1 || fitted.height < 1) __builtin_trap();
        }
    } catch (const PrinterError& e) {
        if (e.code() != PrinterErrorCode::bad_image) __builtin_trap();
    }
    return 0;
}
