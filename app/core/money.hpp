#pragma once
// Money: signed integer cents. No floating point anywhere near money.
#include <compare>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace caisse {

// Raised for any input the till refuses; the message names the problem.
class InputError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class MoneyOverflow : public std::overflow_error {
public:
    MoneyOverflow() : std::overflow_error("amount out of range") {}
};

class Money {
public:
    constexpr Money() = default;
    static constexpr Money cents(std::int64_t c) {
        if (c > kMax || c < -kMax) throw MoneyOverflow();
        return Money(c);
    }
    static constexpr std::int64_t kMax = INT64_MAX / 4;  // headroom so sums of a day cannot overflow
    static Money parse(std::string_view text);  // "8,50", "8.50", "8,5 €", "1 234,50", "-2"

    constexpr std::int64_t value() const { return cents_; }
    std::string format() const;  // French: "1 234,50 €" (narrow no-break space groups)
    std::string plain() const;   // "1234.50": for CSV and machine output

    Money operator+(Money o) const;
    Money operator-(Money o) const;
    Money operator*(std::int64_t k) const;
    Money operator-() const;
    Money& operator+=(Money o) { return *this = *this + o; }
    Money& operator-=(Money o) { return *this = *this - o; }
    constexpr auto operator<=>(const Money&) const = default;

private:
    constexpr explicit Money(std::int64_t c) : cents_(c) {}
    std::int64_t cents_ = 0;
};

// round(num / den) with halves away from zero; den > 0. Integer only.
std::int64_t div_round_half_up(__int128 num, std::int64_t den);

}  // namespace caisse
