#include "app/core/latin9.hpp"

#include <utf8proc.h>

#include "app/core/money.hpp"  // InputError

namespace caisse {

namespace {
// The eight code points Latin-9 puts where Latin-1 has ¤ ¦ ¨ ´ ¸ ¼ ½ ¾ (those are not in Latin-9).
int latin9_byte(utf8proc_int32_t cp) {
    switch (cp) {
        case 0x20AC: return 0xA4;  // €
        case 0x0160: return 0xA6;  // Š
        case 0x0161: return 0xA8;  // š
        case 0x017D: return 0xB4;  // Ž
        case 0x017E: return 0xB8;  // ž
        case 0x0152: return 0xBC;  // Œ
        case 0x0153: return 0xBD;  // œ
        case 0x0178: return 0xBE;  // Ÿ
        case 0xA4: case 0xA6: case 0xA8: case 0xB4: case 0xB8: case 0xBC: case 0xBD: case 0xBE: return -1;
        default: return cp >= 0 && cp <= 0xFF ? cp : -1;
    }
}
}  // namespace

std::string to_latin9(std::string_view utf8) {
    std::string out;
    out.reserve(utf8.size());
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(utf8.data());
    utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(utf8.size());
    while (left > 0) {
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
        if (n <= 0) throw InputError("text to export is not valid UTF-8");
        p += n;
        left -= n;
        int b = latin9_byte(cp);
        if (b < 0) {
            // The first code point of the canonical decomposition: the base letter of ă, ő, ł has none.
            utf8proc_int32_t parts[8];
            utf8proc_int32_t last = 0;
            const utf8proc_ssize_t k = utf8proc_decompose_char(cp, parts, 8, UTF8PROC_DECOMPOSE, &last);
            if (k > 1) b = latin9_byte(parts[0]);
        }
        out += static_cast<char>(b < 0 ? '?' : b);
    }
    return out;
}

}  // namespace caisse
