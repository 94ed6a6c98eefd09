// ItemSpec: "SKU", "SKU*3", "SKU@4,50", "SKU*2@4,50".
#include <gtest/gtest.h>

#include "app/core/cart.hpp"

namespace caisse {
namespace {

TEST(ItemSpecParse, SkuOnly) {
    const ItemSpec s = ItemSpec::parse("MAFE");
    EXPECT_EQ(s.sku, "MAFE");
    EXPECT_EQ(s.quantity, 1);
    EXPECT_FALSE(s.price.has_value());
}

TEST(ItemSpecParse, Quantity) {
    const ItemSpec s = ItemSpec::parse("MAFE*3");
    EXPECT_EQ(s.sku, "MAFE");
    EXPECT_EQ(s.quantity, 3);
    EXPECT_FALSE(s.price.has_value());
    EXPECT_EQ(ItemSpec::parse("MAFE*9999").quantity, 9999);
    EXPECT_EQ(ItemSpec::parse("MAFE*012").quantity, 12);
}

TEST(ItemSpecParse, Price) {
    const ItemSpec s = ItemSpec::parse("DIVERS@4,50");
    EXPECT_EQ(s.sku, "DIVERS");
    EXPECT_EQ(s.quantity, 1);
    EXPECT_EQ(s.price, Money::cents(450));
    EXPECT_EQ(ItemSpec::parse("DIVERS@4.5").price, Money::cents(450));
    EXPECT_EQ(ItemSpec::parse("DIVERS@0").price, Money::cents(0));
}

TEST(ItemSpecParse, QuantityAndPrice) {
    const ItemSpec s = ItemSpec::parse("MAFE*2@4,50");
    EXPECT_EQ(s.sku, "MAFE");
    EXPECT_EQ(s.quantity, 2);
    EXPECT_EQ(s.price, Money::cents(450));
}

TEST(ItemSpecParse, Rejects) {
    for (const char* bad : {"MAFE*0", "MAFE*-1", "MAFE*x", "MAFE*", "MAFE*-", "MAFE*2x", "MAFE*1234567",
                            "MAFE*2*3", "", "A B", "*2", "@4", "*2@4", "MAFE@", "MAFE@abc", "MAFE@-1",
                            "MAFE@4,505", "MAFE@1@2", "A B*2"}) {
        EXPECT_THROW(ItemSpec::parse(bad), InputError) << '"' << bad << '"';
    }
}

}  // namespace
}  // namespace caisse
