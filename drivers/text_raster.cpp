// Placeholder until the implementation lands; replaced in this change set.
#include "drivers/text_raster.hpp"
#include "drivers/printer_error.hpp"
namespace caisse::drivers {
struct TextRasteriser::Impl {};
TextRasteriser::TextRasteriser(const std::vector<std::string>&) { throw PrinterError(PrinterErrorCode::no_font, "raster text not built yet"); }
TextRasteriser::~TextRasteriser() = default;
std::vector<std::string> TextRasteriser::default_font_files() { return {}; }
bool TextRasteriser::covers(char32_t) const { return false; }
int TextRasteriser::measure(std::string_view, int, bool) const { return 0; }
std::vector<std::string> TextRasteriser::wrap(std::string_view, int, int, bool) const { return {}; }
Bitmap TextRasteriser::render_line(std::string_view, int, int, bool) const { return {}; }
}
