#include "drivers/text_raster.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "drivers/printer_error.hpp"

using caisse::drivers::Bitmap;
using caisse::drivers::PrinterError;
using caisse::drivers::PrinterErrorCode;
using caisse::drivers::TextRasteriser;

namespace {

constexpr int kWidth = 576;  // 80 mm paper
constexpr int kHeight = 24;

const std::string kArabic = "\u0643\u0633\u0643\u0633";      // كسكس (couscous)
const std::string kTamil = "\u0BA4\u0BC7\u0BA9\u0BC0\u0BB0\u0BCD";  // தேநீர் (tea)

// One rasteriser for the whole suite: loading four fonts takes a few milliseconds.
const TextRasteriser& raster() {
    static const auto r = std::make_unique<TextRasteriser>(TextRasteriser::default_font_files());
    return *r;
}

int black_count(const Bitmap& b) {
    int n = 0;
    for (int y = 0; y < b.height; ++y)
        for (int x = 0; x < b.width; ++x) n += b.get(x, y);
    return n;
}

// Rightmost black column + 1 (0 when blank).
int ink_width(const Bitmap& b) {
    int w = 0;
    for (int y = 0; y < b.height; ++y)
        for (int x = 0; x < b.width; ++x)
            if (b.get(x, y)) w = std::max(w, x + 1);
    return w;
}

bool padding_is_white(const Bitmap& b) {
    const int pad = b.stride() * 8 - b.width;
    if (pad == 0) return true;
    for (int y = 0; y < b.height; ++y)
        if (b.bits[static_cast<std::size_t>(y * b.stride() + b.stride() - 1)] & ((1 << pad) - 1)) return false;
    return true;
}

// Smallest horizontal offset at which every black dot of `part` is black in `whole`; the baseline may
// differ by a few dots between the two strips (it moves to keep the ink of a line inside).
std::optional<int> first_offset(const Bitmap& whole, const Bitmap& part) {
    const int pw = ink_width(part);
    for (int dx = 0; dx + pw <= whole.width; ++dx)
        for (int dy = -3; dy <= 3; ++dy) {
            bool inside = true;
            for (int y = 0; y < part.height && inside; ++y)
                for (int x = 0; x < pw && inside; ++x)
                    if (part.get(x, y) && (y + dy < 0 || y + dy >= whole.height || !whole.get(x + dx, y + dy)))
                        inside = false;
            if (inside) return dx;
        }
    return std::nullopt;
}

}  // namespace

TEST(TextRaster, DefaultFontsCoverTheTillsScripts) {
    const auto& r = raster();
    EXPECT_TRUE(r.covers(U'é'));
    EXPECT_TRUE(r.covers(U'€'));
    EXPECT_TRUE(r.covers(U'ŋ'));
    EXPECT_TRUE(r.covers(U'\u0643'));   // ك
    EXPECT_TRUE(r.covers(U'\u0BA4'));   // த
    EXPECT_TRUE(r.covers(U'\U0001F600'));  // 😀
    EXPECT_FALSE(r.covers(U'\uE000'));  // private use
    EXPECT_FALSE(r.covers(U'\U0010FFFD'));
}

