// Money: parsing what people type, French formatting, overflow guards, integer rounding.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "app/core/money.hpp"

namespace caisse {
namespace {

const std::string kNbsp = "\xC2\xA0";      // U+00A0 NO-BREAK SPACE
const std::string kNnbsp = "\xE2\x80\xAF";  // U+202F NARROW NO-BREAK SPACE
const std::string kEuro = "\xE2\x82\xAC";   // U+20AC EURO SIGN

std::int64_t cents_of(const std::string& text) { return Money::parse(text).value(); }

TEST(MoneyParse, AcceptsCommaAndDotDecimalMarks) {
    EXPECT_EQ(cents_of("8,50"), 850);
    EXPECT_EQ(cents_of("8.50"), 850);
    EXPECT_EQ(cents_of("8,5"), 850);
    EXPECT_EQ(cents_of("8.5"), 850);
    EXPECT_EQ(cents_of("0,05"), 5);
    EXPECT_EQ(cents_of("0.05"), 5);
}

TEST(MoneyParse, AcceptsWholeAmounts) {
    EXPECT_EQ(cents_of("12"), 1200);
    EXPECT_EQ(cents_of("0"), 0);
    EXPECT_EQ(cents_of("-2"), -200);
    EXPECT_EQ(cents_of("+3"), 300);
}

TEST(MoneyParse, AcceptsEuroSuffix) {
    EXPECT_EQ(cents_of("8,5 " + kEuro), 850);
    EXPECT_EQ(cents_of("8,50" + kEuro), 850);
    EXPECT_EQ(cents_of("8,50" + kNbsp + kEuro), 850);
    EXPECT_EQ(cents_of("8,50" + kNnbsp + kEuro), 850);
    EXPECT_EQ(cents_of("8,50 EUR"), 850);
}

TEST(MoneyParse, TrimsSurroundingBlanks) {
    EXPECT_EQ(cents_of("  8,50  "), 850);
    EXPECT_EQ(cents_of("\t8,50\t"), 850);
}

TEST(MoneyParse, AcceptsThousandsSeparators) {
    EXPECT_EQ(cents_of("1 234,50"), 123450);
    EXPECT_EQ(cents_of("1 234,50 " + kEuro), 123450);
    EXPECT_EQ(cents_of("1" + kNbsp + "234,50"), 123450);
    EXPECT_EQ(cents_of("1" + kNnbsp + "234,50"), 123450);
    EXPECT_EQ(cents_of("1" + kNbsp + "234,50" + kNbsp + kEuro), 123450);
    EXPECT_EQ(cents_of("1" + kNnbsp + "234,50" + kNbsp + kEuro), 123450);
    EXPECT_EQ(cents_of("1" + kNnbsp + "234" + kNnbsp + "567,89" + kNbsp + kEuro), 123456789);
    EXPECT_EQ(cents_of("1.234,50"), 123450);
    EXPECT_EQ(cents_of("1,234.50"), 123450);
    EXPECT_EQ(cents_of("1.234.567"), 123456700);
    EXPECT_EQ(cents_of("1 234"), 123400);
    EXPECT_EQ(cents_of("-1 234,50"), -123450);
}

TEST(MoneyParse, RejectsEmptyAndNonNumbers) {
    for (const std::string& bad : std::vector<std::string>{"", "   ", "abc", kEuro, " " + kEuro, "EUR", "-", "+", "--5", "-+5",
                                  "8a", "a8", "8,5x", "8,x", ",", "."}) {
        EXPECT_THROW(Money::parse(bad), InputError) << '"' << bad << '"';
    }
}

TEST(MoneyParse, RejectsMoreThanTwoDecimals) {
    EXPECT_THROW(Money::parse("8,505"), InputError);
    EXPECT_THROW(Money::parse("8.505"), InputError);
    EXPECT_THROW(Money::parse("0,001"), InputError);
    EXPECT_THROW(Money::parse("8,"), InputError);  // a decimal mark needs digits after it
    EXPECT_THROW(Money::parse("1.2.3,456"), InputError);
}

TEST(MoneyParse, RejectsMalformedGrouping) {
    // A typo must not silently become another amount: "8,,5" is not 8,50 and "8 50" is not 850,00.
    for (const std::string bad : {"8,,5", "8..5", "1.2.3,45", "1,2,3", "8 50", "12 3456,00", "1 23,50",
                                  "1234 567", "1 234 56", "1,234,56", "1.234.56", "1 ,50"}) {
        EXPECT_THROW(Money::parse(bad), InputError) << '"' << bad << '"';
    }
}

TEST(MoneyParse, RejectsAbsurdlyLargeAmounts) {
    EXPECT_THROW(Money::parse("99999999999999999999"), InputError);
    EXPECT_THROW(Money::parse("9223372036854775807"), InputError);
    // Cents must stay inside Money's range (a quarter of int64): 10^17 euros is refused cleanly,
    // not wrapped around; 10^16 euros still parses.
    EXPECT_THROW(Money::parse("100000000000000000"), InputError);
    EXPECT_THROW(Money::parse("-100000000000000000,00"), InputError);
    EXPECT_EQ(Money::parse("10000000000000000").value(), 1'000'000'000'000'000'000);
    EXPECT_EQ(Money::parse("-10000000000000000").value(), -1'000'000'000'000'000'000);
}

TEST(MoneyParse, ErrorMessageQuotesTheInput) {
    try {
        Money::parse("8,,5x");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("\"8,,5x\""), std::string::npos) << e.what();
    }
}

TEST(MoneyFormat, FrenchWithNoBreakSpaceBeforeEuro) {
    EXPECT_EQ(Money::cents(850).format(), "8,50" + kNbsp + kEuro);
    EXPECT_EQ(Money::cents(0).format(), "0,00" + kNbsp + kEuro);
    EXPECT_EQ(Money::cents(5).format(), "0,05" + kNbsp + kEuro);
    EXPECT_EQ(Money::cents(1200).format(), "12,00" + kNbsp + kEuro);
    EXPECT_EQ(Money::cents(99999).format(), "999,99" + kNbsp + kEuro);
}

TEST(MoneyFormat, NarrowNoBreakSpaceGroupsThousands) {
    EXPECT_EQ(Money::cents(123450).format(), "1" + kNnbsp + "234,50" + kNbsp + kEuro);
    EXPECT_EQ(Money::cents(100000).format(), "1" + kNnbsp + "000,00" + kNbsp + kEuro);
    EXPECT_EQ(Money::cents(12345678).format(), "123" + kNnbsp + "456,78" + kNbsp + kEuro);
    EXPECT_EQ(Money::cents(123456789).format(), "1" + kNnbsp + "234" + kNnbsp + "567,89" + kNbsp + kEuro);
}

TEST(MoneyFormat, Negative) {
    EXPECT_EQ(Money::cents(-850).format(), "-8,50" + kNbsp + kEuro);
    EXPECT_EQ(Money::cents(-5).format(), "-0,05" + kNbsp + kEuro);
    EXPECT_EQ(Money::cents(-123450).format(), "-1" + kNnbsp + "234,50" + kNbsp + kEuro);
}

TEST(MoneyPlain, MachineFormat) {
    EXPECT_EQ(Money::cents(850).plain(), "8.50");
    EXPECT_EQ(Money::cents(5).plain(), "0.05");
    EXPECT_EQ(Money::cents(0).plain(), "0.00");
    EXPECT_EQ(Money::cents(123450).plain(), "1234.50");
    EXPECT_EQ(Money::cents(-5).plain(), "-0.05");
    EXPECT_EQ(Money::cents(-123450).plain(), "-1234.50");
}

TEST(MoneyRoundTrip, ParseOfFormatAndPlainGivesTheAmountBack) {
    std::mt19937_64 rng(20240611);
    std::uniform_int_distribution<std::int64_t> small(-200'000, 200'000);
    std::uniform_int_distribution<std::int64_t> large(-1'000'000'000'000, 1'000'000'000'000);
    for (int i = 0; i < 5000; ++i) {
        const Money m = Money::cents(i % 2 ? small(rng) : large(rng));
        ASSERT_EQ(Money::parse(m.format()), m) << m.format();
        ASSERT_EQ(Money::parse(m.plain()), m) << m.plain();
    }
}

TEST(MoneyArithmetic, BasicOperations) {
    EXPECT_EQ(Money::cents(850) + Money::cents(150), Money::cents(1000));
    EXPECT_EQ(Money::cents(850) - Money::cents(1000), Money::cents(-150));
    EXPECT_EQ(Money::cents(850) * 3, Money::cents(2550));
    EXPECT_EQ(-Money::cents(850), Money::cents(-850));
    Money m = Money::cents(100);
    m += Money::cents(50);
    EXPECT_EQ(m, Money::cents(150));
    m -= Money::cents(200);
    EXPECT_EQ(m, Money::cents(-50));
    EXPECT_LT(Money::cents(1), Money::cents(2));
    EXPECT_EQ(Money(), Money::cents(0));
}

TEST(MoneyArithmetic, OverflowThrows) {
    const Money huge = Money::cents(std::numeric_limits<std::int64_t>::max() / 4);
    // Amounts beyond the headroom cannot even be made.
    EXPECT_THROW(Money::cents(std::numeric_limits<std::int64_t>::max()), MoneyOverflow);
    EXPECT_THROW(Money::cents(std::numeric_limits<std::int64_t>::min()), MoneyOverflow);
    EXPECT_THROW(Money::cents(Money::kMax + 1), MoneyOverflow);
    EXPECT_THROW(huge + Money::cents(1), MoneyOverflow);
    EXPECT_THROW(-huge - Money::cents(1), MoneyOverflow);
    EXPECT_THROW(Money::cents(0) - huge - Money::cents(1), MoneyOverflow);
    EXPECT_THROW(huge * 2, MoneyOverflow);
    EXPECT_THROW(Money::cents(std::numeric_limits<std::int64_t>::max() / 12) * 4, MoneyOverflow);
    EXPECT_THROW(Money::cents(3) * std::numeric_limits<std::int64_t>::max(), MoneyOverflow);
    EXPECT_THROW(huge * -2, MoneyOverflow);
    Money m = huge;
    EXPECT_THROW(m += Money::cents(1), MoneyOverflow);
    EXPECT_EQ(m, huge);  // unchanged after the failed update
    // The edge itself is fine.
    EXPECT_NO_THROW(huge + Money::cents(0));
    EXPECT_NO_THROW(huge - huge);
    EXPECT_NO_THROW(-huge);
}

TEST(MoneyOverflowType, IsAnOverflowError) {
    EXPECT_THROW(Money::cents(std::numeric_limits<std::int64_t>::max()) * 2, std::overflow_error);
}

TEST(DivRoundHalfUp, RoundsHalvesAwayFromZero) {
    EXPECT_EQ(div_round_half_up(5, 10), 1);    // 0.5 -> 1
    EXPECT_EQ(div_round_half_up(4, 10), 0);    // 0.4 -> 0
    EXPECT_EQ(div_round_half_up(15, 10), 2);   // 1.5 -> 2
    EXPECT_EQ(div_round_half_up(25, 10), 3);   // 2.5 -> 3 (not banker's)
    EXPECT_EQ(div_round_half_up(-5, 10), -1);  // -0.5 -> -1
    EXPECT_EQ(div_round_half_up(-25, 10), -3);
    EXPECT_EQ(div_round_half_up(-24, 10), -2);
    EXPECT_EQ(div_round_half_up(7, 3), 2);     // 2.33
    EXPECT_EQ(div_round_half_up(8, 3), 3);     // 2.67
    EXPECT_EQ(div_round_half_up(0, 7), 0);
    EXPECT_EQ(div_round_half_up(10, 1), 10);
}

TEST(DivRoundHalfUp, MatchesReferenceOnRandomInputs) {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::int64_t> num(-10'000'000, 10'000'000);
    std::uniform_int_distribution<std::int64_t> den(1, 20'000);
    for (int i = 0; i < 20000; ++i) {
        const std::int64_t n = num(rng), d = den(rng);
        const std::int64_t a = n < 0 ? -n : n;
        std::int64_t q = a / d;
        if ((a % d) * 2 >= d) ++q;
        if (n < 0) q = -q;
        ASSERT_EQ(div_round_half_up(n, d), q) << n << " / " << d;
    }
}

TEST(DivRoundHalfUp, OverflowThrows) {
    const __int128 big = static_cast<__int128>(std::numeric_limits<std::int64_t>::max()) * 4;
    EXPECT_THROW(div_round_half_up(big, 1), MoneyOverflow);
    EXPECT_THROW(div_round_half_up(-big, 1), MoneyOverflow);
}

}  // namespace
}  // namespace caisse
