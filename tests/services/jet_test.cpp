// Issue "Corrections and conservation", items 4 and 5: the technical event log (JET) and training
// mode (MODE ÉCOLE), enforced by the services for the screen and the CLI alike.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/services/cash_session.hpp"
#include "app/services/printing.hpp"
#include "db/verify.hpp"
#include "drivers/preview.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

class Jet : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path, [this] { return now += std::chrono::seconds(1); });
    }
    std::int64_t count(const std::string& sql) { return testing::raw_scalar(path, sql); }
    std::int64_t events(const std::string& code) { return count("SELECT COUNT(*) FROM events WHERE code = '" + code + "'"); }
    // The newest event record, as its columns.
    std::string newest_event() {
        auto st = till->ledger().db().prepare(
            "SELECT code || '|' || COALESCE(user_id, '') || '|' || action FROM events ORDER BY seq DESC LIMIT 1");
        return st.step() ? st.str(0) : "";
    }
    db::ClosureTotals x_totals() { return x_report(*till).totals; }

    testing::TempDir dir;
    std::string path;
    std::chrono::system_clock::time_point now = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours{10};
    std::unique_ptr<Till> till;
};

// Done means: a seller cannot cash out, close, change prices or settings or turn training off (or
// on); each refused attempt is a JET record naming the seller and the action.
TEST_F(Jet, EachRefusalOfASellerIsAJetRecord) {
    const Actor lucie = testing::as(*till, "Lucie");  // user 3, seller
    const Actor karim = testing::as(*till, "Karim");
    till->set_training(karim, true);  // so that "off" is a real request
    struct Attempt {
        std::function<void()> act;
        std::string action;
    };
    const std::vector<Attempt> attempts = {
        {[&] { record_cash_move(*till, lucie, CashMoveRequest{true, Money::cents(500), "banque", std::nullopt}); }, "take cash out"},
        {[&] { close_day(*till, lucie, CloseRequest{CashCount::parse("50x3"), std::nullopt, std::nullopt, "", 1}); }, "close the day"},
        {[&] { till->import_catalogue(lucie, "sku,name,price,vat,entrepreneur,category\nMAFE,Mafé,1,10,Aminata Diop,Plats\n"); },
         "import the catalogue"},
        {[&] { set_till_settings(*till, lucie, {{"business.name", "Autre"}}); }, "change the settings"},
        {[&] { till->set_training(lucie, false); }, "turn training mode off"},
    };
    for (const auto& a : attempts) {
        SCOPED_TRACE(a.action);
        const auto before = events("auth.refused");
        EXPECT_THROW(a.act(), InputError);
        EXPECT_EQ(events("auth.refused"), before + 1);
        EXPECT_EQ(newest_event(), "auth.refused|3|" + a.action);
    }
    EXPECT_TRUE(till->training().on) << "the seller's refusal left training on";
    till->set_training(karim, false);
    EXPECT_THROW(till->set_training(lucie, true), InputError);
    EXPECT_EQ(newest_event(), "auth.refused|3|turn training mode on");
    EXPECT_FALSE(till->training().on);
    // Prices did not change, no setting was written, no cash left, the session is open.
    EXPECT_EQ(till->product("MAFE")->price, Money::cents(950));
    EXPECT_NE(till->ledger().setting("business.name"), "Autre");
    EXPECT_EQ(count("SELECT COUNT(*) FROM cash_moves"), 0);
    EXPECT_TRUE(till->current_session().has_value());
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Jet, ASellerWithAManagersApprovalTurnsTrainingOnJournaledAsAnOverride) {
    const Actor approved = till->approve(testing::as(*till, "Lucie"), "Karim", "2345");
    till->set_training(approved, true);
    EXPECT_TRUE(till->training().on);
    EXPECT_EQ(till->training().by, 3);
    EXPECT_EQ(events("auth.override"), 1);
    EXPECT_EQ(count("SELECT approver_id FROM events WHERE code = 'training.on'"), 2);
    EXPECT_THROW(till->set_training(testing::as(*till, "Karim"), true), InputError) << "already on";
}

