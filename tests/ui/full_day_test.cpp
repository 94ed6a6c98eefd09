// A whole day of corrections on the real screens, headless (issue "Corrections and conservation",
// done means): a line voided and a ticket cleared before payment (nothing recorded), a ticket
// cancelled, a partial refund, training sales, and a Z that leaves training out and shows the refund.
// The Z is checked against the ledger's own rows, so it cannot agree with itself by construction.
#include <gtest/gtest.h>

#include "app/services/cash_session.hpp"
#include "db/verify.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t count(Harness& h, const std::string& sql) { return caisse::testing::raw_scalar(h.path(), sql); }

void tap_n(Harness& h, const std::string& id, int n) {
    for (int i = 0; i < n; ++i) h.tap(id);
}

TEST(UiFullDay, VoidCancelRefundTrainingAndAZThatShowsTheRefundAndLeavesTrainingOut) {
    Harness h;
    h.login("Karim", "2345");  // a manager: no approval asked below

    // Void before payment: a line removed, then the whole ticket cleared. Nothing is recorded.
    const auto records_before = count(h, "SELECT COUNT(*) FROM journal");
    h.tap("tile:MAFE");
    h.tap("tile:BISSAP");
    h.tap("remove:1");
    h.tap("remove_yes:1");
    ASSERT_FALSE(h.has("remove:1")) << h.app().message();
    h.tap("clear_cart");
    h.tap("confirm_yes");
    EXPECT_FALSE(h.has("remove:0")) << "the ticket was not cleared";
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM journal"), records_before) << "a void wrote a record";

    // Ticket 1: a mafé in cash. Ticket 2: a tajine by card, cancelled at once.
    h.tap("tile:MAFE");
    h.tap("pay");
    h.tap("cash_exact");
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    h.tap("next_sale");
    h.tap("tile:TAJINE");
    h.tap("pay");
    h.tap("tender:card");
    h.accept_payment();
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    h.tap("cancel_ticket");
    ASSERT_EQ(count(h, "SELECT COUNT(*) FROM refunds WHERE cancel = 1 AND ticket = 2"), 1) << h.app().message();

    // Ticket 3: two mafés and a bissap by card; one mafé refunded by card.
    h.tap("tile:MAFE");
    h.tap("tile:MAFE");
    h.tap("tile:BISSAP");
    h.tap("pay");
    h.tap("tender:card");
    h.accept_payment();
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    h.tap("next_sale");
    h.tap("cash");
    h.tap("menu:refund");
    ASSERT_EQ(h.app().screen(), Screen::refund);
    h.type("3", "rkey");
    h.tap("refund_find");
    ASSERT_TRUE(h.has("rline:1+")) << h.app().message();
    h.tap("rline:1+");
    h.tap("rmethod:card");
    h.tap("refund_confirm");
    ASSERT_EQ(count(h, "SELECT COUNT(*) FROM refunds WHERE cancel = 0 AND ticket = 3"), 1) << h.app().message();

    // Training: two sales in MODE ÉCOLE, then back to real sales.
    if (h.app().screen() != Screen::sell) h.tap("refund_back");
    h.tap("cash");
    h.tap("menu:training");
    ASSERT_TRUE(h.till().training().on) << h.app().message();
    for (const char* sku : {"tile:MAFE", "tile:TAJINE"}) {
        h.tap(sku);
        h.tap("pay");
        h.tap("cash_exact");
        ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
        h.tap("next_sale");
    }
    h.tap("cash");
    h.tap("menu:training");
    ASSERT_FALSE(h.till().training().on) << h.app().message();
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM training_sales"), 2);

    // What the ledger says the day is: real sales minus refunds, training nowhere.
    const auto sold = count(h, "SELECT SUM(total) FROM sales");
    const auto refunded = count(h, "SELECT SUM(total) FROM refunds");  // <= 0
    ASSERT_LT(refunded, 0);
    const auto cash_sold = count(h, "SELECT COALESCE(SUM(amount), 0) FROM sale_payments WHERE method = 'cash'") -
                           count(h, "SELECT COALESCE(SUM(\"change\"), 0) FROM sales");
    const auto cash_back = count(h, "SELECT COALESCE(SUM(amount), 0) FROM refund_payments WHERE method = 'cash'");  // <= 0
    const auto session = h.till().current_session().value();

    // The close on screen: count the drawer exactly (the float and the day's cash), then the Z.
    const std::int64_t drawer = session.float_cents + cash_sold + cash_back;
    h.tap("cash");
    h.tap("menu:close");
    std::int64_t left = drawer;
    for (const std::int64_t piece : {5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1}) {
        tap_n(h, "den+:" + std::to_string(piece), static_cast<int>(left / piece));
        left %= piece;
    }
    h.tap("count_done");
    h.tap("count_confirm");
    h.tap("close_day");
    ASSERT_EQ(h.app().screen(), Screen::z_view) << h.app().message();

    const auto z = find_z(h.till(), std::nullopt, std::nullopt);
    EXPECT_EQ(z.totals.total, sold + refunded) << "the Z is the ledger's real sales minus its refunds";
    EXPECT_EQ(z.totals.tickets, 3) << "training tickets are no tickets";
    EXPECT_EQ(z.totals.refunds, 2) << "the cancel and the refund";
    EXPECT_EQ(z.totals.refunds_total, refunded);
    EXPECT_EQ(z.over_short, 0);
    EXPECT_TRUE(db::verify_ledger(h.path()).ok);
}

}  // namespace
}  // namespace caisse::ui::testing
