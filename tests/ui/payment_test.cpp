// Money-safe paying on the real screens (issue 12): meal vouchers above the bill (item 2), "payment
// accepted?" before a card, cheque or transfer payment (item 3), the PIN dots (item 4), the
// after-sale screen's tenders, amount handed over and change, one "no receipt, next sale" (item 11).
#include <gtest/gtest.h>

#include <functional>
#include <vector>

#include "db/verify.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t sales(Harness& h) { return caisse::testing::raw_scalar(h.path(), "SELECT COUNT(*) FROM sales"); }
// Whether the frame's glyphs hold `what`, spaces aside (blank glyphs draw nothing).
bool shows(const std::string& text, std::string what) {
    for (const std::string blank : {" ", "\u00a0", "\u202f"})
        for (std::size_t at; (at = what.find(blank)) != std::string::npos;) what.erase(at, blank.size());
    return text.find(what) != std::string::npos;
}

TEST(UiVoucher, AboveTheBillIsTakenWithoutChangeAndTheExcessRecordedApart) {
    Harness h;
    h.login("Lucie", "1111");
    const auto before = sales(h);
    h.tap("tile:MAFE");  // 9,50 €
    h.tap("pay");
    const float key_top = h.app().targets().at("tender:1").min.y;
    h.type("12", "tender");
    // Before the tender is chosen, the screen says what cash gives back and what a voucher leaves,
    // neither louder than the other (newcomer trial: a big green "À rendre" invited change for a
    // voucher), and the keypad under the finger has not moved.
    const std::string before_tender = h.text();
    EXPECT_TRUE(shows(before_tender, "le client laisse 2,50")) << before_tender;
    EXPECT_TRUE(shows(before_tender, "En espèces : rendre 2,50")) << before_tender;
    EXPECT_FALSE(shows(before_tender, "À rendre")) << before_tender;
    EXPECT_EQ(h.app().targets().at("tender:1").min.y, key_top) << "the keypad moved while the amount was typed";
    h.tap("tender:voucher");
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    EXPECT_EQ(sales(h), before + 1);
    const auto sale = h.till().recorded_sale(h.till().last_ticket()).value().sale;
    EXPECT_EQ(sale.total, 950);
    EXPECT_EQ(sale.change, 0);
    EXPECT_EQ(sale.voucher_excess, 250);
    ASSERT_EQ(sale.payments.size(), 1u);
    EXPECT_EQ(sale.payments[0].amount, 1200);
    const std::string after = h.text();
    EXPECT_TRUE(shows(after, "Pas de monnaie")) << after;
    EXPECT_TRUE(shows(after, "le client laisse 2,50")) << after;
    EXPECT_TRUE(db::verify_ledger(h.path()).ok);
}

TEST(UiVoucher, CardAboveTheBillIsStillRefused) {
    Harness h;
    h.login("Lucie", "1111");
    const auto before = sales(h);
    h.tap("tile:MAFE");
    h.tap("pay");
    h.type("12", "tender");
    h.tap("tender:card");
    h.accept_payment();
    EXPECT_EQ(h.app().screen(), Screen::pay);
    EXPECT_TRUE(shows(h.app().message(), "9,50")) << h.app().message();
    EXPECT_EQ(sales(h), before);
    EXPECT_TRUE(h.app().draft().payments().empty());
}

TEST(UiConfirm, CardAsksOnceAndADoubleTapCannotConfirm) {
    Harness h;
    h.login("Lucie", "1111");
    const auto before = sales(h);
    h.tap("tile:MAFE");
    h.tap("pay");
    const ImVec2 card = h.app().targets().at("tender:card").centre();
    h.double_tap_at(card);  // the second tap lands where the question now is
    EXPECT_EQ(sales(h), before);
    EXPECT_TRUE(shows(h.text(), "Paiement accepté ?")) << h.text();
    EXPECT_FALSE(h.has("pay_confirm_yes")) << "the answer must not be armed by the tap that asked";
    EXPECT_TRUE(h.has("pay_confirm_no"));
    h.wait(0.5f);
    // Big answers, far apart: a finger on one is nowhere near the other.
    const Target yes = h.app().targets().at("pay_confirm_yes"), no = h.app().targets().at("pay_confirm_no");
    EXPECT_GE(yes.max.y - yes.min.y, 120.0f);
    EXPECT_GE(yes.min.x - no.max.x, 50.0f);
    h.tap("pay_confirm_yes");
    ASSERT_EQ(h.app().screen(), Screen::after_sale);
    EXPECT_EQ(sales(h), before + 1);
    EXPECT_EQ(h.till().recorded_sale(h.till().last_ticket())->sale.payments.at(0).method, "card");
}

