#include "drivers/text_raster.hpp"

#include <hb.h>
#include <stb_truetype.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <mutex>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "drivers/printer_error.hpp"

// How a line is drawn:
//  1. UTF-8 is decoded (an invalid byte becomes U+FFFD); control characters are dropped (a tab, a line
//     or paragraph separator counts as a space).
//  2. Each code point gets a script (Common and Inherited ones take their neighbours') and a bidi level
//     from a reduced Unicode bidi algorithm with a left-to-right paragraph: Arabic or Hebrew words are
//     level 1, numbers inside them level 2, the rest level 0. No explicit embeddings, no brackets.
//  3. Each code point gets a font: the first font of the chain that has it; when a script run would be
//     split between fonts, the first font that has all of its letters takes the whole run (so an Arabic
//     word keeps joining); spaces, punctuation and combining marks join the run around them when that
//     run's font has them. A code point no font has is drawn as a hollow box.
//  4. Runs (same font, script and level) are put in visual order (rule L2 of the bidi algorithm), shaped
//     by HarfBuzz (which returns an RTL run in visual order) and drawn glyph by glyph with stb_truetype,
//     coverage thresholded at 50%.
// All fonts are drawn at the same em size, the one at which the first font's ascent + descent equals the
// strip height, on one baseline: the first font's ascent, moved up or down when that keeps the ink of
// this line inside the strip (Tamil and Arabic reach lower than Latin).
//
// Positions are kept in 1/64 dot from font units with integer arithmetic; only stb_truetype's scale is
// a float. Rasterised glyphs are cached per (font, glyph, size) behind a mutex, so const methods may be
// called from several threads; font data and HarfBuzz faces and fonts are built once, in the constructor.

