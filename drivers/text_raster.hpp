#pragma once
// Renders text the printer's code pages cannot show (Arabic, Tamil, Wolof "ŋ", emoji...) into 1-bit
// strips with the till's fonts: HarfBuzz shapes (joining, reordering, right-to-left runs), stb_truetype
// draws the glyphs. A character no font covers is drawn as a box, never as "?".
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/bitmap.hpp"

namespace caisse::drivers {

class TextRasteriser {
public:
    // Fonts are tried in order for each character (a fallback chain). Files that cannot be read are
    // skipped; throws PrinterError(no_font) when none loads.
    explicit TextRasteriser(const std::vector<std::string>& font_files);
    ~TextRasteriser();
    TextRasteriser(const TextRasteriser&) = delete;
    TextRasteriser& operator=(const TextRasteriser&) = delete;

    // The font files of this machine, in fallback order: $CAISSE_FONTS (colon-separated) when set,
    // else DejaVu Sans, Noto Sans Arabic, Noto Sans Tamil, Symbola... where installed.
    static std::vector<std::string> default_font_files();

    // True when some loaded font has a glyph for cp.
    bool covers(char32_t cp) const;
    // Width in dots of the shaped text at this pixel height.
    int measure(std::string_view utf8, int pixel_height, bool bold = false) const;
    // Splits text into lines no wider than width_dots, at spaces when possible, else between
    // characters; never loses a character.
    std::vector<std::string> wrap(std::string_view utf8, int width_dots, int pixel_height, bool bold = false) const;
    // One line of text, left-aligned in a strip width_dots wide and pixel_height tall (clipped on the
    // right if too wide). Bold is drawn by overstriking one dot to the right.
    Bitmap render_line(std::string_view utf8, int width_dots, int pixel_height, bool bold = false) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace caisse::drivers
