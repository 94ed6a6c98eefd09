#pragma once
// A printer-neutral receipt: what to print, not how. The ESC/POS encoder turns it into bytes for one
// PrinterProfile; the screen printer shows the same Document. Text is UTF-8.
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace caisse::drivers {

enum class Align : std::uint8_t { left, centre, right };

struct TextStyle {
    bool bold = false;
    bool underline = false;
    bool invert = false;         // white on black
    bool double_width = false;
    bool double_height = false;
    Align align = Align::left;
    bool operator==(const TextStyle&) const = default;
};

// 8-bit greyscale picture, row-major, 0 = black, 255 = white.
struct GreyImage {
    int width = 0, height = 0;
    std::vector<std::uint8_t> pixels;
};

// A paragraph, wrapped at word boundaries to the paper width.
struct TextBlock {
    std::string text;
    TextStyle style;
};
// "label ........ amount": the amount sits on the right of the first line; a long label wraps onto
// following lines, indented by `indent` columns.
struct RowBlock {
    std::string label;
    std::string amount;
    TextStyle style;
    int indent = 2;
};
// A full-width line made of one repeated character.
struct RuleBlock {
    char ch = '-';
};
struct ImageBlock {
    GreyImage image;
    Align align = Align::centre;
};
struct QrBlock {
    std::string data;
    int module_dots = 5;  // 1..16
    char error_level = 'M';  // L, M, Q, H
    Align align = Align::centre;
};
enum class BarcodeKind : std::uint8_t { code128, ean13 };
struct BarcodeBlock {
    std::string data;
    BarcodeKind kind = BarcodeKind::code128;
    int height_dots = 80;
    bool human_readable = true;
};
struct FeedBlock {
    int lines = 1;
};
struct CutBlock {
    bool partial = true;
};
struct DrawerBlock {
    int pin = 2;  // 2 or 5
};

using Block = std::variant<TextBlock, RowBlock, RuleBlock, ImageBlock, QrBlock, BarcodeBlock, FeedBlock,
                           CutBlock, DrawerBlock>;

struct Document {
    std::vector<Block> blocks;

    Document& text(std::string t, TextStyle s = {}) { blocks.emplace_back(TextBlock{std::move(t), s}); return *this; }
    Document& row(std::string label, std::string amount, TextStyle s = {}) {
        blocks.emplace_back(RowBlock{std::move(label), std::move(amount), s, 2});
        return *this;
    }
    Document& rule(char ch = '-') { blocks.emplace_back(RuleBlock{ch}); return *this; }
    Document& image(GreyImage img, Align a = Align::centre) { blocks.emplace_back(ImageBlock{std::move(img), a}); return *this; }
    Document& qr(std::string data, int module_dots = 5) {
        blocks.emplace_back(QrBlock{std::move(data), module_dots, 'M', Align::centre});
        return *this;
    }
    Document& barcode(std::string data, BarcodeKind k = BarcodeKind::code128) {
        blocks.emplace_back(BarcodeBlock{std::move(data), k, 80, true});
        return *this;
    }
    Document& feed(int lines = 1) { blocks.emplace_back(FeedBlock{lines}); return *this; }
    Document& cut(bool partial = true) { blocks.emplace_back(CutBlock{partial}); return *this; }
    Document& drawer(int pin = 2) { blocks.emplace_back(DrawerBlock{pin}); return *this; }
};

}  // namespace caisse::drivers
