#include "db/archive/fast_reader.hpp"

#include <cstring>

namespace caisse::db {

namespace {

constexpr int kMaxDepth = 32;        // deeper payloads take the reference path
constexpr std::size_t kMaxDigits = 18;  // always fits int64; longer numbers take the reference path

class Cursor {
public:
    explicit Cursor(std::string_view s) : s_(s) {}
    bool at_end() const { return i_ == s_.size(); }
    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    bool lit(std::string_view t) {
        if (s_.substr(i_, t.size()) != t) return false;
        i_ += t.size();
        return true;
    }

    // An integer as canonical JSON writes it: -?(0|[1-9][0-9]*), at most 18 digits, no "-0", not
    // followed by a fraction or an exponent.
    bool integer(std::int64_t& v) {
        const bool negative = peek() == '-';
        if (negative) ++i_;
        const std::size_t start = i_;
        std::uint64_t n = 0;  // 19 digits at most: below 2^64
        while (i_ < s_.size() && s_[i_] >= '0' && s_[i_] <= '9' && i_ - start <= kMaxDigits) n = n * 10 + static_cast<std::uint64_t>(s_[i_++] - '0');
        const std::size_t digits = i_ - start;
        if (digits == 0 || digits > kMaxDigits || (digits > 1 && s_[start] == '0') || (negative && n == 0)) return false;
        const char next = peek();
        if (next == '.' || next == 'e' || next == 'E') return false;
        v = negative ? -static_cast<std::int64_t>(n) : static_cast<std::int64_t>(n);
        return true;
    }

    // A string of printable ASCII without escapes (keys, kinds, dates, hex); its content in out.
    bool plain(std::string_view& out) {
        if (!lit("\"")) return false;
        const std::size_t start = i_;
        for (; i_ < s_.size(); ++i_) {
            const auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                out = s_.substr(start, i_ - start);
                ++i_;
                return true;
            }
            if (c < 0x20 || c > 0x7e || c == '\\') return false;
        }
        return false;
    }

    // A string without escapes, any well-formed UTF-8 (a tender's method).
    bool unescaped_text(std::string_view& out) {
        if (!lit("\"")) return false;
        const std::size_t start = i_;
        for (; i_ < s_.size(); ++i_) {
            const auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                out = s_.substr(start, i_ - start);
                ++i_;
                return well_formed_utf8(out);
            }
            if (c < 0x20 || c == '\\') return false;
        }
        return false;
    }

    // A string decoded: the escapes canonical JSON writes (\" \\ \b \f \n \r \t \u00XX below 0x80).
    bool decoded(std::string& out) {
        if (!lit("\"")) return false;
        out.clear();
        std::size_t run = i_;
        while (i_ < s_.size()) {
            const auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                out.append(s_.data() + run, i_ - run);
                ++i_;
                return well_formed_utf8(out);
            }
            if (c < 0x20) return false;
            if (c != '\\') {
                ++i_;
                continue;
            }
            out.append(s_.data() + run, i_ - run);
            if (i_ + 1 >= s_.size()) return false;
            switch (s_[i_ + 1]) {
                case '"': out += '"'; break;
                case '\\': out += '\\'; break;
                case 'b': out += '\b'; break;
                case 'f': out += '\f'; break;
                case 'n': out += '\n'; break;
                case 'r': out += '\r'; break;
                case 't': out += '\t'; break;
                case 'u': {
                    const std::string_view u = s_.substr(i_ + 2, 4);
                    int v = 0;
                    if (u.size() != 4 || u[0] != '0' || u[1] != '0' || !hex_digits(u.substr(2), v) || v >= 0x80) return false;
                    out += static_cast<char>(v);
                    i_ += 4;
                    break;
                }
                default: return false;
            }
            i_ += 2;
            run = i_;
        }
        return false;
    }

    // Any JSON string, checked as the reference reader checks it (escapes, controls, UTF-8);
    // surrogate escapes take the reference path.
    bool skip_string() {
        if (!lit("\"")) return false;
        const std::size_t start = i_;
        while (i_ < s_.size()) {
            const auto c = static_cast<unsigned char>(s_[i_]);
            if (c == '"') {
                const std::string_view raw = s_.substr(start, i_ - start);
                ++i_;
                return well_formed_utf8(raw);  // escapes are ASCII: the raw bytes decide
            }
            if (c < 0x20) return false;
            if (c != '\\') {
                ++i_;
                continue;
            }
            if (i_ + 1 >= s_.size()) return false;
            const char e = s_[i_ + 1];
            if (e == 'u') {
                int v = 0;
                const std::string_view u = s_.substr(i_ + 2, 4);
                if (u.size() != 4 || !hex_digits(u, v) || (v >= 0xD800 && v <= 0xDFFF)) return false;
                i_ += 6;
            } else if (e != '\0' && std::strchr("\"\\/bfnrt", e) != nullptr) {
                i_ += 2;
            } else {
                return false;
            }
        }
        return false;
    }

    // Any canonical JSON value, checked and skipped.
    bool skip_value(int depth) {
        if (depth > kMaxDepth) return false;
        switch (peek()) {
            case '"': return skip_string();
            case '{': {
                ++i_;
                return members(depth, [&](std::string_view) { return skip_value(depth + 1); });
            }
            case '[': {
                ++i_;
                return elements([&] { return skip_value(depth + 1); });
            }
            case 't': return lit("true");
            case 'f': return lit("false");
            case 'n': return lit("null");
            default: {
                std::int64_t v = 0;
                return integer(v);
            }
        }
    }

    // The members of an object whose '{' was read: keys plain and strictly increasing (so none
    // repeats), each value read by member(key).
    template <class F>
    bool members(int depth, F&& member) {
        if (depth > kMaxDepth) return false;
        if (lit("}")) return true;
        std::string_view previous;
        for (bool first = true;; first = false) {
            std::string_view key;
            if (!plain(key) || (!first && key <= previous) || !lit(":") || !member(key)) return false;
            previous = key;
            if (lit("}")) return true;
            if (!lit(",")) return false;
        }
    }

    template <class F>
    bool elements(F&& element) {
        if (lit("]")) return true;
        for (;;) {
            if (!element()) return false;
            if (lit("]")) return true;
            if (!lit(",")) return false;
        }
    }

