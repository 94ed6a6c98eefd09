// Verify cannot be fooled or frightened (issue 10, items 4-8): witnesses of the tail, every rule of
// the doc, one snapshot under a till that keeps selling, a damaged file, storage order, bad bytes.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <thread>

#include "app/core/cash_count.hpp"
#include "app/services/cash_session.hpp"
#include "db/ledger.hpp"
#include "db/records/sale_verify.hpp"
#include "db/verify.hpp"
#include "db/verify/chain.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

using testing::raw_scalar;
using testing::raw_sql;
namespace fs = std::filesystem;

bool has_problem(const db::VerifyResult& r, const std::string& words) {
    for (const auto& p : r.problems)
        if (p.reason.find(words) != std::string::npos) return true;
    return false;
}
const db::WitnessCheck* witness(const db::VerifyResult& r, const std::string& kind) {
    for (const auto& w : r.witnesses)
        if (w.witness == kind) return &w;
    return nullptr;
}
// The exact text of a trigger, to put it back after a tamperer's edit.
std::string trigger_sql(const std::string& path, const std::string& name) {
    db::Database d(path, db::Database::Mode::ReadOnly);
    auto st = d.prepare("SELECT sql FROM sqlite_master WHERE name = ?1");
    st.bind(1, name);
    return st.step() ? st.str(0) : "";
}

class Verify : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        auto till = testing::demo_till(path);
        testing::sell_random(*till, 20, 3);
        till.reset();
        const auto r = db::verify_ledger(path);
        ASSERT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
    }
    testing::TempDir dir;
    std::string path;
};

TEST_F(Verify, ReportsTheHeadAnchorAndTheUncheckedBundlesAsWitnesses) {
    const auto r = db::verify_ledger(path);
    ASSERT_NE(witness(r, "head_anchor"), nullptr);
    EXPECT_EQ(witness(r, "head_anchor")->result, "ok");
    ASSERT_NE(witness(r, "bundles"), nullptr);
    EXPECT_EQ(witness(r, "bundles")->result, "not_checked");
    EXPECT_EQ(r.integrity_check, "ok");
}

TEST_F(Verify, ATerminalWithRecordsAndNoAnchorOfItsOwnIsAnError) {
    // A second terminal's valid chain (its genesis and terminals row) copied in: the head anchor
    // beside the file covers this till (T1) only, and no bundle head (docs/bundle-format.md)
    // vouches for T2's records.
    auto other = dir.file("other.db");
    Till::init(other, "T2", false, testing::stepping_clock()).reset();
    raw_sql(path, "ATTACH '" + other + "' AS o; INSERT INTO journal SELECT * FROM o.journal; "
                  "INSERT INTO terminals SELECT * FROM o.terminals;");
    const auto r = db::verify_ledger(path);
    EXPECT_FALSE(r.ok);
    ASSERT_EQ(r.problems.size(), 1u) << r.problems.front().reason;
    EXPECT_EQ(r.problems.front().terminal, "T2");
    EXPECT_NE(r.problems.front().reason.find("terminal T2 is another till's chain but no signed bundle head vouches for it"),
              std::string::npos)
        << r.problems.front().reason;
}

TEST_F(Verify, ACutBelowTheBackupsCopyOfTheAnchorIsCaught) {
    // An older genuine anchor is kept, two more sales are made, then the backup copies the anchor.
    const auto last = raw_scalar(path, "SELECT MAX(seq) FROM journal");
    const std::string old_head = dir.file("old.head"), backup = dir.file("backup");
    fs::copy_file(db::Ledger::head_path(path), old_head);
    testing::sell_random(*Till::open(path, testing::stepping_clock()), 2, 9);
    fs::create_directory(backup);
    fs::copy_file(db::Ledger::head_path(path), backup + "/l.db.head");
    db::VerifyOptions o;
    o.backup_dir = backup;
    auto r = db::verify_ledger(path, o);
    ASSERT_TRUE(r.ok) << r.problems.front().reason;
    ASSERT_NE(witness(r, "backup_head"), nullptr);
    EXPECT_EQ(witness(r, "backup_head")->result, "ok");
    // A key-less cheater cuts the two sales and puts back the older genuine anchor, which matches
    // the cut: the file alone looks intact (docs/ledger-format.md, "Truncation"), the backup's copy
    // of the anchor does not agree.
    std::vector<std::string> triggers;
    // (The reopened till's clock starts behind the ledger's: its clock.backwards event goes too.)
    for (const char* t : {"journal", "sales", "sale_lines", "sale_payments", "events"})
        triggers.push_back(trigger_sql(path, std::string(t) + "_no_delete"));
    raw_sql(path, "DROP TRIGGER journal_no_delete; DROP TRIGGER sales_no_delete; DROP TRIGGER sale_lines_no_delete;"
                  "DROP TRIGGER sale_payments_no_delete; DROP TRIGGER events_no_delete;"
                  "DELETE FROM sale_lines WHERE ticket >= 21; DELETE FROM sale_payments WHERE ticket >= 21;"
                  "DELETE FROM sales WHERE ticket >= 21; DELETE FROM events WHERE seq > " + std::to_string(last) + ";"
                  "DELETE FROM journal WHERE seq > " + std::to_string(last) + ";");
    for (const auto& sql : triggers) raw_sql(path, sql);
    fs::copy_file(old_head, db::Ledger::head_path(path), fs::copy_options::overwrite_existing);
    EXPECT_TRUE(db::verify_ledger(path).ok) << "the gap the doc admits: without a witness the cut is not seen";
    r = db::verify_ledger(path, o);
    EXPECT_FALSE(r.ok);
    ASSERT_NE(witness(r, "backup_head"), nullptr);
    EXPECT_EQ(witness(r, "backup_head")->result, "failed");
    // A missing copy, when one was asked for, is a failure too.
    fs::remove(backup + "/l.db.head");
    EXPECT_TRUE(has_problem(db::verify_ledger(path, o), "no copy of the head anchor"));
}