TEST(TextRaster, FontListComesFromCaisseFontsWhenSet) {
    const char* old = std::getenv("CAISSE_FONTS");
    const std::optional<std::string> saved = old ? std::optional<std::string>(old) : std::nullopt;
    ::setenv("CAISSE_FONTS", "/a/one.ttf::/b/two.otf", 1);
    EXPECT_EQ(TextRasteriser::default_font_files(), (std::vector<std::string>{"/a/one.ttf", "/b/two.otf"}));
    ::unsetenv("CAISSE_FONTS");
    const auto defaults = TextRasteriser::default_font_files();
    ASSERT_FALSE(defaults.empty());
    EXPECT_EQ(defaults.front(), "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    if (saved) ::setenv("CAISSE_FONTS", saved->c_str(), 1);
}

TEST(TextRaster, UnreadableFontsAreSkippedAndNoFontThrows) {
    const std::string dejavu = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    const std::string not_a_font = std::string(CAISSE_SOURCE_DIR) + "/tests/drivers/data/grey_2x2.png";
    TextRasteriser one({"/nonexistent/font.ttf", not_a_font, dejavu});
    EXPECT_TRUE(one.covers(U'ŋ'));
    EXPECT_FALSE(one.covers(U'\u0BA4'));  // no Tamil in DejaVu: drawn as a box
    EXPECT_GT(black_count(one.render_line(kTamil, kWidth, kHeight)), 0);
    try {
        TextRasteriser none({"/nonexistent/font.ttf", not_a_font});
        FAIL() << "no exception";
    } catch (const PrinterError& e) {
        EXPECT_EQ(e.code(), PrinterErrorCode::no_font);
        EXPECT_NE(e.detail().find("/nonexistent/font.ttf"), std::string::npos) << e.detail();
    }
    EXPECT_THROW(TextRasteriser(std::vector<std::string>{}), PrinterError);
}

TEST(TextRaster, RendersLatinArabicTamilAndEmojiWithinBoundsDeterministically) {
    const auto& r = raster();
    for (const std::string& text : {std::string("Maf\u00e9 \u014b"), kArabic, kTamil, std::string("\U0001F600"),
                                    "Thi\u00e9boudienne 2 500 F " + kArabic + " " + kTamil}) {
        const Bitmap a = r.render_line(text, kWidth, kHeight);
        ASSERT_EQ(a.width, kWidth) << text;
        ASSERT_EQ(a.height, kHeight) << text;
        ASSERT_EQ(a.bits.size(), static_cast<std::size_t>(a.stride() * a.height)) << text;
        EXPECT_GT(black_count(a), 20) << text;
        EXPECT_LE(ink_width(a), r.measure(text, kHeight)) << text;
        EXPECT_GT(r.measure(text, kHeight), 0) << text;
        const Bitmap b = r.render_line(text, kWidth, kHeight);
        EXPECT_EQ(a.bits, b.bits) << text;
    }
}

TEST(TextRaster, ArabicIsJoinedByTheShaper) {
    const auto& r = raster();
    // Joined (initial, medial, final) forms are narrower than the isolated letters side by side.
    const int word = r.measure(kArabic, kHeight);
    const int letters = 2 * r.measure("\u0643", kHeight) + 2 * r.measure("\u0633", kHeight);
    EXPECT_LT(word, letters - 4);
}

TEST(TextRaster, ArabicRunsRightToLeft) {
    const auto& r = raster();
    // "ا ب" (alef, space, beh): read right to left, so beh is drawn first from the left.
    const Bitmap both = r.render_line("\u0627 \u0628", kWidth, kHeight);
    const auto beh = first_offset(both, r.render_line("\u0628", kWidth, kHeight));
    const auto alef = first_offset(both, r.render_line("\u0627", kWidth, kHeight));
    ASSERT_TRUE(beh.has_value());
    ASSERT_TRUE(alef.has_value());
    EXPECT_EQ(*beh, 0);
    EXPECT_GT(*alef, 5);
}

TEST(TextRaster, NumbersInArabicTextStayLeftToRight) {
    const auto& r = raster();
    // Logical "ب 12": visual "12 ب"; the number keeps its digit order.
    const Bitmap line = r.render_line("\u0628 12", kWidth, kHeight);
    const auto one = first_offset(line, r.render_line("1", kWidth, kHeight));
    const auto twelve = first_offset(line, r.render_line("12", kWidth, kHeight));
    ASSERT_TRUE(one.has_value());
    ASSERT_TRUE(twelve.has_value());
    EXPECT_EQ(*twelve, 0);
    EXPECT_EQ(*one, 0);
}

TEST(TextRaster, TamilVowelSignIsReorderedBeforeTheConsonant) {
    const auto& r = raster();
    // "கெ" is KA followed by the vowel sign E, which is written on the left of KA.
    const Bitmap ke = r.render_line("\u0B95\u0BC6", kWidth, kHeight);
    const auto ka = first_offset(ke, r.render_line("\u0B95", kWidth, kHeight));
    ASSERT_TRUE(ka.has_value());
    EXPECT_GT(*ka, 3);
}

TEST(TextRaster, UncoveredCodePointIsABoxNeverNothing) {
    const auto& r = raster();
    for (const char* text : {"\uE000", "\U0010FFFD"}) {
        const Bitmap b = r.render_line(text, kWidth, kHeight);
        EXPECT_GT(black_count(b), 20) << text;
        EXPECT_GE(r.measure(text, kHeight), kHeight / 2 - 1);
        EXPECT_LE(r.measure(text, kHeight), kHeight / 2 + 1);
        EXPECT_TRUE(b.get(1, kHeight / 2)) << "left side of the box";
        EXPECT_FALSE(b.get(kHeight / 4, kHeight / 2)) << "hollow";
    }
    // Two uncovered characters give two boxes.
    EXPECT_EQ(r.measure("a\uE000\uE001b", kHeight), r.measure("ab", kHeight) + 2 * r.measure("\uE000", kHeight));
}

TEST(TextRaster, InvalidUtf8IsDrawnAsReplacementCharacters) {
    const auto& r = raster();
    const int replacement = r.measure("\uFFFD", kHeight);
    ASSERT_GT(replacement, 0);
    EXPECT_EQ(r.measure("\xff", kHeight), replacement);
    // One U+FFFD per byte of a bad sequence.
    EXPECT_EQ(r.measure("\xc0\xaf", kHeight), r.measure("\uFFFD\uFFFD", kHeight));  // overlong '/'
    EXPECT_EQ(r.measure("\xed\xa0\x80", kHeight), r.measure("\uFFFD\uFFFD\uFFFD", kHeight));  // surrogate
    EXPECT_EQ(r.measure("\xf4\x90\x80\x80", kHeight), r.measure("\uFFFD\uFFFD\uFFFD\uFFFD", kHeight));  // > U+10FFFF
    for (const std::string& text : {std::string("abc\xe2\x82"), std::string("\xe2\x82" "abc"),
                                   std::string("a\0b", 3), std::string("\x80\x80\x80\xbf"), std::string("\xf0\x9f\x98")}) {
        const Bitmap b = r.render_line(text, kWidth, kHeight);
        EXPECT_GT(black_count(b), 0);
        const auto lines = r.wrap(text, 20, kHeight);
        std::string joined;
        for (const auto& l : lines) joined += l;
        EXPECT_EQ(joined, text);
    }
}

TEST(TextRaster, ControlCharactersAreNotDrawn) {
    const auto& r = raster();
    EXPECT_EQ(r.measure("a\x01\x7f" "b", kHeight), r.measure("ab", kHeight));
    EXPECT_EQ(r.measure("\u200d", kHeight), 0);  // a lone joiner is invisible, not a box
    EXPECT_EQ(r.measure("", kHeight), 0);
}

TEST(TextRaster, RenderClipsOnTheRightAndBoldOverstrikes) {
    const auto& r = raster();
    const std::string text = "Poulet yassa, riz au poisson, bissap, caf\u00e9 Touba, ";
    const Bitmap narrow = r.render_line(text + text, 45, kHeight);
    EXPECT_EQ(narrow.width, 45);
    EXPECT_TRUE(padding_is_white(narrow));
    EXPECT_GT(black_count(narrow), 10);

    const Bitmap plain = r.render_line("Maf\u00e9", kWidth, kHeight);
    const Bitmap bold = r.render_line("Maf\u00e9", kWidth, kHeight, true);
    EXPECT_EQ(r.measure("Maf\u00e9", kHeight, true), r.measure("Maf\u00e9", kHeight) + 1);
    EXPECT_GT(black_count(bold), black_count(plain));
    for (int y = 0; y < kHeight; ++y)
        for (int x = 0; x + 1 < kWidth; ++x)
            if (plain.get(x, y)) {
                EXPECT_TRUE(bold.get(x, y));
                EXPECT_TRUE(bold.get(x + 1, y));
            }
    const Bitmap bold_odd = r.render_line(text, 43, kHeight, true);
    EXPECT_TRUE(padding_is_white(bold_odd));
    EXPECT_EQ(r.render_line("x", 0, kHeight).width, 0);
    EXPECT_THROW(r.render_line("x", kWidth, 0), std::invalid_argument);
}

TEST(TextRaster, WrapBreaksAtSpacesAndKeepsBlankLines) {
    const auto& r = raster();
    EXPECT_TRUE(r.wrap("", kWidth, kHeight).empty());
    EXPECT_EQ(r.wrap("a\n\nb", kWidth, kHeight), (std::vector<std::string>{"a", "", "b"}));
    EXPECT_EQ(r.wrap("  Maf\u00e9  au  poulet  ", kWidth, kHeight),
              (std::vector<std::string>{"  Maf\u00e9  au  poulet  "}));
    const int w = r.measure("Maf\u00e9 au", kHeight);
    EXPECT_EQ(r.wrap("Maf\u00e9 au poulet", w, kHeight), (std::vector<std::string>{"Maf\u00e9 au", "poulet"}));
}

TEST(TextRaster, WrapNeverSplitsACharacterFromItsMarks) {
    const auto& r = raster();
    std::string word;
    for (int i = 0; i < 150; ++i) word += "e\u0301\u0323";  // e + acute + dot below
    const auto lines = r.wrap(word, 100, kHeight);
    ASSERT_GT(lines.size(), 3u);
    std::string joined;
    for (const auto& l : lines) {
        EXPECT_EQ(l.front(), 'e');
        EXPECT_LE(r.measure(l, kHeight), 100);
        joined += l;
    }
    EXPECT_EQ(joined, word);
}

TEST(TextRaster, WrapOfAHugeNameLosesNothingAndFitsTheWidth) {
    const auto& r = raster();
    const std::vector<std::string> words = {
        "Thi\u00e9boudienne", "ca\u014bkaa", kArabic, kTamil, "\U0001F600", "2\u00a0500\u00a0F", "caf\u00e9", "\uE000",
        "de", "au", "riz", "poisson", "\u0645\u0639", "yassa", std::string(300, 'W'), "\u0B95\u0BC6", "x\xff" "y"};
    std::string text;
    unsigned seed = 12345;
    while (text.size() < 10000) {
        seed = seed * 1103515245u + 12345u;
        text += words[(seed >> 16) % words.size()];
        text += ((seed >> 8) % 7 == 0) ? "   " : " ";
    }
    const int width = 300;
    const auto lines = r.wrap(text, width, kHeight, true);
    ASSERT_GT(lines.size(), 20u);
    // Lines are consecutive slices of the text; only spaces are skipped between them.
    std::size_t pos = 0;
    for (const auto& line : lines) {
        ASSERT_FALSE(line.empty());
        while (text.compare(pos, line.size(), line) != 0) {
            ASSERT_LT(pos, text.size());
            ASSERT_EQ(text[pos], ' ') << "lost a character at byte " << pos;
            ++pos;
        }
        pos += line.size();
        EXPECT_LE(r.measure(line, kHeight, true), width) << line;
    }
    for (; pos < text.size(); ++pos) ASSERT_EQ(text[pos], ' ');
}

TEST(TextRaster, ConstMethodsAreSafeFromTwoThreads) {
    const auto& r = raster();
    const std::vector<std::string> texts = {"Maf\u00e9 \u014b", kArabic + " 12", kTamil, "\U0001F600 \uE000"};
    std::vector<Bitmap> expected;
    for (const auto& t : texts) expected.push_back(r.render_line(t, kWidth, 30));
    bool same[2] = {true, true};
    auto work = [&](int id) {
        for (int i = 0; i < 50; ++i)
            for (std::size_t k = 0; k < texts.size(); ++k) {
                const int h = 20 + (i + id) % 7;  // several sizes, so the glyph cache keeps filling
                r.render_line(texts[k], kWidth, h);
                if (r.render_line(texts[k], kWidth, 30).bits != expected[k].bits) same[id] = false;
            }
    };
    std::thread a(work, 0), b(work, 1);
    a.join();
    b.join();
    EXPECT_TRUE(same[0]);
    EXPECT_TRUE(same[1]);
}