namespace caisse::drivers {
namespace {

constexpr int kMaxPixelHeight = 1024;
constexpr std::size_t kMaxFontFileBytes = 64u << 20;
constexpr std::size_t kMaxCacheBytes = 8u << 20;  // rasterised glyphs kept (about 40,000 at 24 dots)
constexpr std::uint32_t kBoxFont = 0xFFFF;  // cache slot of the "no font has it" box

// ---- UTF-8 ------------------------------------------------------------------------------------------

// Decodes one code point at s[pos] (pos < s.size()); returns its length in bytes (>= 1). An invalid or
// truncated sequence yields U+FFFD and a length of 1, so that decoding never skips a valid character.
std::size_t decode_utf8(std::string_view s, std::size_t pos, char32_t& cp) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    const unsigned char b0 = byte(pos);
    if (b0 < 0x80) {
        cp = b0;
        return 1;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    char32_t value = 0;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
        len = 2;
        value = b0 & 0x1Fu;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
        len = 3;
        value = b0 & 0x0Fu;
        if (b0 == 0xE0) lo = 0xA0;  // overlong
        if (b0 == 0xED) hi = 0x9F;  // surrogates
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
        len = 4;
        value = b0 & 0x07u;
        if (b0 == 0xF0) lo = 0x90;  // overlong
        if (b0 == 0xF4) hi = 0x8F;  // above U+10FFFF
    } else {
        cp = 0xFFFD;
        return 1;
    }
    if (pos + len > s.size()) {
        cp = 0xFFFD;
        return 1;
    }
    for (std::size_t i = 1; i < len; ++i) {
        const unsigned char b = byte(pos + i);
        const unsigned char min = i == 1 ? lo : 0x80, max = i == 1 ? hi : 0xBF;
        if (b < min || b > max) {
            cp = 0xFFFD;
            return 1;
        }
        value = (value << 6) | (b & 0x3Fu);
    }
    cp = value;
    return len;
}

// ---- Unicode properties -----------------------------------------------------------------------------

hb_unicode_funcs_t* ufuncs() {
    static hb_unicode_funcs_t* const funcs = hb_unicode_funcs_get_default();
    return funcs;
}

bool is_mark(hb_unicode_general_category_t gc) {
    return gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK || gc == HB_UNICODE_GENERAL_CATEGORY_SPACING_MARK ||
           gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK;
}

// Default_Ignorable_Code_Point (DerivedCoreProperties.txt): never drawn, never boxed; HarfBuzz hides them.
bool is_default_ignorable(char32_t c) {
    return c == 0x00AD || c == 0x034F || c == 0x061C || (c >= 0x115F && c <= 0x1160) || (c >= 0x17B4 && c <= 0x17B5) ||
           (c >= 0x180B && c <= 0x180F) || (c >= 0x200B && c <= 0x200F) || (c >= 0x202A && c <= 0x202E) ||
           (c >= 0x2060 && c <= 0x206F) || c == 0x3164 || (c >= 0xFE00 && c <= 0xFE0F) || c == 0xFEFF || c == 0xFFA0 ||
           (c >= 0xFFF0 && c <= 0xFFF8) || (c >= 0x1BCA0 && c <= 0x1BCA3) || (c >= 0x1D173 && c <= 0x1D17A) ||
           (c >= 0xE0000 && c <= 0xE0FFF);
}

bool is_control(char32_t c) { return c < 0x20 || (c >= 0x7F && c < 0xA0); }

// True when c continues the grapheme before it (wrap never cuts there): combining marks, joiners,
// variation selectors, emoji modifiers.
bool extends_grapheme(char32_t c) {
    return is_mark(hb_unicode_general_category(ufuncs(), c)) || is_default_ignorable(c) || (c >= 0x1F3FB && c <= 0x1F3FF);
}

bool real_script(hb_script_t s) {
    return s != HB_SCRIPT_COMMON && s != HB_SCRIPT_INHERITED && s != HB_SCRIPT_UNKNOWN && s != HB_SCRIPT_INVALID;
}

// ---- Reduced bidi algorithm (UAX #9, left-to-right paragraph, no explicit formatting) -------------------

enum class Bidi : std::uint8_t { L, R, AL, EN, AN, ES, CS, ET, NSM, WS, ON };

Bidi bidi_class(char32_t c, hb_unicode_general_category_t gc, hb_script_t script) {
    if (gc == HB_UNICODE_GENERAL_CATEGORY_NON_SPACING_MARK || gc == HB_UNICODE_GENERAL_CATEGORY_ENCLOSING_MARK)
        return Bidi::NSM;
    if ((c >= 0x0660 && c <= 0x0669) || c == 0x066B || c == 0x066C) return Bidi::AN;
    if (gc == HB_UNICODE_GENERAL_CATEGORY_DECIMAL_NUMBER) return Bidi::EN;
    if (gc == HB_UNICODE_GENERAL_CATEGORY_SPACE_SEPARATOR) return c == 0x00A0 || c == 0x202F ? Bidi::CS : Bidi::WS;
    if (c == '+' || c == '-' || c == 0x2212) return Bidi::ES;
    if (c == ',' || c == '.' || c == ':' || c == '/' || c == 0x060C) return Bidi::CS;
    if (gc == HB_UNICODE_GENERAL_CATEGORY_CURRENCY_SYMBOL || c == '#' || c == '%' || c == 0x00B0 || c == 0x2030 ||
        c == 0x066A)
        return Bidi::ET;
    if (script == HB_SCRIPT_ARABIC || script == HB_SCRIPT_SYRIAC || script == HB_SCRIPT_THAANA) return Bidi::AL;
    if (real_script(script))
        return hb_script_get_horizontal_direction(script) == HB_DIRECTION_RTL ? Bidi::R : Bidi::L;
    if (script == HB_SCRIPT_UNKNOWN) return Bidi::L;  // private use, unassigned
    return Bidi::ON;
}

// Resolves the embedding level of each character (0 = left to right, 1 = right to left, 2 = a number
// inside right-to-left text).
void resolve_levels(std::vector<Bidi>& t, std::vector<std::uint8_t>& level) {
    const std::size_t n = t.size();
    Bidi prev = Bidi::L;  // sos
    for (auto& c : t) {  // W1
        if (c == Bidi::NSM) c = prev;
        prev = c;
    }
    Bidi strong = Bidi::L;
    for (auto& c : t) {  // W2, W3
        if (c == Bidi::L || c == Bidi::R || c == Bidi::AL) strong = c;
        if (c == Bidi::EN && strong == Bidi::AL) c = Bidi::AN;
        if (c == Bidi::AL) c = Bidi::R;
    }
    for (std::size_t i = 1; i + 1 < n; ++i) {  // W4
        if (t[i] == Bidi::ES && t[i - 1] == Bidi::EN && t[i + 1] == Bidi::EN) t[i] = Bidi::EN;
        if (t[i] == Bidi::CS && (t[i - 1] == Bidi::EN || t[i - 1] == Bidi::AN) && t[i + 1] == t[i - 1]) t[i] = t[i - 1];
    }
    for (std::size_t i = 0; i < n;) {  // W5
        if (t[i] != Bidi::ET) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && t[j] == Bidi::ET) ++j;
        if ((i > 0 && t[i - 1] == Bidi::EN) || (j < n && t[j] == Bidi::EN))
            for (std::size_t k = i; k < j; ++k) t[k] = Bidi::EN;
        i = j;
    }
    for (auto& c : t)  // W6
        if (c == Bidi::ES || c == Bidi::CS || c == Bidi::ET) c = Bidi::ON;
    strong = Bidi::L;
    for (auto& c : t) {  // W7
        if (c == Bidi::L || c == Bidi::R) strong = c;
        if (c == Bidi::EN && strong == Bidi::L) c = Bidi::L;
    }
    const auto dir = [](Bidi c) { return c == Bidi::L ? Bidi::L : Bidi::R; };  // numbers count as R in N1
    for (std::size_t i = 0; i < n;) {  // N1, N2
        if (t[i] != Bidi::WS && t[i] != Bidi::ON) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < n && (t[j] == Bidi::WS || t[j] == Bidi::ON)) ++j;
        const Bidi before = i > 0 ? dir(t[i - 1]) : Bidi::L, after = j < n ? dir(t[j]) : Bidi::L;
        const Bidi resolved = before == after ? before : Bidi::L;
        for (std::size_t k = i; k < j; ++k) t[k] = resolved;
        i = j;
    }
    level.resize(n);
    for (std::size_t i = 0; i < n; ++i)  // I1
        level[i] = t[i] == Bidi::L ? 0 : t[i] == Bidi::R ? 1 : 2;
}

