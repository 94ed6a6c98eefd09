#include "app/core/cape.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <stdexcept>

namespace caisse::cape {
namespace {

__int128 mul(__int128 a, __int128 b) {
    __int128 r = 0;
    if (__builtin_mul_overflow(a, b, &r)) throw MoneyOverflow();
    return r;
}


std::chrono::year_month_day parse_date(std::string_view s) {
    auto digits = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    const int y = s.size() == 10 && s[4] == '-' && s[7] == '-' ? digits(0, 4) : -1;
    const int m = y >= 0 ? digits(5, 2) : -1, d = m >= 0 ? digits(8, 2) : -1;
    if (d < 0) throw InputError("date \"{0}\" is not YYYY-MM-DD", std::string(s));
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                          std::chrono::day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) throw InputError("date \"{0}\" does not exist", std::string(s));
    return ymd;
}

// A member's weight under the split method (>= 0).
__int128 weight(const MemberSplit& m, SplitMethod method) {
    switch (method) {
        case SplitMethod::equal: return 1;
        case SplitMethod::hours: return m.minutes;
        case SplitMethod::own_net:
        case SplitMethod::hybrid: return std::max<std::int64_t>(0, m.net.value());
    }
    return 0;
}

}  // namespace

std::int32_t percent_bp(std::string_view s) {
    std::int64_t whole = 0, frac = 0;
    int frac_digits = 0;
    bool seen_digit = false, in_frac = false;
    for (char c : s) {
        if (c == '.' || c == ',') {
            if (in_frac || !seen_digit) return -1;
            in_frac = true;
        } else if (c >= '0' && c <= '9') {
            seen_digit = true;
            if (in_frac) {
                if (++frac_digits > 2) return -1;
                frac = frac * 10 + (c - '0');
            } else {
                whole = whole * 10 + (c - '0');
                if (whole > 100) return -1;
            }
        } else {
            return -1;
        }
    }
    if (!seen_digit || (in_frac && frac_digits == 0)) return -1;
    if (frac_digits == 1) frac *= 10;
    const std::int64_t bp = whole * 100 + frac;
    return bp > 10000 ? -1 : static_cast<std::int32_t>(bp);
}

std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<__int128>& nums,
                                    const std::vector<std::string>& keys) {
    if (total < 0) throw std::invalid_argument("apportion: negative total");
    if (nums.size() != keys.size()) throw std::invalid_argument("apportion: sizes differ");
    __int128 den = 0;
    for (auto n : nums) {
        if (n < 0) throw std::invalid_argument("apportion: negative weight");
        if (__builtin_add_overflow(den, n, &den)) throw MoneyOverflow();
    }
    if (den == 0) throw std::invalid_argument("apportion: all weights are zero");
    std::vector<std::int64_t> parts(nums.size());
    std::vector<__int128> rem(nums.size());
    std::int64_t given = 0;
    for (std::size_t i = 0; i < nums.size(); ++i) {
        const __int128 exact = mul(total, nums[i]);
        parts[i] = static_cast<std::int64_t>(exact / den);
        rem[i] = exact % den;
        given += parts[i];
    }
    // Largest remainders first; equal remainders by key, so input order never matters.
    std::vector<std::size_t> order(nums.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (rem[a] != rem[b]) return rem[a] > rem[b];
        return keys[a] < keys[b];
    });
    for (std::int64_t left = total - given, k = 0; left > 0; --left, ++k) ++parts[order[static_cast<std::size_t>(k)]];
    return parts;
}

SplitRule parse_split(std::string_view text) {
    if (text == "equal") return {SplitMethod::equal, 0};
    if (text == "own-net") return {SplitMethod::own_net, 0};
    if (text == "hours") return {SplitMethod::hours, 0};
    if (text.starts_with("hybrid:")) {
        const std::int32_t bp = percent_bp(text.substr(7));
        if (bp >= 0) return {SplitMethod::hybrid, bp};
        throw InputError("hybrid:{0}: the part pooled equally must be a percentage from 0 to 100, e.g. hybrid:30",
                         std::string(text.substr(7)));
    }
    throw InputError("unknown split rule \"{0}\": expected equal, own-net, hours or hybrid:PERCENT (e.g. hybrid:30)",
                     std::string(text));
}

std::string split_name(const SplitRule& rule) {
    switch (rule.method) {
        case SplitMethod::equal: return "equal";
        case SplitMethod::own_net: return "own-net";
        case SplitMethod::hours: return "hours";
        case SplitMethod::hybrid: {
            std::string s = "hybrid:" + std::to_string(rule.pooled_bp / 100);
            if (const int f = rule.pooled_bp % 100; f != 0) {
                s += '.';
                s += static_cast<char>('0' + f / 10);
                if (f % 10 != 0) s += static_cast<char>('0' + f % 10);
            }
            return s;
        }
    }
    return "equal";
}

