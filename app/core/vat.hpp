#pragma once
// VAT rates in basis points and the per-rate breakdown rule of a ticket.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "app/core/money.hpp"

namespace caisse {

struct VatRate {
    std::int32_t bp = 0;  // 550 = 5.5 %, 1000 = 10 %, 2000 = 20 %
    static VatRate parse_percent(std::string_view text);  // "10", "5,5", "5.5", "20 %"
    std::string percent() const;                          // "5,5 %"
    auto operator<=>(const VatRate&) const = default;
};

struct VatAmounts {
    Money ht, vat, ttc;
    bool operator==(const VatAmounts&) const = default;
};

// The rule: vat = round_half_up(ttc * r / (10000 + r)), ht = ttc - vat, applied once per rate
// on that rate's tax-inclusive total (never per line), so a ticket's VAT is stable under line order.
VatAmounts split_ttc(Money ttc, VatRate rate);

using VatBreakdown = std::map<std::int32_t, VatAmounts>;  // by rate in basis points

}  // namespace caisse
