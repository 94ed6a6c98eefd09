// Refund arithmetic (app/core/refund.hpp): random lines refunded in random steps give back exactly
// the line, never more, each step non-negative; the VAT rule's cumulative form gives back exactly
// the ticket's VAT per rate.
#include <gtest/gtest.h>

#include <random>

#include "app/core/refund.hpp"
#include "app/core/vat.hpp"

namespace caisse {
namespace {

TEST(Refund, HalfALineOfTwo) {
    // 2 x 10,00 € with 1,00 € line discount and 0,51 € of the ticket discount: total 18,49 €.
    const SoldLine l{2, 1000, 100, 51};
    const LinePart first = refund_part(l, 0, 1), second = refund_part(l, 1, 1);
    // reduction floor(151 / 2) = 75, of which floor(75 * 100 / 151) = 49 line discount, 26 share.
    EXPECT_EQ(first, (LinePart{1, 49, 26, 925}));
    EXPECT_EQ(second, (LinePart{1, 51, 25, 924}));
    EXPECT_EQ(first.total + second.total, 2 * 1000 - 100 - 51);
}

TEST(Refund, NeverMoreThanSold) {
    const SoldLine l{3, 500, 0, 0};
    EXPECT_THROW(refund_part(l, 2, 2), std::invalid_argument);
    EXPECT_THROW(refund_part(l, 0, 0), std::invalid_argument);
    EXPECT_THROW(first_units(l, 4), std::invalid_argument);
}

TEST(Refund, RandomStepsGiveBackExactlyTheLine) {
    std::mt19937_64 rng(9);
    for (int trial = 0; trial < 20000; ++trial) {
        SoldLine l;
        l.quantity = 1 + static_cast<std::int64_t>(rng() % 12);
        l.unit = static_cast<std::int64_t>(rng() % 3000);
        const std::int64_t gross = l.quantity * l.unit;
        l.discount = gross == 0 ? 0 : static_cast<std::int64_t>(rng() % (gross + 1));
        l.share = gross - l.discount == 0 ? 0 : static_cast<std::int64_t>(rng() % (gross - l.discount + 1));
        if (rng() % 3 == 0) l.discount = l.share = 0;
        std::int64_t given = 0, disc = 0, share = 0, total = 0;
        while (given < l.quantity) {
            const std::int64_t q = 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(l.quantity - given));
            const LinePart p = refund_part(l, given, q);
            ASSERT_GE(p.discount, 0);
            ASSERT_GE(p.share, 0);
            ASSERT_GE(p.total, 0);
            ASSERT_EQ(p.total, q * l.unit - p.discount - p.share);
            given += q;
            disc += p.discount;
            share += p.share;
            total += p.total;
        }
        ASSERT_EQ(disc, l.discount);
        ASSERT_EQ(share, l.share);
        ASSERT_EQ(total, gross - l.discount - l.share);
    }
}

TEST(Refund, CumulativeVatGivesBackTheTicketsVat) {
    std::mt19937_64 rng(11);
    for (const std::int32_t rate : {0, 210, 550, 850, 1000, 2000}) {
        for (int trial = 0; trial < 2000; ++trial) {
            const std::int64_t ttc = static_cast<std::int64_t>(rng() % 100000);
            std::int64_t before = 0, vat = 0;
            while (before < ttc) {
                const std::int64_t part = 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(ttc - before));
                const std::int64_t v = refund_vat(rate, before, part);
                ASSERT_GE(v, 0);
                ASSERT_LE(v, part);
                vat += v;
                before += part;
            }
            ASSERT_EQ(vat, split_ttc(Money::cents(ttc), VatRate{rate}).vat.value()) << rate << " " << ttc;
        }
    }
}

}  // namespace
}  // namespace caisse
