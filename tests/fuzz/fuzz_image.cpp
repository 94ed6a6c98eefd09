// Logos come from files the shop picks: any bytes must give a picture or a PrinterError, never a crash.
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
    return 0;
}