TEST_F(Verify, TheFingerprintOfAPrintedZMustMatch) {
    {
        auto till = Till::open(path, testing::stepping_clock());
        CloseRequest c;
        std::int64_t left = x_report(*till).expected_cash.value();
        for (std::int64_t d : kEuroDenominations)
            if (left >= d) {
                c.count.set(d, left / d);
                left %= d;
            }
        auto z = close_day(*till, testing::as(*till, "Karim"), c);
        const std::string printed = db::to_hex(z.hash).substr(0, 16);
        db::VerifyOptions o;
        o.z_fingerprints.push_back(db::parse_z_fingerprint("1:" + printed.substr(0, 4) + " " + printed.substr(4)));
        auto r = db::verify_ledger(path, o);
        ASSERT_TRUE(r.ok) << r.problems.front().reason;
        ASSERT_NE(witness(r, "z_fingerprint"), nullptr);
        EXPECT_EQ(witness(r, "z_fingerprint")->result, "ok");
        o.z_fingerprints = {db::parse_z_fingerprint("1:" + std::string(printed[0] == '0' ? "1" : "0") + printed.substr(1))};
        r = db::verify_ledger(path, o);
        EXPECT_FALSE(r.ok);
        EXPECT_EQ(witness(r, "z_fingerprint")->result, "failed");
        o.z_fingerprints = {db::parse_z_fingerprint("2:" + printed)};
        EXPECT_TRUE(has_problem(db::verify_ledger(path, o), "is not in the ledger"));
    }
    EXPECT_THROW(db::parse_z_fingerprint("1:xyz"), InputError);
    EXPECT_THROW(db::parse_z_fingerprint("12"), InputError);
}

