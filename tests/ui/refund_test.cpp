// Cancelling and refunding on the screen (issue 9, item 8): the seller's own last ticket cancelled
// at once, a late one after a manager's approval, a refund found by its number with a line picked
// on its stepper and the tender chosen, approved by a manager; assertions on the ledger behind.
#include <gtest/gtest.h>

#include "app/services/cash_session.hpp"
#include "db/verify.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t count(Harness& h, const std::string& sql) { return caisse::testing::raw_scalar(h.path(), sql); }

void approve_as(Harness& h, const std::string& manager, const std::string& pin) {
    ASSERT_TRUE(h.has("approval_ok")) << "no approval asked; message: " << h.app().message();
    h.tap("approver:" + manager);
    h.type(pin, "approval_pin");
    h.tap("approval_ok");
}

void sell_mafe_by_card(Harness& h) {
    h.tap("tile:MAFE");
    h.tap("pay");
    h.tap("tender:card");
    h.accept_payment();
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
}

TEST(UiRefund, ASellerCancelsHerTicketJustMade) {
    Harness h;
    h.login("Lucie", "1111");
    sell_mafe_by_card(h);
    h.tap("cancel_ticket");
    EXPECT_EQ(h.app().screen(), Screen::sell) << h.app().message();
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM refunds WHERE cancel = 1 AND ticket = 1"), 1);
    EXPECT_EQ(count(h, "SELECT total FROM refunds"), -950);
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM events WHERE code = 'auth.override'"), 0);
    EXPECT_EQ(x_report(h.till()).totals.total, 0);
}

TEST(UiRefund, ALateCancelNeedsAManager) {
    Harness h;
    h.login("Lucie", "1111");
    sell_mafe_by_card(h);
    h.advance(std::chrono::seconds{300});
    h.tap("cancel_ticket");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM refunds"), 0);
    approve_as(h, "Karim", "2345");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM refunds WHERE cancel = 1"), 1) << h.app().message();
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM events WHERE code = 'auth.override' AND action = 'cancel a ticket'"), 1);
}

TEST(UiRefund, ARefundFoundByNumberOneLineByCardApproved) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("tile:MAFE");
    h.tap("tile:MAFE");
    h.tap("tile:BISSAP");
    h.tap("pay");
    h.tap("tender:card");
    h.accept_payment();
    h.tap("next_sale");
    sell_mafe_by_card(h);  // ticket 2: the first is no longer the last
    h.tap("next_sale");
    h.tap("cash");
    h.tap("menu:refund");
    ASSERT_EQ(h.app().screen(), Screen::refund);
    h.type("1", "rkey");
    h.tap("refund_find");
    ASSERT_TRUE(h.has("rline:1+")) << h.app().message();
    EXPECT_FALSE(h.has("refund_confirm"));  // nothing chosen yet
    h.tap("rline:1+");
    h.tap("rmethod:card");
    h.tap("refund_confirm");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM refunds"), 0);  // a seller: a manager approves first
    approve_as(h, "Karim", "2345");
    ASSERT_EQ(count(h, "SELECT COUNT(*) FROM refunds"), 1) << h.app().message();
    EXPECT_EQ(count(h, "SELECT -quantity FROM refund_lines"), 1);
    EXPECT_EQ(count(h, "SELECT sale_line FROM refund_lines"), 1);
    EXPECT_EQ(count(h, "SELECT total FROM refunds"), -950);
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM refund_payments WHERE method = 'card' AND amount = -950"), 1);
    // The line now shows one Mafé left; the stepper cannot go above it.
    h.tap("rline:1+");
    EXPECT_FALSE(h.has("rline:1+"));
    // Ticket 1 is not the last ticket: its Tickets entry offers a refund, not a cancellation.
    h.tap("refund_back");
    h.tap("recent");
    h.tap("ticket:1");
    EXPECT_FALSE(h.has("cancel_recent"));
    EXPECT_TRUE(h.has("refund_ticket"));
    EXPECT_TRUE(db::verify_ledger(h.path()).ok);
}

}  // namespace
}  // namespace caisse::ui::testing