// ---- Fonts and glyphs -------------------------------------------------------------------------------

struct Font {
    std::string path;
    std::vector<unsigned char> data;
    stbtt_fontinfo info{};
    hb_blob_t* blob = nullptr;
    hb_face_t* face = nullptr;
    hb_font_t* font = nullptr;
    int upem = 0, ascent = 0, descent = 0;

    Font() = default;
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;
    ~Font() {
        hb_font_destroy(font);
        hb_face_destroy(face);
        hb_blob_destroy(blob);
    }
    bool has(char32_t cp) const { return stbtt_FindGlyphIndex(&info, static_cast<int>(cp)) != 0; }
};

std::unique_ptr<Font> load_font(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return nullptr;
    in.seekg(0, std::ios::end);
    const auto size = static_cast<std::streamoff>(in.tellg());
    if (size <= 12 || static_cast<std::uintmax_t>(size) > kMaxFontFileBytes) return nullptr;
    in.seekg(0);
    auto f = std::make_unique<Font>();
    f->path = path;
    f->data.resize(static_cast<std::size_t>(size));
    if (!in.read(reinterpret_cast<char*>(f->data.data()), size)) return nullptr;
    const int offset = stbtt_GetFontOffsetForIndex(f->data.data(), 0);
    if (offset < 0 || !stbtt_InitFont(&f->info, f->data.data(), offset)) return nullptr;
    f->blob = hb_blob_create(reinterpret_cast<const char*>(f->data.data()), static_cast<unsigned>(f->data.size()),
                             HB_MEMORY_MODE_READONLY, nullptr, nullptr);
    f->face = hb_face_create(f->blob, 0);
    f->upem = static_cast<int>(hb_face_get_upem(f->face));
    if (f->upem <= 0 || hb_face_get_glyph_count(f->face) == 0) return nullptr;
    hb_face_make_immutable(f->face);
    f->font = hb_font_create(f->face);
    hb_font_set_scale(f->font, f->upem, f->upem);  // positions come back in font units
    hb_font_make_immutable(f->font);
    int line_gap = 0;
    stbtt_GetFontVMetrics(&f->info, &f->ascent, &f->descent, &line_gap);
    if (f->ascent - f->descent <= 0) {
        f->ascent = f->upem * 4 / 5;
        f->descent = -(f->upem / 5);
    }
    return f;
}

// A glyph thresholded to 1 bit; (x0, y0) is its top-left corner relative to the pen on the baseline.
struct Glyph {
    int x0 = 0, y0 = 0;
    Bitmap bits;
};

struct PlacedGlyph {
    std::shared_ptr<const Glyph> glyph;
    int x = 0, y = 0;  // pen position in dots, y downwards from the baseline
};

