#pragma once
// A drawer counted note by note and coin by coin: the opening float and the closing count.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "app/core/limits.hpp"  // kMaxPiecesPerDenomination
#include "app/core/money.hpp"

namespace caisse {

// The euro's notes and coins in cents, largest first: 500 € down to 1 c.
inline constexpr std::array<std::int64_t, 15> kEuroDenominations = {50000, 20000, 10000, 5000, 2000, 1000, 500, 200,
                                                                    100,   50,    20,    10,   5,    2,    1};
bool is_euro_denomination(std::int64_t cents);

class CashCount {
public:
    // Sets how many pieces of one denomination (cents) were counted. Throws InputError for an
    // unknown denomination or a quantity outside 0..kMaxPiecesPerDenomination.
    void set(std::int64_t denomination, std::int64_t quantity);
    std::int64_t quantity(std::int64_t denomination) const;
    // Denomination cents -> quantity, only those counted (quantity > 0).
    const std::map<std::int64_t, std::int64_t>& pieces() const { return pieces_; }
    Money total() const;
    bool empty() const { return pieces_.empty(); }

    // "50x2,20x3,2x10,0.5x4": DENOMINATION x QUANTITY in euros, comma-separated (the CLI's
    // --count). A denomination may be written 0.5 or 0,50 only in the first form's dot style.
    // Throws InputError naming the faulty entry.
    static CashCount parse(std::string_view text);
    std::string to_text() const;  // the same format, largest first

private:
    std::map<std::int64_t, std::int64_t> pieces_;
};

}  // namespace caisse
