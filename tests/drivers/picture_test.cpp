// Colour pictures for product tiles (issue 12 item 8): PNG and JPEG decoded as RGBA, shrunk with
// alpha-weighted area averages; pictograms drawn by FreeType from the colour emoji font.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "drivers/emoji.hpp"
#include "drivers/image.hpp"
#include "drivers/printer_error.hpp"

namespace caisse::drivers {
namespace {

std::string data_path(const std::string& name) { return std::string(CAISSE_SOURCE_DIR) + "/tests/drivers/data/" + name; }
std::string demo_picture(const std::string& name) { return std::string(CAISSE_SOURCE_DIR) + "/assets/demo/pictures/" + name; }
const char* kEmojiFont = "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf";

TEST(Picture, PngDecodesToRgbaWithItsAlpha) {
    const RgbaImage img = load_rgba(data_path("rgba_3x1.png"), 1 << 20);
    ASSERT_EQ(img.width, 3);
    ASSERT_EQ(img.height, 1);
    const std::vector<std::uint8_t> want = {255, 0, 0, 0, 255, 255, 255, 255, 0, 0, 0, 255};
    EXPECT_EQ(img.pixels, want);
}

TEST(Picture, JpegDecodesAndOtherFormatsAreRefused) {
    const RgbaImage jpeg = load_rgba(demo_picture("mafe.jpg"), 1 << 20);
    EXPECT_EQ(jpeg.width, 160);
    EXPECT_EQ(jpeg.pixels.size(), 160u * 160u * 4u);
    EXPECT_EQ(jpeg.pixels[3], 255);  // a JPEG is opaque
    for (const char* other : {"grey_2x2.bmp", "grey_2x2.gif"}) EXPECT_THROW(load_rgba(data_path(other), 1 << 20), PrinterError) << other;
    // Over the file size limit: refused before decoding.
    EXPECT_THROW(load_rgba(demo_picture("mafe.jpg"), 100), PrinterError);
    EXPECT_THROW(load_rgba(data_path("no-such-file.png"), 1 << 20), PrinterError);
}

TEST(Picture, ShrinkingWeighsColoursByAlpha) {
    // Opaque red beside transparent green: one pixel, half transparent, red (no green bleeds in).
    RgbaImage img;
    img.width = 2;
    img.height = 1;
    img.pixels = {255, 0, 0, 255, 0, 255, 0, 0};
    const RgbaImage one = fit_rgba(img, 1, 1);
    ASSERT_EQ(one.width, 1);
    ASSERT_EQ(one.height, 1);
    EXPECT_EQ(one.pixels, (std::vector<std::uint8_t>{255, 0, 0, 128}));
    // Never enlarged; proportions kept within the box.
    EXPECT_EQ(fit_rgba(img, 10, 10).width, 2);
    const RgbaImage bag = fit_rgba(load_rgba(demo_picture("sac-wax.png"), 1 << 20), 54, 54);
    EXPECT_EQ(bag.width, 54);
    EXPECT_EQ(bag.height, 54);
    RgbaImage wide;
    wide.width = 200;
    wide.height = 100;
    wide.pixels.assign(200u * 100u * 4u, 200);
    const RgbaImage fitted = fit_rgba(wide, 54, 54);
    EXPECT_EQ(fitted.width, 54);
    EXPECT_EQ(fitted.height, 27);
    EXPECT_THROW(fit_rgba(wide, 0, 10), std::invalid_argument);
}

TEST(Pictogram, FirstCodePoint) {
    EXPECT_EQ(first_code_point("🍲"), U'\U0001F372');
    EXPECT_EQ(first_code_point("☕\xEF\xB8\x8F"), U'\u2615');
    EXPECT_EQ(first_code_point(""), 0u);
    EXPECT_EQ(first_code_point("\xF0\x9F"), 0u);  // cut short
    EXPECT_EQ(first_code_point("\xC0\xAF"), 0u);  // overlong
}

TEST(Pictogram, AnEmojiIsDrawnInColourAtTheSizeAsked) {
    if (!std::filesystem::exists(kEmojiFont)) GTEST_SKIP() << "fonts-noto-color-emoji is not installed";
    EmojiFont font(kEmojiFont);
    const RgbaImage pot = font.render("🍲", 54);
    EXPECT_LE(pot.width, 54);
    EXPECT_LE(pot.height, 54);
    EXPECT_GE(std::max(pot.width, pot.height), 40);  // shrunk from the 109 px strike, not a speck
    int opaque = 0, coloured = 0;
    for (std::size_t i = 0; i < pot.pixels.size(); i += 4) {
        if (pot.pixels[i + 3] < 250) continue;
        ++opaque;
        const int r = pot.pixels[i], g = pot.pixels[i + 1], b = pot.pixels[i + 2];
        if (std::max({r, g, b}) - std::min({r, g, b}) > 60) ++coloured;
    }
    EXPECT_GT(opaque, 54 * 54 / 4);
    EXPECT_GT(coloured, opaque / 4) << "a grey glyph, not a colour one";
    EXPECT_THROW(font.render("Q", 54), PrinterError);  // no glyph for a letter in an emoji font
    EXPECT_THROW(font.render("\xFF", 54), PrinterError);
    EXPECT_THROW(EmojiFont(data_path("rgba_3x1.png")), PrinterError);
}

}  // namespace
}  // namespace caisse::drivers
