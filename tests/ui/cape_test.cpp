// The CAPE screens driven by taps (issue 11, items 3 and 5): a manager reaches the statement from
// the Caisse menu and a seller does not; the statement lists every member and records nothing; the
// what-if compares at most three rules and votes the one chosen; a charge typed on the keypad and
// the on-screen keyboard is recorded with the VAT of its rate; hours added with the steppers.
#include <gtest/gtest.h>
#include <chrono>
#include <future>
#include <thread>

#include "app/services/members.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t count(Harness& h, const std::string& sql) { return caisse::testing::raw_scalar(h.path(), sql); }
std::int64_t journal(Harness& h) { return count(h, "SELECT COUNT(*) FROM journal WHERE kind <> 'event'"); }

const char* const kMembers[] = {"Aminata Diop", "Fatima Benali", "Mei Nguyen", "Rosa Quispe", "Leïla Haddad", "Jeanne Morel", "Tomás Ferreira"};

// Drags the statement up until the member's row is on screen (the table is under the charts).
bool shows_member(Harness& h, const std::string& name) {
    for (int i = 0; i < 3 && !h.has("cape_member:" + name); ++i) h.swipe(ImVec2(500, 450), ImVec2(500, 750));  // to the top
    for (int i = 0; i < 6 && !h.has("cape_member:" + name); ++i) h.swipe(ImVec2(500, 700), ImVec2(500, 500));
    return h.has("cape_member:" + name);
}

void open_cape(Harness& h) {
    h.login("Karim", "2345");
    h.tap("tile:MAFE");
    h.tap("tile:BOBUN");
    h.tap("pay");
    h.tap("tender:card");
    h.wait(0.5f);  // "payment accepted?" arms its answer after 0.4 s
    h.tap("pay_confirm_yes");
    ASSERT_EQ(h.app().screen(), Screen::after_sale) << h.app().message();
    h.tap("next_sale");
    h.tap("cash");
    h.tap("menu:cape");
    ASSERT_EQ(h.app().screen(), Screen::cape_statement) << h.app().message();
}

TEST(UiCape, ASellerHasNoWayToTheStatement) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("cash");
    EXPECT_TRUE(h.has("menu:cash_in"));
    EXPECT_FALSE(h.has("menu:cape"));
}

TEST(UiCape, TheStatementListsEveryMemberAndRecordsNothing) {
    Harness h;
    open_cape(h);
    const std::int64_t before = journal(h);
    for (const char* m : kMembers) EXPECT_TRUE(shows_member(h, m)) << m;
    h.tap("cape_member:Tomás Ferreira");  // the details of one member
    h.tap("cape_period:last_month");    // February: nothing sold, everybody still listed
    h.frame();
    EXPECT_TRUE(shows_member(h, "Mei Nguyen"));
    h.tap("cape_period:month");
    h.tap("cape_to-");  // the period ends on 2026-03-30
    h.tap("cape_from+");
    EXPECT_EQ(h.app().screen(), Screen::cape_statement) << h.app().message();
    EXPECT_EQ(journal(h), before);
    h.tap("cape_back");
    EXPECT_EQ(h.app().screen(), Screen::sell);
}

// The statement is read on a thread of its own: while that read is held back, the screen is drawn,
// says it is reading and shows no figures; they come once the read is let go.
TEST(UiCape, TheStatementIsReadOffTheUiThread) {
    Harness h;
    h.login("Karim", "2345");
    h.tap("cash");
    std::promise<void> go;
    std::shared_future<void> let_go = go.get_future().share();
    h.app().set_read_gate([let_go] { let_go.wait(); });
    h.settle_reads = false;
    h.tap("menu:cape");  // a read on this thread would never return from here
    EXPECT_EQ(h.app().screen(), Screen::cape_statement) << h.app().message();
    EXPECT_TRUE(h.app().reading());
    EXPECT_NE(h.text().find("Lecturedujournal"), std::string::npos);
    EXPECT_FALSE(h.has("cape_member:Mei Nguyen"));
    h.tap("cape_period:last_month");  // another period while the first read waits: no wait here either
    EXPECT_TRUE(h.app().reading());
    go.set_value();
    for (int i = 0; i < 1000 && h.app().reading(); ++i) {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));  // few frames: each reads the till's clock
        h.frame();
    }
    EXPECT_FALSE(h.app().reading());
    h.frame();
    EXPECT_TRUE(shows_member(h, "Mei Nguyen")) << h.app().message();
    EXPECT_NE(h.text().find("2026-02-01"), std::string::npos);  // the figures of the period chosen last
}