// Training tickets have their own numbers, count in no total (X, Z, day report, month closure) and
// record their operator; verify checks them in the chain and still finds the Z equal its session.
TEST_F(Jet, TrainingSalesCountNowhereAndKeepTheirOwnNumbers) {
    const Actor karim = testing::as(*till, "Karim"), lucie = testing::as(*till, "Lucie");
    const auto real1 = till->sell(lucie, testing::sell_text({"MAFE*2"}, std::nullopt, {"cash:20"}));
    EXPECT_FALSE(real1.training);
    const auto x_before = x_totals();
    const auto day_before = till->report_day(std::nullopt);

    till->set_training(karim, true);
    const auto t1 = till->sell(lucie, testing::sell_text({"YASSA", "CAFE"}, std::nullopt, {"cash:50"}));
    const auto t2 = till->sell(karim, testing::sell_text({"MAFE*3"}, std::string("10%"), {"card"}));
    EXPECT_TRUE(t1.training);
    EXPECT_EQ(t1.ticket, 1);
    EXPECT_EQ(t2.ticket, 2);
    EXPECT_EQ(count("SELECT user_id FROM training_sales WHERE ticket = 1"), 3) << "the operator is recorded";
    EXPECT_EQ(count("SELECT COUNT(*) FROM sales"), 1);
    // Nothing real moved: the X, the day report and the drawer are as before.
    const auto x_during = x_totals();
    EXPECT_EQ(x_during.tickets, x_before.tickets);
    EXPECT_EQ(x_during.total, x_before.total);
    EXPECT_EQ(x_report(*till).expected_cash, Money::cents(15000 + 1900));
    EXPECT_EQ(till->report_day(std::nullopt).total, day_before.total);
    EXPECT_FALSE(drawer_for_sale(*till, t1).has_value());
    till->set_training(karim, false);

    const auto real2 = till->sell(lucie, testing::sell_text({"CAFE"}, std::nullopt, {"card"}));
    EXPECT_EQ(real2.ticket, 2) << "training tickets consume no real ticket number";
    const auto z = close_day(*till, karim, CloseRequest{CashCount::parse("50x3,10x1,5x1,2x2"), std::nullopt, std::nullopt, "", 1});
    EXPECT_EQ(z.totals.tickets, 2);
    EXPECT_EQ(z.totals.total, real1.priced.total.value() + real2.priced.total.value());
    EXPECT_EQ(z.first_ticket, 1);
    EXPECT_EQ(z.last_ticket, 2);
    const auto report = db::verify_ledger(path);
    EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems.front().reason);
}

TEST_F(Jet, ATrainingReceiptSaysItIsNoReceipt) {
    till->set_training(testing::as(*till, "Karim"), true);
    const auto t = till->sell(testing::as(*till, "Lucie"), testing::sell_text({"MAFE"}, std::nullopt, {"cash:10"}));
    const auto lines = drivers::preview_lines(receipt_for_sale(*till, t).doc, 42);
    auto has = [&](const std::string& words) {
        return std::any_of(lines.begin(), lines.end(), [&](const std::string& l) { return l.find(words) != std::string::npos; });
    };
    EXPECT_TRUE(has("M O D E   É C O L E"));
    EXPECT_TRUE(has("non valable"));
    EXPECT_TRUE(has("Ticket école n° 1"));
    EXPECT_EQ(std::count_if(lines.begin(), lines.end(), [](const std::string& l) { return l.find("M O D E   É C O L E") != std::string::npos; }), 2)
        << "at the top and at the bottom";
    EXPECT_THROW(training_receipt(*till, 2), InputError);
    // A real ticket of the same number is not marked.
    till->set_training(testing::as(*till, "Karim"), false);
    const auto r = till->sell(testing::as(*till, "Lucie"), testing::sell_text({"MAFE"}, std::nullopt, {"cash:10"}));
    const auto real = drivers::preview_lines(receipt_for_sale(*till, r).doc, 42);
    EXPECT_TRUE(std::none_of(real.begin(), real.end(), [](const std::string& l) { return l.find("ÉCOLE") != std::string::npos; }));
}

TEST_F(Jet, AnAlteredTrainingSaleIsCaughtByVerify) {
    till->set_training(testing::as(*till, "Karim"), true);
    const auto t = till->sell(testing::as(*till, "Lucie"), testing::sell_text({"MAFE"}, std::nullopt, {"cash:10"}));
    till.reset();
    testing::raw_sql(path, "DROP TRIGGER training_sales_no_update; UPDATE training_sales SET total = 1 WHERE ticket = 1;");
    const auto r = db::verify_ledger(path);
    ASSERT_FALSE(r.ok);
    EXPECT_EQ(r.problems.front().seq, t.seq);
}