struct Layout {
    std::vector<PlacedGlyph> glyphs;
    int width = 0;               // dots, including bold's extra dot
    int above = 0, below = 0;    // ink above and below the baseline
};

// Rounded a * b / c for c > 0.
std::int64_t mul_div_round(std::int64_t a, std::int64_t b, std::int64_t c) {
    const std::int64_t p = a * b;
    return p >= 0 ? (p + c / 2) / c : -((-p + c / 2) / c);
}

// 26.6 -> whole dots, rounding half up.
int round64(std::int64_t v) { return static_cast<int>((v + 32) >> 6); }

}  // namespace

struct TextRasteriser::Impl {
    std::vector<std::unique_ptr<Font>> fonts;

    mutable std::mutex cache_mutex;
    mutable std::unordered_map<std::uint64_t, std::shared_ptr<const Glyph>> cache;
    mutable std::size_t cache_bytes = 0;

    // The em size in 1/64 dot of all fonts at this strip height, and the default baseline.
    int em64(int pixel_height) const {
        const Font& f = *fonts.front();
        return static_cast<int>(mul_div_round(pixel_height, std::int64_t{64} * f.upem, f.ascent - f.descent));
    }
    int default_baseline(int em) const {
        const Font& f = *fonts.front();
        return round64(mul_div_round(f.ascent, em, f.upem));
    }
    int first_font_with(char32_t cp) const {
        for (std::size_t i = 0; i < fonts.size(); ++i)
            if (fonts[i]->has(cp)) return static_cast<int>(i);
        return -1;
    }

    std::shared_ptr<const Glyph> glyph(std::uint32_t font_slot, std::uint32_t glyph_id, int em, int pixel_height) const;
    std::shared_ptr<const Glyph> render_glyph(std::uint32_t font_slot, std::uint32_t glyph_id, int em,
                                              int pixel_height) const;
    Layout layout(std::string_view utf8, int pixel_height, bool bold) const;
};

std::shared_ptr<const Glyph> TextRasteriser::Impl::glyph(std::uint32_t font_slot, std::uint32_t glyph_id, int em,
                                                         int pixel_height) const {
    const std::uint64_t key = (std::uint64_t{font_slot} << 48) | (std::uint64_t{glyph_id & 0xFFFFu} << 32) |
                              static_cast<std::uint32_t>(em);
    {
        std::lock_guard lock(cache_mutex);
        if (const auto it = cache.find(key); it != cache.end()) return it->second;
    }
    auto g = render_glyph(font_slot, glyph_id, em, pixel_height);  // outside the lock
    const std::size_t bytes = g->bits.bits.size() + sizeof(Glyph) + 64;
    std::lock_guard lock(cache_mutex);
    if (cache_bytes + bytes > kMaxCacheBytes) {  // glyphs in use stay alive through their shared_ptr
        cache.clear();
        cache_bytes = 0;
    }
    const auto [it, inserted] = cache.emplace(key, std::move(g));
    if (inserted) cache_bytes += bytes;
    return it->second;
}