TEST(UiCape, TheWhatIfComparesAtMostThreeRulesAndVotesOne) {
    Harness h;
    open_cape(h);
    h.tap("cape_tab:what_if");
    ASSERT_EQ(h.app().screen(), Screen::cape_what_if) << h.app().message();
    EXPECT_TRUE(h.has("whatif_vote:equal"));
    EXPECT_TRUE(h.has("whatif_vote:own-net"));
    EXPECT_TRUE(h.has("whatif_vote:hybrid:30"));
    h.reveal("whatif:hours", "whatif:equal", -200, 0);
    h.tap("whatif:hours");  // a fourth: refused, said
    EXPECT_NE(h.app().message().find("Trois règles au plus"), std::string::npos) << h.app().message();
    EXPECT_FALSE(h.has("whatif_vote:hours"));
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM cape_rules"), 0);
    h.reveal("whatif:equal", "whatif:hours", 200, 0);
    h.tap("whatif:equal");  // off, then hours fits
    h.reveal("whatif:hours", "whatif:own-net", -200, 0);
    h.tap("whatif:hours");
    EXPECT_TRUE(h.has("whatif_vote:hours"));
    EXPECT_FALSE(h.has("whatif_vote:equal"));

    // A vote is kept for good: asked first ("not yet" records nothing), "yes" armed after a moment.
    h.tap("whatif_vote:hybrid:30");
    ASSERT_TRUE(h.has("confirm_no")) << "voted without a question";
    EXPECT_FALSE(h.has("confirm_yes")) << "armed at once: a double tap would vote";
    EXPECT_NE(h.text().find("Hybride"), std::string::npos) << h.text();
    h.tap("confirm_no");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM cape_rules"), 0);
    h.tap("whatif_vote:hybrid:30");
    h.wait(0.5f);
    h.tap("confirm_yes");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM cape_rules WHERE split = 'hybrid:30'"), 1) << h.app().message();
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM cape_rules"), 1);
    EXPECT_FALSE(h.has("whatif_vote:hybrid:30"));  // shown as the rule voted
    EXPECT_TRUE(h.has("whatif_vote:hours"));
}

TEST(UiCape, AChargeTypedOnTheKeypadIsRecordedWithTheVatOfItsRate) {
    Harness h;
    open_cape(h);
    h.tap("cape_tab:charges");
    ASSERT_EQ(h.app().screen(), Screen::cape_charges) << h.app().message();
    h.tap("charge_new");
    h.tap("charge_record");  // nothing typed: refused, nothing recorded
    EXPECT_FALSE(h.app().message().empty());
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM charges"), 0);
    EXPECT_TRUE(h.has("charge_record"));  // the form stays

    const std::int64_t moves = count(h, "SELECT COUNT(*) FROM cash_moves");
    h.type("12,50", "charge_pad");
    h.tap("charge_vat:550");
    h.reveal_chip("charge_for:Mei Nguyen", "charge_for");
    h.tap("charge_for:Mei Nguyen");
    h.tap("charge_cat:ingredients");
    h.tap("charge_supplier");
    h.type("metro", "kbd");
    h.tap("charge_typed");
    h.tap("charge_record");
    ASSERT_EQ(count(h, "SELECT COUNT(*) FROM charges"), 1) << h.app().message();
    EXPECT_EQ(count(h, "SELECT ttc FROM charges"), 1250);
    EXPECT_EQ(count(h, "SELECT vat FROM charges"), 65);  // 12,50 x 5,5 / 105,5 = 0,6516...
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM charges c JOIN entrepreneurs e ON e.id = c.entrepreneur_id "
                       "WHERE e.name = 'Mei Nguyen' AND c.supplier = 'metro' AND c.cash_move_seq IS NULL"),
              1);
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM cash_moves"), moves);  // not paid from the drawer
    EXPECT_TRUE(h.has("charge_new"));  // back to the list
}

TEST(UiCape, HoursAddedWithTheSteppers) {
    Harness h;
    open_cape(h);
    h.tap("cape_tab:hours");
    ASSERT_EQ(h.app().screen(), Screen::cape_hours) << h.app().message();
    for (int i = 0; i < 7; ++i) h.tap("hours+60");
    h.tap("hours+15");
    h.tap("hours+15");
    h.tap("hours_record");  // whose hours? refused
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM hours"), 0);
    h.tap("hours_for:Aminata Diop");
    h.tap("hours_day-");
    h.tap("hours_record");
    ASSERT_EQ(count(h, "SELECT COUNT(*) FROM hours"), 1) << h.app().message();
    EXPECT_EQ(count(h, "SELECT minutes FROM hours"), 450);
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM hours WHERE day = '2026-03-01'"), 1);
}

// Charges and hours may be for any member, as on the CLI: one of the roster who sells only on
// another till (no entrepreneur here) is offered too (a newcomer found only this till's people).
TEST(UiCape, ChargesAndHoursOfferEveryMemberOfTheRoster) {
    Harness h;
    open_cape(h);
    add_member(h.till(), h.till().sign_in("Karim", "2345"), NewMember{"Zoé Petit", "#8e44ad", "", ""}, false);
    h.tap("cape_tab:hours");
    ASSERT_EQ(h.app().screen(), Screen::cape_hours) << h.app().message();
    h.reveal_chip("hours_for:Zoé Petit", "hours_for");
    ASSERT_TRUE(h.has("hours_for:Zoé Petit"));
    h.tap("hours_for:Zoé Petit");
    h.tap("hours+60");
    h.tap("hours_record");
    EXPECT_EQ(count(h, "SELECT COUNT(*) FROM hours"), 1) << h.app().message();
    h.tap("cape_tab:charges");
    h.tap("charge_new");
    h.reveal_chip("charge_for:Zoé Petit", "charge_for");
    EXPECT_TRUE(h.has("charge_for:Zoé Petit"));
}

}  // namespace
}  // namespace caisse::ui::testing
