#include "drivers/utf8.hpp"

namespace caisse::drivers {
namespace {

// Decodes one code point at text[i]; advances i. Overlong forms, surrogates and truncated
// sequences give U+FFFD and consume one byte.
}  // namespace

char32_t next_code_point_slow(std::string_view text, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    int len = 0;
    char32_t cp = 0;
    if ((b0 & 0xE0) == 0xC0) { len = 2; cp = b0 & 0x1F; }
    else if ((b0 & 0xF0) == 0xE0) { len = 3; cp = b0 & 0x0F; }
    else if ((b0 & 0xF8) == 0xF0) { len = 4; cp = b0 & 0x07; }
    else { ++i; return 0xFFFD; }
    if (i + static_cast<std::size_t>(len) > text.size()) { ++i; return 0xFFFD; }
    for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
        if ((b & 0xC0) != 0x80) { ++i; return 0xFFFD; }
        cp = (cp << 6) | (b & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) { ++i; return 0xFFFD; }
    i += static_cast<std::size_t>(len);
    return cp;
}

void decode_utf8(std::string_view text, std::u32string& out) {
    out.clear();
    for (std::size_t i = 0; i < text.size();) out.push_back(next_code_point(text, i));
}

std::u32string decode_utf8(std::string_view text) {
    std::u32string out;
    out.reserve(text.size());
    decode_utf8(text, out);
    return out;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

int column_width(std::string_view text) {
    int width = 0;
    for (std::size_t i = 0; i < text.size();)
        if (!is_combining(next_code_point(text, i))) ++width;
    return width;
}

std::vector<std::pair<std::size_t, std::size_t>> wrap_spans(std::string_view text, int columns) {
    if (columns < 1) columns = 1;
    std::vector<std::pair<std::size_t, std::size_t>> lines;
    std::size_t start = 0, i = 0;
    std::size_t last_space = std::string_view::npos;  // byte offset of the last space in the line
    int width = 0;
    auto skip_spaces = [&](std::size_t from) {
        while (from < text.size() && text[from] == ' ') ++from;
        return from;
    };
    while (i < text.size()) {
        const std::size_t at = i;
        const char32_t cp = next_code_point(text, i);
        if (cp == U'\n') {
            lines.emplace_back(start, at);
            start = i;
            width = 0;
            last_space = std::string_view::npos;
            continue;
        }
        if (is_combining(cp)) continue;
        if (cp == U' ') {
            if (width < columns) { last_space = at; ++width; }
            else {  // the line is full: the space itself is the break
                lines.emplace_back(start, at);
                start = i = skip_spaces(i);
                width = 0;
                last_space = std::string_view::npos;
            }
            continue;
        }
        if (width < columns) { ++width; continue; }
        if (last_space != std::string_view::npos && last_space > start) {
            lines.emplace_back(start, last_space);
            start = i = skip_spaces(last_space + 1);
        } else {
            lines.emplace_back(start, at);  // a word longer than the line: cut before this character
            start = i = at;
        }
        width = 0;
        last_space = std::string_view::npos;
    }
    if (start < text.size() || lines.empty()) lines.emplace_back(start, text.size());
    return lines;
}

std::vector<std::string> wrap_columns(std::string_view text, int columns) {
    std::vector<std::string> out;
    for (const auto& [b, e] : wrap_spans(text, columns)) out.emplace_back(text.substr(b, e - b));
    return out;
}

}  // namespace caisse::drivers
