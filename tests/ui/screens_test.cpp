// The real screens driven by synthetic touches; assertions on the ledger behind them.
#include <gtest/gtest.h>

#include <set>

#include "db/verify.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t sales(Harness& h) { return caisse::testing::raw_scalar(h.path(), "SELECT COUNT(*) FROM sales"); }

TEST(UiLogin, WrongThenRightPin) {
    Harness h;
    EXPECT_EQ(h.app().screen(), Screen::login);
    h.login("Lucie", "9999");
    EXPECT_EQ(h.app().screen(), Screen::login);
    EXPECT_FALSE(h.app().message().empty());
    h.login("Lucie", "1111");
    EXPECT_EQ(h.app().screen(), Screen::sell);
    EXPECT_TRUE(h.has("tile:MAFE"));
}

TEST(UiLogin, RepeatedWrongPinsLockTheUser) {
    Harness h;
    for (int i = 0; i < 3; ++i) h.login("Mei", "0000");
    h.login("Mei", "2222");  // right, but locked
    EXPECT_EQ(h.app().screen(), Screen::login);
    // 30 s from the lock; the tests' clock steps a second on each reading, so 29 s may be left.
    const std::string& m = h.app().message();
    EXPECT_TRUE(m.find("30 s") != std::string::npos || m.find("29 s") != std::string::npos) << m;
    h.login("Lucie", "1111");  // another user is not locked
    EXPECT_EQ(h.app().screen(), Screen::sell);
}

// Roles are shown as what people do ("Vente", "Gestion"), never as a gendered title (issue 12, item 10).
TEST(UiLogin, RoleLabelsAssumeNoGender) {
    Harness h;
    const std::string shown = h.text();
    EXPECT_NE(shown.find("Vente"), std::string::npos) << shown;
    EXPECT_NE(shown.find("Gestion"), std::string::npos) << shown;
    for (const char* gendered : {"vendeur", "Vendeur", "vendeuse", "gérant", "gérante"}) EXPECT_EQ(shown.find(gendered), std::string::npos) << gendered;
}

TEST(UiLogin, LanguageFollowsTheUser) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("lang");  // Lucie switches to English
    h.tap("switch_user");
    h.login("Mei", "9999");
    const std::string french = h.app().message();
    h.login("Lucie", "1111");
    h.tap("pay");  // empty cart: the message is in Lucie's language
    EXPECT_NE(h.app().message().find("The cart is empty"), std::string::npos) << h.app().message();
    EXPECT_NE(french.find("Code faux"), std::string::npos) << french;
    EXPECT_EQ(french.find("Wrong"), std::string::npos) << "Mei's screen should still be French: " << french;
}

TEST(UiSell, ThreeEntrepreneursAndASplitPaymentEndInTheLedger) {
    Harness h;
    h.login("Lucie", "1111");
    const auto before = sales(h);
    h.tap("tile:MAFE");     // Aminata Diop
    h.tap("tile:COUSC");    // Fatima Benali
    h.tap("plus:0");        // two mafés (before the cart follows the next line down)
    h.reveal_chip("ent:Jeanne Morel", "entrepreneurs");  // turn the page of the row of entrepreneurs
    h.tap("ent:Jeanne Morel");  // her stall's work only
    h.tap("tile:ECHARPE");  // Jeanne Morel
    h.tap("pay");
    ASSERT_EQ(h.app().screen(), Screen::pay);
    h.type("20", "tender");
    h.tap("tender:card");   // 20 € by card, the rest in cash
    h.accept_payment();
    EXPECT_EQ(h.app().screen(), Screen::pay);
    h.tap("cash_exact");
    ASSERT_EQ(h.app().screen(), Screen::after_sale);
    EXPECT_EQ(sales(h), before + 1);
    const auto sale = h.till().recorded_sale(h.till().last_ticket()).value();
    EXPECT_EQ(sale.sale.total, 2 * 950 + 850 + 4200);
    ASSERT_EQ(sale.sale.lines.size(), 3u);
    EXPECT_EQ(sale.sale.lines[0].quantity, 2);
    std::set<std::int64_t> entrepreneurs;
    for (const auto& l : sale.sale.lines) entrepreneurs.insert(l.entrepreneur);
    EXPECT_EQ(entrepreneurs.size(), 3u);
    ASSERT_EQ(sale.sale.payments.size(), 2u);
    EXPECT_EQ(sale.sale.payments[0].method, "card");
    EXPECT_EQ(sale.sale.payments[0].amount, 2000);
    EXPECT_EQ(sale.sale.payments[1].method, "cash");
    EXPECT_EQ(sale.sale.payments[1].amount, sale.sale.total - 2000);
    EXPECT_TRUE(db::verify_ledger(h.path()).ok);
}