TEST(UiConfirm, NotAcceptedTakesNothing) {
    Harness h;
    h.login("Lucie", "1111");
    const auto before = sales(h);
    h.tap("tile:MAFE");
    h.tap("pay");
    for (const char* m : {"tender:cheque", "tender:transfer", "tender:card"}) {
        h.tap(m);
        h.wait(0.5f);
        h.tap("pay_confirm_no");
        EXPECT_EQ(h.app().screen(), Screen::pay) << m;
        EXPECT_TRUE(h.app().draft().payments().empty()) << m;
    }
    EXPECT_EQ(sales(h), before);
    h.tap("cash_exact");  // cash asks nothing: the three-tap sale stays three taps
    EXPECT_EQ(h.app().screen(), Screen::after_sale);
}

TEST(UiAfterSale, ListsTheTendersTheAmountHandedOverAndTheChange) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("tile:MAFE");   // 9,50 €
    h.tap("tile:COUSC");  // 8,50 €: 18,00 €
    h.tap("pay");
    h.type("5", "tender");
    h.tap("tender:card");
    h.accept_payment();
    h.tap("cash:20");  // 13 € due, a 20 € note
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message() << h.text();
    const std::string text = h.text();
    EXPECT_TRUE(shows(text, "Carte bancaire  5,00 €")) << text;
    EXPECT_TRUE(shows(text, "Espèces  20,00 €")) << text;
    EXPECT_TRUE(shows(text, "Remis : 25,00 €")) << text;
    EXPECT_TRUE(shows(text, "7,00 €")) << text;  // the change
    // "No receipt" and "next sale" are one button.
    EXPECT_FALSE(h.has("no_receipt"));
    h.tap("next_sale");
    EXPECT_EQ(h.app().screen(), Screen::sell);
}

// "No receipt, next sale" is at the same place whatever the payment (newcomer trial: it moved by up
// to 120 px between a sale with change, one with no change and a voucher above the bill).
TEST(UiAfterSale, NextSaleStaysInPlaceWhateverThePayment) {
    for (const ImVec2 size : {ImVec2(1024, 768), ImVec2(1280, 800), ImVec2(1920, 1080)}) {
        Harness h(size);
        h.login("Lucie", "1111");
        std::vector<Target> seen;
        auto sale = [&](const std::function<void()>& pay) {
            h.tap("tile:MAFE");  // 9,50 €
            h.tap("pay");
            pay();
            ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
            h.frame();
            seen.push_back(h.app().targets().at("next_sale"));
            h.tap("next_sale");
        };
        sale([&] { h.tap("cash:20"); });     // change due
        sale([&] { h.tap("cash_exact"); });  // no change
        sale([&] {                           // a voucher above the bill: no change, its note
            h.type("12", "tender");
            h.tap("tender:voucher");
        });
        for (std::size_t i = 1; i < seen.size(); ++i) {
            EXPECT_EQ(seen[i].min.y, seen[0].min.y) << "sale " << i << " at " << size.x << "x" << size.y;
            EXPECT_EQ(seen[i].min.x, seen[0].min.x) << "sale " << i << " at " << size.x << "x" << size.y;
        }
    }
}

TEST(UiPin, OneDotPerDigitTyped) {
    Harness h;
    h.tap("user:Lucie");
    EXPECT_TRUE(shows(h.text(), "○ ○ ○ ○")) << h.text();
    h.type("11", "pin");
    std::string text = h.text();
    EXPECT_TRUE(shows(text, "● ● ○ ○")) << text;
    EXPECT_FALSE(shows(text, "? ?")) << text;  // a glyph missing from the atlas shows as "?"
    h.type("119", "pin");
    text = h.text();
    EXPECT_TRUE(shows(text, "● ● ● ● ●")) << text;  // five digits, five dots
    EXPECT_FALSE(shows(text, "○")) << text;
    h.type("<", "pin");
    text = h.text();
    EXPECT_TRUE(shows(text, "● ● ● ●")) << text;
    EXPECT_FALSE(shows(text, "● ● ● ● ●")) << text;
}

}  // namespace
}  // namespace caisse::ui::testing
