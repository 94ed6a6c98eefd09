// valid_utf8_text: well-formed UTF-8, no overlongs, no surrogates, no control characters but tab/CR/LF.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "app/core/text.hpp"

namespace caisse {
namespace {

// Encodes a code point as UTF-8 the straightforward way (also surrogates, for the test's sake).
std::string utf8(std::uint32_t cp) {
    std::string s;
    if (cp < 0x80) {
        s += static_cast<char>(cp);
    } else if (cp < 0x800) {
        s += static_cast<char>(0xC0 | (cp >> 6));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        s += static_cast<char>(0xE0 | (cp >> 12));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (cp >> 18));
        s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    return s;
}

TEST(ValidUtf8Text, AcceptsText) {
    EXPECT_TRUE(valid_utf8_text(""));
    EXPECT_TRUE(valid_utf8_text("Mafé poulet"));
    EXPECT_TRUE(valid_utf8_text("Leïla"));
    EXPECT_TRUE(valid_utf8_text("Le\xC3\xAFla"));
    EXPECT_TRUE(valid_utf8_text("\xE2\x82\xAC"));  // €
    EXPECT_TRUE(valid_utf8_text("8,50\xC2\xA0\xE2\x82\xAC"));
    EXPECT_TRUE(valid_utf8_text("1\xE2\x80\xAF" "234"));
    EXPECT_TRUE(valid_utf8_text("\xF0\x9F\x8D\xB2"));  // U+1F372 pot of food
    EXPECT_TRUE(valid_utf8_text("\xE4\xB8\xAD\xE6\x96\x87"));
    EXPECT_TRUE(valid_utf8_text("a\tb\r\nc\n"));
    EXPECT_TRUE(valid_utf8_text("~ !\"#"));
}

TEST(ValidUtf8Text, BoundaryCodePoints) {
    for (std::uint32_t cp : {0x20u, 0x7Eu, 0xA0u, 0xFFu, 0x7FFu, 0x800u, 0xD7FFu, 0xE000u, 0xFFFDu, 0xFFFFu,
                             0x10000u, 0x10FFFFu}) {
        EXPECT_TRUE(valid_utf8_text(utf8(cp))) << std::hex << cp;
    }
}

TEST(ValidUtf8Text, RejectsOverlongEncodings) {
    EXPECT_FALSE(valid_utf8_text("\xC0\xAF"));          // '/' in 2 bytes
    EXPECT_FALSE(valid_utf8_text("\xC1\xBF"));
    EXPECT_FALSE(valid_utf8_text("\xC0\x80"));          // NUL in 2 bytes
    EXPECT_FALSE(valid_utf8_text("\xE0\x80\xAF"));      // '/' in 3 bytes
    EXPECT_FALSE(valid_utf8_text("\xE0\x9F\xBF"));      // U+07FF in 3 bytes
    EXPECT_FALSE(valid_utf8_text("\xF0\x80\x80\xAF"));  // '/' in 4 bytes
    EXPECT_FALSE(valid_utf8_text("\xF0\x8F\xBF\xBF"));  // U+FFFF in 4 bytes
}

TEST(ValidUtf8Text, RejectsSurrogates) {
    EXPECT_FALSE(valid_utf8_text("\xED\xA0\x80"));  // U+D800
    EXPECT_FALSE(valid_utf8_text("\xED\xBF\xBF"));  // U+DFFF
    EXPECT_FALSE(valid_utf8_text("\xED\xA0\xBD\xED\xB2\xA9"));  // CESU-8 pair
    for (std::uint32_t cp = 0xD800; cp <= 0xDFFF; cp += 0x3F) EXPECT_FALSE(valid_utf8_text(utf8(cp))) << cp;
}

TEST(ValidUtf8Text, RejectsInvalidBytes) {
    EXPECT_FALSE(valid_utf8_text("\x80"));              // lone continuation
    EXPECT_FALSE(valid_utf8_text("a\xBF" "b"));
    EXPECT_FALSE(valid_utf8_text("\xC3"));              // truncated at the end
    EXPECT_FALSE(valid_utf8_text("\xE2\x82"));
    EXPECT_FALSE(valid_utf8_text("\xF0\x9F\x8D"));
    // Truncated inside a longer buffer: the check must not read past the view's end.
    const std::string buf = "\xC3\xA9\xE2\x82\xAC";
    EXPECT_TRUE(valid_utf8_text(std::string_view(buf.data(), 2)));
    EXPECT_FALSE(valid_utf8_text(std::string_view(buf.data(), 1)));
    EXPECT_FALSE(valid_utf8_text(std::string_view(buf.data(), 4)));
    EXPECT_FALSE(valid_utf8_text("\xC3" "a"));          // bad continuation
    EXPECT_FALSE(valid_utf8_text("\xE2\x28\xA1"));
    EXPECT_FALSE(valid_utf8_text("Caf\xE9"));           // Latin-1
    EXPECT_FALSE(valid_utf8_text("\xFE"));
    EXPECT_FALSE(valid_utf8_text("\xFF"));
    EXPECT_FALSE(valid_utf8_text("\xF8\x88\x80\x80\x80"));  // 5-byte form
    EXPECT_FALSE(valid_utf8_text("\xF4\x90\x80\x80"));      // U+110000, above Unicode
    EXPECT_FALSE(valid_utf8_text("\xF5\x80\x80\x80"));
}

TEST(ValidUtf8Text, RejectsControlCharacters) {
    EXPECT_FALSE(valid_utf8_text(std::string("a\0b", 3)));
    EXPECT_FALSE(valid_utf8_text("\x01"));
    EXPECT_FALSE(valid_utf8_text("\x1B[2J"));  // ESC: an escape sequence
    EXPECT_FALSE(valid_utf8_text("\x7F"));     // DEL
    EXPECT_FALSE(valid_utf8_text("\x0B"));
    EXPECT_FALSE(valid_utf8_text("\x0C"));
    for (std::uint32_t cp = 0; cp < 0x20; ++cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') continue;
        EXPECT_FALSE(valid_utf8_text(std::string(1, static_cast<char>(cp)))) << cp;
    }
    // C1 controls (U+0080..U+009F) are control characters too, e.g. U+0085 NEL and U+009B CSI.
    for (std::uint32_t cp = 0x80; cp <= 0x9F; ++cp) EXPECT_FALSE(valid_utf8_text(utf8(cp))) << std::hex << cp;
}

// Initials go with an entrepreneur's colour on screen (issue 12 item 7).
TEST(Initials, FirstAndLastWordsUpperCased) {
    EXPECT_EQ(initials("Aminata Diop"), "AD");
    EXPECT_EQ(initials("  tomás   ferreira "), "TF");
    EXPECT_EQ(initials("Jean-Pierre de la Fontaine"), "JF");
    EXPECT_EQ(initials("Mei"), "M");
    EXPECT_EQ(initials("élodie"), "É");
    EXPECT_EQ(initials("e\xCC\x81lodie ba"), "ÉB");  // a combining accent stays on its letter
    EXPECT_EQ(initials(""), "");
    EXPECT_EQ(initials("   "), "");
    EXPECT_EQ(initials("\xFF"), "?");
}

}  // namespace
}  // namespace caisse

TEST(SentenceCase, TheFirstLetterOnlyIsUpperCased) {
    EXPECT_EQ(caisse::sentence_case("un acompte de 30 %"), "Un acompte de 30 %");
    EXPECT_EQ(caisse::sentence_case("émise le 02/03"), "Émise le 02/03");
    EXPECT_EQ(caisse::sentence_case("F-2026-0001 est déduite"), "F-2026-0001 est déduite");
    EXPECT_EQ(caisse::sentence_case(""), "");
    EXPECT_EQ(caisse::sentence_case("\xff abc"), "\xff abc");
}

