// Cart: lines, quantities, discounts, open prices, and the largest-remainder spread.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "app/core/cart.hpp"

namespace caisse {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

Product product(std::string sku, std::int64_t cents, std::int32_t bp = 1000, std::int64_t entrepreneur = 1) {
    Product p;
    p.sku = std::move(sku);
    p.name = p.sku;
    p.price = Money::cents(cents);
    p.vat = VatRate{bp};
    p.entrepreneur_id = entrepreneur;
    return p;
}

Money c(std::int64_t cents) { return Money::cents(cents); }

TEST(Cart, StartsEmpty) {
    Cart cart;
    EXPECT_TRUE(cart.empty());
    const PricedTicket t = cart.price();
    EXPECT_TRUE(t.lines.empty());
    EXPECT_EQ(t.total, c(0));
    EXPECT_TRUE(t.by_vat.empty());
    EXPECT_TRUE(t.by_entrepreneur.empty());
}

TEST(Cart, AddUsesCatalogueProductAndPrice) {
    Cart cart;
    EXPECT_EQ(cart.add(product("MAFE", 850), 2), 0u);
    EXPECT_EQ(cart.add(product("JUS", 250, 550)), 1u);
    ASSERT_EQ(cart.lines().size(), 2u);
    EXPECT_FALSE(cart.empty());
    EXPECT_EQ(cart.lines()[0].product.sku, "MAFE");
    EXPECT_EQ(cart.lines()[0].quantity, 2);
    EXPECT_EQ(cart.lines()[0].unit_price, c(850));
    EXPECT_EQ(cart.lines()[1].quantity, 1);
    const PricedTicket t = cart.price();
    ASSERT_EQ(t.lines.size(), 2u);
    EXPECT_EQ(t.lines[0].gross, c(1700));
    EXPECT_EQ(t.lines[0].total, c(1700));
    EXPECT_EQ(t.lines[1].total, c(250));
    EXPECT_EQ(t.gross, c(1950));
    EXPECT_EQ(t.total, c(1950));
}

TEST(Cart, PriceOverrideForRegularProduct) {
    Cart cart;
    cart.add(product("MAFE", 850), 1, c(700));
    EXPECT_EQ(cart.lines()[0].unit_price, c(700));
    EXPECT_EQ(cart.price().total, c(700));
}

TEST(Cart, ProductIsSnapshotted) {
    Cart cart;
    Product p = product("MAFE", 850);
    cart.add(p);
    p.price = c(999);
    p.name = "changed";
    EXPECT_EQ(cart.lines()[0].unit_price, c(850));
    EXPECT_EQ(cart.lines()[0].product.name, "MAFE");
}

TEST(Cart, OpenPriceNeedsAPrice) {
    Cart cart;
    Product p = product("DIVERS", 0);
    p.open_price = true;
    try {
        cart.add(p);
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("DIVERS"));
        EXPECT_THAT(e.what(), HasSubstr("open price"));
    }
    EXPECT_TRUE(cart.empty());
    cart.add(p, 2, c(1234));
    EXPECT_EQ(cart.lines()[0].unit_price, c(1234));
    EXPECT_EQ(cart.price().total, c(2468));
    // A zero open price is allowed (a free item still gets rung up).
    cart.add(p, 1, c(0));
    EXPECT_EQ(cart.price().total, c(2468));
}

TEST(Cart, RejectsNegativeAndImplausiblePrices) {
    Cart cart;
    EXPECT_THROW(cart.add(product("A", 100), 1, c(-1)), InputError);
    EXPECT_THROW(cart.add(product("A", -100)), InputError);
    EXPECT_THROW(cart.add(product("A", 100), 1, c(kMaxUnitPriceCents + 1)), InputError);
    EXPECT_NO_THROW(cart.add(product("A", 100), 1, c(kMaxUnitPriceCents)));
    EXPECT_EQ(cart.lines().size(), 1u);
}

TEST(Cart, InactiveProductThrows) {
    Cart cart;
    Product p = product("OLD", 500);
    p.active = false;
    EXPECT_THROW(cart.add(p), InputError);
    EXPECT_TRUE(cart.empty());
}

