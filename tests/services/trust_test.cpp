// Issue "Trust", item 1 and 2: roles and PINs enforced by the services (the screen and the CLI
// alike), refusals and overrides journaled, secrets kept out of the ledger, private file modes.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "app/services/cash_session.hpp"
#include "app/services/printing.hpp"
#include "db/credentials.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

unsigned mode_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return 07777;
    return st.st_mode & 0777;
}

class Trust : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path);
    }
    std::int64_t events(const std::string& code) {
        return testing::raw_scalar(path, "SELECT COUNT(*) FROM events WHERE code = '" + code + "'");
    }
    // The action is refused for a seller, with the action named, and the refusal journaled.
    template <class F>
    void expect_refused(F&& action, const std::string& words) {
        const auto before = events("auth.refused");
        try {
            action();
            ADD_FAILURE() << "accepted: " << words;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
        EXPECT_EQ(events("auth.refused"), before + 1) << words;
    }
    testing::TempDir dir;
    std::string path;
    std::unique_ptr<Till> till;
};

TEST_F(Trust, SellerMayNotTakeManagerActions) {
    const Actor lucie = testing::as(*till, "Lucie");
    expect_refused([&] { record_cash_move(*till, lucie, CashMoveRequest{true, Money::cents(500), "banque", std::nullopt}); },
                   "may not take cash out");
    expect_refused([&] { record_cash_move(*till, lucie, CashMoveRequest{false, Money::cents(500), "monnaie", std::nullopt}); },
                   "may not put cash in");
    expect_refused([&] { close_day(*till, lucie, CloseRequest{CashCount::parse("50x3"), std::nullopt, std::nullopt, "", 1}); },
                   "may not close the day");
    expect_refused([&] { till->sell(lucie, testing::sell_text({"MAFE"}, std::string("10%"), {"card"})); }, "may not give a discount");
    expect_refused([&] { till->import_catalogue(lucie, "sku,name,price,vat,entrepreneur,category\nX,X,1,20,Awa Couture,Textile\n"); },
                   "may not import the catalogue");
    expect_refused([&] { set_till_settings(*till, lucie, {{"business.name", "Autre"}}); }, "may not change the settings");
    expect_refused([&] { till->add_user(lucie, "Zoé", "seller", "4321"); }, "may not add a user");
    // Nothing else was recorded: no cash move, no sale, no product, the session still open.
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM cash_moves"), 0);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM sales"), 0);
    EXPECT_TRUE(till->current_session().has_value());
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Trust, SellerSellsWithoutDiscount) {
    const auto s = till->sell(testing::as(*till, "Lucie"), testing::sell_text({"MAFE"}, std::nullopt, {"card"}));
    EXPECT_EQ(s.ticket, 1);
}

TEST_F(Trust, ManagerApprovalIsJournaledWithTheAction) {
    const Actor approved = till->approve(testing::as(*till, "Lucie"), "Karim", "2345");
    const auto s = till->sell(approved, testing::sell_text({"MAFE*2"}, std::string("10%"), {"card"}));
    EXPECT_EQ(events("auth.override"), 1);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT approver_id FROM events WHERE code = 'auth.override'"), 2);  // Karim
    EXPECT_EQ(testing::raw_scalar(path, "SELECT user_id FROM events WHERE code = 'auth.override'"), 3);      // Lucie
    // In the sale's own commit: the event is the record right after the sale.
    EXPECT_EQ(testing::raw_scalar(path, "SELECT seq FROM events WHERE code = 'auth.override'"), s.seq + 1);
    EXPECT_TRUE(db::verify_ledger(path).ok);
    // A manager acting on their own is no override.
    till->sell(testing::as(*till, "Karim"), testing::sell_text({"MAFE*2"}, std::string("10%"), {"card"}));
    EXPECT_EQ(events("auth.override"), 1);
}

TEST_F(Trust, ASellerCannotApprove) {
    const Actor lucie = testing::as(*till, "Lucie");
    EXPECT_THROW(till->approve(lucie, "Mei", "2222"), InputError);
    EXPECT_THROW(till->approve(lucie, "Karim", "0000"), InputError);
}