TEST(UiSell, ReferenceSalesTakeThreeTaps) {
    Harness h;
    h.login("Lucie", "1111");
    h.reset_taps();
    h.tap("tile:MAFE");
    h.tap("pay");
    h.tap("cash_exact");
    EXPECT_EQ(h.app().screen(), Screen::after_sale);
    EXPECT_EQ(h.taps(), 3) << "one-item cash sale paid exact";
    h.tap("next_sale");
    h.reset_taps();
    h.tap("tile:MAFE");
    h.tap("pay");
    h.tap("cash:20");  // a 20 € note for 9,50 €
    EXPECT_EQ(h.app().screen(), Screen::after_sale);
    EXPECT_EQ(h.taps(), 3) << "with change from a 20 € note";
    const auto sale = h.till().recorded_sale(h.till().last_ticket()).value();
    EXPECT_EQ(sale.sale.change, 2000 - 950);
}

TEST(UiPay, AVoucherBelowTheBillLeavesTheRestToPay) {
    Harness h;
    h.login("Lucie", "1111");
    const auto before = sales(h);
    h.tap("tile:MAFE");  // 9,50 €
    h.tap("pay");
    h.type("8", "tender");
    h.tap("tender:voucher");  // 8 € by voucher, 1,50 € left (above the bill: payment_test.cpp)
    EXPECT_EQ(h.app().screen(), Screen::pay);
    EXPECT_EQ(sales(h), before);
    h.tap("cash_exact");
    EXPECT_EQ(h.app().screen(), Screen::after_sale);
    EXPECT_EQ(sales(h), before + 1);
}

TEST(UiKeypad, OpenPriceAndAbsurdAmounts) {
    Harness h;
    h.login("Lucie", "1111");
    h.reveal_chip("cat:Services", "categories");
    h.tap("cat:Services");
    h.tap("tile:RETOUCHE");  // open price
    ASSERT_TRUE(h.has("keypad_ok"));
    h.type("12,50", "key");
    h.tap("keypad_ok");
    EXPECT_FALSE(h.has("keypad_ok"));
    h.tap("pay");
    h.tap("cash_exact");
    const auto sale = h.till().recorded_sale(h.till().last_ticket()).value();
    EXPECT_EQ(sale.sale.lines.at(0).unit_price, 1250);

    h.tap("next_sale");
    h.tap("tile:RETOUCHE");
    h.type("1234567890", "key");  // ten digits: refused after six
    EXPECT_NE(h.app().message().find("6"), std::string::npos) << h.app().message();
    h.tap("keypad_ok");  // 123 456,00 € is above the price ceiling (100 000 €, app/core/limits.hpp)
    EXPECT_TRUE(h.has("keypad_ok"));
    EXPECT_NE(h.app().message().find("123"), std::string::npos) << h.app().message();
    h.type("<", "key");  // 12 345,00 €: within range, accepted
    h.tap("keypad_ok");
    EXPECT_FALSE(h.has("keypad_ok"));
    h.tap("pay");
    h.type("1,2,3", "tender");  // a second comma is refused
    EXPECT_FALSE(h.app().message().empty());
}

TEST(UiPay, PayOnAnEmptyCartSaysSo) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("pay");
    EXPECT_EQ(h.app().screen(), Screen::sell);
    EXPECT_FALSE(h.app().message().empty());
}

TEST(UiPay, ADoubleTapRecordsExactlyOneSale) {
    Harness h;
    h.login("Lucie", "1111");
    const auto before = sales(h);
    h.tap("tile:MAFE");
    h.tap("pay");
    const ImVec2 where = h.app().targets().at("cash_exact").centre();
    h.double_tap_at(where);  // the same spot again, on whatever the next screen shows there
    EXPECT_EQ(sales(h), before + 1);
}

// The target under a spot on the screen shown now, "" when none.
std::string target_under(Harness& h, ImVec2 at) {
    for (const auto& [id, t] : h.app().targets())
        if (at.x >= t.min.x && at.x <= t.max.x && at.y >= t.min.y && at.y <= t.max.y) return id;
    return "";
}

