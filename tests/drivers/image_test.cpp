#include "drivers/image.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "drivers/printer_error.hpp"

using caisse::drivers::Bitmap;
using caisse::drivers::decode_image;
using caisse::drivers::dither_floyd_steinberg;
using caisse::drivers::fit_width;
using caisse::drivers::GreyImage;
using caisse::drivers::load_image;
using caisse::drivers::PrinterError;
using caisse::drivers::PrinterErrorCode;

namespace {

std::string data_path(const std::string& name) { return std::string(CAISSE_SOURCE_DIR) + "/tests/drivers/data/" + name; }

GreyImage uniform(int w, int h, std::uint8_t v) {
    GreyImage img;
    img.width = w;
    img.height = h;
    img.pixels.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h), v);
    return img;
}

int black_count(const Bitmap& b) {
    int n = 0;
    for (int y = 0; y < b.height; ++y)
        for (int x = 0; x < b.width; ++x) n += b.get(x, y);
    return n;
}

// The PrinterError thrown by f, or fails the test.
template <typename F>
PrinterError error_of(F f) {
    try {
        f();
    } catch (const PrinterError& e) {
        return e;
    }
    ADD_FAILURE() << "no PrinterError thrown";
    return PrinterError(PrinterErrorCode::io, "");
}

// A PNG whose header announces w x h (no pixel data follows; stb does not check CRCs).
std::vector<std::uint8_t> png_header(std::uint32_t w, std::uint32_t h) {
    std::vector<std::uint8_t> b = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
    for (std::uint32_t v : {w, h})
        for (int shift = 24; shift >= 0; shift -= 8) b.push_back(static_cast<std::uint8_t>(v >> shift));
    for (std::uint8_t v : {8, 0, 0, 0, 0, 0, 0, 0, 0}) b.push_back(v);  // depth, grey, ..., CRC
    return b;
}

}  // namespace

TEST(ImageDecode, GreyPngGivesItsGreyValues) {
    const GreyImage img = load_image(data_path("grey_2x2.png"));
    ASSERT_EQ(img.width, 2);
    ASSERT_EQ(img.height, 2);
    EXPECT_EQ(img.pixels, (std::vector<std::uint8_t>{0, 85, 170, 255}));
}

TEST(ImageDecode, GifAndBmpGiveTheSameGreys) {
    for (const char* name : {"grey_2x2.gif", "grey_2x2.bmp"}) {
        const GreyImage img = load_image(data_path(name));
        ASSERT_EQ(img.width, 2) << name;
        ASSERT_EQ(img.height, 2) << name;
        EXPECT_EQ(img.pixels, (std::vector<std::uint8_t>{0, 85, 170, 255})) << name;
    }
}

TEST(ImageDecode, JpegIsDecoded) {
    const GreyImage img = load_image(data_path("grey_8x8.jpg"));
    ASSERT_EQ(img.width, 8);
    ASSERT_EQ(img.height, 8);
    for (auto v : img.pixels) {
        EXPECT_GE(v, 124);
        EXPECT_LE(v, 132);
    }
}

TEST(ImageDecode, TransparencyIsComposedOntoWhite) {
    // (black, transparent) (black, opaque) (grey 100, alpha 128)
    const GreyImage ga = load_image(data_path("grey_alpha_3x1.png"));
    ASSERT_EQ(ga.width, 3);
    EXPECT_EQ(ga.pixels, (std::vector<std::uint8_t>{255, 0, (100 * 128 + 255 * 127 + 127) / 255}));
    // (red, transparent) (white, opaque) (black, opaque)
    const GreyImage rgba = load_image(data_path("rgba_3x1.png"));
    ASSERT_EQ(rgba.width, 3);
    EXPECT_EQ(rgba.pixels, (std::vector<std::uint8_t>{255, 255, 0}));
}

TEST(ImageDecode, TextFileNamedLikeAPictureIsRefusedByName) {
    const auto path = std::filesystem::path(testing::TempDir()) / "logo.png";
    std::ofstream(path) << "Caisse Commune, le logo viendra plus tard\n";
    const PrinterError e = error_of([&] { load_image(path.string()); });
    EXPECT_EQ(e.code(), PrinterErrorCode::bad_image);
    EXPECT_NE(e.detail().find("logo.png"), std::string::npos) << e.detail();
    EXPECT_NE(e.detail().find("not a picture"), std::string::npos) << e.detail();
    std::filesystem::remove(path);
}

TEST(ImageDecode, MissingFileCannotBeRead) {
    const PrinterError e = error_of([] { load_image("/nonexistent/dir/logo.png"); });
    EXPECT_EQ(e.code(), PrinterErrorCode::bad_image);
    EXPECT_NE(e.detail().find("/nonexistent/dir/logo.png"), std::string::npos) << e.detail();
    EXPECT_NE(e.detail().find("cannot be read"), std::string::npos) << e.detail();
}