TEST_F(Trust, PinsAreCheckedCountedAndJournaled) {
    EXPECT_THROW(till->sign_in("Lucie", ""), InputError);  // an empty PIN is not a PIN
    EXPECT_EQ(events("auth.refused"), 1);
    EXPECT_THROW(till->sign_in("Lucie", "0000"), InputError);
    EXPECT_EQ(events("pin.failed"), 1);
    const Actor before_lock = testing::as(*till, "Karim");
    for (int i = 0; i < Till::kPinTriesBeforeLock; ++i) EXPECT_THROW(till->sign_in("Karim", "0000"), InputError);
    EXPECT_EQ(events("pin.locked"), 1);
    // Locked: the right PIN is refused, and a login opened before the lock acts no more.
    EXPECT_THROW(till->sign_in("Karim", "2345"), InputError);
    try {
        close_day(*till, before_lock, CloseRequest{CashCount::parse("50x3"), std::nullopt, std::nullopt, "", 1});
        ADD_FAILURE() << "a locked user closed the day";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
    }
    EXPECT_TRUE(till->current_session().has_value());
}

// The lock state is kept between actions (db/credentials.cpp): a lock set by another process (here
// another Till on the same files) must still stop the next action, however soon it comes.
TEST_F(Trust, ALockSetByAnotherProcessStopsTheNextAction) {
    const Actor karim = testing::as(*till, "Karim");
    till->sell(karim, testing::sell_text({"MAFE"}, std::nullopt, {"card"}));  // the state is read and kept
    auto other = Till::open(path);
    for (int i = 0; i < Till::kPinTriesBeforeLock; ++i) EXPECT_THROW(other->sign_in("Karim", "0000"), InputError);
    try {
        till->sell(karim, testing::sell_text({"MAFE"}, std::nullopt, {"card"}));
        ADD_FAILURE() << "a user locked by another till sold";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
    }
}

TEST(CredentialStore, AStateWrittenByAnotherConnectionIsSeenAtOnce) {
    testing::TempDir dir;
    const std::string path = dir.file("l.db.credentials");
    db::CredentialStore a(path), b(path);
    b.set_pin_hash(7, "$argon2id$x");
    for (std::int64_t n = 1; n <= 200; ++n) {
        EXPECT_EQ(a.pin_state(7).failed, n - 1);
        EXPECT_EQ(a.pin_state(7).failed, n - 1);  // the kept state, while nothing changed
        b.set_pin_state(7, db::PinState{n, ""});
        ASSERT_EQ(a.pin_state(7).failed, n) << "a change by another connection was missed";
        a.set_pin_state(7, db::PinState{n, ""});  // its own write, then read back
        ASSERT_EQ(a.pin_state(7).failed, n);
    }
}

TEST_F(Trust, AnActorActsOnlyOnTheTillThatCheckedThePin) {
    const Actor lucie = testing::as(*till, "Lucie");
    auto other = Till::open(path);
    EXPECT_THROW(other->sell(lucie, testing::sell_text({"MAFE"}, std::nullopt, {"card"})), InputError);
}

TEST(TrustSetUp, FirstUserIsAnAdminAndNeedsNoPinThenEveryUserNeedsAManager) {
    testing::TempDir dir;
    auto till = Till::init(dir.file("l.db"), "T1", false, testing::stepping_clock());
    EXPECT_THROW(till->add_user(std::nullopt, "Ana", "seller", "1234"), InputError);  // the first must be an admin
    till->add_user(std::nullopt, "Ana", "admin", "1234");
    EXPECT_THROW(till->add_user(std::nullopt, "Bo", "seller", "1234"), InputError);  // no actor any more
    const Actor ana = till->sign_in("Ana", "1234");
    till->add_user(ana, "Bo", "manager", "5678");
    const Actor bo = till->sign_in("Bo", "5678");
    EXPECT_THROW(till->add_user(bo, "Cy", "admin", "1111"), InputError);  // never above one's own role
    till->add_user(bo, "Cy", "seller", "1111");
    EXPECT_EQ(till->users().size(), 3u);
}

TEST_F(Trust, SecretsLiveBesideTheLedgerNotInIt) {
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'credentials'"), 0);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM sqlite_master WHERE sql LIKE '%pin_hash%'"), 0);
    const std::string store = db::CredentialStore::path_for(path);
    EXPECT_EQ(testing::raw_scalar(store, "SELECT COUNT(*) FROM credentials"), 4);
    EXPECT_EQ(mode_of(store), 0600u);
    EXPECT_EQ(mode_of(path), 0600u);
    EXPECT_EQ(mode_of(db::Ledger::key_path(path)), 0600u);
    EXPECT_EQ(mode_of(db::Ledger::head_path(path)), 0600u);
    EXPECT_EQ(mode_of(path + "-wal"), 0600u);
}

TEST_F(Trust, AKeyOthersMayReadIsRefusedWithTheFix) {
    till.reset();
    ::chmod(db::Ledger::key_path(path).c_str(), 0644);
    try {
        Till::open(path);
        ADD_FAILURE() << "opened with a key readable by others";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("chmod 600"), std::string::npos) << e.what();
    }
    ::chmod(db::Ledger::key_path(path).c_str(), 0600);
    EXPECT_NO_THROW(Till::open(path));
}

