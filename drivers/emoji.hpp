#pragma once
// Colour pictograms (issue 12 item 8): one emoji drawn from a colour emoji font such as Noto Color
// Emoji (Debian's fonts-noto-color-emoji). Its glyphs are fixed-size colour bitmaps (CBDT, one strike
// of 109 px) that Dear ImGui 1.86's FreeType builder cannot size (ocornut/imgui#6302), so FreeType
// draws them here: FT_Select_Size to the strike, FT_LOAD_COLOR for the BGRA bitmap, then the
// bitmap is scaled down like any picture (drivers/image fit_rgba).
#include <memory>
#include <string>
#include <string_view>

#include "drivers/image.hpp"

namespace caisse::drivers {

class EmojiFont {
public:
    // Opens the font file. Throws PrinterError(bad_image) when FreeType cannot open it or it has no
    // colour glyphs. Not thread-safe: one thread uses one EmojiFont.
    explicit EmojiFont(const std::string& path);
    ~EmojiFont();
    EmojiFont(const EmojiFont&) = delete;
    EmojiFont& operator=(const EmojiFont&) = delete;

    // The first code point of `emoji` (UTF-8; a variation selector or anything after it is
    // ignored) as a colour picture fitting max_side x max_side pixels (straight alpha). Throws
    // PrinterError(bad_image) when the font has no glyph for it or the text is not UTF-8.
    RgbaImage render(std::string_view emoji, int max_side);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

// The first code point of UTF-8 text, or 0 when it is empty or not UTF-8.
char32_t first_code_point(std::string_view text);

}  // namespace caisse::drivers