TEST(ImageDecode, EmptyTruncatedHugeAndZeroSizedPicturesAreRefused) {
    const std::vector<std::uint8_t> empty;
    EXPECT_EQ(error_of([&] { decode_image(empty, "empty.png"); }).code(), PrinterErrorCode::bad_image);

    std::ifstream in(data_path("grey_2x2.png"), std::ios::binary);
    std::vector<std::uint8_t> png((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    png.resize(40);
    const PrinterError truncated = error_of([&] { decode_image(png, "cut.png"); });
    EXPECT_EQ(truncated.code(), PrinterErrorCode::bad_image);
    EXPECT_EQ(truncated.detail().rfind("cut.png: not a picture (", 0), 0u) << truncated.detail();

    const PrinterError huge = error_of([&] { decode_image(png_header(5000, 10), "huge.png"); });
    EXPECT_EQ(huge.code(), PrinterErrorCode::bad_image);
    EXPECT_NE(huge.detail().find("huge.png"), std::string::npos) << huge.detail();
    EXPECT_NE(huge.detail().find("too large (5000x10, at most 4096x4096)"), std::string::npos) << huge.detail();
    EXPECT_EQ(error_of([&] { decode_image(png_header(10, 4097), "tall.png"); }).code(), PrinterErrorCode::bad_image);

    const PrinterError zero = error_of([&] { decode_image(png_header(0, 10), "zero.png"); });
    EXPECT_EQ(zero.code(), PrinterErrorCode::bad_image);
    EXPECT_NE(zero.detail().find("zero.png"), std::string::npos) << zero.detail();
}

TEST(ImageFit, HalvesA200WideImageKeepingProportions) {
    GreyImage img = uniform(200, 80, 0);
    for (int y = 0; y < 80; ++y)  // columns alternate black and white: the average is mid-grey
        for (int x = 1; x < 200; x += 2) img.pixels[static_cast<std::size_t>(y * 200 + x)] = 255;
    const GreyImage half = fit_width(img, 100);
    EXPECT_EQ(half.width, 100);
    EXPECT_EQ(half.height, 40);
    ASSERT_EQ(half.pixels.size(), 100u * 40u);
    for (auto v : half.pixels) EXPECT_EQ(v, 128);  // (0 + 255) / 2 rounded
}

TEST(ImageFit, AveragesOverlappingAreasExactly) {
    GreyImage img = uniform(3, 1, 0);
    img.pixels = {0, 90, 180};
    const GreyImage two = fit_width(img, 2);
    ASSERT_EQ(two.width, 2);
    ASSERT_EQ(two.height, 1);  // 1 * 2 / 3 rounds to 1, never 0
    // Target pixel 0 covers source 0 and half of 1, target 1 the other half of 1 and 2.
    EXPECT_EQ(two.pixels, (std::vector<std::uint8_t>{30, 150}));

    const GreyImage tall = fit_width(uniform(600, 900, 77), 576);
    EXPECT_EQ(tall.width, 576);
    EXPECT_EQ(tall.height, 864);
    for (auto v : tall.pixels) ASSERT_EQ(v, 77);
}

TEST(ImageFit, NeverEnlarges) {
    GreyImage tiny = uniform(10, 5, 200);
    tiny.pixels[3] = 7;
    const GreyImage same = fit_width(tiny, 576);
    EXPECT_EQ(same.width, 10);
    EXPECT_EQ(same.height, 5);
    EXPECT_EQ(same.pixels, tiny.pixels);
    EXPECT_EQ(fit_width(tiny, 10).pixels, tiny.pixels);
    EXPECT_THROW(fit_width(tiny, 0), std::invalid_argument);
}

TEST(ImageDither, MidGreyIsAboutHalfBlack) {
    const Bitmap b = dither_floyd_steinberg(uniform(64, 64, 128));
    ASSERT_EQ(b.width, 64);
    ASSERT_EQ(b.height, 64);
    const int black = black_count(b);
    EXPECT_GE(black, 64 * 64 * 40 / 100);
    EXPECT_LE(black, 64 * 64 * 60 / 100);
}

TEST(ImageDither, KeepsTheAverageDarknessAndTheExtremes) {
    EXPECT_EQ(black_count(dither_floyd_steinberg(uniform(50, 30, 255))), 0);
    EXPECT_EQ(black_count(dither_floyd_steinberg(uniform(50, 30, 0))), 50 * 30);
    const int quarter = black_count(dither_floyd_steinberg(uniform(64, 64, 191)));  // 25% dark
    EXPECT_GE(quarter, 64 * 64 * 20 / 100);
    EXPECT_LE(quarter, 64 * 64 * 30 / 100);
    // Padding bits at the end of each row stay white.
    const Bitmap odd = dither_floyd_steinberg(uniform(13, 4, 0));
    for (int y = 0; y < 4; ++y) EXPECT_EQ(odd.bits[static_cast<std::size_t>(y * odd.stride() + 1)] & 0x07, 0);
}

TEST(ImageDither, DecodedLogoPipeline) {
    const Bitmap b = dither_floyd_steinberg(fit_width(load_image(data_path("grey_2x2.png")), 576));
    ASSERT_EQ(b.width, 2);
    ASSERT_EQ(b.height, 2);
    EXPECT_TRUE(b.get(0, 0));    // black stays black
    EXPECT_FALSE(b.get(1, 1));   // white stays white
    EXPECT_EQ(dither_floyd_steinberg(GreyImage{}).bits.size(), 0u);
}
