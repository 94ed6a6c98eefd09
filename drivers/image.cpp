// Placeholder until the implementation lands; replaced in this change set.
#include "drivers/image.hpp"
#include "drivers/printer_error.hpp"
namespace caisse::drivers {
GreyImage load_image(const std::string& path) { throw PrinterError(PrinterErrorCode::bad_image, path); }
GreyImage decode_image(std::span<const std::uint8_t>, const std::string& n) { throw PrinterError(PrinterErrorCode::bad_image, n); }
GreyImage fit_width(const GreyImage& image, int) { return image; }
Bitmap dither_floyd_steinberg(const GreyImage& image) { return Bitmap(image.width, image.height); }
}
