#include "app/core/text.hpp"

#include <utf8proc.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <vector>

#include "app/core/money.hpp"  // InputError

namespace caisse {

namespace {

// Decodes the code point at s[i] and advances i past it; nothing when the bytes there are not
// well-formed UTF-8 (truncated, overlong, surrogate, above U+10FFFF).
std::optional<std::uint32_t> decode(std::string_view s, std::size_t& i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t n;
    std::uint32_t cp;
    if ((c >> 5) == 0x6) { n = 1; cp = c & 0x1F; }
    else if ((c >> 4) == 0xE) { n = 2; cp = c & 0x0F; }
    else if ((c >> 3) == 0x1E) { n = 3; cp = c & 0x07; }
    else return std::nullopt;
    if (i + n >= s.size()) return std::nullopt;
    for (std::size_t k = 1; k <= n; ++k) {
        const unsigned char cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) return std::nullopt;
        cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return std::nullopt;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return std::nullopt;
    i += n + 1;
    return cp;
}

bool invisible_format(std::uint32_t cp) {
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
           cp == 0x061C || cp == 0x200B || cp == 0x2060 || cp == 0xFEFF;
}

std::string hex_code(std::uint32_t cp) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
    return buf;
}

}  // namespace

bool valid_utf8_text(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        // Plain ASCII, most of a ledger's text (verify reads every sale line's name through here),
        // checked in place without decoding.
        const auto b = static_cast<unsigned char>(s[i]);
        if (b < 0x80) {
            if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) return false;
            ++i;
            continue;
        }
        const auto cp = decode(s, i);
        if (!cp) return false;
        if ((*cp < 0x20 && *cp != '\t' && *cp != '\n' && *cp != '\r') || *cp == 0x7F) return false;
        if (*cp >= 0x80 && *cp <= 0x9F) return false;  // C1 control characters (NEL, CSI, ...)
    }
    return true;
}

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) n += (c & 0xC0) != 0x80;
    return n;
}

void check_display_text(std::string_view text, std::string_view field, std::size_t max_chars, TextLines lines) {
    const Message what{std::string(field), {}};
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) throw InputError("{0} is empty", what);
    for (std::size_t i = 0; i < text.size();) {
        const auto cp = decode(text, i);
        if (!cp) throw InputError("{0} is not valid UTF-8 text", what);
        const bool newline_allowed = *cp == '\n' && lines == TextLines::multi;
        if (((*cp < 0x20 || *cp == 0x7F) && !newline_allowed) || (*cp >= 0x80 && *cp <= 0x9F) || *cp == 0x2028 ||
            *cp == 0x2029)
            throw InputError("{0} contains a control character ({1})", what, hex_code(*cp));
        if (invisible_format(*cp))
            throw InputError("{0} contains an invisible formatting character ({1}) that can disguise text", what,
                             hex_code(*cp));
    }
    if (lines == TextLines::single && (text.front() == ' ' || text.back() == ' '))
        throw InputError("{0} starts or ends with a space", what);
    if (code_points(text) > max_chars) throw InputError("{0} is longer than {1} characters", what, max_chars);
}

std::string name_key(std::string_view text) {
    if (!valid_utf8_text(text)) throw InputError("a name is not valid UTF-8 text");
    utf8proc_uint8_t* mapped = nullptr;
    const auto options = static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                                        UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()),
                                            static_cast<utf8proc_ssize_t>(text.size()), &mapped, options);
    if (n < 0) throw InputError("a name is not valid UTF-8 text");
    const std::string folded(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
    std::free(mapped);
    // Spaces collapsed and trimmed: NFKC has already turned no-break and other spaces into ' '.
    std::string key;
    bool space = false;
    for (char c : folded) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = !key.empty();
            continue;
        }
        if (space) key += ' ';
        space = false;
        key += c;
    }
    return key;
}

namespace {
std::u32string code_points_of(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        auto cp = decode(s, i);
        if (!cp) throw InputError("a name is not valid UTF-8 text");
        out += static_cast<char32_t>(*cp);
    }
    return out;
}
}  // namespace

bool names_one_edit_apart(std::string_view a, std::string_view b) {
    const std::u32string x = code_points_of(name_key(a)), y = code_points_of(name_key(b));
    if (x == y) return false;
    const std::u32string& s = x.size() <= y.size() ? x : y;  // the shorter
    const std::u32string& l = x.size() <= y.size() ? y : x;
    if (l.size() - s.size() > 1) return false;
    std::size_t i = 0;
    while (i < s.size() && s[i] == l[i]) ++i;  // first difference
    if (s.size() == l.size()) return s.substr(i + 1) == l.substr(i + 1);  // one replaced
    return s.substr(i) == l.substr(i + 1);                                 // one inserted into s
}

std::string initials(std::string_view name) {
    utf8proc_uint8_t* nfc = nullptr;
    const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(name.data()),
                                            static_cast<utf8proc_ssize_t>(name.size()), &nfc,
                                            static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE));
    if (n < 0) return "?";
    std::vector<utf8proc_int32_t> firsts;  // the first code point of each word
    bool in_word = false;
    for (utf8proc_ssize_t i = 0; i < n;) {
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t len = utf8proc_iterate(nfc + i, n - i, &cp);
        if (len <= 0) break;
        i += len;
        const auto category = utf8proc_category(cp);
        const bool space = category == UTF8PROC_CATEGORY_ZS || cp == '\t' || cp == '\n' || cp == '\r' || cp == '-';
        if (!space && !in_word) firsts.push_back(cp);
        in_word = !space;
    }
    std::free(nfc);
    std::string out;
    for (std::size_t k = 0; k < firsts.size(); k += std::max<std::size_t>(1, firsts.size() - 1)) {
        utf8proc_uint8_t buf[4];
        const auto len = utf8proc_encode_char(utf8proc_toupper(firsts[k]), buf);
        out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(len));
        if (firsts.size() == 1) break;
    }
    return out;
}

std::string sentence_case(std::string_view text) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t len =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()), &cp);
    if (len <= 0) return std::string(text);
    utf8proc_uint8_t buf[4];
    const auto upper = utf8proc_encode_char(utf8proc_toupper(cp), buf);
    return std::string(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(upper)) + std::string(text.substr(static_cast<std::size_t>(len)));
}

}  // namespace caisse
