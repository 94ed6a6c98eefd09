#include "drivers/emoji.hpp"

#include <ft2build.h>
#include FT_FREETYPE_H

#include <algorithm>
#include <cstdlib>

#include "drivers/printer_error.hpp"

namespace caisse::drivers {

struct EmojiFont::Impl {
    FT_Library library = nullptr;
    FT_Face face = nullptr;
    std::string path;
    ~Impl() {
        if (face) FT_Done_Face(face);
        if (library) FT_Done_FreeType(library);
    }
};

namespace {

[[noreturn]] void fail(const std::string& what) { throw PrinterError(PrinterErrorCode::bad_image, what); }

}  // namespace

char32_t first_code_point(std::string_view t) {
    if (t.empty()) return 0;
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(t[i]); };
    const unsigned c0 = b(0);
    std::size_t n = 0;
    char32_t cp = 0;
    if (c0 < 0x80) return c0;
    if ((c0 & 0xE0) == 0xC0) n = 2, cp = c0 & 0x1F;
    else if ((c0 & 0xF0) == 0xE0) n = 3, cp = c0 & 0x0F;
    else if ((c0 & 0xF8) == 0xF0) n = 4, cp = c0 & 0x07;
    else return 0;
    if (t.size() < n) return 0;
    for (std::size_t i = 1; i < n; ++i) {
        if ((b(i) & 0xC0) != 0x80) return 0;
        cp = (cp << 6) | (b(i) & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    return cp;
}

EmojiFont::EmojiFont(const std::string& path) : impl_(std::make_unique<Impl>()) {
    impl_->path = path;
    if (FT_Init_FreeType(&impl_->library) != 0) fail("FreeType cannot start");
    if (FT_New_Face(impl_->library, path.c_str(), 0, &impl_->face) != 0) fail(path + ": cannot be opened as a font");
    if (!FT_HAS_COLOR(impl_->face)) fail(path + ": not a colour font");
    // A bitmap font (CBDT) has fixed strikes: take the biggest, the pictures are only made smaller.
    if (impl_->face->num_fixed_sizes > 0) {
        int best = 0;
        for (int i = 1; i < impl_->face->num_fixed_sizes; ++i)
            if (impl_->face->available_sizes[i].height > impl_->face->available_sizes[best].height) best = i;
        if (FT_Select_Size(impl_->face, best) != 0) fail(path + ": its size cannot be chosen");
    } else if (FT_Set_Pixel_Sizes(impl_->face, 0, 128) != 0) {
        fail(path + ": its size cannot be chosen");
    }
}

EmojiFont::~EmojiFont() = default;

RgbaImage EmojiFont::render(std::string_view emoji, int max_side) {
    const char32_t cp = first_code_point(emoji);
    if (cp == 0) fail("pictogram: not UTF-8 text");
    FT_Face face = impl_->face;
    const FT_UInt index = FT_Get_Char_Index(face, cp);
    if (index == 0) fail("pictogram: " + std::string(emoji) + " is not in " + impl_->path);
    if (FT_Load_Glyph(face, index, FT_LOAD_COLOR | FT_LOAD_RENDER) != 0) fail("pictogram: " + std::string(emoji) + " cannot be drawn");
    const FT_Bitmap& bm = face->glyph->bitmap;
    if (bm.width == 0 || bm.rows == 0) fail("pictogram: " + std::string(emoji) + " draws nothing");
    RgbaImage out;
    out.width = static_cast<int>(bm.width);
    out.height = static_cast<int>(bm.rows);
    out.pixels.resize(static_cast<std::size_t>(bm.width) * bm.rows * 4);
    for (unsigned y = 0; y < bm.rows; ++y) {
        const unsigned char* row = bm.buffer + static_cast<std::ptrdiff_t>(y) * bm.pitch;
        for (unsigned x = 0; x < bm.width; ++x) {
            std::uint8_t* dst = out.pixels.data() + (static_cast<std::size_t>(y) * bm.width + x) * 4;
            if (bm.pixel_mode == FT_PIXEL_MODE_BGRA) {
                // Premultiplied BGRA -> straight RGBA.
                const unsigned b = row[4 * x], g = row[4 * x + 1], r = row[4 * x + 2], a = row[4 * x + 3];
                const auto straight = [a](unsigned c) { return static_cast<std::uint8_t>(a == 0 ? 0 : std::min(255u, (c * 255u + a / 2) / a)); };
                dst[0] = straight(r);
                dst[1] = straight(g);
                dst[2] = straight(b);
                dst[3] = static_cast<std::uint8_t>(a);
            } else if (bm.pixel_mode == FT_PIXEL_MODE_GRAY) {  // an outline font without colour for it: dark ink
                dst[0] = dst[1] = dst[2] = 0x40;
                dst[3] = row[x];
            } else {
                fail("pictogram: " + std::string(emoji) + " has an unknown bitmap format");
            }
        }
    }
    return fit_rgba(out, max_side, max_side);
}

}  // namespace caisse::drivers
