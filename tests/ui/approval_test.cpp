// A seller's manager actions approved on the screen with a manager's PIN, and the idle lock
// (issue 10, item 1); assertions on the ledger behind the screens.
#include <gtest/gtest.h>

#include "app/services/cash_session.hpp"
#include "app/services/printing.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t count(Harness& h, const std::string& sql) { return caisse::testing::raw_scalar(h.path(), sql); }
std::int64_t overrides(Harness& h) { return count(h, "SELECT COUNT(*) FROM events WHERE code='auth.override'"); }

void approve_as(Harness& h, const std::string& manager, const std::string& pin) {
    ASSERT_TRUE(h.has("approval_ok")) << "no approval asked; message: " << h.app().message();
    h.tap("approver:" + manager);
    h.type(pin, "approval_pin");
    h.tap("approval_ok");
}

// Lucie (seller) on a till with no session, the float counted: 100 €.
void seller_counts_a_float(Harness& h) {
    h.login("Lucie", "1111");
    ASSERT_EQ(h.app().screen(), Screen::open_session);
    h.tap("den+:5000");
    h.tap("den+:5000");
    h.tap("open_session");
}

TEST(UiApproval, ASellerOpensTheSessionWithAManagersApproval) {
    Harness h(ImVec2(1024, 768), 1.0f, false);
    seller_counts_a_float(h);
    EXPECT_FALSE(h.till().current_session()) << "opened without a manager";
    EXPECT_FALSE(h.has("den+:5000")) << "the screen under the approval takes no taps";
    EXPECT_FALSE(h.has("approver:Lucie")) << "only managers and admins approve";
    EXPECT_TRUE(h.has("approver:Awa"));
    approve_as(h, "Karim", "2345");
    EXPECT_EQ(h.app().screen(), Screen::sell) << h.app().message();
    ASSERT_TRUE(h.till().current_session());
    EXPECT_EQ(overrides(h), 1);
    EXPECT_FALSE(h.has("approval_ok"));
}

TEST(UiApproval, AWrongManagerPinApprovesNothing) {
    Harness h(ImVec2(1024, 768), 1.0f, false);
    seller_counts_a_float(h);
    const auto refused = count(h, "SELECT COUNT(*) FROM events");
    approve_as(h, "Karim", "9999");
    EXPECT_FALSE(h.till().current_session());
    EXPECT_EQ(overrides(h), 0);
    EXPECT_FALSE(h.app().message().empty()) << "the refusal is said";
    EXPECT_GT(count(h, "SELECT COUNT(*) FROM events"), refused) << "the wrong PIN is journaled";
    EXPECT_TRUE(h.has("approval_ok")) << "the manager may type it again";
    h.tap("approval_cancel");
    EXPECT_FALSE(h.has("approval_ok"));
    EXPECT_EQ(h.app().screen(), Screen::open_session);
    EXPECT_FALSE(h.till().current_session());
}

TEST(UiApproval, ASellersDiscountWithApprovalIsRecordedWithTheSale) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("tile:MAFE");
    h.tap("discount");
    h.type("1", "key");
    h.tap("keypad_ok");
    EXPECT_TRUE(h.app().draft().discount().empty()) << "given without a manager";
    approve_as(h, "Karim", "2345");
    ASSERT_FALSE(h.app().draft().discount().empty()) << h.app().message();
    EXPECT_EQ(h.app().draft().discount().amount, Money::cents(100));
    // The approval was for that discount only: another asks again.
    h.tap("discount");
    h.type("2", "key");
    h.tap("keypad_ok");
    EXPECT_TRUE(h.has("approval_ok"));
    h.tap("approval_cancel");
    EXPECT_EQ(h.app().draft().discount().amount, Money::cents(100));
    h.tap("pay");
    h.tap("cash_exact");
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    EXPECT_EQ(h.till().recorded_sale(h.till().last_ticket())->sale.discount, 100);
    EXPECT_GE(overrides(h), 1);
}

// Picking the manager does not move the keypad (newcomer trial: it moved 28 px and a PIN was typed
// on the wrong keys).
TEST(UiApproval, TheKeysStayInPlaceWhenTheManagerIsPicked) {
    for (const ImVec2 size : {ImVec2(1024, 768), ImVec2(1280, 800)}) {
        Harness h(size);
        h.login("Lucie", "1111");
        h.tap("tile:MAFE");
        h.tap("discount");
        h.type("1", "key");
        h.tap("keypad_ok");
        ASSERT_TRUE(h.has("approval_pin:5"));
        const Target before = h.app().targets().at("approval_pin:5");
        h.tap("approver:Karim");
        h.frame();
        const Target after = h.app().targets().at("approval_pin:5");
        EXPECT_EQ(after.min.x, before.min.x) << size.x;
        EXPECT_EQ(after.min.y, before.min.y) << size.x;
    }
}