private:
    static bool hex_digits(std::string_view h, int& v) {
        v = 0;
        for (const char c : h) {
            int d = -1;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
            if (d < 0) return false;
            v = v * 16 + d;
        }
        return true;
    }

    std::string_view s_;
    std::size_t i_ = 0;
};

bool hex_field(Cursor& c, std::string_view name, std::uint8_t* out, std::size_t n) {
    std::string_view hex;
    return c.lit(name) && c.plain(hex) && from_hex(hex, out, n);
}

}  // namespace

bool well_formed_utf8(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const std::size_t n = s.size();
    std::size_t i = 0;
    while (i < n) {
        // ASCII eight bytes at a time: most of a payload.
        if (i + 8 <= n) {
            std::uint64_t w;
            std::memcpy(&w, p + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                continue;
            }
        }
        const unsigned char c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        auto in = [&](std::size_t k, unsigned char lo, unsigned char hi) { return i + k < n && p[i + k] >= lo && p[i + k] <= hi; };
        if (c >= 0xC2 && c <= 0xDF) {
            if (!in(1, 0x80, 0xBF)) return false;
            i += 2;
        } else if (c == 0xE0) {
            if (!in(1, 0xA0, 0xBF) || !in(2, 0x80, 0xBF)) return false;
            i += 3;
        } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
            if (!in(1, 0x80, 0xBF) || !in(2, 0x80, 0xBF)) return false;
            i += 3;
        } else if (c == 0xED) {
            if (!in(1, 0x80, 0x9F) || !in(2, 0x80, 0xBF)) return false;
            i += 3;
        } else if (c == 0xF0) {
            if (!in(1, 0x90, 0xBF) || !in(2, 0x80, 0xBF) || !in(3, 0x80, 0xBF)) return false;
            i += 4;
        } else if (c >= 0xF1 && c <= 0xF3) {
            if (!in(1, 0x80, 0xBF) || !in(2, 0x80, 0xBF) || !in(3, 0x80, 0xBF)) return false;
            i += 4;
        } else if (c == 0xF4) {
            if (!in(1, 0x80, 0x8F) || !in(2, 0x80, 0xBF) || !in(3, 0x80, 0xBF)) return false;
            i += 4;
        } else {
            return false;
        }
    }
    return true;
}

std::optional<JournalRecord> read_record_line_fast(std::string_view line, const std::string& terminal) {
    Cursor c(line);
    JournalRecord r;
    std::string_view kind, at_utc;
    if (!c.lit("{\"at_utc\":") || !c.plain(at_utc) || !hex_field(c, ",\"hash\":", r.hash.data(), 32) || !c.lit(",\"kind\":") ||
        !c.plain(kind) || !c.lit(",\"payload\":") || !c.decoded(r.payload) || !hex_field(c, ",\"prev_hash\":", r.prev_hash.data(), 32) ||
        !c.lit(",\"seq\":") || !c.integer(r.seq) || r.seq < 0 || !c.lit(",\"sig\":"))
        return std::nullopt;
    if (!c.lit("null")) {
        Signature s{};
        std::string_view hex;
        if (!c.plain(hex) || !from_hex(hex, s.data(), s.size())) return std::nullopt;
        r.sig = s;
    }
    if (!c.lit("}") || !c.at_end()) return std::nullopt;
    r.terminal = terminal;
    r.kind = kind;
    r.at_utc = at_utc;
    return r;
}

std::optional<SaleSums> read_sale_sums_fast(std::string_view payload) {
    Cursor c(payload);
    SaleSums s;
    auto line = [&] {
        std::int64_t ent = 0, total = 0;
        const bool ok = c.lit("{") && c.members(2, [&](std::string_view key) {
            if (key == "ent") return c.integer(ent);
            if (key == "total") return c.integer(total);
            return c.skip_value(3);
        });
        if (ok) s.lines.emplace_back(ent, total);
        return ok;
    };
    auto payment = [&] {
        std::string_view method;
        std::int64_t amount = 0;
        const bool ok = c.lit("{") && c.members(2, [&](std::string_view key) {
            if (key == "method") return c.unescaped_text(method);
            if (key == "amount") return c.integer(amount);
            return c.skip_value(3);
        });
        if (ok) s.payments.emplace_back(std::string(method), amount);
        return ok;
    };
    const bool ok = c.lit("{") && c.members(0, [&](std::string_view key) {
        if (key == "session") return c.integer(s.session);
        if (key == "total") return c.integer(s.total);
        if (key == "change") return c.integer(s.change);
        if (key == "voucher_excess") return c.integer(s.voucher_excess);
        if (key == "lines") return c.lit("[") && c.elements(line);
        if (key == "payments") return c.lit("[") && c.elements(payment);
        return c.skip_value(1);
    });
    if (!ok || !c.at_end()) return std::nullopt;
    return s;
}

}  // namespace caisse::db