// A double tap on "next sale": the second tap lands on the new ticket's screen, where a button
// waits under the finger; it must add nothing to the next customer's ticket (newcomer trial).
TEST(UiPay, ADoubleTapOnNextSaleAddsNothingToTheNextTicket) {
    int under_a_button = 0;
    for (const ImVec2 size : {ImVec2(1024, 768), ImVec2(1280, 800), ImVec2(1920, 1080)}) {
        Harness h(size);
        h.login("Lucie", "1111");
        h.tap("tile:MAFE");
        h.tap("pay");
        h.tap("cash_exact");
        ASSERT_EQ(h.app().screen(), Screen::after_sale);
        const ImVec2 where = h.app().targets().at("next_sale").centre();
        h.double_tap_at(where);
        ASSERT_EQ(h.app().screen(), Screen::sell);
        const std::string under = target_under(h, where);
        under_a_button += !under.empty();
        EXPECT_TRUE(h.app().draft().empty()) << "the second tap pressed " << under << " at " << size.x << "x" << size.y;
        if (under.rfind("tile:", 0) == 0) {
            h.tap_at(where);  // a deliberate tap, once the screen has settled, is taken
            EXPECT_EQ(h.app().draft().lines().size(), 1u) << under;
        }
    }
    EXPECT_GT(under_a_button, 0) << "no button under \"next sale\" on the sell screen at any size: the test proves nothing";
}

// A double tap on "Pay" must not land on "back to the cart" of the pay screen.
TEST(UiPay, ADoubleTapOnPayStaysOnThePayScreen) {
    Harness h(ImVec2(1280, 800));
    h.login("Lucie", "1111");
    h.tap("tile:MAFE");
    const ImVec2 where = h.app().targets().at("pay").centre();
    h.double_tap_at(where);
    ASSERT_EQ(h.app().screen(), Screen::pay);
    const std::string under = target_under(h, where);
    EXPECT_FALSE(under.empty()) << "no button under \"Pay\" on the pay screen: the test proves nothing";
    EXPECT_EQ(h.app().screen(), Screen::pay) << "the second tap pressed " << under;
}

TEST(UiPay, ALedgerThatTurnsReadOnlyLosesNothing) {
    Harness h;
    h.login("Lucie", "1111");
    const auto before = sales(h);
    h.tap("tile:MAFE");
    h.tap("tile:COUSC");
    h.tap("pay");
    h.till().ledger().db().exec("PRAGMA query_only = 1");  // the disk refuses writes
    h.tap("cash_exact");
    EXPECT_EQ(h.app().screen(), Screen::pay);
    EXPECT_FALSE(h.app().message().empty());
    EXPECT_EQ(sales(h), before);
    h.till().ledger().db().exec("PRAGMA query_only = 0");
    h.tap("cash_exact");  // the cart was kept: the same sale, once
    EXPECT_EQ(h.app().screen(), Screen::after_sale);
    EXPECT_EQ(sales(h), before + 1);
    EXPECT_EQ(h.till().recorded_sale(h.till().last_ticket())->sale.lines.size(), 2u);
}

TEST(UiRecent, ManagersReprintDuplicates) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("tile:MAFE");
    h.tap("pay");
    h.tap("cash_exact");
    h.tap("recent");
    const std::string ticket = "ticket:" + std::to_string(h.till().last_ticket());
    h.tap(ticket);
    h.tap("duplicate");  // a seller's reprint asks a manager's approval first
    EXPECT_TRUE(h.has("approval_ok"));
    h.tap("approval_cancel");
    EXPECT_EQ(caisse::testing::raw_scalar(h.path(), "SELECT COUNT(*) FROM journal WHERE kind = 'receipt.duplicate'"), 0);
    h.tap("switch_user");
    h.login("Karim", "2345");
    h.tap("recent");
    h.tap(ticket);
    h.tap("duplicate");
    EXPECT_EQ(caisse::testing::raw_scalar(h.path(), "SELECT COUNT(*) FROM journal WHERE kind = 'receipt.duplicate'"), 1);
}

TEST(UiSell, TheProductGridScrollsByDragging) {
    Harness h;
    h.login("Lucie", "1111");
    ASSERT_FALSE(h.has("tile:TABLIER"));  // the last tile, below the fold at 1024x768
    h.reveal("tile:TABLIER", "tile:MAFE", 0, -300);
    EXPECT_TRUE(h.has("tile:TABLIER"));
    const auto before = h.till().last_ticket();
    EXPECT_EQ(h.app().screen(), Screen::sell);
    EXPECT_TRUE(h.app().message().empty()) << "a drag added something: " << h.app().message();
    h.tap("tile:TABLIER");
    h.tap("pay");
    h.tap("tender:card");
    h.accept_payment();
    EXPECT_EQ(h.till().recorded_sale(before + 1)->sale.lines.at(0).sku, "TABLIER");
}

