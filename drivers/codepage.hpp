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
// Inverse, for tests and the screen printer: the code point shown for `byte`, 0 when none.
char32_t decode_byte(CodePage page, std::uint8_t byte);

}  // namespace caisse::drivers