ChargeKey parse_charge_key(std::string_view text) {
    if (text == "equal") return ChargeKey::equal;
    if (text == "sales") return ChargeKey::sales;
    if (text == "hours") return ChargeKey::hours;
    throw InputError("unknown group charge key \"{0}\": expected equal, sales or hours", std::string(text));
}

std::string charge_key_name(ChargeKey key) {
    switch (key) {
        case ChargeKey::equal: return "equal";
        case ChargeKey::sales: return "sales";
        case ChargeKey::hours: return "hours";
    }
    return "equal";
}

std::int64_t parse_minutes(std::string_view text) {
    std::string_view s = text;
    const bool negative = !s.empty() && s.front() == '-';
    if (negative) s.remove_prefix(1);
    auto digits = [](std::string_view d, std::int64_t& v) {
        if (d.empty() || d.size() > 4) return false;
        v = 0;
        for (char c : d) {
            if (c < '0' || c > '9') return false;
            v = v * 10 + (c - '0');
        }
        return true;
    };
    std::int64_t hours = 0, minutes = 0;
    bool ok = false;
    if (const auto at = s.find_first_of(":h"); at != std::string_view::npos) {
        const auto rest = s.substr(at + 1);
        ok = digits(s.substr(0, at), hours) && (rest.empty() ? s[at] == 'h' : (rest.size() == 2 && digits(rest, minutes))) &&
             minutes < 60;
    } else if (const auto dot = s.find_first_of(".,"); dot != std::string_view::npos) {
        std::int64_t frac = 0;
        const auto f = s.substr(dot + 1);
        ok = digits(s.substr(0, dot), hours) && f.size() <= 2 && digits(f, frac);
        if (ok) minutes = f.size() == 1 ? frac * 6 : (frac * 60 + 50) / 100;
    } else {
        ok = digits(s, hours);
    }
    if (!ok) throw InputError("hours \"{0}\" are not like 7:30, 7h30 or 7,5", std::string(text));
    const std::int64_t total = hours * 60 + minutes;
    return negative ? -total : total;
}

std::string minutes_text(std::int64_t minutes) {
    // Magnitude as unsigned: INT64_MIN has no positive counterpart. Appended piece by piece:
    // `"-" + std::to_string(...)` trips GCC 12's -Wrestrict false positive at -O3 (GCC bug 105651).
    const std::uint64_t m = minutes < 0 ? 0 - static_cast<std::uint64_t>(minutes) : static_cast<std::uint64_t>(minutes);
    std::string text = minutes < 0 ? "-" : "";
    text += std::to_string(m / 60);
    text += ':';
    if (m % 60 < 10) text += '0';
    text += std::to_string(m % 60);
    return text;
}

std::int64_t months_begun(std::string_view from, std::string_view to) {
    using namespace std::chrono;
    const year_month_day a = parse_date(from), b = parse_date(to);
    if (sys_days(b) < sys_days(a)) throw InputError("the period ends ({1}) before it starts ({0})", std::string(from), std::string(to));
    // Count k >= 1 such that start + (k-1) months <= to; a day past the month's end clamps to it.
    auto step = [&](std::int64_t k) {
        const year_month ym = year_month{a.year(), a.month()} + months{k};
        const day last = year_month_day_last{ym.year(), month_day_last{ym.month()}}.day();
        return sys_days(year_month_day{ym.year(), ym.month(), std::min(a.day(), last)});
    };
    std::int64_t k = 1;
    while (step(k) <= sys_days(b)) ++k;
    return k;
}

