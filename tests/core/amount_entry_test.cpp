// AmountEntry: what the on-screen keypad types, and a field filled with a known amount as if typed.
#include <gtest/gtest.h>

#include "app/core/amount_entry.hpp"

namespace caisse {
namespace {

TEST(AmountEntry, KeysMakeEurosAndCents) {
    AmountEntry e;
    for (const char k : std::string("12,5")) EXPECT_FALSE(e.press(k));
    EXPECT_EQ(e.text(), "12,5");
    EXPECT_EQ(e.value(), Money::cents(1250));
    EXPECT_FALSE(e.press('7'));
    EXPECT_EQ(e.value(), Money::cents(1257));
    EXPECT_TRUE(e.press('3'));  // a third decimal is refused, the amount unchanged
    EXPECT_EQ(e.value(), Money::cents(1257));
    e.press('<');
    e.press('<');
    EXPECT_EQ(e.text(), "12,");
    e.press('C');
    EXPECT_TRUE(e.empty());
    EXPECT_FALSE(e.value());
}

TEST(AmountEntry, OfAnAmountReadsBackTheSame) {
    for (const std::int64_t cents : {0, 5, 50, 850, 1290, 56093, 13088200, 99999999}) {
        const AmountEntry e = AmountEntry::of(Money::cents(cents));
        EXPECT_EQ(e.value(), Money::cents(cents)) << cents << " typed as " << e.text();
    }
    EXPECT_EQ(AmountEntry::of(Money::cents(850)).text(), "8,50");  // as a price is written
    EXPECT_EQ(AmountEntry::of(Money::cents(56093)).text(), "560,93");
    EXPECT_EQ(AmountEntry::of(Money::cents(1200)).text(), "12");
}

}  // namespace
}  // namespace caisse
