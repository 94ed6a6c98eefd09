// Property test: for thousands of random carts, the priced ticket adds up exactly, to the cent,
// whichever way it is sliced (lines, entrepreneurs, VAT rates), and the VAT follows the rule.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/core/cart.hpp"

namespace caisse {
namespace {

constexpr std::int32_t kRates[] = {550, 1000, 2000};

// round(num / den), halves away from zero, written independently of the library.
std::int64_t ref_round_half_up(std::int64_t num, std::int64_t den) {
    const std::int64_t a = num < 0 ? -num : num;
    std::int64_t q = a / den;
    if ((a % den) * 2 >= den) ++q;
    return num < 0 ? -q : q;
}

struct RandomCart {
    Cart cart;
    std::vector<CartLine> expected_lines;
    std::int64_t gross = 0, line_discounts = 0, ticket_discount = 0;
};

RandomCart make_cart(std::mt19937_64& rng) {
    auto pick = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    RandomCart rc;
    const int n_lines = static_cast<int>(pick(1, 8));
    const std::int64_t n_entrepreneurs = pick(1, 9);
    const bool cheap = pick(0, 9) == 0;  // sometimes tiny prices, where rounding bites hardest
    for (int i = 0; i < n_lines; ++i) {
        Product p;
        p.sku = {'P', static_cast<char>('0' + i)};  // at most 8 lines: "P0".."P7"
        p.name = p.sku;
        p.price = Money::cents(cheap ? pick(0, 20) : pick(0, 50000));
        p.vat = VatRate{kRates[pick(0, 2)]};
        p.entrepreneur_id = pick(1, n_entrepreneurs);
        const std::int64_t q = pick(1, 5);
        const std::size_t idx = rc.cart.add(p, q);
        const std::int64_t line_gross = p.price.value() * q;
        std::int64_t disc = 0;
        switch (pick(0, 3)) {
            case 0: disc = pick(0, line_gross); break;       // any discount up to the line
            case 1: disc = line_gross; break;                // the whole line given away
            default: break;                                  // no line discount (most lines)
        }
        if (disc > 0) rc.cart.set_line_discount(idx, Money::cents(disc));
        rc.gross += line_gross;
        rc.line_discounts += disc;
    }
    const std::int64_t net = rc.gross - rc.line_discounts;
    switch (pick(0, 4)) {
        case 0: break;  // no ticket discount
        case 1: {       // an amount, up to the whole net
            const std::int64_t d = pick(0, net);
            rc.cart.set_ticket_discount(TicketDiscount::parse(Money::cents(d).plain()));
            rc.ticket_discount = d;
            break;
        }
        case 2: {  // an amount typed the French way
            const std::int64_t d = net == 0 ? 0 : pick(0, std::min<std::int64_t>(net, 999));
            rc.cart.set_ticket_discount(TicketDiscount::parse(Money::cents(d).format()));
            rc.ticket_discount = d;
            break;
        }
        case 3: {  // a whole percent, as typed: "15%"
            const std::int64_t pct = pick(1, 100);
            rc.cart.set_ticket_discount(TicketDiscount::parse(std::to_string(pct) + "%"));
            rc.ticket_discount = ref_round_half_up(net * pct * 100, 10000);
            break;
        }
        default: {  // any percent in basis points
            TicketDiscount d;
            d.percent_bp = static_cast<std::int32_t>(pick(1, 10000));
            rc.cart.set_ticket_discount(d);
            rc.ticket_discount = ref_round_half_up(net * d.percent_bp, 10000);
            break;
        }
    }
    return rc;
}

TEST(CartProperty, RandomCartsAddUpExactly) {
    std::mt19937_64 rng(0xCA155E);
    constexpr int kCarts = 20000;
    int with_ticket_discount = 0, multi_rate = 0;
    for (int iter = 0; iter < kCarts; ++iter) {
        RandomCart rc = make_cart(rng);
        const PricedTicket t = rc.cart.price();
        SCOPED_TRACE("cart #" + std::to_string(iter));

        // Header amounts.
        ASSERT_EQ(t.gross.value(), rc.gross);
        ASSERT_EQ(t.line_discounts.value(), rc.line_discounts);
        ASSERT_EQ(t.ticket_discount.value(), rc.ticket_discount);
        ASSERT_EQ(t.total.value(), rc.gross - rc.line_discounts - rc.ticket_discount);
        ASSERT_GE(t.total.value(), 0);
        if (rc.ticket_discount > 0) ++with_ticket_discount;

        // Lines: sum of totals, discount shares.
        ASSERT_EQ(t.lines.size(), rc.cart.lines().size());
        const std::int64_t net = rc.gross - rc.line_discounts;
        std::int64_t sum_totals = 0, sum_shares = 0;
        std::map<std::int32_t, std::int64_t> ttc_by_rate;
        std::map<std::int64_t, std::int64_t> by_entrepreneur;
        for (std::size_t i = 0; i < t.lines.size(); ++i) {
            const PricedLine& pl = t.lines[i];
            const CartLine& cl = rc.cart.lines()[i];
            ASSERT_EQ(pl.gross.value(), cl.unit_price.value() * cl.quantity);
            ASSERT_EQ(pl.total.value(), pl.gross.value() - cl.line_discount.value() - pl.discount_share.value());
            ASSERT_GE(pl.discount_share.value(), 0);
            ASSERT_GE(pl.total.value(), 0);
            // Largest remainder: each share is the floor or ceiling of the exact proportional part.
            const std::int64_t line_net = pl.gross.value() - cl.line_discount.value();
            if (net > 0) {
                const __int128 exact = static_cast<__int128>(rc.ticket_discount) * line_net;
                const std::int64_t lo = static_cast<std::int64_t>(exact / net);
                const std::int64_t hi = lo + (exact % net != 0 ? 1 : 0);
                ASSERT_TRUE(pl.discount_share.value() == lo || pl.discount_share.value() == hi)
                    << "line " << i << " share " << pl.discount_share.value() << " not in [" << lo << ", " << hi << "]";
            } else {
                ASSERT_EQ(pl.discount_share.value(), 0);
            }
            sum_totals += pl.total.value();
            sum_shares += pl.discount_share.value();
            ttc_by_rate[cl.product.vat.bp] += pl.total.value();
            by_entrepreneur[cl.product.entrepreneur_id] += pl.total.value();
        }
        ASSERT_EQ(sum_totals, t.total.value());
        ASSERT_EQ(sum_shares, t.ticket_discount.value());

        // Per entrepreneur.
        std::int64_t sum_entrepreneurs = 0;
        ASSERT_EQ(t.by_entrepreneur.size(), by_entrepreneur.size());
        for (const auto& [id, amount] : t.by_entrepreneur) {
            ASSERT_TRUE(by_entrepreneur.count(id)) << "entrepreneur " << id;
            ASSERT_EQ(amount.value(), by_entrepreneur.at(id)) << "entrepreneur " << id;
            sum_entrepreneurs += amount.value();
        }
        ASSERT_EQ(sum_entrepreneurs, t.total.value());

        // Per VAT rate: the rule applied once on the rate's TTC total.
        std::int64_t sum_ttc = 0;
        ASSERT_EQ(t.by_vat.size(), ttc_by_rate.size());
        if (t.by_vat.size() > 1) ++multi_rate;
        for (const auto& [bp, amounts] : t.by_vat) {
            ASSERT_TRUE(ttc_by_rate.count(bp)) << "rate " << bp;
            const std::int64_t ttc = ttc_by_rate.at(bp);
            const std::int64_t vat = ref_round_half_up(ttc * bp, 10000 + bp);
            ASSERT_EQ(amounts.ttc.value(), ttc) << "rate " << bp;
            ASSERT_EQ(amounts.vat.value(), vat) << "rate " << bp << " ttc " << ttc;
            ASSERT_EQ(amounts.ht.value(), ttc - vat) << "rate " << bp;
            sum_ttc += amounts.ttc.value();
        }
        ASSERT_EQ(sum_ttc, t.total.value());
    }
    // The generator really exercised what it claims to.
    EXPECT_GT(with_ticket_discount, kCarts / 3);
    EXPECT_GT(multi_rate, kCarts / 3);
}

TEST(CartProperty, TotalsAndVatDoNotDependOnLineOrderWithoutTicketDiscount) {
    std::mt19937_64 rng(99);
    for (int iter = 0; iter < 3000; ++iter) {
        RandomCart rc = make_cart(rng);
        rc.cart.set_ticket_discount({});
        const PricedTicket t = rc.cart.price();
        // Rebuild the same lines in another order.
        std::vector<CartLine> lines = rc.cart.lines();
        std::shuffle(lines.begin(), lines.end(), rng);
        Cart shuffled;
        for (const auto& l : lines) {
            const std::size_t i = shuffled.add(l.product, l.quantity, l.unit_price);
            shuffled.set_line_discount(i, l.line_discount);
        }
        const PricedTicket s = shuffled.price();
        ASSERT_EQ(s.total, t.total);
        ASSERT_EQ(s.by_vat, t.by_vat);
        ASSERT_EQ(s.by_entrepreneur, t.by_entrepreneur);
    }
}

TEST(CartProperty, DiscountAboveTotalIsAlwaysRefused) {
    std::mt19937_64 rng(1234);
    for (int iter = 0; iter < 3000; ++iter) {
        RandomCart rc = make_cart(rng);
        const std::int64_t net = rc.gross - rc.line_discounts;
        rc.cart.set_ticket_discount(TicketDiscount{Money::cents(net + 1 + static_cast<std::int64_t>(rng() % 1000)), 0});
        ASSERT_THROW(rc.cart.price(), InputError);
    }
}

}  // namespace
}  // namespace caisse