TEST(UiSell, ADiscountLargerThanWhatIsLeftCannotBeLeftBehind) {
    Harness h;
    h.login("Karim", "2345");
    h.tap("tile:MAFE");  // 9,50 €
    h.tap("cat:Boissons");
    h.tap("tile:EAU");   // 1,50 €
    h.tap("discount");
    h.type("9", "key");
    h.tap("keypad_ok");
    h.tap("remove:0");
    h.tap("remove_yes:0");  // would leave 1,50 € under a 9,00 € discount: refused, said
    EXPECT_NE(h.app().message().find("9"), std::string::npos) << h.app().message();
    EXPECT_TRUE(h.has("remove:1")) << "the line was removed anyway";
    h.tap("pay");
    h.tap("cash_exact");
    EXPECT_EQ(h.app().screen(), Screen::after_sale);
    EXPECT_EQ(h.till().recorded_sale(h.till().last_ticket())->sale.discount, 900);
}

TEST(UiSell, AKeypadLeftOpenDoesNotOutliveItsUser) {
    Harness h;
    h.login("Karim", "2345");
    h.tap("tile:MAFE");
    h.tap("discount");  // a manager's keypad...
    h.advance(std::chrono::seconds(600));  // ...left open: the idle lock logs Karim out (the keypad blocks the status bar)
    h.frame();
    EXPECT_FALSE(h.has("keypad_ok")) << "...still open for whoever comes next";
    h.login("Lucie", "1111");
    h.tap("pay");
    h.tap("cash_exact");
    EXPECT_EQ(h.till().recorded_sale(h.till().last_ticket())->sale.discount, 0);
}

// ---- a payment made is never forgotten

// A 66 € ticket (six tajines) with 20 € already paid by card.
void card_20_on_66(Harness& h) {
    h.login("Lucie", "1111");
    h.tap("tile:TAJINE");
    for (int i = 0; i < 5; ++i) h.tap("plus:0");
    h.tap("pay");
    ASSERT_EQ(h.app().draft().total(), Money::cents(6600));
    h.type("20", "tender");
    h.tap("tender:card");
    h.accept_payment();
    ASSERT_EQ(h.app().screen(), Screen::pay);
    ASSERT_EQ(h.app().draft().remaining(), Money::cents(4600));
}

TEST(UiPayments, APaymentTakenStaysWithTheTicketBackAndForth) {
    Harness h;
    card_20_on_66(h);
    EXPECT_TRUE(h.has("payment_remove:0")) << "the card payment is listed on the pay screen";
    h.tap("back_to_cart");
    ASSERT_EQ(h.app().screen(), Screen::sell);
    h.tap("pay");
    EXPECT_EQ(h.app().draft().remaining(), Money::cents(4600)) << "the pay screen started again at 66 €";
    ASSERT_EQ(h.app().draft().payments().size(), 1u);
    EXPECT_EQ(h.app().draft().payments()[0].method, TenderMethod::Card);
    EXPECT_TRUE(h.has("payment_remove:0"));
    // The cart changes: the payment stays.
    h.tap("back_to_cart");
    h.tap("tile:MAFE");
    h.tap("pay");
    EXPECT_EQ(h.app().draft().remaining(), Money::cents(4600 + 950));
    const auto before = sales(h);
    h.tap("cash_exact");
    ASSERT_EQ(h.app().screen(), Screen::after_sale);
    EXPECT_EQ(sales(h), before + 1);
    const auto sale = h.till().recorded_sale(h.till().last_ticket()).value();
    ASSERT_EQ(sale.sale.payments.size(), 2u);
    EXPECT_EQ(sale.sale.payments[0].method, "card");
    EXPECT_EQ(sale.sale.payments[0].amount, 2000) << "one card charge of 20 €, not two";
    EXPECT_EQ(sale.sale.payments[1].amount, 6600 + 950 - 2000);
}

TEST(UiPayments, RemovingAPaymentAsksFirst) {
    Harness h;
    card_20_on_66(h);
    h.tap("payment_remove:0");
    ASSERT_TRUE(h.has("confirm_yes"));
    EXPECT_FALSE(h.has("cash_exact")) << "the screen under the question takes no taps";
    EXPECT_EQ(h.app().draft().payments().size(), 1u) << "removed without asking";
    h.tap("confirm_no");
    EXPECT_FALSE(h.has("confirm_yes"));
    EXPECT_EQ(h.app().draft().payments().size(), 1u);
    h.tap("payment_remove:0");
    h.tap("confirm_yes");
    EXPECT_TRUE(h.app().draft().payments().empty());
    EXPECT_EQ(h.app().draft().remaining(), Money::cents(6600));
    EXPECT_FALSE(h.has("payment_remove:0"));
}

