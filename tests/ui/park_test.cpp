// Parking a ticket on the screen (issue 12 item 14): the customer went to fetch money; their ticket,
// with what they already paid, waits in the empty cart, survives a restart, and is no sale until paid.
#include <gtest/gtest.h>

#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t sales(Harness& h) { return caisse::testing::raw_scalar(h.path(), "SELECT COUNT(*) FROM sales"); }

// From the after-sale screen back to an empty cart.
void next_sale(Harness& h) {
    h.tap("next_sale");
    ASSERT_EQ(h.app().screen(), Screen::sell);
}

TEST(UiPark, ATicketWithAPaymentWaitsAndComesBackWhole) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("tile:TAJINE");
    h.tap("tile:TAJINE");
    h.tap("pay");
    h.type("10", "tender");
    h.tap("tender:cash");  // 10 € of 22 € now; the customer goes to fetch the rest (cards: the services' test)
    h.tap("back_to_cart");
    ASSERT_EQ(h.app().screen(), Screen::sell);
    const auto before = sales(h);
    h.tap("park");
    EXPECT_TRUE(h.app().draft().empty());
    EXPECT_TRUE(h.app().draft().payments().empty()) << "the next customer would inherit the payment";
    ASSERT_TRUE(h.has("parked:1"));
    EXPECT_EQ(sales(h), before) << "parking recorded a sale";

    // The next customer pays a coffee in cash meanwhile.
    h.tap("tile:MAFE");
    EXPECT_FALSE(h.has("parked:1")) << "the parked list shows only in an empty cart";
    h.tap("pay");
    h.tap("cash_exact");
    next_sale(h);
    ASSERT_EQ(sales(h), before + 1);

    h.tap("parked:1");
    ASSERT_EQ(h.app().draft().lines().size(), 1u);
    EXPECT_EQ(h.app().draft().lines()[0].quantity, 2);
    ASSERT_EQ(h.app().draft().payments().size(), 1u);
    EXPECT_EQ(h.app().draft().remaining(), Money::cents(1200));
    EXPECT_FALSE(h.has("parked:1"));
    h.tap("pay");
    h.tap("cash_exact");
    ASSERT_EQ(sales(h), before + 2);
    const auto sale = h.till().recorded_sale(h.till().last_ticket()).value();
    ASSERT_EQ(sale.sale.payments.size(), 2u);
    EXPECT_EQ(sale.sale.payments[0].amount, 1000) << "the 10 € paid before parking are part of the sale";
    EXPECT_EQ(sale.sale.payments[1].amount, 1200);
}

// The close is refused while a parked ticket holds a payment: the Z would count money with no sale.
TEST(UiPark, NoCloseWhileAParkedTicketHoldsAPayment) {
    Harness h;
    h.login("Karim", "2345");
    h.tap("tile:TAJINE");
    h.tap("pay");
    h.type("5", "tender");
    h.tap("tender:cash");
    h.tap("back_to_cart");
    h.tap("park");
    ASSERT_TRUE(h.has("parked:1"));
    h.tap("cash");
    h.tap("menu:close");
    EXPECT_NE(h.app().screen(), Screen::close);
    EXPECT_NE(h.app().message().find("en attente"), std::string::npos) << h.app().message();
    EXPECT_NE(h.app().message().find("5,00"), std::string::npos) << h.app().message();
}

TEST(UiPark, AParkedTicketSurvivesARestartOfTheTill) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("tile:MAFE");
    h.tap("tile:BISSAP");
    h.tap("park");
    h.tap("tile:YASSA");
    h.tap("park");
    ASSERT_TRUE(h.has("parked:2"));
    h.restart();
    h.login("Mei", "2222");
    ASSERT_TRUE(h.has("parked:1"));
    ASSERT_TRUE(h.has("parked:2"));
    h.tap("parked:2");
    ASSERT_EQ(h.app().draft().lines().size(), 1u);
    EXPECT_EQ(h.app().draft().lines()[0].product.sku, "YASSA");
    // A ticket open on screen is never dropped for a parked one: park it first.
    EXPECT_FALSE(h.has("parked:1"));
    h.tap("park");
    h.tap("parked:1");
    ASSERT_EQ(h.app().draft().lines().size(), 2u);
    EXPECT_EQ(h.app().draft().lines()[0].product.sku, "MAFE");
    EXPECT_FALSE(h.has("parked:2")) << "parked tickets show only in an empty cart";
}

}  // namespace
}  // namespace caisse::ui::testing
