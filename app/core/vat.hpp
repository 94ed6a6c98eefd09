#pragma once
// VAT rates in basis points and the per-rate breakdown rule of a ticket.
#include <cstdint>
#include <map>
#include <span>
#include <vector>
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

// Refuses a rate the till does not know: the standard French rates (kStandardVatRatesBp, see
// app/core/limits.hpp) and the extra ones configured (setting vat.extra_rates). Throws InputError
// with the list of the rates it knows.
void check_known_vat_rate(VatRate rate, std::span<const VatRate> extra = {});
// "8.5,13", "8.5;13" or "8.5 13": extra rates separated by ',', ';' or spaces (so decimals take a
// '.'), each from 0 to 100 % and not a standard rate, at most kMaxExtraVatRates, no repeats; ""
// is no extra rate. Throws InputError naming the faulty entry.
std::vector<VatRate> parse_vat_rate_list(std::string_view text);
std::string vat_rate_list_text(std::span<const VatRate> rates);  // "8.5,13": what the setting stores

using VatBreakdown = std::map<std::int32_t, VatAmounts>;  // by rate in basis points

}  // namespace caisse
