#include "app/core/cart.hpp"

#include <algorithm>
#include <numeric>
#include <string>

namespace caisse {

namespace {
void check_quantity(std::int64_t q) {
    if (q <= 0) throw InputError("quantity must be at least 1 (got {0})", q);
    if (q > kMaxQuantity) throw InputError("quantity {0} is above {1}", q, kMaxQuantity);
}
}  // namespace

TicketDiscount TicketDiscount::parse(std::string_view text) {
    TicketDiscount d;
    std::string_view s = text;
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    if (!s.empty() && s.back() == '%') {
        try {
            d.percent_bp = VatRate::parse_percent(s).bp;  // same grammar: "10", "12,5"
        } catch (const InputError&) {
            throw InputError("discount \"{0}\" is not a percentage between 0 and 100 %", text);
        }
        if (d.percent_bp <= 0 || d.percent_bp > 10000)
            throw InputError("discount \"{0}\" is not a percentage between 0 and 100 %", text);
        return d;
    }
    d.amount = Money::parse(s);
    if (d.amount < Money()) throw InputError("discount \"{0}\" is negative", text);
    return d;
}

CartLine& Cart::at(std::size_t index) {
    if (index >= lines_.size()) throw InputError("no line {0} in the cart", index + 1);
    return lines_[index];
}

std::size_t Cart::add(const Product& product, std::int64_t quantity, std::optional<Money> price) {
    check_quantity(quantity);
    if (!product.active) throw InputError("product {0} is not on sale", product.sku);
    if (product.open_price && !price) throw InputError("product {0} needs a price (open price)", product.sku);
    Money unit = price.value_or(product.price);
    if (unit < Money()) throw InputError("price of {0} is negative", product.sku);
    if (unit.value() > kMaxUnitPriceCents) throw InputError("price of {0} is implausibly high: {1}", product.sku, unit.format());
    lines_.push_back(CartLine{product, quantity, unit, Money()});
    return lines_.size() - 1;
}

void Cart::set_quantity(std::size_t index, std::int64_t quantity) {
    check_quantity(quantity);
    CartLine& l = at(index);
    if (l.line_discount > l.unit_price * quantity)
        throw InputError("line discount would exceed the line total");
    l.quantity = quantity;
}

void Cart::set_line_discount(std::size_t index, Money discount) {
    CartLine& l = at(index);
    if (discount < Money()) throw InputError("line discount is negative");
    if (discount > l.unit_price * l.quantity)
        throw InputError("line discount {0} exceeds the line total {1}", discount.format(), (l.unit_price * l.quantity).format());
    l.line_discount = discount;
}

void Cart::remove(std::size_t index) {
    at(index);
    lines_.erase(lines_.begin() + static_cast<std::ptrdiff_t>(index));
}

std::vector<std::int64_t> spread_largest_remainder(std::int64_t amount, const std::vector<std::int64_t>& weights) {
    std::vector<std::int64_t> shares(weights.size(), 0);
    __int128 total = 0;
    for (auto w : weights) total += w;
    if (amount == 0 || total == 0) return shares;
    std::vector<std::pair<__int128, std::size_t>> remainders;
    std::int64_t given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        __int128 p = static_cast<__int128>(amount) * weights[i];
        shares[i] = static_cast<std::int64_t>(p / total);
        given += shares[i];
        remainders.emplace_back(p % total, i);
    }
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::int64_t k = 0; k < amount - given; ++k) ++shares[remainders[static_cast<std::size_t>(k)].second];
    return shares;
}

PricedTicket Cart::price() const {
    PricedTicket t;
    std::vector<std::int64_t> nets;
    for (const auto& l : lines_) {
        PricedLine p{l, l.unit_price * l.quantity, Money(), Money()};
        t.gross += p.gross;
        t.line_discounts += l.line_discount;
        nets.push_back((p.gross - l.line_discount).value());
        t.lines.push_back(std::move(p));
    }
    const Money net = t.gross - t.line_discounts;
    if (discount_.percent_bp > 0)
        t.ticket_discount = Money::cents(div_round_half_up(static_cast<__int128>(net.value()) * discount_.percent_bp, 10000));
    else
        t.ticket_discount = discount_.amount;
    if (t.ticket_discount > net)
        throw InputError("discount {0} exceeds the ticket total {1}", t.ticket_discount.format(), net.format());
    auto shares = spread_largest_remainder(t.ticket_discount.value(), nets);
    std::map<std::int32_t, Money> ttc_by_rate;
    for (std::size_t i = 0; i < t.lines.size(); ++i) {
        auto& p = t.lines[i];
        p.discount_share = Money::cents(shares[i]);
        p.total = p.gross - p.line.line_discount - p.discount_share;
        t.total += p.total;
        ttc_by_rate[p.line.product.vat.bp] += p.total;
        t.by_entrepreneur[p.line.product.entrepreneur_id] += p.total;
    }
    for (const auto& [bp, ttc] : ttc_by_rate) t.by_vat[bp] = split_ttc(ttc, VatRate{bp});
    return t;
}

}  // namespace caisse

namespace caisse {
ItemSpec ItemSpec::parse(std::string_view text) {
    ItemSpec spec;
    std::string_view rest = text;
    const auto at = rest.find('@');
    if (at != std::string_view::npos) {
        spec.price = Money::parse(rest.substr(at + 1));
        if (*spec.price < Money()) throw InputError("item \"{0}\": negative price", text);
        rest = rest.substr(0, at);
    }
    const auto star = rest.find('*');
    if (star != std::string_view::npos) {
        std::string_view q = rest.substr(star + 1);
        if (q.empty() || q.size() > 6) throw InputError("item \"{0}\": malformed quantity", text);
        std::int64_t n = 0;
        bool negative = false;
        for (std::size_t i = 0; i < q.size(); ++i) {
            if (i == 0 && q[i] == '-') { negative = true; continue; }
            if (q[i] < '0' || q[i] > '9') throw InputError("item \"{0}\": malformed quantity \"{1}\"", text, q);
            n = n * 10 + (q[i] - '0');
        }
        spec.quantity = negative ? -n : n;
        if (spec.quantity <= 0)
            throw InputError("item \"{0}\": quantity must be at least 1", text);
        rest = rest.substr(0, star);
    }
    spec.sku = std::string(rest);
    check_sku(spec.sku);
    return spec;
}
}  // namespace caisse