TEST(UiPayments, ClearingOrLeavingATicketWithPaymentsAsksFirst) {
    Harness h;
    card_20_on_66(h);
    h.tap("back_to_cart");
    h.tap("clear_cart");
    ASSERT_TRUE(h.has("confirm_yes"));
    EXPECT_NE(h.app().draft().lines().size(), 0u) << "cleared without asking";
    h.tap("confirm_no");
    EXPECT_EQ(h.app().draft().payments().size(), 1u);
    h.tap("switch_user");
    ASSERT_TRUE(h.has("confirm_yes")) << "logging out with a payment on the ticket did not ask";
    EXPECT_EQ(h.app().screen(), Screen::sell);
    h.tap("confirm_no");
    EXPECT_EQ(h.app().screen(), Screen::sell);
    h.tap("clear_cart");
    h.tap("confirm_yes");
    EXPECT_TRUE(h.app().draft().empty());
    EXPECT_TRUE(h.app().draft().payments().empty());
    h.tap("switch_user");  // nothing on the ticket now: no question
    EXPECT_EQ(h.app().screen(), Screen::login);
}

TEST(UiPayments, ACartBelowACardPaymentCannotBeRecorded) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("tile:TAJINE");
    h.tap("tile:MAFE");  // 20,50 €
    h.tap("pay");
    h.type("15", "tender");
    h.tap("tender:card");
    h.accept_payment();
    h.tap("back_to_cart");
    h.tap("remove:0");
    h.tap("remove_yes:0");  // 9,50 € left, 15 € paid by card
    h.tap("pay");
    ASSERT_EQ(h.app().screen(), Screen::pay);
    const auto before = sales(h);
    EXPECT_FALSE(h.has("settle"));
    EXPECT_FALSE(h.has("cash_exact"));
    EXPECT_FALSE(h.has("tender:card"));
    EXPECT_EQ(sales(h), before);
    h.tap("payment_remove:0");
    h.tap("confirm_yes");
    h.tap("tender:card");
    h.accept_payment();
    EXPECT_EQ(h.app().screen(), Screen::after_sale);
    EXPECT_EQ(h.till().recorded_sale(h.till().last_ticket())->sale.total, 950);
}

TEST(UiPayments, ACartBelowACashPaymentGivesTheRestAsChange) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("tile:TAJINE");
    h.tap("tile:MAFE");  // 20,50 €
    h.tap("pay");
    h.type("15", "tender");
    h.tap("tender:cash");
    h.tap("back_to_cart");
    h.tap("remove:0");
    h.tap("remove_yes:0");  // 9,50 € left, 15 € paid in cash
    h.tap("pay");
    EXPECT_FALSE(h.has("cash_exact"));
    h.tap("settle");
    ASSERT_EQ(h.app().screen(), Screen::after_sale);
    const auto sale = h.till().recorded_sale(h.till().last_ticket()).value();
    EXPECT_EQ(sale.sale.total, 950);
    EXPECT_EQ(sale.sale.change, 1500 - 950);
}

TEST(UiTargets, EveryTouchTargetIsAtLeast48PixelsAtScale1) {
    Harness h;
    auto check = [&](const char* where) {
        for (const auto& [id, t] : h.app().targets()) {
            EXPECT_GE(t.width(), 48.0f) << id << " on " << where;
            EXPECT_GE(t.height(), 48.0f) << id << " on " << where;
        }
    };
    h.tap("user:Karim");
    check("login");
    h.type("2345", "pin");
    h.tap("login");
    h.tap("tile:MAFE");
    h.tap("cat:Boissons");
    h.tap("tile:EAU");
    check("sell");
    h.tap("remove:1");
    check("sell, confirm remove");
    h.tap("remove_no:1");
    h.tap("discount");
    check("discount keypad");
    h.tap("keypad_cancel");
    h.tap("pay");
    check("pay");
    h.type("5", "tender");
    h.tap("tender:card");
    h.accept_payment();
    check("pay, a payment taken");
    h.tap("payment_remove:0");
    check("remove a payment?");
    h.tap("confirm_no");
    h.tap("cash:20");
    check("after sale");
    h.tap("recent");
    h.tap("ticket:" + std::to_string(h.till().last_ticket()));
    check("recent tickets");
}

}  // namespace
}  // namespace caisse::ui::testing