// One time-ordered list: event records and the kinds that are events of their own.
TEST_F(Jet, TheEventLogListsEveryKindInTimeOrder) {
    const Actor karim = testing::as(*till, "Karim");
    EXPECT_FALSE(till->login("Lucie", "0000").ok);
    EXPECT_TRUE(till->login("Lucie", "1111").ok);
    set_till_settings(*till, karim, {{"business.name", "Les Cuisines"}});
    till->import_catalogue(karim, "sku,name,price,vat,entrepreneur,category\nMAFE,Mafé,9,10,Aminata Diop,Plats\n");
    const auto s = till->sell(karim, testing::sell_text({"MAFE"}, std::nullopt, {"card"}));
    duplicate_receipt(*till, karim, s.ticket);
    till->set_training(karim, true);
    till->journal(db::event_code::backup, karim, "back up", "/media/usb/l.db");
    close_day(*till, karim, CloseRequest{CashCount::parse("50x3"), std::nullopt, std::nullopt, "", 1});
    const auto log = till->event_log();
    std::vector<std::string> codes;
    for (const auto& e : log) codes.push_back(e.code);
    for (const char* want : {"genesis", "user.add", "product.set", "session.open", "pin.failed", "auth.login", "settings.change",
                             "receipt.duplicate", "training.on", "backup.done", "closure.day"})
        EXPECT_NE(std::find(codes.begin(), codes.end(), want), codes.end()) << want;
    EXPECT_EQ(std::find(codes.begin(), codes.end(), "sale"), codes.end()) << "sales are not events";
    EXPECT_TRUE(std::is_sorted(log.begin(), log.end(), [](const auto& a, const auto& b) { return a.at_utc < b.at_utc; }));
    const auto settings = std::find_if(log.rbegin(), log.rend(), [](const auto& e) { return e.code == "settings.change"; });
    EXPECT_EQ(settings->detail, "business.name=Les Cuisines");
    EXPECT_EQ(settings->user_name, "Karim");
    const auto z = std::find_if(log.begin(), log.end(), [](const auto& e) { return e.code == "closure.day"; });
    EXPECT_EQ(z->user_name, "Karim");
    EXPECT_NE(z->detail.find("Z 1"), std::string::npos) << z->detail;
    // --since: a time, a day, a bad shape.
    const auto later = till->event_log(z->at_utc);
    ASSERT_FALSE(later.empty());
    EXPECT_EQ(later.front().code, "closure.day");
    EXPECT_EQ(till->event_log("2026-03-03").size(), 0u);
    EXPECT_EQ(till->event_log("2026-03-02").size(), log.size());
    EXPECT_EQ(till->event_log("2026-03-02T10:00:00Z").size(), log.size());
    EXPECT_THROW(till->event_log("yesterday"), InputError);
    EXPECT_THROW(till->event_log("2026-02-30"), InputError);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Jet, TheClockGoingBackwardsIsJournaledRightAfterTheRecord) {
    const Actor lucie = testing::as(*till, "Lucie");
    till->sell(lucie, testing::sell_text({"CAFE"}, std::nullopt, {"card"}));
    now -= std::chrono::hours(2);
    const auto back = till->sell(lucie, testing::sell_text({"CAFE"}, std::nullopt, {"card"}));
    EXPECT_EQ(events("clock.backwards"), 1);
    EXPECT_EQ(count("SELECT seq FROM events WHERE code = 'clock.backwards'"), back.seq + 1);
    till->sell(lucie, testing::sell_text({"CAFE"}, std::nullopt, {"card"}));  // time runs on from there: no new step
    EXPECT_EQ(events("clock.backwards"), 1);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Jet, ExportsAndTheServicesHookAreJournaled) {
    till->export_catalogue();
    EXPECT_EQ(events("export"), 1);
    for (const char* code : {db::event_code::archive, db::event_code::backup, db::event_code::backup_failed, db::event_code::restore,
                             db::event_code::printer_error, db::event_code::app_start, db::event_code::app_stop})
        till->journal(code, std::nullopt, "test", code);
    EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE detail = code"), 7);
    till->logout(testing::as(*till, "Lucie"), "idle");
    EXPECT_EQ(newest_event(), "auth.logout|3|sign out");
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

}  // namespace
}  // namespace caisse
