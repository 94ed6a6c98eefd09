#pragma once
// The arithmetic of a refund (issue 9, item 3; docs/ledger-format.md, "sale.refund"): the part of
// an original priced line that a refund of some of its units gives back, and the VAT of a refund.
// Pure integer cents. Every rule is cumulative: it says what k units of the line (k from 0 to the
// quantity sold) are worth, and a refund of q units after p earlier ones is worth f(p + q) - f(p).
// So refunds never give back more than was sold, and a ticket refunded whole, in any number of
// steps, gives back exactly the original: per line, entrepreneur and VAT rate, discount shares
// included, no cent left behind. Prices are those the sale recorded, never today's.
#include <cstdint>

namespace caisse {

// An original sale line as recorded (all >= 0): quantity, unit price, its own discount and its
// share of the ticket discount; total = quantity * unit - discount - share.
struct SoldLine {
    std::int64_t quantity = 0, unit = 0, discount = 0, share = 0;
};

// What some units of a line are worth, as magnitudes (>= 0): total = units * unit - discount - share.
struct LinePart {
    std::int64_t units = 0, discount = 0, share = 0, total = 0;
    bool operator==(const LinePart&) const = default;
};

// The first k units of the line (0 <= k <= quantity), by the rule:
//   reduction(k) = floor((discount + share) * k / quantity)
//   discount(k)  = floor(reduction(k) * discount / (discount + share))   (0 when both are 0)
//   share(k)     = reduction(k) - discount(k)
//   total(k)     = k * unit - reduction(k)
// Each is non-decreasing in k and ends at the line's own values. Throws std::invalid_argument
// when k is outside 0..quantity or the line is not a valid recorded line.
LinePart first_units(const SoldLine& line, std::int64_t k);

// The part a refund of q units gives back after `earlier` units of the line were refunded:
// first_units(earlier + q) - first_units(earlier). Throws std::invalid_argument when
// earlier + q exceeds the quantity sold or q < 1.
LinePart refund_part(const SoldLine& line, std::int64_t earlier, std::int64_t q);

// The VAT of a refund at one rate (bp), as a magnitude: V(before + ttc) - V(before), where
// V(x) = round_half_up(x * rate / (10000 + rate)) is the sale's VAT rule and `before` the TTC of
// that rate the ticket's earlier refunds gave back. Refunding the whole rate gives back exactly
// the ticket's VAT of that rate. ttc, before >= 0.
std::int64_t refund_vat(std::int64_t rate_bp, std::int64_t before, std::int64_t ttc);

}  // namespace caisse
