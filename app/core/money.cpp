#include "app/core/money.hpp"

#include <limits>
#include <string>

namespace caisse {

namespace {
constexpr std::int64_t kMaxCents = std::numeric_limits<std::int64_t>::max() / 4;

// Skips the grouping characters people type or paste: space, no-break space, narrow no-break space.
bool skip_group_space(std::string_view s, std::size_t& i) {
    if (s[i] == ' ' || s[i] == '\'') { ++i; return true; }
    if (s.substr(i, 2) == "\xC2\xA0") { i += 2; return true; }
    if (s.substr(i, 3) == "\xE2\x80\xAF") { i += 3; return true; }
    return false;
}
}  // namespace

std::int64_t div_round_half_up(__int128 num, std::int64_t den) {
    const bool neg = num < 0;
    __int128 a = neg ? -num : num;
    __int128 q = (a * 2 + den) / (static_cast<__int128>(den) * 2);
    if (q > kMaxCents) throw MoneyOverflow();
    return static_cast<std::int64_t>(neg ? -q : q);
}

Money Money::parse(std::string_view text) {
    std::string_view s = text;
    auto trim = [](std::string_view v) {
        while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
        while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
        return v;
    };
    s = trim(s);
    for (std::string_view suffix : {std::string_view("\xE2\x82\xAC"), std::string_view("EUR"),
                                    std::string_view("eur")}) {
        if (s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix) {
            s.remove_suffix(suffix.size());
            // Blanks before the sign: space, tab, no-break space, narrow no-break space.
            for (bool more = true; more;) {
                s = trim(s);
                more = false;
                for (std::string_view nb : {std::string_view("\xC2\xA0"), std::string_view("\xE2\x80\xAF")})
                    if (s.size() >= nb.size() && s.substr(s.size() - nb.size()) == nb) {
                        s.remove_suffix(nb.size());
                        more = true;
                    }
            }
            break;
        }
    }
    if (s.empty()) throw InputError("empty amount \"{0}\"", text);
    bool negative = false;
    if (s.front() == '-' || s.front() == '+') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    }
    // The decimal mark is the last ',' or '.' followed by 1-2 digits only; earlier ones group thousands.
    std::size_t mark = std::string_view::npos;
    for (std::size_t i = s.size(); i-- > 0;) {
        if (s[i] == ',' || s[i] == '.') { mark = i; break; }
    }
    std::string_view whole = s, frac;
    if (mark != std::string_view::npos) {
        std::size_t after = s.size() - mark - 1;
        const bool is_group = after == 3 && s.find(s[mark]) != mark;  // "1.234.567" style
        if (!is_group) {
            whole = s.substr(0, mark);
            frac = s.substr(mark + 1);
            if (frac.empty() || frac.size() > 2)
                throw InputError("amount \"{0}\" must have at most 2 decimals", text);
        }
    }
    std::int64_t units = 0;
    int digits = 0;
    // Thousands separators must group by three ("1 234 567"): "8,,5", "1.2.3,45" or "8 50" are typos,
    // not amounts. A decimal mark is never also a thousands separator ("1,234,56").
    int group_digits = 0;
    bool grouped = false;
    for (std::size_t i = 0; i < whole.size();) {
        char c = whole[i];
        if (c >= '0' && c <= '9') {
            if (units > kMaxCents / 1000) throw InputError("amount \"{0}\" is too large", text);
            units = units * 10 + (c - '0');
            ++digits;
            ++group_digits;
            ++i;
        } else if (digits > 0 && ((c == ',' || c == '.') ? (++i, true) : skip_group_space(whole, i))) {
            if (grouped ? group_digits != 3 : group_digits > 3) throw InputError("malformed amount \"{0}\"", text);
            if (!frac.empty() && c == s[mark]) throw InputError("malformed amount \"{0}\"", text);
            grouped = true;
            group_digits = 0;
        } else {
            throw InputError("malformed amount \"{0}\"", text);
        }
    }
    if (grouped && group_digits != 3) throw InputError("malformed amount \"{0}\"", text);
    if (digits == 0 && frac.empty()) throw InputError("malformed amount \"{0}\"", text);
    std::int64_t cents = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        char c = i < frac.size() ? frac[i] : '0';
        if (c < '0' || c > '9') throw InputError("malformed amount \"{0}\"", text);
        cents = cents * 10 + (c - '0');
    }
    std::int64_t total = units * 100 + cents;
    if (total > kMaxCents) throw InputError("amount \"{0}\" is too large", text);
    return Money(negative ? -total : total);
}

std::string Money::plain() const {
    std::uint64_t a = cents_ < 0 ? -static_cast<std::uint64_t>(cents_) : static_cast<std::uint64_t>(cents_);
    std::string out = cents_ < 0 ? "-" : "";
    out += std::to_string(a / 100);
    out += '.';
    out += static_cast<char>('0' + (a % 100) / 10);
    out += static_cast<char>('0' + a % 10);
    return out;
}

std::string Money::format() const {
    std::uint64_t a = cents_ < 0 ? -static_cast<std::uint64_t>(cents_) : static_cast<std::uint64_t>(cents_);
    std::string units = std::to_string(a / 100);
    std::string grouped;
    for (std::size_t i = 0; i < units.size(); ++i) {
        if (i > 0 && (units.size() - i) % 3 == 0) grouped += "\xE2\x80\xAF";
        grouped += units[i];
    }
    std::string out = cents_ < 0 ? "-" : "";
    out += grouped;
    out += ',';
    out += static_cast<char>('0' + (a % 100) / 10);
    out += static_cast<char>('0' + a % 10);
    out += "\xC2\xA0\xE2\x82\xAC";
    return out;
}

Money Money::operator+(Money o) const {
    std::int64_t r;
    if (__builtin_add_overflow(cents_, o.cents_, &r) || r > kMaxCents || r < -kMaxCents) throw MoneyOverflow();
    return Money(r);
}
Money Money::operator-(Money o) const {
    std::int64_t r;
    if (__builtin_sub_overflow(cents_, o.cents_, &r) || r > kMaxCents || r < -kMaxCents) throw MoneyOverflow();
    return Money(r);
}
Money Money::operator*(std::int64_t k) const {
    std::int64_t r;
    if (__builtin_mul_overflow(cents_, k, &r) || r > kMaxCents || r < -kMaxCents) throw MoneyOverflow();
    return Money(r);
}
Money Money::operator-() const { return Money(-cents_); }

}  // namespace caisse