TEST(UiApproval, ASellersCashOutAndDuplicateWithApproval) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("cash");
    h.tap("menu:cash_out");
    h.type("5", "move");
    h.tap("reason:achat fournitures");
    h.tap("move_record");
    EXPECT_TRUE(x_report(h.till()).cash_moves.empty());
    approve_as(h, "Awa", "1234");
    ASSERT_EQ(h.app().screen(), Screen::sell) << h.app().message();
    ASSERT_EQ(x_report(h.till()).cash_moves.size(), 1u);
    EXPECT_EQ(x_report(h.till()).cash_moves[0].amount, -500);  // out of the drawer

    h.tap("tile:MAFE");
    h.tap("pay");
    h.tap("cash_exact");
    h.tap("recent");
    h.tap("ticket:" + std::to_string(h.till().last_ticket()));
    h.tap("duplicate");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM journal WHERE kind = 'receipt.duplicate'"), 0);
    approve_as(h, "Karim", "2345");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM journal WHERE kind = 'receipt.duplicate'"), 1) << h.app().message();
    EXPECT_EQ(overrides(h), 2);
}

TEST(UiApproval, ASellerClosesTheDayWithApproval) {
    Harness h;  // Lucie's session: a 150 € float, nothing sold
    h.login("Lucie", "1111");
    h.tap("cash");
    h.tap("menu:close");
    for (int i = 0; i < 3; ++i) h.tap("den+:5000");
    h.tap("count_done");
    h.tap("count_confirm");
    h.tap("close_day");
    EXPECT_TRUE(h.till().current_session()) << "closed without a manager";
    approve_as(h, "Karim", "2345");
    ASSERT_EQ(h.app().screen(), Screen::z_view) << h.app().message();
    EXPECT_FALSE(h.till().current_session());
    EXPECT_EQ(overrides(h), 1);
}

// ---- the idle lock

// A 66 € ticket (six tajines) with 20 € already paid by card.
void card_20_on_66(Harness& h) {
    h.login("Lucie", "1111");
    h.tap("tile:TAJINE");
    for (int i = 0; i < 5; ++i) h.tap("plus:0");
    h.tap("pay");
    h.type("20", "tender");
    h.tap("tender:card");
    h.accept_payment();
    ASSERT_EQ(h.app().draft().remaining(), Money::cents(4600));
}

TEST(UiIdleLock, TwoMinutesIdleLocksAndKeepsThePaymentTaken) {
    Harness h;
    card_20_on_66(h);
    h.advance(std::chrono::seconds(119));
    h.frame();
    EXPECT_EQ(h.app().screen(), Screen::pay) << "locked too early";
    h.tap("back_to_cart");  // input: the idle time starts again
    h.advance(std::chrono::seconds(119));
    h.frame();
    EXPECT_EQ(h.app().screen(), Screen::sell);
    h.advance(std::chrono::seconds(2));
    h.frame();
    ASSERT_EQ(h.app().screen(), Screen::login);
    EXPECT_FALSE(h.has("tile:TAJINE"));
    ASSERT_EQ(h.app().draft().payments().size(), 1u) << "a payment taken is never forgotten";
    h.login("Mei", "2222");
    h.tap("pay");
    EXPECT_EQ(h.app().draft().remaining(), Money::cents(4600)) << "the next login continues the ticket";
    h.tap("cash_exact");
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    const auto sale = h.till().recorded_sale(h.till().last_ticket()).value();
    ASSERT_EQ(sale.sale.payments.size(), 2u);
    EXPECT_EQ(sale.sale.payments[0].amount, 2000);
}

TEST(UiIdleLock, TheDelayIsASettingAndZeroNeverLocks) {
    Harness h;
    set_till_setting(h.till(), h.till().sign_in("Karim", "2345"), "ui.lock_after_seconds", "0");
    h.login("Lucie", "1111");
    h.advance(std::chrono::hours(2));
    h.frame();
    EXPECT_EQ(h.app().screen(), Screen::sell) << "0 means never";
    set_till_setting(h.till(), h.till().sign_in("Karim", "2345"), "ui.lock_after_seconds", "30");
    h.tap("switch_user");
    h.login("Lucie", "1111");  // the delay is read at login
    h.advance(std::chrono::seconds(31));
    h.frame();
    EXPECT_EQ(h.app().screen(), Screen::login);
}

}  // namespace
}  // namespace caisse::ui::testing