std::shared_ptr<const Glyph> TextRasteriser::Impl::render_glyph(std::uint32_t font_slot, std::uint32_t glyph_id,
                                                                int em, int pixel_height) const {
    auto g = std::make_shared<Glyph>();
    if (font_slot == kBoxFont) {
        // A hollow box about half the strip height wide, standing on the baseline, one dot of space each side.
        const int advance = std::max(4, pixel_height / 2);
        const int w = advance - 2, h = std::max(3, round64(std::int64_t{em} * 7 / 10));
        const int t = std::max(1, pixel_height / 16);
        g->x0 = 1;
        g->y0 = -h;
        g->bits = Bitmap(w, h);
        for (int y = 0; y < h; ++y)
            for (int x = 0; x < w; ++x)
                if (x < t || y < t || x >= w - t || y >= h - t) g->bits.set(x, y);
        return g;
    }
    const Font& f = *fonts[font_slot];
    const int id = static_cast<int>(glyph_id);
    const float scale = stbtt_ScaleForMappingEmToPixels(&f.info, static_cast<float>(em) / 64.0f);
    int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    stbtt_GetGlyphBitmapBox(&f.info, id, scale, scale, &x0, &y0, &x1, &y1);
    const int w = x1 - x0, h = y1 - y0;
    // A sane glyph fits in a few ems; anything bigger is a broken font and is not drawn.
    const int limit = 8 * std::max(pixel_height, em / 64) + 16;
    if (w <= 0 || h <= 0 || w > limit || h > limit) return g;
    std::vector<unsigned char> coverage(static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
    stbtt_MakeGlyphBitmap(&f.info, coverage.data(), w, h, w, scale, scale, id);
    g->x0 = x0;
    g->y0 = y0;
    g->bits = Bitmap(w, h);
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            if (coverage[static_cast<std::size_t>(y * w + x)] >= 128) g->bits.set(x, y);
    return g;
}

Layout TextRasteriser::Impl::layout(std::string_view utf8, int pixel_height, bool bold) const {
    if (pixel_height < 1 || pixel_height > kMaxPixelHeight)
        throw std::invalid_argument("TextRasteriser: pixel height out of range 1.." + std::to_string(kMaxPixelHeight));
    Layout out;

    // 1. Code points, without control characters.
    std::vector<hb_codepoint_t> cps;
    cps.reserve(utf8.size());
    for (std::size_t pos = 0; pos < utf8.size();) {
        char32_t cp = 0;
        pos += decode_utf8(utf8, pos, cp);
        if (cp == '\t' || cp == 0x2028 || cp == 0x2029) cp = ' ';
        if (is_control(cp)) continue;
        cps.push_back(cp);
    }
    const std::size_t n = cps.size();
    if (n == 0) return out;

    // 2. Scripts (Common and Inherited take the script before them, or after them at the start) and levels.
    std::vector<hb_script_t> script(n), own_script(n);
    std::vector<Bidi> bidi(n);
    std::vector<std::uint8_t> ignorable(n);
    hb_script_t last = HB_SCRIPT_COMMON;
    std::size_t first_real = n;
    for (std::size_t i = 0; i < n; ++i) {
        const auto gc = hb_unicode_general_category(ufuncs(), cps[i]);
        own_script[i] = hb_unicode_script(ufuncs(), cps[i]);
        bidi[i] = bidi_class(cps[i], gc, own_script[i]);
        ignorable[i] = is_default_ignorable(cps[i]);
        if (real_script(own_script[i])) {
            last = own_script[i];
            if (first_real == n) first_real = i;
        }
        script[i] = last;
    }
    for (std::size_t i = 0; i < first_real && first_real < n; ++i) script[i] = script[first_real];
    std::vector<std::uint8_t> level;
    resolve_levels(bidi, level);
    for (std::size_t i = n; i-- > 0 && (cps[i] == ' ' || ignorable[i]);) level[i] = 0;  // L1: trailing spaces

    // 3. Fonts: -1 = box, -2 = not drawn (an ignorable with nothing to join).
    std::vector<int> font(n, -2);
    for (std::size_t i = 0; i < n; ++i)
        if (!ignorable[i] && (real_script(own_script[i]) || own_script[i] == HB_SCRIPT_UNKNOWN))
            font[i] = first_font_with(cps[i]);
    for (std::size_t i = 0; i < n;) {  // one font for a whole script run when the first choice splits it
        std::size_t j = i;
        int only = -3;
        bool split = false;
        while (j < n && script[j] == script[i]) {
            if (real_script(own_script[j]) && font[j] >= 0) {  // letters of the script, not digits or marks
                if (only != -3 && only != font[j]) split = true;
                only = font[j];
            }
            ++j;
        }
        if (split) {
            for (std::size_t f = 0; f < fonts.size(); ++f) {
                bool all = true;
                for (std::size_t k = i; k < j && all; ++k)
                    if (real_script(own_script[k]) && font[k] >= 0 && !fonts[f]->has(cps[k])) all = false;
                if (!all) continue;
                for (std::size_t k = i; k < j; ++k)
                    if (real_script(own_script[k]) && font[k] >= 0) font[k] = static_cast<int>(f);
                break;
            }
        }
        i = j;
    }
    std::vector<int> next_font(n + 1, -1);  // font of the next character that has one
    for (std::size_t i = n; i-- > 0;) next_font[i] = font[i] >= 0 ? font[i] : next_font[i + 1];
    int prev_font = -1;
    for (std::size_t i = 0; i < n; ++i) {
        if (font[i] == -2 && !ignorable[i]) {  // space, punctuation, digit, symbol, combining mark
            if (prev_font >= 0 && fonts[static_cast<std::size_t>(prev_font)]->has(cps[i]))
                font[i] = prev_font;
            else if (next_font[i + 1] >= 0 && fonts[static_cast<std::size_t>(next_font[i + 1])]->has(cps[i]))
                font[i] = next_font[i + 1];
            else
                font[i] = first_font_with(cps[i]);
        }
        if (font[i] != -2) prev_font = font[i];
    }
    // Ignorables (joiners, variation selectors) ride along with the run before them, else the one after.
    for (std::size_t i = 0; i < n; ++i)
        if (ignorable[i] && i > 0 && font[i - 1] != -2) {
            font[i] = font[i - 1];
            level[i] = level[i - 1];
            script[i] = script[i - 1];
        }
    for (std::size_t i = n; i-- > 0;)
        if (ignorable[i] && font[i] == -2 && i + 1 < n && font[i + 1] != -2) {
            font[i] = font[i + 1];
            level[i] = level[i + 1];
            script[i] = script[i + 1];
        }

    // 4. Runs, in visual order.
    struct Run {
        std::size_t start, length;
        int font;
        std::uint8_t level;
        hb_script_t script;
    };
    std::vector<Run> runs;
    for (std::size_t i = 0; i < n;) {
        if (font[i] == -2) {
            ++i;
            continue;
        }
        // Numbers inside right-to-left text are shaped on their own, left to right; so are digits or
        // punctuation before the first Arabic letter of a line (the script would want right to left).
        const hb_direction_t dir = level[i] % 2 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR;
        const hb_script_t s = level[i] == 2 || hb_script_get_horizontal_direction(script[i]) != dir ? HB_SCRIPT_COMMON
                                                                                                   : script[i];
        std::size_t j = i + 1;
        while (j < n && font[j] == font[i] && level[j] == level[i] && (level[j] == 2 || script[j] == script[i])) ++j;
        runs.push_back(Run{i, j - i, font[i], level[i], s});
        i = j;
    }
    std::uint8_t max_level = 0;
    for (const auto& r : runs) max_level = std::max(max_level, r.level);
    for (std::uint8_t k = max_level; k >= 1; --k) {  // L2
        for (std::size_t i = 0; i < runs.size();) {
            if (runs[i].level < k) {
                ++i;
                continue;
            }
            std::size_t j = i;
            while (j < runs.size() && runs[j].level >= k) ++j;
            std::reverse(runs.begin() + static_cast<std::ptrdiff_t>(i), runs.begin() + static_cast<std::ptrdiff_t>(j));
            i = j;
        }
    }

    // 5. Shape and place.
    const int em = em64(pixel_height);
    std::int64_t pen = 0;  // 1/64 dot
    int ink_right = 0;
    bool any_ink = false;
    out.above = out.below = 0;
    const auto place = [&](std::shared_ptr<const Glyph> g, int x, int y) {
        if (g->bits.width > 0 && g->bits.height > 0) {
            ink_right = std::max(ink_right, x + g->x0 + g->bits.width);
            out.above = std::max(out.above, -(y + g->y0));
            out.below = std::max(out.below, y + g->y0 + g->bits.height);
            any_ink = true;
        }
        out.glyphs.push_back(PlacedGlyph{std::move(g), x, y});
    };
    hb_buffer_t* buf = hb_buffer_create();
    struct BufferGuard {
        hb_buffer_t* b;
        ~BufferGuard() { hb_buffer_destroy(b); }
    } guard{buf};
    for (const auto& run : runs) {
        if (run.font < 0) {  // boxes
            const auto box = glyph(kBoxFont, 0, em, pixel_height);
            const int advance = std::max(4, pixel_height / 2);
            for (std::size_t k = 0; k < run.length; ++k) {
                if (ignorable[run.start + k]) continue;
                place(box, round64(pen), 0);
                pen += std::int64_t{advance} * 64;
            }
            continue;
        }
        const Font& f = *fonts[static_cast<std::size_t>(run.font)];
        hb_buffer_clear_contents(buf);
        hb_buffer_set_direction(buf, run.level % 2 ? HB_DIRECTION_RTL : HB_DIRECTION_LTR);
        hb_buffer_set_script(buf, run.script);
        unsigned flags = HB_BUFFER_FLAG_REMOVE_DEFAULT_IGNORABLES;
        if (run.start == 0) flags |= HB_BUFFER_FLAG_BOT;
        if (run.start + run.length == n) flags |= HB_BUFFER_FLAG_EOT;
        hb_buffer_set_flags(buf, static_cast<hb_buffer_flags_t>(flags));
        hb_buffer_add_codepoints(buf, cps.data(), static_cast<int>(n), static_cast<unsigned>(run.start),
                                 static_cast<int>(run.length));
        hb_buffer_guess_segment_properties(buf);
        hb_shape(f.font, buf, nullptr, 0);
        unsigned count = 0;
        const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &count);
        const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, &count);
        for (unsigned k = 0; k < count; ++k) {
            const std::int64_t dx = mul_div_round(pos[k].x_offset, em, f.upem);
            const std::int64_t dy = mul_div_round(pos[k].y_offset, em, f.upem);
            place(glyph(static_cast<std::uint32_t>(run.font), info[k].codepoint, em, pixel_height), round64(pen + dx),
                  -round64(dy));
            pen += mul_div_round(pos[k].x_advance, em, f.upem);
        }
    }
    const int advance_width = static_cast<int>((std::max<std::int64_t>(pen, 0) + 63) >> 6);
    out.width = std::max(advance_width, any_ink ? ink_right : 0);
    if (bold && out.width > 0) ++out.width;
    return out;
}

