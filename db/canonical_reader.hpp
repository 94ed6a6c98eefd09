#pragma once
// A strict reader of canonical JSON as caisse writes it (keys in a known order, no whitespace,
// integers only): the fast path of bundle import, which reads a million records. Every method
// returns false on anything else (the caller then takes the nlohmann-json path or refuses), so it
// never reads a value differently from a JSON parser: strings accept the escapes of
// docs/ledger-format.md (and \/, \b, \f, \uXXXX), integers are -?[0-9]+ without leading zeros and
// within int64.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace caisse::db {

class CanonicalReader {
public:
    explicit CanonicalReader(std::string_view text) : p_(text.data()), end_(text.data() + text.size()) {}

    bool done() const { return p_ == end_; }
    // The exact bytes `s` next (punctuation and keys: "\"seq\":").
    bool lit(std::string_view s) {
        if (static_cast<std::size_t>(end_ - p_) < s.size() || std::memcmp(p_, s.data(), s.size()) != 0) return false;
        p_ += s.size();
        return true;
    }
    bool peek(char c) const { return p_ < end_ && *p_ == c; }
    bool i64(std::int64_t& out) {
        const bool neg = peek('-');
        if (neg) ++p_;
        if (p_ >= end_ || *p_ < '0' || *p_ > '9') return false;
        if (*p_ == '0' && p_ + 1 < end_ && p_[1] >= '0' && p_[1] <= '9') return false;  // leading zero
        std::uint64_t v = 0;
        int digits = 0;
        while (p_ < end_ && *p_ >= '0' && *p_ <= '9') {
            if (++digits > 19) return false;
            v = v * 10 + static_cast<std::uint64_t>(*p_++ - '0');
        }
        if (p_ < end_ && (*p_ == '.' || *p_ == 'e' || *p_ == 'E')) return false;  // not an integer
        if (v > static_cast<std::uint64_t>(INT64_MAX) + (neg ? 1u : 0u)) return false;
        out = neg ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
        return true;
    }
    bool boolean(bool& out) {
        if (lit("true")) return out = true, true;
        if (lit("false")) return out = false, true;
        return false;
    }
    // A JSON string, unescaped into out (its UTF-8 bytes are copied as they are).
    bool str(std::string& out) {
        out.clear();
        if (!lit("\"")) return false;
        for (;;) {
            const char* q = p_;
            while (q < end_ && *q != '"' && *q != '\\' && static_cast<unsigned char>(*q) >= 0x20) ++q;
            out.append(p_, static_cast<std::size_t>(q - p_));
            p_ = q;
            if (p_ >= end_ || static_cast<unsigned char>(*p_) < 0x20) return false;
            if (*p_ == '"') {
                ++p_;
                return well_formed_utf8(out);
            }
            if (++p_ >= end_) return false;  // the backslash
            switch (*p_++) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case '/': out += '/'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    std::uint32_t cp = 0;
                    if (!hex4(cp)) return false;
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        std::uint32_t low = 0;
                        if (!lit("\\u") || !hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return false;
                    }
                    utf8(out, cp);
                    break;
                }
                default: return false;
            }
        }
    }
    // n bytes as lowercase or uppercase hex digits inside quotes ("...") into raw bytes.
    bool hex_string(std::uint8_t* raw, std::size_t n) {
        if (!lit("\"") || static_cast<std::size_t>(end_ - p_) < 2 * n + 1) return false;
        for (std::size_t i = 0; i < n; ++i) {
            const int hi = nibble(p_[2 * i]), lo = nibble(p_[2 * i + 1]);
            if (hi < 0 || lo < 0) return false;
            raw[i] = static_cast<std::uint8_t>(hi << 4 | lo);
        }
        p_ += 2 * n;
        return lit("\"");
    }

    // Unicode table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF (what a JSON
    // parser such as nlohmann-json accepts in a string).
    static bool well_formed_utf8(std::string_view s) {
        const auto* p = reinterpret_cast<const unsigned char*>(s.data());
        const auto* e = p + s.size();
        while (p < e) {
            const unsigned char c = *p;
            if (c < 0x80) {
                ++p;
                continue;
            }
            int n = 0;
            unsigned char lo = 0x80, hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) n = 1;
            else if (c == 0xE0) n = 2, lo = 0xA0;
            else if (c >= 0xE1 && c <= 0xEC) n = 2;
            else if (c == 0xED) n = 2, hi = 0x9F;
            else if (c >= 0xEE && c <= 0xEF) n = 2;
            else if (c == 0xF0) n = 3, lo = 0x90;
            else if (c >= 0xF1 && c <= 0xF3) n = 3;
            else if (c == 0xF4) n = 3, hi = 0x8F;
            else return false;
            if (e - p <= n) return false;
            if (p[1] < lo || p[1] > hi) return false;
            for (int i = 2; i <= n; ++i)
                if (p[i] < 0x80 || p[i] > 0xBF) return false;
            p += n + 1;
        }
        return true;
    }

private:
    static int nibble(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }
    bool hex4(std::uint32_t& v) {
        if (end_ - p_ < 4) return false;
        v = 0;
        for (int i = 0; i < 4; ++i) {
            const int d = nibble(p_[i]);
            if (d < 0) return false;
            v = v << 4 | static_cast<std::uint32_t>(d);
        }
        p_ += 4;
        return true;
    }
    static void utf8(std::string& out, std::uint32_t cp) {
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
    const char* p_;
    const char* end_;
};

}  // namespace caisse::db