TEST(Cart, QuantityBounds) {
    Cart cart;
    EXPECT_THROW(cart.add(product("A", 100), 0), InputError);
    EXPECT_THROW(cart.add(product("A", 100), -1), InputError);
    EXPECT_THROW(cart.add(product("A", 100), kMaxQuantity + 1), InputError);
    EXPECT_TRUE(cart.empty());
    EXPECT_NO_THROW(cart.add(product("A", 100), kMaxQuantity));
    EXPECT_EQ(kMaxQuantity, 9999);

    EXPECT_THROW(cart.set_quantity(0, 0), InputError);
    EXPECT_THROW(cart.set_quantity(0, -3), InputError);
    EXPECT_THROW(cart.set_quantity(0, 10000), InputError);
    EXPECT_EQ(cart.lines()[0].quantity, 9999);
    cart.set_quantity(0, 3);
    EXPECT_EQ(cart.lines()[0].quantity, 3);
    EXPECT_EQ(cart.price().total, c(300));
}

TEST(Cart, BadIndexThrows) {
    Cart cart;
    EXPECT_THROW(cart.set_quantity(0, 1), InputError);
    EXPECT_THROW(cart.remove(0), InputError);
    EXPECT_THROW(cart.set_line_discount(0, c(1)), InputError);
    cart.add(product("A", 100));
    EXPECT_THROW(cart.remove(1), InputError);
    EXPECT_THROW(cart.set_quantity(5, 1), InputError);
}

TEST(Cart, RemoveKeepsOtherLinesInOrder) {
    Cart cart;
    cart.add(product("A", 100));
    cart.add(product("B", 200));
    cart.add(product("C", 300));
    cart.remove(1);
    ASSERT_EQ(cart.lines().size(), 2u);
    EXPECT_EQ(cart.lines()[0].product.sku, "A");
    EXPECT_EQ(cart.lines()[1].product.sku, "C");
    EXPECT_EQ(cart.price().total, c(400));
    cart.remove(0);
    cart.remove(0);
    EXPECT_TRUE(cart.empty());
}

TEST(Cart, LineDiscount) {
    Cart cart;
    cart.add(product("A", 850), 2);
    cart.add(product("B", 300));
    cart.set_line_discount(0, c(200));
    const PricedTicket t = cart.price();
    EXPECT_EQ(t.gross, c(2000));
    EXPECT_EQ(t.line_discounts, c(200));
    EXPECT_EQ(t.lines[0].total, c(1500));
    EXPECT_EQ(t.lines[1].total, c(300));
    EXPECT_EQ(t.total, c(1800));

    EXPECT_THROW(cart.set_line_discount(0, c(-1)), InputError);
    EXPECT_THROW(cart.set_line_discount(0, c(1701)), InputError);
    EXPECT_EQ(cart.lines()[0].line_discount, c(200));
    EXPECT_NO_THROW(cart.set_line_discount(0, c(1700)));  // the whole line may be given away
    EXPECT_EQ(cart.price().lines[0].total, c(0));
    // Lowering the quantity below what the discount covers is refused.
    EXPECT_THROW(cart.set_quantity(0, 1), InputError);
    EXPECT_EQ(cart.lines()[0].quantity, 2);
}

TEST(Cart, TicketDiscountAmount) {
    Cart cart;
    cart.add(product("A", 1000, 1000, 1));
    cart.add(product("B", 500, 550, 2));
    cart.set_ticket_discount(TicketDiscount::parse("3,00"));
    const PricedTicket t = cart.price();
    EXPECT_EQ(t.ticket_discount, c(300));
    EXPECT_EQ(t.lines[0].discount_share, c(200));
    EXPECT_EQ(t.lines[1].discount_share, c(100));
    EXPECT_EQ(t.total, c(1200));
    EXPECT_EQ(t.by_entrepreneur.at(1), c(800));
    EXPECT_EQ(t.by_entrepreneur.at(2), c(400));
}

TEST(Cart, TicketDiscountPercent) {
    Cart cart;
    cart.add(product("A", 1000));
    cart.add(product("B", 555));
    cart.set_ticket_discount(TicketDiscount::parse("10%"));
    const PricedTicket t = cart.price();
    EXPECT_EQ(t.ticket_discount, c(156));  // 10 % of 15,55 = 1,555 -> 1,56 (half up)
    EXPECT_EQ(t.total, c(1399));
    EXPECT_EQ(t.lines[0].discount_share + t.lines[1].discount_share, c(156));
}

TEST(Cart, TicketDiscountPercentAppliesAfterLineDiscounts) {
    Cart cart;
    cart.add(product("A", 1000));
    cart.set_line_discount(0, c(200));
    cart.set_ticket_discount(TicketDiscount::parse("50 %"));
    const PricedTicket t = cart.price();
    EXPECT_EQ(t.ticket_discount, c(400));
    EXPECT_EQ(t.total, c(400));
}