TextRasteriser::TextRasteriser(const std::vector<std::string>& font_files) : impl_(std::make_unique<Impl>()) {
    std::string tried;
    for (const auto& path : font_files) {
        if (auto f = load_font(path)) impl_->fonts.push_back(std::move(f));
        tried += (tried.empty() ? "" : ", ") + path;
    }
    if (impl_->fonts.empty())
        throw PrinterError(PrinterErrorCode::no_font,
                           "no font could be loaded for raster text (tried: " + (tried.empty() ? "none" : tried) + ")");
    // HarfBuzz loads a face's tables (cmap, GSUB, GPOS...) on first use: do it now rather than while a
    // receipt is printing.
    hb_buffer_t* buf = hb_buffer_create();
    for (const auto& f : impl_->fonts) {
        hb_buffer_clear_contents(buf);
        hb_buffer_add_utf8(buf, "a", 1, 0, 1);
        hb_buffer_guess_segment_properties(buf);
        hb_shape(f->font, buf, nullptr, 0);
    }
    hb_buffer_destroy(buf);
}

TextRasteriser::~TextRasteriser() = default;

std::vector<std::string> TextRasteriser::default_font_files() {
    std::vector<std::string> out;
    if (const char* env = std::getenv("CAISSE_FONTS"); env != nullptr && *env != '\0') {
        std::string_view list(env);
        while (!list.empty()) {
            const auto colon = list.find(':');
            const auto item = list.substr(0, colon);
            if (!item.empty()) out.emplace_back(item);
            if (colon == std::string_view::npos) break;
            list.remove_prefix(colon + 1);
        }
        return out;
    }
    for (const char* path : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                             "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
                             "/usr/share/fonts/truetype/noto/NotoSansTamil-Regular.ttf",
                             "/usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf"}) {
        if (std::ifstream(path, std::ios::binary)) out.emplace_back(path);
    }
    return out;
}