TEST_F(Verify, AVacuumedCopyAndAnyStorageOrderVerify) {
    const auto copy = dir.file("copy.db");
    raw_sql(path, "VACUUM INTO '" + copy + "'");
    fs::copy_file(db::Ledger::head_path(path), db::Ledger::head_path(copy));
    auto r = db::verify_ledger(copy);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
    // The journal's rows stored newest first: the chain is the same, read in seq order.
    const std::string del = trigger_sql(copy, "journal_no_delete");
    raw_sql(copy, "CREATE TABLE j AS SELECT * FROM journal; DROP TRIGGER journal_no_delete; DELETE FROM journal;"
                  "INSERT INTO journal SELECT * FROM j ORDER BY seq DESC; DROP TABLE j; " + del + ";");
    EXPECT_GT(raw_scalar(copy, "SELECT seq FROM journal ORDER BY rowid LIMIT 1"), 1);
    r = db::verify_ledger(copy);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

TEST_F(Verify, BytesThatAreNotTextInAProjectionAreProblemsNotACrash) {
    const std::string upd = trigger_sql(path, "product_versions_no_update");
    raw_sql(path, "DROP TRIGGER product_versions_no_update; UPDATE product_versions SET name = char(1) || x'ff' || 'x' "
                  "WHERE rowid = 1; " + upd + ";");
    const std::string upd2 = trigger_sql(path, "sale_lines_no_update");
    raw_sql(path, "DROP TRIGGER sale_lines_no_update; UPDATE sale_lines SET name = x'c3' WHERE ticket = 3; " + upd2 + ";");
    db::VerifyResult r;
    ASSERT_NO_THROW(r = db::verify_ledger(path));
    EXPECT_FALSE(r.ok);
}

TEST_F(Verify, ATriggerWithAnotherBodyIsReported) {
    raw_sql(path, "DROP TRIGGER sales_no_update; "
                  "CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales BEGIN SELECT RAISE(IGNORE); END;");
    EXPECT_TRUE(has_problem(db::verify_ledger(path), "not the documented one"));
}

TEST_F(Verify, ATableOfAnotherSchemaVersionIsReported) {
    raw_sql(path, "CREATE TABLE sale_vat (x INTEGER)");
    EXPECT_TRUE(has_problem(db::verify_ledger(path), "is not part of schema"));
    raw_sql(path, "DROP TABLE sale_vat; PRAGMA user_version = 2");
    EXPECT_TRUE(has_problem(db::verify_ledger(path), "is not part of schema 2"));
}

TEST_F(Verify, AValueOfTheWrongStorageTypeIsReported) {
    // The same bytes as a BLOB rebuild the same payload: only typeof tells them apart.
    const std::string upd = trigger_sql(path, "sales_no_update");
    raw_sql(path, "DROP TRIGGER sales_no_update; UPDATE sales SET day = CAST(day AS BLOB) WHERE ticket = 4; " + upd + ";");
    EXPECT_TRUE(has_problem(db::verify_ledger(path), "wrong storage type"));
    const std::string upd2 = trigger_sql(path, "users_no_update");
    raw_sql(path, "DROP TRIGGER users_no_update; UPDATE users SET name = CAST(name AS BLOB) WHERE id = 1; " + upd2 + ";");
    EXPECT_TRUE(has_problem(db::verify_ledger(path), "users row holds a value of the wrong storage type"));
}

// The line and payment rows too (their types and values are read in one fetch per column): a
// value stored as a BLOB of its own digits or letters, which rebuilds the same payload.
TEST_F(Verify, ALineOrPaymentValueOfTheWrongStorageTypeIsReported) {
    for (const auto& [table, column] : {std::pair<std::string, std::string>{"sale_lines", "quantity"}, {"sale_lines", "sku"},
                                        {"sale_payments", "amount"}}) {
        SCOPED_TRACE(table + "." + column);
        const std::string trigger = table + "_no_update";
        const std::string upd = trigger_sql(path, trigger);
        // A BLOB of the same bytes: text that looks like a number would be stored back as one (column affinity).
        const std::string cast = "CAST(CAST(" + column + " AS TEXT) AS BLOB)";
        raw_sql(path, "DROP TRIGGER " + trigger + "; UPDATE " + table + " SET " + column + " = " + cast + " WHERE ticket = 5; " + upd + ";");
        EXPECT_TRUE(has_problem(db::verify_ledger(path), "sale projection holds a value of the wrong storage type"));
        raw_sql(path, "DROP TRIGGER " + trigger + "; UPDATE " + table + " SET " + column + " = " +
                          (column == "sku" ? "CAST(sku AS TEXT)" : "CAST(" + column + " AS INTEGER)") + " WHERE ticket = 5; " + upd + ";");
        const auto r = db::verify_ledger(path);
        EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
    }
}

TEST(VerifyRules, DiscountSharesFollowTheLargestRemainder) {
    // 100 cents over weights 1000, 1000, 1000: 34, 33, 33 (the earlier line takes the cent).
    db::SaleProjection::Numbers s;
    s.discount = 100;
    s.total = 2900;
    s.lines = {{1, 1000, 0, 34, 966, 2000}, {1, 1000, 0, 33, 967, 2000}, {1, 1000, 0, 33, 967, 2000}};
    s.payments = {{true, true, 2900}};
    EXPECT_FALSE(db::sale_rule_broken(s).has_value());
    s.lines = {{1, 1000, 0, 33, 967, 2000}, {1, 1000, 0, 34, 966, 2000}, {1, 1000, 0, 33, 967, 2000}};
    const auto broken = db::sale_rule_broken(s);
    ASSERT_TRUE(broken.has_value());
    EXPECT_NE(broken->english().find("largest-remainder"), std::string::npos);
}

TEST(VerifyRules, AtUtcSyntax) {
    EXPECT_TRUE(db::valid_at_utc("2026-03-02T10:00:00.000Z"));
    EXPECT_TRUE(db::valid_at_utc("2028-02-29T23:59:59.999Z"));
    for (const char* bad : {"2026-03-02 10:00:00.000Z", "2026-03-02T10:00:00Z", "2026-13-02T10:00:00.000Z", "2026-02-29T10:00:00.000Z",
                            "2026-03-02T24:00:00.000Z", "2026-03-02T10:00:00.000+", "", "2026-03-02T10:00:00.000Z\n"})
        EXPECT_FALSE(db::valid_at_utc(bad)) << bad;
}

TEST_F(Verify, ABadAtUtcIsReportedEvenWhenTheHashIsRecomputed) {
    // Recomputing the hash needs no key; the sale is unsigned, so only the syntax rule catches it.
    // (The chain after it then breaks at the next prev_hash: both are reported.)
    const auto seq = raw_scalar(path, "SELECT seq FROM sales WHERE ticket = 20");
    const std::string upd = trigger_sql(path, "journal_no_update");
    raw_sql(path, "DROP TRIGGER journal_no_update; UPDATE journal SET at_utc = '2026-03-02 10:00' WHERE seq = " + std::to_string(seq) +
                      "; " + upd + ";");
    EXPECT_TRUE(has_problem(db::verify_ledger(path), "at_utc is not a UTC time"));
}

TEST_F(Verify, NeverReportsALiveLedgerAsBroken) {
    // A till sells in a loop on another thread (its own connection) while verify runs 200 times.
    std::atomic<bool> stop{false};
    std::atomic<int> sold{0};
    std::thread seller([&] {
        auto till = Till::open(path, testing::stepping_clock());
        unsigned seed = 100;
        // Capped: the stepping clock moves on at every record, and after a day of it the session
        // is too old to sell into (a slow verify, under ASan, lets the seller run far ahead).
        while (!stop && sold < 400) {
            testing::sell_random(*till, 1, seed++);
            ++sold;
        }
    });
    int broken = 0;
    std::string first;
    for (int i = 0; i < 200; ++i) {
        const auto r = db::verify_ledger(path);
        if (!r.ok) {
            ++broken;
            if (first.empty()) first = r.problems.front().reason;
        }
    }
    stop = true;
    seller.join();
    EXPECT_GT(sold.load(), 10) << "the till must really have been selling";
    EXPECT_EQ(broken, 0) << first;
}

TEST_F(Verify, TheTillRefusesToSellIntoADamagedFile) {
    // Garbage over a page in the middle of the file (a bad sector, a torn copy).
    const auto size = fs::file_size(path);
    ASSERT_GT(size, 4096u * 8);
    {
        std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
        // A data page of the journal, not the schema: the last leaf page of the journal (a fixed place
        // in the file may hold the schema's pages, which grow with every migration).
        const auto page = testing::raw_scalar(path, "SELECT pageno FROM dbstat WHERE name = 'journal' AND pagetype = 'leaf' "
                                                    "ORDER BY pageno DESC LIMIT 1");
        ASSERT_GT(page, 1);
        f.seekp(static_cast<std::streamoff>(4096 * (page - 1)));
        const std::string junk(4096, '\x5a');
        f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    }
    try {
        Till::open(path);
        FAIL() << "opened a damaged ledger for selling";
    } catch (const InputError& e) {
        EXPECT_NE(e.message().english().find("backup"), std::string::npos) << e.message().english();
    }
    db::VerifyResult r;
    ASSERT_NO_THROW(r = db::verify_ledger(path));
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.integrity_check, "ok");
}