TEST(Cart, HundredPercentDiscountGivesZero) {
    Cart cart;
    cart.add(product("A", 999));
    cart.add(product("B", 1));
    cart.set_ticket_discount(TicketDiscount::parse("100%"));
    const PricedTicket t = cart.price();
    EXPECT_EQ(t.total, c(0));
    EXPECT_EQ(t.lines[0].total, c(0));
    EXPECT_EQ(t.lines[1].total, c(0));
}

TEST(Cart, DiscountAboveTotalThrows) {
    Cart cart;
    cart.add(product("A", 1000));
    cart.set_line_discount(0, c(100));
    cart.set_ticket_discount(TicketDiscount::parse("9,01"));
    EXPECT_THROW(cart.price(), InputError);
    cart.set_ticket_discount(TicketDiscount::parse("9,00"));
    EXPECT_EQ(cart.price().total, c(0));
    // A discount on an empty cart is above its (zero) total.
    Cart empty;
    empty.set_ticket_discount(TicketDiscount::parse("1"));
    EXPECT_THROW(empty.price(), InputError);
}

TEST(Cart, ClearForgetsLinesAndDiscount) {
    Cart cart;
    cart.add(product("A", 1000));
    cart.set_ticket_discount(TicketDiscount::parse("5"));
    cart.clear();
    EXPECT_TRUE(cart.empty());
    cart.add(product("B", 300));
    EXPECT_EQ(cart.price().total, c(300));
}

TEST(Cart, VatBreakdownPerRateOnRateTotal) {
    Cart cart;
    // Three 10 % lines of 0,05 €: per line VAT would be 0+0+0, on the rate total (0,15 €) it is 0,01.
    cart.add(product("A", 5, 1000));
    cart.add(product("B", 5, 1000));
    cart.add(product("C", 5, 1000));
    cart.add(product("D", 1200, 2000));
    const PricedTicket t = cart.price();
    ASSERT_EQ(t.by_vat.size(), 2u);
    EXPECT_EQ(t.by_vat.at(1000), (VatAmounts{c(14), c(1), c(15)}));
    EXPECT_EQ(t.by_vat.at(2000), (VatAmounts{c(1000), c(200), c(1200)}));
}

TEST(Cart, ByEntrepreneur) {
    Cart cart;
    cart.add(product("A", 850, 1000, 7), 2);
    cart.add(product("B", 300, 550, 3));
    cart.add(product("C", 100, 2000, 7));
    const PricedTicket t = cart.price();
    ASSERT_EQ(t.by_entrepreneur.size(), 2u);
    EXPECT_EQ(t.by_entrepreneur.at(7), c(1800));
    EXPECT_EQ(t.by_entrepreneur.at(3), c(300));
}

TEST(TicketDiscountParse, AmountsAndPercents) {
    TicketDiscount d = TicketDiscount::parse("2,00");
    EXPECT_EQ(d.amount, c(200));
    EXPECT_EQ(d.percent_bp, 0);
    EXPECT_FALSE(d.empty());
    d = TicketDiscount::parse("10%");
    EXPECT_EQ(d.percent_bp, 1000);
    d = TicketDiscount::parse("12,5 %");
    EXPECT_EQ(d.percent_bp, 1250);
    d = TicketDiscount::parse("100%");
    EXPECT_EQ(d.percent_bp, 10000);
    EXPECT_TRUE(TicketDiscount{}.empty());
    EXPECT_TRUE(TicketDiscount::parse("0").empty());
}

TEST(TicketDiscountParse, Rejects) {
    for (const char* bad : {"", "-2", "abc", "0%", "101%", "-5%", "%", "10%%", "2,005"}) {
        EXPECT_THROW(TicketDiscount::parse(bad), InputError) << '"' << bad << '"';
    }
}

TEST(SpreadLargestRemainder, WorkedValues) {
    EXPECT_THAT(spread_largest_remainder(10, {1, 1, 1}), ElementsAre(4, 3, 3));
    EXPECT_THAT(spread_largest_remainder(11, {1, 1, 1}), ElementsAre(4, 4, 3));
    EXPECT_THAT(spread_largest_remainder(12, {1, 1, 1}), ElementsAre(4, 4, 4));
    EXPECT_THAT(spread_largest_remainder(100, {1, 3}), ElementsAre(25, 75));
    EXPECT_THAT(spread_largest_remainder(10, {2, 1}), ElementsAre(7, 3));  // 6.67 / 3.33
}