bool TextRasteriser::covers(char32_t cp) const { return impl_->first_font_with(cp) >= 0; }

int TextRasteriser::measure(std::string_view utf8, int pixel_height, bool bold) const {
    return impl_->layout(utf8, pixel_height, bold).width;
}

std::vector<std::string> TextRasteriser::wrap(std::string_view utf8, int width_dots, int pixel_height,
                                              bool bold) const {
    // Lines follow str.splitlines(): "" gives no line, "a\n" one, "a\n\nb" three. Within a paragraph,
    // words are separated by runs of spaces or tabs; the separator at a break is dropped, the others kept.
    std::vector<std::string> lines;
    width_dots = std::max(width_dots, 0);
    const auto fits = [&](std::string_view s) { return measure(s, pixel_height, bold) <= width_dots; };
    const auto is_space = [](char c) { return c == ' ' || c == '\t'; };

    std::size_t para_start = 0;
    while (para_start < utf8.size()) {
        std::size_t para_end = utf8.find('\n', para_start);
        const std::size_t next = para_end == std::string_view::npos ? utf8.size() : para_end + 1;
        if (para_end == std::string_view::npos) para_end = utf8.size();
        std::string_view para = utf8.substr(para_start, para_end - para_start);
        if (!para.empty() && para.back() == '\r') para.remove_suffix(1);
        para_start = next;

        std::size_t line_begin = 0, line_end = 0;  // current line = para[line_begin, line_end)
        bool open = false;                         // a line is being filled
        bool first = true;                         // leading spaces of the paragraph are kept when they fit
        std::size_t pos = 0;
        while (pos < para.size()) {
            const std::size_t sep_begin = pos;
            while (pos < para.size() && is_space(para[pos])) ++pos;
            const std::size_t word_begin = pos;
            while (pos < para.size() && !is_space(para[pos])) ++pos;
            const std::size_t word_end = pos;
            if (word_begin == word_end) {  // trailing spaces
                if (open && fits(para.substr(line_begin, word_end - line_begin))) line_end = word_end;
                break;
            }
            if (open && fits(para.substr(line_begin, word_end - line_begin))) {
                line_end = word_end;
                continue;
            }
            if (open) lines.emplace_back(para.substr(line_begin, line_end - line_begin));
            open = false;
            if (first && sep_begin < word_begin && fits(para.substr(sep_begin, word_end - sep_begin))) {
                line_begin = sep_begin;
                line_end = word_end;
                open = true;
                first = false;
                continue;
            }
            first = false;
            // The word starts a line; cut it between graphemes while it is too wide.
            std::size_t start = word_begin;
            if (!fits(para.substr(start, word_end - start))) {
                std::vector<std::size_t> ends;  // end of each grapheme of the word
                for (std::size_t p = word_begin; p < word_end;) {
                    char32_t cp = 0;
                    p += decode_utf8(para, p, cp);
                    while (p < word_end) {
                        char32_t next_cp = 0;
                        const std::size_t len = decode_utf8(para, p, next_cp);
                        if (!extends_grapheme(next_cp) && cp != 0x200D) break;
                        cp = next_cp;
                        p += len;
                    }
                    ends.push_back(p);
                }
                std::size_t done = 0;  // graphemes already on lines
                while (start < word_end && !fits(para.substr(start, word_end - start))) {
                    // Most graphemes that fit, by galloping then bisection (one grapheme at least).
                    const std::size_t left = ends.size() - done;
                    const auto prefix = [&](std::size_t k) { return para.substr(start, ends[done + k - 1] - start); };
                    std::size_t good = 1, bad = left;
                    if (fits(prefix(1))) {
                        std::size_t step = 2;
                        while (step < bad && fits(prefix(step))) {
                            good = step;
                            step *= 2;
                        }
                        bad = std::min(step, bad);
                        while (bad - good > 1) {
                            const std::size_t mid = good + (bad - good) / 2;
                            (fits(prefix(mid)) ? good : bad) = mid;
                        }
                    }
                    lines.emplace_back(prefix(good));
                    done += good;
                    start = ends[done - 1];
                }
            }
            if (start < word_end) {
                line_begin = start;
                line_end = word_end;
                open = true;
            }
        }
        if (open)
            lines.emplace_back(para.substr(line_begin, line_end - line_begin));
        else
            lines.emplace_back();  // a paragraph without words is a blank line
    }
    return lines;
}