TEST_F(Verify, TheFullIntegrityCheckLooksEveryIndexEntryUpAgainstItsRow) {
    // An index whose entries no longer match its table (here its definition was edited behind
    // SQLite's back, as a damaged schema page would): the pages are sound, so only the full
    // check, which looks each row up in each of its indexes, can see it.
    testing::raw_sql(path, "PRAGMA writable_schema=ON; UPDATE sqlite_master SET sql = replace(sql, '(day, ', '(total, ') "
                           "WHERE name = 'sales_by_day'; PRAGMA writable_schema=OFF;");
    db::VerifyOptions full;
    full.integrity = db::IntegrityCheck::full;
    const auto r = db::verify_ledger(path, full);
    EXPECT_EQ(r.integrity_mode, "full");
    EXPECT_FALSE(r.ok);
    EXPECT_NE(r.integrity_check.find("sales_by_day"), std::string::npos) << r.integrity_check;
    // The default is the quick check, and says so.
    EXPECT_EQ(db::verify_ledger(path).integrity_mode, "quick");
}

TEST_F(Verify, ReadingNeedsNoKeyAndWritingSaysWhy) {
    fs::remove(db::Ledger::key_path(path));
    auto till = Till::open(path);  // reading works
    EXPECT_FALSE(till->export_catalogue().empty());
    EXPECT_THROW(testing::sell_random(*till, 1, 1), InputError);
    const auto r = db::verify_ledger(path);
    EXPECT_TRUE(r.ok);
    EXPECT_TRUE(r.warnings.empty()) << r.warnings.front().english();
}

}  // namespace
}  // namespace caisse
