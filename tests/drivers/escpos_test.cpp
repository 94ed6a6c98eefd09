// Golden bytes of the ESC/POS encoder, written by hand from the ESC/POS command reference.
#include "drivers/escpos.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "drivers/text_raster.hpp"

namespace caisse::drivers {
namespace {

std::string hex(const std::vector<std::uint8_t>& bytes) {
    static const char* digits = "0123456789ABCDEF";
    std::string out;
    for (auto b : bytes) {
        if (!out.empty()) out += ' ';
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}
std::string hex_of(const std::string& ascii) { return hex(std::vector<std::uint8_t>(ascii.begin(), ascii.end())); }

const PrinterProfile& p58() { return *find_profile("generic-58"); }
const PrinterProfile& p80() { return *find_profile("generic-80"); }
const PrinterProfile& tm() { return *find_profile("epson-tm-t20iii"); }
const PrinterProfile& clone() { return *find_profile("pos-5890"); }

std::string encode(const Document& doc, const PrinterProfile& p, const TextRasteriser* r = nullptr) {
    return hex(encode_escpos(doc, p, r));
}

// Splits the encoder output into printed text lines (bytes between LFs), skipping command bytes
// the test knows: good enough to read back the layout of plain-text documents.
std::vector<std::string> printed_lines(const std::vector<std::uint8_t>& bytes) {
    std::vector<std::string> lines(1);
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        const auto b = bytes[i];
        if (b == 0x1B) { i += (bytes[i + 1] == '@') ? 1 : 2; continue; }
        if (b == 0x1D) { i += 2; continue; }
        if (b == 0x0A) { lines.emplace_back(); continue; }
        lines.back() += static_cast<char>(b);
    }
    lines.pop_back();
    return lines;
}

TEST(EscPos, PlainAsciiNeedsNoCodePage) {
    EXPECT_EQ(encode(Document().text("Bonjour"), p58()), "1B 40 " + hex_of("Bonjour") + " 0A");
}

TEST(EscPos, EuroAndAccentsInCp858) {
    // é = 82, NBSP = FF, € = D5 in PC858; U+202F (money's thousands space) prints as NBSP.
    EXPECT_EQ(encode(Document().text("Café 1\u202F234,50\u00A0€"), p58()),
              "1B 40 1B 74 13 43 61 66 82 20 31 FF 32 33 34 2C 35 30 FF D5 0A");
    EXPECT_EQ(encode(Document().text("àçèêùô ÉÀÇ"), p58()),
              "1B 40 1B 74 13 85 87 8A 88 97 93 20 90 B7 80 0A");
}

TEST(EscPos, EuroAndAccentsInWpc1252) {
    EXPECT_EQ(encode(Document().text("Café 8,50\u00A0€"), tm()),
              "1B 40 1B 74 10 43 61 66 E9 20 38 2C 35 30 A0 80 0A");
    EXPECT_EQ(encode(Document().text("àçèêùô ÉÀÇ"), tm()),
              "1B 40 1B 74 10 E0 E7 E8 EA F9 F4 20 C9 C0 C7 0A");
}

TEST(EscPos, CodePageSelectedOnlyWhenItChanges) {
    Document doc;
    doc.text("€1").text("€2").text("abc");
    EXPECT_EQ(encode(doc, p58()), "1B 40 1B 74 13 D5 31 0A D5 32 0A 61 62 63 0A");
}

TEST(EscPos, StylesAreSetAndReset) {
    TextStyle bold;
    bold.bold = true;
    TextStyle big;
    big.double_width = big.double_height = true;
    big.align = Align::centre;
    TextStyle under_inv;
    under_inv.underline = true;
    under_inv.invert = true;
    under_inv.align = Align::right;
    Document doc;
    doc.text("A", bold).text("B", big).text("C", under_inv).text("D");
    EXPECT_EQ(encode(doc, p80()),
              "1B 40 "
              "1B 45 01 41 0A "                          // bold on
              "1B 61 01 1B 45 00 1D 21 11 42 0A "        // centre, bold off, double width+height
              "1B 61 02 1B 2D 01 1D 42 01 1D 21 00 43 0A "  // right, underline, invert, normal size
              "1B 61 00 1B 2D 00 1D 42 00 44 0A");       // back to defaults
}

TEST(EscPos, RowsPutTheAmountOnTheRightOnBothWidths) {
    Document doc;
    doc.row("Mafé poulet", "12,00\u00A0€");
    auto lines58 = printed_lines(encode_escpos(doc, p58(), nullptr));
    ASSERT_EQ(lines58.size(), 1u);
    EXPECT_EQ(lines58[0], "Maf\x82 poulet" + std::string(32 - 11 - 7, ' ') + "12,00\xFF\xD5");
    auto lines80 = printed_lines(encode_escpos(doc, p80(), nullptr));
    ASSERT_EQ(lines80.size(), 1u);
    EXPECT_EQ(lines80[0].size(), 48u);
}

TEST(EscPos, LongNamesWrapWithIndentAndKeepEveryWord) {
    Document doc;
    doc.row("Grand boubou brodé main en bazin riche teint indigo", "180,00\u00A0€");
    const auto lines = printed_lines(encode_escpos(doc, p58(), nullptr));
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[0], std::string("Grand boubou brod\x82 main") + std::string(32 - 23 - 8, ' ') + "180,00\xFF\xD5");
    EXPECT_EQ(lines[1], "  en bazin riche teint indigo");
    for (const auto& l : lines) EXPECT_LE(l.size(), 32u);
}

TEST(EscPos, AHugeProductNameWrapsWithoutLosingCharacters) {
    std::string name;
    for (int i = 0; i < 10000; ++i) name += static_cast<char>('a' + i % 26);
    Document doc;
    doc.row(name, "1,00\u00A0€");
    const auto lines = printed_lines(encode_escpos(doc, p58(), nullptr));
    std::string joined;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_LE(lines[i].size(), 32u);
        joined += i == 0 ? lines[i].substr(0, 25) : lines[i].substr(2);
    }
    EXPECT_EQ(joined, name);
}

