// The cash session on the real screens: the float counted by denomination, cash moves, the X
// report, the blind count with its recount and note, the Z; assertions on the ledger behind them.
#include <gtest/gtest.h>

#include "app/services/cash_session.hpp"
#include "db/verify.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

void tap_n(Harness& h, const std::string& id, int n) {
    for (int i = 0; i < n; ++i) h.tap(id);
}

// Every touch target on screen is at least 48 px both ways (about 12 mm at scale 1).
void check_targets(Harness& h, const char* where) {
    for (const auto& [id, t] : h.app().targets()) {
        EXPECT_GE(t.width(), 48.0f) << id << " on " << where;
        EXPECT_GE(t.height(), 48.0f) << id << " on " << where;
    }
}

TEST(EndOfDayScreens, AWholeDayFromTheFloatToTheZ) {
    Harness h(ImVec2(1024, 768), 1.0f, /*session_open=*/false);
    h.login("Karim", "2345");
    ASSERT_EQ(h.app().screen(), Screen::open_session);
    check_targets(h, "open session");
    // The float: 5 x 20 €, 4 x 10 €, 5 x 2 € = 150 €.
    tap_n(h, "den+:2000", 5);
    tap_n(h, "den+:1000", 4);
    tap_n(h, "den+:200", 6);
    h.tap("den-:200");
    h.tap("open_session");
    ASSERT_EQ(h.app().screen(), Screen::sell) << h.app().message();
    const auto session = h.till().current_session().value();
    EXPECT_EQ(session.float_cents, 15000);
    const auto count = db::read_cash_count(h.till().ledger(), session.seq);
    EXPECT_EQ(count.at(2000), 5);
    EXPECT_EQ(count.at(200), 5);

    // 20 sales: 10 mafés in cash (95 €), 10 couscous by card (85 €).
    for (int i = 0; i < 10; ++i) {
        h.tap("tile:MAFE");
        h.tap("pay");
        h.tap("cash_exact");
        ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
        h.tap("next_sale");
        h.tap("tile:COUSC");
        h.tap("pay");
        h.tap("tender:card");
        h.accept_payment();
        ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
        h.tap("next_sale");
    }

    // A cash out of 12 € for Aminata's ingredients.
    h.tap("cash");
    h.tap("menu:cash_out");
    ASSERT_EQ(h.app().screen(), Screen::cash_move);
    check_targets(h, "cash out");
    h.type("12", "move");
    h.tap("reason:achat ingrédients");
    h.reveal_chip("for:Aminata Diop", "move_for");
    h.tap("for:Aminata Diop");
    h.tap("move_record");
    ASSERT_EQ(h.app().screen(), Screen::sell) << h.app().message();

    // The X report: the drawer should hold 150 + 95 - 12 = 233 €.
    h.tap("cash");
    h.tap("menu:x");
    ASSERT_EQ(h.app().screen(), Screen::x_report) << h.app().message();
    check_targets(h, "X report");
    EXPECT_EQ(x_report(h.till()).expected_cash, Money::cents(23300));
    h.tap("x_close");
    ASSERT_EQ(h.app().screen(), Screen::close) << h.app().message();
    check_targets(h, "close count");

    // The blind count, 2 € short: 2 x 100 €, 20 €, 10 €, 1 € = 231 €.
    tap_n(h, "den+:10000", 2);
    h.tap("den+:2000");
    h.tap("den+:1000");
    h.tap("den+:100");
    h.tap("count_done");
    check_targets(h, "declared totals");
    h.type("85", "declared");  // the card terminal's batch
    h.tap("count_confirm");
    EXPECT_FALSE(h.has("close_day")) << "a difference closed without a recount";
    EXPECT_FALSE(h.has("close_with_note"));
    h.tap("recount");
    h.tap("count_done");  // the same count once more
    h.tap("count_confirm");
    EXPECT_FALSE(h.has("close_day"));
    EXPECT_FALSE(h.has("close_with_note")) << "closes before a note is given";
    check_targets(h, "note");
    h.tap("note:erreur de rendu");
    h.tap("close_with_note");
    ASSERT_EQ(h.app().screen(), Screen::z_view) << h.app().message();

    const auto z = find_z(h.till(), std::nullopt, std::nullopt);
    EXPECT_EQ(z.over_short, -200);
    EXPECT_EQ(z.expected_cash, 23300);
    EXPECT_EQ(z.counted_cash, 23100);
    EXPECT_EQ(z.counts, 2);
    EXPECT_EQ(z.note, "erreur de rendu");
    EXPECT_EQ(z.totals.tickets, 20);
    EXPECT_EQ(z.totals.total, 9500 + 8500);
    EXPECT_EQ(z.card_declared, 8500);
    EXPECT_EQ(z.cash_moves.size(), 1u);  // a recorded Z names its cash moves by seq
    EXPECT_EQ(z.totals.cash_out, 1200);
    EXPECT_EQ(z.count.at(10000), 2);
    EXPECT_FALSE(h.till().current_session()) << "the closed session is still open";
    EXPECT_TRUE(h.has("z_print"));
    check_targets(h, "Z");
    h.tap("z_print");
    h.tap("z_done");
    EXPECT_EQ(h.app().screen(), Screen::open_session) << "selling needs a new session";
    EXPECT_TRUE(db::verify_ledger(h.path()).ok);
}