Split split(const std::vector<MemberInput>& members, Money group_charges_ttc, Money group_charges_vat,
            const Rule& rule, std::int64_t months) {
    if (members.empty()) throw std::invalid_argument("cape::split: no member");
    if (months < 0) throw std::invalid_argument("cape::split: negative months");
    if (rule.split.pooled_bp < 0 || rule.split.pooled_bp > 10000 || rule.contribution_bp < 0 ||
        rule.contribution_bp > 10000 || rule.contribution_per_month < Money{} || rule.employer_bp < 0 ||
        rule.employer_bp > 10000 || rule.employee_bp < 0 || rule.employee_bp > 10000)
        throw std::invalid_argument("cape::split: rule out of range");

    Split out;
    out.months = months;
    // Sorted by id: the order of the input never reaches the result.
    std::vector<const MemberInput*> sorted;
    for (const auto& m : members) sorted.push_back(&m);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->id < b->id; });
    for (std::size_t i = 1; i < sorted.size(); ++i)
        if (sorted[i]->id == sorted[i - 1]->id) throw std::invalid_argument("cape::split: duplicate member id");
    std::vector<std::string> keys;
    for (const auto* m : sorted) {
        if (m->minutes < 0) throw std::invalid_argument("cape::split: negative minutes");
        MemberSplit s;
        s.id = m->id;
        s.name = m->name;
        s.sales_ttc = m->sales_ttc;
        s.sales_ht = m->sales_ht;
        s.own_charges_ht = m->own_charges_ht();
        s.minutes = m->minutes;
        out.sales_ttc += s.sales_ttc;
        out.sales_ht += s.sales_ht;
        out.own_charges_ht += s.own_charges_ht;
        keys.push_back(s.id);
        out.members.push_back(std::move(s));
    }
    const std::size_t n = out.members.size();

    // Group charges by the key; an all-zero key (no sales, no hours) falls back to equal.
    out.group_charges_ht = group_charges_ttc - group_charges_vat;
    {
        std::vector<__int128> w(n, 1);
        if (rule.charge_key != ChargeKey::equal) {
            __int128 total = 0;
            for (std::size_t i = 0; i < n; ++i) {
                const auto& m = out.members[i];
                w[i] = rule.charge_key == ChargeKey::sales ? std::max<std::int64_t>(0, m.sales_ht.value()) : m.minutes;
                total += w[i];
            }
            if (total == 0) w.assign(n, 1);
        }
        // A negative group total (a refund of a charge larger than the charges) is apportioned as
        // its magnitude, then negated: the same exactness either way.
        const std::int64_t g = out.group_charges_ht.value();
        const auto parts = apportion(g < 0 ? -g : g, w, keys);
        for (std::size_t i = 0; i < n; ++i) out.members[i].group_charges = Money::cents(g < 0 ? -parts[i] : parts[i]);
    }
    for (auto& m : out.members) {
        m.net = m.sales_ht - m.own_charges_ht - m.group_charges;
        m.flags.charges_exceed_sales = m.net < Money{};
    }
    out.gross_margin = out.sales_ht - out.own_charges_ht - out.group_charges_ht;

    out.contribution_fixed = rule.contribution_per_month * months;
    const std::int64_t margin = std::max<std::int64_t>(0, out.gross_margin.value());
    out.contribution_variable = Money::cents(div_round_half_up(mul(margin, rule.contribution_bp), 10000));
    out.contribution = out.contribution_fixed + out.contribution_variable;
    const Money rest = out.gross_margin - out.contribution;
    out.distributable = std::max(rest, Money{});
    out.shortfall = std::max(-rest, Money{});

    // The exact fraction of member i: (p * W + (10000 - p) * n * w_i) / (10000 * n * W).
    __int128 pooled = 10000;  // p in basis points
    if (rule.split.method == SplitMethod::own_net || rule.split.method == SplitMethod::hours) pooled = 0;
    if (rule.split.method == SplitMethod::hybrid) pooled = rule.split.pooled_bp;
    std::vector<__int128> w(n);
    __int128 W = 0;
    for (std::size_t i = 0; i < n; ++i) {
        w[i] = weight(out.members[i], rule.split.method);
        W += w[i];
        if (rule.split.method == SplitMethod::hours && w[i] == 0) out.members[i].flags.no_hours = true;
    }
    std::vector<__int128> nums(n);
    if (W == 0) {
        // Nobody has a positive weight (no hours, every own net negative): only the equal part is
        // defined, so everything is pooled equally, and the statement says so.
        out.weights_fell_back_to_equal = rule.split.method != SplitMethod::equal && pooled != 10000;
        nums.assign(n, 1);
    } else {
        const __int128 nn = static_cast<__int128>(n);
        for (std::size_t i = 0; i < n; ++i) nums[i] = mul(pooled, W) + mul(mul(10000 - pooled, nn), w[i]);
    }
    const auto shares = apportion(out.distributable.value(), nums, keys);
    const auto contributions = apportion(out.contribution.value(), nums, keys);
    for (std::size_t i = 0; i < n; ++i) {
        out.members[i].share = Money::cents(shares[i]);
        out.members[i].contribution = Money::cents(contributions[i]);
    }

    out.has_salary_estimate = rule.employer_bp != 0 || rule.employee_bp != 0;
    if (out.has_salary_estimate) {
        for (auto& m : out.members) {
            const std::int64_t gross = div_round_half_up(mul(m.share.value(), 10000), 10000 + rule.employer_bp);
            m.gross_salary_estimate = Money::cents(gross);
            m.net_salary_estimate = Money::cents(gross - div_round_half_up(mul(gross, rule.employee_bp), 10000));
        }
    }
    return out;
}

}  // namespace caisse::cape