TEST(EscPos, RuleFillsTheLine) {
    EXPECT_EQ(printed_lines(encode_escpos(Document().rule('='), p58(), nullptr))[0], std::string(32, '='));
    EXPECT_EQ(printed_lines(encode_escpos(Document().rule(), p80(), nullptr))[0], std::string(48, '-'));
}

TEST(EscPos, QrUsesTheNativeCommand) {
    EXPECT_EQ(encode(Document().qr("T1/42", 6), p80()),
              "1B 40 1B 61 01 "
              "1D 28 6B 04 00 31 41 32 00 "  // model 2
              "1D 28 6B 03 00 31 43 06 "     // module 6 dots
              "1D 28 6B 03 00 31 45 31 "     // error level M
              "1D 28 6B 08 00 31 50 30 54 31 2F 34 32 "  // store "T1/42"
              "1D 28 6B 03 00 31 51 30 0A");  // print
    // The clone profile has no GS ( k: the data is printed as text.
    EXPECT_EQ(encode(Document().qr("T1/42"), clone()), "1B 40 1B 61 01 " + hex_of("T1/42") + " 0A");
}

TEST(EscPos, BarcodesAreValidatedFirst) {
    EXPECT_EQ(encode(Document().barcode("3760123456789", BarcodeKind::ean13), p80()),
              "1B 40 1B 61 01 1D 68 50 1D 77 02 1D 48 02 1D 6B 43 0D " + hex_of("3760123456789") + " 0A");
    EXPECT_EQ(encode(Document().barcode("AB-12"), p80()),
              "1B 40 1B 61 01 1D 68 50 1D 77 02 1D 48 02 1D 6B 49 07 7B 42 " + hex_of("AB-12") + " 0A");
    // Not 12/13 digits: printed as text rather than a barcode the printer would reject.
    EXPECT_EQ(encode(Document().barcode("12AB", BarcodeKind::ean13), p80()), "1B 40 1B 61 01 " + hex_of("12AB") + " 0A");
}

TEST(EscPos, ImagesAreDitheredAndBanded) {
    GreyImage black{10, 50, std::vector<std::uint8_t>(500, 0)};
    const auto bytes = encode_escpos(Document().image(black, Align::left), p58(), nullptr);
    // 384 dots = 48 bytes a row; 50 rows in bands of 24, 24, 2.
    const std::vector<int> band_rows = {24, 24, 2};
    std::size_t at = 2;
    for (int rows : band_rows) {
        ASSERT_GE(bytes.size(), at + 8);
        EXPECT_EQ(hex({bytes.begin() + static_cast<long>(at), bytes.begin() + static_cast<long>(at) + 8}),
                  "1D 76 30 00 30 00 " + hex({static_cast<std::uint8_t>(rows)}) + " 00");
        at += 8;
        for (int r = 0; r < rows; ++r) {
            EXPECT_EQ(bytes[at], 0xFF);       // first 8 dots black
            EXPECT_EQ(bytes[at + 1], 0xC0);   // dots 9 and 10 black, the rest white
            EXPECT_EQ(bytes[at + 2], 0x00);
            at += 48;
        }
    }
    EXPECT_EQ(at, bytes.size());
    // The clone's smaller buffer gets 16-row bands.
    const auto clone_bytes = encode_escpos(Document().image(black), clone(), nullptr);
    EXPECT_EQ(clone_bytes.size(), 2u + 4 * 8 + 50 * 48);
}