TEST_F(Trust, OlderLedgersHaveTheirCredentialsMovedOut) {
    // A schema-4 ledger kept its PIN hashes inside: rebuild that state, then open it. (A ledger
    // without the demo: the demo's settings are journaled as events, which schema 4 could not hold.)
    const std::string old = dir.file("old.db");
    Till::init(old, "T1", false, testing::stepping_clock())->add_user(std::nullopt, "Lucie", "admin", "1111");
    const std::string store = db::CredentialStore::path_for(old);
    const std::string lucie_hash = [&] {
        db::Database d(store, db::Database::Mode::ReadWrite);
        auto st = d.prepare("SELECT pin_hash FROM credentials WHERE user_id = 1");
        st.step();
        return st.str(0);
    }();
    std::filesystem::remove(store);
    ASSERT_EQ(testing::raw_scalar(old, "SELECT COUNT(*) FROM events"), 0);
    testing::raw_sql(old,
                     "DROP TABLE refunds; DROP TABLE refund_lines; DROP TABLE refund_payments; DROP TABLE refund_vat;"  // schema 6
                     "DROP VIEW entrepreneurs_by_terminal; DROP TABLE imported_entrepreneurs; DROP TABLE imported_categories;"
                     "DROP TABLE imported_users; DROP TABLE imported_products; DROP TABLE bundle_heads;"           // schema 9
                     "DROP TABLE training_sales;"                                                                      // schema 7
                     "DROP TABLE members; DROP TABLE member_links;"                                                    // schema 8
                     "DROP TABLE charges; DROP TABLE hours; DROP TABLE cape_rules;"                                    // schema 10
                     "ALTER TABLE sales DROP COLUMN voucher_excess;"                                                   // schema 11
                     "DROP TABLE user_roles; ALTER TABLE product_versions DROP COLUMN names;"                          // schema 12
                     "DROP TABLE customers; DROP TABLE quotes; DROP TABLE quote_lines; DROP TABLE quote_orders;"
                     "DROP TABLE invoices; DROP TABLE invoice_payments;"                                               // schema 13
                     "DROP TABLE quote_revisions;"                                                                     // schema 14
                     "DROP TABLE events; DROP TABLE sale_requests;"
                     "CREATE TABLE credentials (user_id INTEGER PRIMARY KEY REFERENCES users(id), pin_hash TEXT NOT NULL,"
                     " failed INTEGER NOT NULL DEFAULT 0, locked_until TEXT);"
                     "INSERT INTO credentials(user_id, pin_hash) VALUES (1, '" + lucie_hash + "');"
                     "PRAGMA user_version = 4;");
    auto reopened = Till::open(old);
    EXPECT_NO_THROW(reopened->sign_in("Lucie", "1111"));
    EXPECT_EQ(testing::raw_scalar(old, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'credentials'"), 0);
    EXPECT_EQ(mode_of(store), 0600u);
    EXPECT_TRUE(db::verify_ledger(old).ok);
}

TEST_F(Trust, ARetriedRequestIsRecordedOnce) {
    const Actor lucie = testing::as(*till, "Lucie");
    auto r = testing::sell_text({"MAFE"}, std::nullopt, {"cash:20"});
    r.request_id = "cart-42";
    const auto first = till->sell(lucie, r);
    const auto again = till->sell(lucie, r);
    EXPECT_FALSE(first.replayed);
    EXPECT_TRUE(again.replayed);
    EXPECT_EQ(again.ticket, first.ticket);
    EXPECT_EQ(again.hash_hex, first.hash_hex);
    EXPECT_EQ(again.priced.total, first.priced.total);
    EXPECT_EQ(again.settlement.change, first.settlement.change);
    EXPECT_EQ(till->last_ticket(), first.ticket);
    // The same id for another sale is a client's mistake: refused, never answered with the old ticket.
    auto other = testing::sell_text({"CAFE"}, std::nullopt, {"card"});
    other.request_id = "cart-42";
    try {
        till->sell(lucie, other);
        ADD_FAILURE() << "an id reused for another sale was answered";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("another sale"), std::string::npos) << e.what();
    }
    r.request_id = "cart-43";
    EXPECT_EQ(till->sell(lucie, r).ticket, first.ticket + 1);
    r.request_id = "with space";
    EXPECT_THROW(till->sell(lucie, r), InputError);
    r.request_id = std::string(65, 'x');
    EXPECT_THROW(till->sell(lucie, r), InputError);
    EXPECT_EQ(till->last_ticket(), first.ticket + 1);
}

}  // namespace
}  // namespace caisse
