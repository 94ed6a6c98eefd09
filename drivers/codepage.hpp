#pragma once
// Single-byte printer code pages: Unicode code point -> byte, and the ESC t number selecting them.
#include <cstdint>
#include <optional>
#include <string_view>

namespace caisse::drivers {

enum class CodePage : std::uint8_t { pc437, cp858, wpc1252 };

std::string_view to_string(CodePage page);  // "cp858"
std::uint8_t default_escpos_number(CodePage page);  // Epson numbering: 0, 19, 16

// The byte for code point `cp` in `page`, or nothing when the page cannot show it. ASCII 0x20..0x7E
// maps to itself; control characters never map.
std::optional<std::uint8_t> encode_char(CodePage page, char32_t cp);
// The whole code point -> byte table of a page, for U+0000..U+2FFF (0 = the page lacks it; ASCII
// maps to itself). The encoder looks up every character of a line in it.
inline constexpr char32_t kCodePageTableEnd = 0x3000;
const std::uint8_t* code_page_table(CodePage page);
// Inverse, for tests and the screen printer: the code point shown for `byte`, 0 when none.
char32_t decode_byte(CodePage page, std::uint8_t byte);

}  // namespace caisse::drivers