TEST(EscPos, CentredImageIsPaddedOnTheLeft) {
    GreyImage black{16, 1, std::vector<std::uint8_t>(16, 0)};
    const auto bytes = encode_escpos(Document().image(black, Align::centre), p58(), nullptr);
    // (384 - 16) / 2 = 184 dots = 23 bytes of white, then two black bytes.
    ASSERT_EQ(bytes.size(), 2u + 8 + 48);
    EXPECT_EQ(bytes[10 + 22], 0x00);
    EXPECT_EQ(bytes[10 + 23], 0xFF);
    EXPECT_EQ(bytes[10 + 24], 0xFF);
    EXPECT_EQ(bytes[10 + 25], 0x00);
}

TEST(EscPos, CutFollowsTheProfile) {
    EXPECT_EQ(encode(Document().cut(), p58()), "1B 40 1B 64 04 1D 56 01");
    EXPECT_EQ(encode(Document().cut(false), p80()), "1B 40 1B 64 04 1D 56 00");
    EXPECT_EQ(encode(Document().cut(), tm()), "1B 40 1D 56 42 03");
    EXPECT_EQ(encode(Document().cut(), clone()), "1B 40 1B 64 03");  // no cutter: feed to the tear bar
}

TEST(EscPos, DrawerPulseOnPin2Or5) {
    EXPECT_EQ(encode(Document().drawer(), p80()), "1B 40 1B 70 00 19 FA");
    EXPECT_EQ(encode(Document().drawer(5), tm()), "1B 40 1B 70 01 19 FA");
    EXPECT_EQ(encode(Document().drawer(), clone()), "1B 40");  // no drawer port
}

TEST(EscPos, ControlBytesInTextNeverReachThePrinter) {
    // An ESC hidden in a product name must not become a printer command.
    EXPECT_EQ(encode(Document().text(std::string("a\x1B" "@b\x1D")), p58()), "1B 40 61 20 40 62 20 0A");
}

TEST(EscPos, WithoutFontsUnprintableCharactersBecomeABoxNotAQuestionMark) {
    EXPECT_EQ(encode(Document().text("ŋ"), p58()), "1B 40 1B 74 13 FE 0A");
}

TEST(EscPos, NonLatinNameGoesOutAsARasterStrip) {
    TextRasteriser raster(TextRasteriser::default_font_files());
    Document doc;
    doc.row("Thiéboudienne ŋ", "9,00\u00A0€").row("كسكس", "12,00\u00A0€").row("தோசை", "6,50\u00A0€");
    for (const auto* p : {&p58(), &p80()}) {
        const auto bytes = encode_escpos(doc, *p, &raster);
        const std::uint8_t stride = static_cast<std::uint8_t>(p->dots_per_line / 8);
        const std::vector<std::uint8_t> header = {0x1D, 0x76, 0x30, 0x00, stride, 0x00, 24, 0x00};
        int strips = 0;
        std::string outside_pictures;  // every byte but raster payloads, where 0x3F is just dots
        for (std::size_t i = 0; i < bytes.size(); ++i) {
            if (i + header.size() <= bytes.size() && std::equal(header.begin(), header.end(), bytes.begin() + static_cast<long>(i))) {
                ++strips;
                const auto from = bytes.begin() + static_cast<long>(i + 8);
                const long black = std::count_if(from, from + stride * 24, [](std::uint8_t b) { return b != 0; });
                EXPECT_GT(black, 10) << "strip " << strips << " on " << p->id;
                i += 8 + stride * 24u - 1;
                continue;
            }
            outside_pictures += static_cast<char>(bytes[i]);
        }
        EXPECT_EQ(strips, 3) << p->id;
        EXPECT_EQ(std::count(outside_pictures.begin(), outside_pictures.end(), '?'), 0);
    }
}

TEST(Utf8Wrap, BreaksAtSpacesAndCountsCodePoints) {
    EXPECT_EQ(wrap_columns("é é é é", 3), (std::vector<std::string>{"é é", "é é"}));
    EXPECT_EQ(wrap_columns("abcdefgh", 3), (std::vector<std::string>{"abc", "def", "gh"}));
    EXPECT_EQ(wrap_columns("ab\ncd", 10), (std::vector<std::string>{"ab", "cd"}));
    EXPECT_EQ(column_width("e\u0301t\u00E9"), 3);  // combining acute takes no column
    EXPECT_EQ(wrap_columns("", 5), (std::vector<std::string>{""}));
}

}  // namespace
}  // namespace caisse::drivers