TEST(EndOfDayScreens, SellersReachCashOutAndCloseAManagerApprovesTheAction) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("cash");
    check_targets(h, "cash menu");
    EXPECT_TRUE(h.has("menu:cash_in"));
    EXPECT_TRUE(h.has("menu:x"));
    EXPECT_TRUE(h.has("menu:cash_out"));  // the approval is asked at the action (tests/ui/approval_test.cpp)
    EXPECT_TRUE(h.has("menu:close"));
    EXPECT_FALSE(h.has("menu:last_z"));
    h.tap_at(ImVec2(10, 700));  // a tap elsewhere closes the menu, and does nothing else
    EXPECT_FALSE(h.has("menu:cash_in"));
    EXPECT_EQ(h.app().screen(), Screen::sell);
}

TEST(EndOfDayScreens, ACashInWithATypedReason) {
    Harness h;
    h.login("Karim", "2345");
    h.tap("cash");
    h.tap("menu:cash_in");
    h.type("20", "move");
    h.tap("reason_type");
    h.type("monnaie", "kbd");
    h.tap("move_record");
    ASSERT_EQ(h.app().screen(), Screen::sell) << h.app().message();
    const auto x = x_report(h.till());
    ASSERT_EQ(x.cash_moves.size(), 1u);
    EXPECT_EQ(x.cash_moves[0].amount, 2000);
    EXPECT_EQ(x.cash_moves[0].reason, "monnaie");
}

TEST(EndOfDayScreens, ABalancedCountClosesAtOnce) {
    Harness h;  // Lucie's session: a 150 € float, nothing sold
    h.login("Karim", "2345");
    h.tap("cash");
    h.tap("menu:close");
    tap_n(h, "den+:5000", 3);
    h.tap("count_done");
    h.tap("count_confirm");
    EXPECT_FALSE(h.has("recount"));
    h.tap("close_day");
    ASSERT_EQ(h.app().screen(), Screen::z_view) << h.app().message();
    const auto z = find_z(h.till(), std::nullopt, std::nullopt);
    EXPECT_EQ(z.over_short, 0);
    EXPECT_EQ(z.counts, 1);
}

TEST(EndOfDayScreens, AStaleSessionTakesNoSaleAndOffersTheClose) {
    Harness h;
    h.advance(std::chrono::hours(25));  // Lucie's session was left open overnight
    h.login("Karim", "2345");
    h.tap("tile:MAFE");
    h.tap("pay");
    h.tap("cash_exact");
    EXPECT_EQ(h.app().screen(), Screen::pay);
    EXPECT_NE(h.app().message().find("24"), std::string::npos) << h.app().message();
    h.tap("expired_close");
    EXPECT_EQ(h.app().screen(), Screen::close);
}

}  // namespace
}  // namespace caisse::ui::testing

namespace caisse::ui::testing {
namespace {

TEST(EndOfDayScreens, EveryPieceCanBeCountedAtFullHd) {
    Harness h(ImVec2(1920, 1080), scale_for(1920, 1080, 1.0f));
    h.login("Karim", "2345");
    h.tap("cash");
    h.tap("menu:close");
    for (std::int64_t cents : kEuroDenominations) h.tap("den+:" + std::to_string(cents));
    std::int64_t all = 0;
    for (std::int64_t cents : kEuroDenominations) all += cents;
    h.tap("count_done");
    h.tap("count_confirm");
    ASSERT_TRUE(h.has("recount"));
    h.tap("recount");
    h.tap("count_done");
    h.tap("count_confirm");
    h.tap("note:erreur de rendu");
    h.tap("close_with_note");
    EXPECT_EQ(find_z(h.till(), std::nullopt, std::nullopt).counted_cash, all);
}

}  // namespace
}  // namespace caisse::ui::testing
