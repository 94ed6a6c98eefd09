#include "app/core/text.hpp"

#include <cstdint>

namespace caisse {

bool valid_utf8_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return false;
            ++i;
            continue;
        }
        std::size_t n;
        std::uint32_t cp;
        if ((c >> 5) == 0x6) { n = 1; cp = c & 0x1F; }
        else if ((c >> 4) == 0xE) { n = 2; cp = c & 0x0F; }
        else if ((c >> 3) == 0x1E) { n = 3; cp = c & 0x07; }
        else return false;
        if (i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const unsigned char cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
        if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        if (cp >= 0x80 && cp <= 0x9F) return false;  // C1 control characters (NEL, CSI, ...)
        i += n + 1;
    }
    return true;
}

}  // namespace caisse