Bitmap TextRasteriser::render_line(std::string_view utf8, int width_dots, int pixel_height, bool bold) const {
    const Layout lay = impl_->layout(utf8, pixel_height, bold);
    Bitmap out(std::max(width_dots, 0), pixel_height);
    if (out.width == 0) return out;
    int baseline = impl_->default_baseline(impl_->em64(pixel_height));
    if (lay.above + lay.below <= pixel_height)
        baseline = std::clamp(baseline, lay.above, pixel_height - lay.below);
    else
        baseline = lay.above - (lay.above + lay.below - pixel_height) / 2;  // too tall: clip both ends evenly
    for (const auto& pg : lay.glyphs)
        out.blit(pg.glyph->bits, pg.x + pg.glyph->x0, baseline + pg.y + pg.glyph->y0);
    if (bold) {  // overstrike one dot to the right
        const int stride = out.stride();
        for (int y = 0; y < out.height; ++y) {
            std::uint8_t* row = out.bits.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride);
            std::uint8_t carry = 0;
            for (int i = 0; i < stride; ++i) {
                const std::uint8_t b = row[i];
                row[i] = static_cast<std::uint8_t>(b | (b >> 1) | carry);
                carry = static_cast<std::uint8_t>((b & 1u) << 7);
            }
            if (const int pad = stride * 8 - out.width; pad > 0)
                row[stride - 1] = static_cast<std::uint8_t>(row[stride - 1] & (0xFF << pad));
        }
    }
    return out;
}

}  // namespace caisse::drivers
