#include "app/core/refund.hpp"

#include <stdexcept>

#include "app/core/money.hpp"

namespace caisse {

LinePart first_units(const SoldLine& l, std::int64_t k) {
    if (l.quantity < 1 || l.unit < 0 || l.discount < 0 || l.share < 0 || k < 0 || k > l.quantity)
        throw std::invalid_argument("refund: units outside the line sold");
    const __int128 reductions = static_cast<__int128>(l.discount) + l.share;
    if (reductions > static_cast<__int128>(l.quantity) * l.unit) throw std::invalid_argument("refund: line reductions above its price");
    // Floors of non-decreasing functions of k: never decreasing, so no refund gives back less
    // than nothing; at k = quantity every floor is exact.
    const auto reduction = static_cast<std::int64_t>(reductions * k / l.quantity);
    const auto discount = reductions == 0 ? 0 : static_cast<std::int64_t>(static_cast<__int128>(reduction) * l.discount / reductions);
    return LinePart{k, discount, reduction - discount, static_cast<std::int64_t>(static_cast<__int128>(k) * l.unit - reduction)};
}

LinePart refund_part(const SoldLine& l, std::int64_t earlier, std::int64_t q) {
    if (q < 1 || earlier < 0 || earlier > l.quantity - q) throw std::invalid_argument("refund: more units than remain");
    const LinePart a = first_units(l, earlier), b = first_units(l, earlier + q);
    return LinePart{q, b.discount - a.discount, b.share - a.share, b.total - a.total};
}

std::int64_t refund_vat(std::int64_t rate_bp, std::int64_t before, std::int64_t ttc) {
    auto v = [&](std::int64_t x) { return div_round_half_up(static_cast<__int128>(x) * rate_bp, 10000 + rate_bp); };
    return v(before + ttc) - v(before);
}

}  // namespace caisse