TEST(SpreadLargestRemainder, LargestRemainderWinsNotTheFirst) {
    // 1 * 1/3 = 0.33, 1 * 2/3 = 0.67: the cent goes to the larger remainder.
    EXPECT_THAT(spread_largest_remainder(1, {1, 2}), ElementsAre(0, 1));
    // 5 over {1, 1, 2}: 1.25, 1.25, 2.5 -> floors 1,1,2 (4); remainders .25,.25,.5 -> third gets it.
    EXPECT_THAT(spread_largest_remainder(5, {1, 1, 2}), ElementsAre(1, 1, 3));
}

TEST(SpreadLargestRemainder, TiesGoToTheEarlierWeight) {
    // 27 over twenty equal weights: 1 each, and the 7 leftover cents go to the first 7 lines. Many
    // weights, so that an unstable sort would show.
    std::vector<std::int64_t> expected(20, 1);
    for (int i = 0; i < 7; ++i) expected[static_cast<std::size_t>(i)] = 2;
    EXPECT_EQ(spread_largest_remainder(27, std::vector<std::int64_t>(20, 5)), expected);
    // Equal remainders among unequal weights: {3, 1, 3, 1} sharing 3 -> 1.125, 0.375, 1.125, 0.375.
    EXPECT_THAT(spread_largest_remainder(3, {3, 1, 3, 1}), ElementsAre(1, 1, 1, 0));
    std::vector<std::int64_t> weights;
    for (int i = 0; i < 40; ++i) weights.push_back(i % 2 ? 3 : 7);  // 20 sevens, 20 threes, interleaved
    // 50 over 200: 7 -> 1.75, 3 -> 0.75, floors give 20 and every remainder is equal, so the 30
    // leftover cents go to indexes 0..29.
    const auto shares = spread_largest_remainder(50, weights);
    for (std::size_t i = 0; i < weights.size(); ++i)
        EXPECT_EQ(shares[i], (weights[i] == 7 ? 1 : 0) + (i < 30 ? 1 : 0)) << i;
}

TEST(SpreadLargestRemainder, EdgeCases) {
    EXPECT_THAT(spread_largest_remainder(0, {5, 5}), ElementsAre(0, 0));
    EXPECT_THAT(spread_largest_remainder(7, {0, 0}), ElementsAre(0, 0));
    EXPECT_THAT(spread_largest_remainder(7, {}), ElementsAre());
    EXPECT_THAT(spread_largest_remainder(7, {0, 10, 0}), ElementsAre(0, 7, 0));
    EXPECT_THAT(spread_largest_remainder(10, {4, 6}), ElementsAre(4, 6));  // amount == sum
    EXPECT_THAT(spread_largest_remainder(2, {1, 0, 1, 0, 1}), ElementsAre(1, 0, 1, 0, 0));
}

TEST(SpreadLargestRemainder, SharesAlwaysSumToAmountAndStayProportional) {
    std::mt19937_64 rng(424242);
    for (int iter = 0; iter < 20000; ++iter) {
        const std::size_t n = 1 + rng() % 10;
        std::vector<std::int64_t> w(n);
        std::int64_t sum = 0;
        for (auto& x : w) {
            x = (rng() % 4 == 0) ? 0 : static_cast<std::int64_t>(rng() % 100000);
            sum += x;
        }
        const std::int64_t amount = sum == 0 ? 0 : static_cast<std::int64_t>(rng() % (sum + 1));
        const auto shares = spread_largest_remainder(amount, w);
        ASSERT_EQ(shares.size(), n);
        ASSERT_EQ(std::accumulate(shares.begin(), shares.end(), std::int64_t{0}), amount);
        for (std::size_t i = 0; i < n; ++i) {
            ASSERT_GE(shares[i], 0);
            ASSERT_LE(shares[i], w[i]);
            if (sum == 0) continue;
            // Each share is the floor or the ceiling of its exact proportional part.
            const __int128 exact_num = static_cast<__int128>(amount) * w[i];
            const std::int64_t lo = static_cast<std::int64_t>(exact_num / sum);
            const std::int64_t hi = lo + (exact_num % sum != 0 ? 1 : 0);
            ASSERT_TRUE(shares[i] == lo || shares[i] == hi) << "share " << i;
        }
    }
}

}  // namespace
}  // namespace caisse
