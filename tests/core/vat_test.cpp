// VAT: the per-rate rule vat = round_half_up(ttc * r / (10000 + r)), ht = ttc - vat, and rate parsing.
#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>

#include "app/core/vat.hpp"

namespace caisse {
namespace {

const std::string kNbsp = "\xC2\xA0";

// The rule, written out independently with plain integers (no call into the library).
std::int64_t expected_vat(std::int64_t ttc, std::int64_t r) {
    const std::int64_t num = (ttc < 0 ? -ttc : ttc) * r, den = 10000 + r;
    std::int64_t q = num / den;
    if ((num % den) * 2 >= den) ++q;
    return ttc < 0 ? -q : q;
}

TEST(SplitTtc, WorkedValues) {
    // 10 % on 10,00 €: 1000 * 1000 / 11000 = 90.909... -> 91
    VatAmounts a = split_ttc(Money::cents(1000), VatRate{1000});
    EXPECT_EQ(a.vat, Money::cents(91));
    EXPECT_EQ(a.ht, Money::cents(909));
    EXPECT_EQ(a.ttc, Money::cents(1000));

    // 5,5 % on 2,11 €: 211 * 550 / 10550 = 11 exactly
    a = split_ttc(Money::cents(211), VatRate{550});
    EXPECT_EQ(a.vat, Money::cents(11));
    EXPECT_EQ(a.ht, Money::cents(200));

    // 20 % on 12,00 €: 1200 * 2000 / 12000 = 200 exactly
    a = split_ttc(Money::cents(1200), VatRate{2000});
    EXPECT_EQ(a.vat, Money::cents(200));
    EXPECT_EQ(a.ht, Money::cents(1000));

    // 5,5 % on 8,50 €: 850 * 550 / 10550 = 44.31 -> 44
    a = split_ttc(Money::cents(850), VatRate{550});
    EXPECT_EQ(a.vat, Money::cents(44));
    EXPECT_EQ(a.ht, Money::cents(806));

    // 20 % on 0,01 €: 0.1666 -> 0 ; on 0,03 €: 0.5 -> 1 (half rounds up)
    EXPECT_EQ(split_ttc(Money::cents(1), VatRate{2000}).vat, Money::cents(0));
    EXPECT_EQ(split_ttc(Money::cents(3), VatRate{2000}).vat, Money::cents(1));
}

TEST(SplitTtc, ZeroRateAndZeroAmount) {
    VatAmounts a = split_ttc(Money::cents(1234), VatRate{0});
    EXPECT_EQ(a, (VatAmounts{Money::cents(1234), Money::cents(0), Money::cents(1234)}));
    a = split_ttc(Money::cents(0), VatRate{2000});
    EXPECT_EQ(a, (VatAmounts{Money::cents(0), Money::cents(0), Money::cents(0)}));
}

TEST(SplitTtc, ExactHalvesRoundUpAwayFromZero) {
    // At 20 % the quotient ttc * 2000 / 12000 = ttc / 6 is exactly x.5 when ttc % 6 == 3 (5,5 % and
    // 10 % never land on an exact half). Find the halves by brute force, over other rates too.
    int halves_at_20 = 0, halves = 0;
    for (std::int32_t r : {2000, 100, 200, 250, 500, 2500, 5000, 10000}) {
        const std::int64_t den = 10000 + r;
        int found = 0;
        for (std::int64_t ttc = 1; ttc < 100000 && found < 5; ++ttc) {
            if ((ttc * r) % den * 2 != den) continue;
            ++found;
            const std::int64_t down = ttc * r / den;
            EXPECT_EQ(split_ttc(Money::cents(ttc), VatRate{r}).vat, Money::cents(down + 1))
                << "ttc " << ttc << " rate " << r;
            EXPECT_EQ(split_ttc(Money::cents(ttc), VatRate{r}).ht, Money::cents(ttc - down - 1));
            EXPECT_EQ(split_ttc(Money::cents(-ttc), VatRate{r}).vat, Money::cents(-(down + 1)))
                << "ttc " << -ttc << " rate " << r;
        }
        if (r == 2000) halves_at_20 = found;
        halves += found;
    }
    EXPECT_EQ(halves_at_20, 5);
    EXPECT_GT(halves, 5);
    // The smallest one spelled out: 0,03 € at 20 % is 0.5 cent of VAT -> 1 cent.
    EXPECT_EQ(split_ttc(Money::cents(3), VatRate{2000}).vat, Money::cents(1));
    EXPECT_EQ(split_ttc(Money::cents(-3), VatRate{2000}).vat, Money::cents(-1));
    EXPECT_EQ(split_ttc(Money::cents(9), VatRate{2000}).vat, Money::cents(2));  // 1.5 -> 2
}

TEST(SplitTtc, NegativeIsSymmetric) {
    for (std::int64_t ttc : {1, 3, 91, 211, 850, 1000, 1200, 99999, 123457}) {
        for (std::int32_t r : {550, 1000, 2000}) {
            const VatAmounts pos = split_ttc(Money::cents(ttc), VatRate{r});
            const VatAmounts neg = split_ttc(Money::cents(-ttc), VatRate{r});
            EXPECT_EQ(neg.vat, -pos.vat) << ttc << " @ " << r;
            EXPECT_EQ(neg.ht, -pos.ht) << ttc << " @ " << r;
            EXPECT_EQ(neg.ttc, Money::cents(-ttc));
        }
    }
}

TEST(SplitTtc, MatchesTheRuleOnRandomAmounts) {
    std::mt19937_64 rng(55);
    std::uniform_int_distribution<std::int64_t> amount(-10'000'000, 10'000'000);
    std::uniform_int_distribution<std::int32_t> rate(0, 10000);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t ttc = amount(rng);
        const std::int32_t r = i % 2 ? rate(rng) : (i % 3 == 0 ? 550 : i % 3 == 1 ? 1000 : 2000);
        const VatAmounts a = split_ttc(Money::cents(ttc), VatRate{r});
        ASSERT_EQ(a.vat.value(), expected_vat(ttc, r)) << ttc << " @ " << r;
        ASSERT_EQ(a.ht.value(), ttc - expected_vat(ttc, r));
        ASSERT_EQ(a.ttc.value(), ttc);
    }
}

TEST(VatRateParse, AcceptsPercentages) {
    EXPECT_EQ(VatRate::parse_percent("5,5").bp, 550);
    EXPECT_EQ(VatRate::parse_percent("5.5").bp, 550);
    EXPECT_EQ(VatRate::parse_percent("10").bp, 1000);
    EXPECT_EQ(VatRate::parse_percent("20").bp, 2000);
    EXPECT_EQ(VatRate::parse_percent("20 %").bp, 2000);
    EXPECT_EQ(VatRate::parse_percent("20%").bp, 2000);
    EXPECT_EQ(VatRate::parse_percent(" 10 ").bp, 1000);
    EXPECT_EQ(VatRate::parse_percent("2,1").bp, 210);
    EXPECT_EQ(VatRate::parse_percent("8,55").bp, 855);
    EXPECT_EQ(VatRate::parse_percent("0").bp, 0);
    EXPECT_EQ(VatRate::parse_percent("100").bp, 10000);
}

TEST(VatRateParse, Rejects) {
    for (const char* bad : {"", " ", "%", "abc", "5,555", "150", "100,01", "-5", "5,,5", "5,5,5", "1O",
                            "5 5", ",", ".", "%5"}) {
        EXPECT_THROW(VatRate::parse_percent(bad), InputError) << '"' << bad << '"';
    }
}

TEST(VatRatePercent, FrenchDisplay) {
    EXPECT_EQ(VatRate{550}.percent(), "5,5" + kNbsp + "%");
    EXPECT_EQ(VatRate{1000}.percent(), "10" + kNbsp + "%");
    EXPECT_EQ(VatRate{2000}.percent(), "20" + kNbsp + "%");
    EXPECT_EQ(VatRate{210}.percent(), "2,1" + kNbsp + "%");
    EXPECT_EQ(VatRate{855}.percent(), "8,55" + kNbsp + "%");
    EXPECT_EQ(VatRate{0}.percent(), "0" + kNbsp + "%");
}

TEST(VatRate, Ordering) {
    EXPECT_LT(VatRate{550}, VatRate{1000});
    EXPECT_EQ(VatRate{2000}, VatRate::parse_percent("20"));
}

TEST(VatRateRoundTrip, PercentTextParsesBack) {
    for (std::int32_t bp : {0, 550, 1000, 2000, 210, 1250})
        EXPECT_EQ(VatRate::parse_percent(VatRate{bp}.percent()).bp, bp) << VatRate{bp}.percent();
}

}  // namespace
}  // namespace caisse
