// Each way of tampering with a ledger file must be caught by verify, naming the record.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "app/services/cash_session.hpp"
#include "db/canonical_json.hpp"
#include "db/journal.hpp"
#include "db/ledger.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

using testing::raw_scalar;
using testing::raw_sql;

class Tamper : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        auto till = testing::demo_till(path);
        testing::sell_random(*till, 30, 5);
        ASSERT_TRUE(db::verify_ledger(path).ok);
        ticket10_seq = raw_scalar(path, "SELECT seq FROM sales WHERE ticket = 10");
        last_seq = raw_scalar(path, "SELECT MAX(seq) FROM journal");
    }
    // Deletes the newest three sales (tickets 28-30, the last three records) with their projection
    // rows, as a tamperer with write access would; optionally puts the triggers back afterwards.
    void cut_last_three_sales(bool restore_triggers) {
        std::vector<std::string> documented;  // the triggers' own text, put back exactly
        {
            db::Database d(path, db::Database::Mode::ReadOnly);
            for (auto st = d.prepare("SELECT sql FROM sqlite_master WHERE name IN ('journal_no_delete', 'sales_no_delete', "
                                     "'sale_lines_no_delete', 'sale_payments_no_delete')");
                 st.step();)
                documented.push_back(st.str(0));
        }
        raw_sql(path, "DROP TRIGGER journal_no_delete; DROP TRIGGER sales_no_delete; DROP TRIGGER sale_lines_no_delete;"
                      "DROP TRIGGER sale_payments_no_delete;"
                      "DELETE FROM sale_lines WHERE ticket >= 28; DELETE FROM sale_payments WHERE ticket >= 28;"
                      "DELETE FROM sales WHERE ticket >= 28;"
                      "DELETE FROM journal WHERE seq >= " + std::to_string(last_seq - 2) + ";");
        if (!restore_triggers) return;
        for (const auto& sql : documented) raw_sql(path, sql);
    }
    db::VerifyProblem first_bad(const db::VerifyOptions& o = {}) {
        auto r = db::verify_ledger(path, o);
        EXPECT_FALSE(r.ok);
        return r.problems.empty() ? db::VerifyProblem{} : r.problems.front();
    }
    testing::TempDir dir;
    std::string path;
    std::int64_t ticket10_seq = 0, last_seq = 0;
};

TEST_F(Tamper, AmountChangedInSalesProjection) {
    raw_sql(path, "DROP TRIGGER sales_no_update; UPDATE sales SET total = total + 100 WHERE ticket = 10;");
    auto p = first_bad();
    EXPECT_EQ(p.terminal, "T1");
    EXPECT_EQ(p.seq, ticket10_seq);
    EXPECT_NE(p.reason.find("total"), std::string::npos) << p.reason;
}

TEST_F(Tamper, AmountChangedInLineProjection) {
    raw_sql(path, "DROP TRIGGER sale_lines_no_update; UPDATE sale_lines SET unit_price = unit_price - 50 "
                  "WHERE ticket = 10 AND line_no = 1;");
    auto p = first_bad();
    EXPECT_EQ(p.seq, ticket10_seq);
    EXPECT_NE(p.reason.find("lines[0].unit"), std::string::npos) << p.reason;
}

TEST_F(Tamper, PayloadChanged) {
    // The ticket total gains a leading 1: 19,80 becomes 119,80.
    raw_sql(path, "DROP TRIGGER journal_no_update; UPDATE journal SET payload = replace(payload, '\"total\":', "
                  "'\"total\":1') WHERE seq = " + std::to_string(ticket10_seq) + ";");
    auto p = first_bad();
    EXPECT_EQ(p.seq, ticket10_seq);
    EXPECT_NE(p.reason.find("hash mismatch"), std::string::npos) << p.reason;
}

TEST_F(Tamper, RecordDeletedInTheMiddle) {
    raw_sql(path, "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = " + std::to_string(ticket10_seq) + ";");
    auto p = first_bad();
    EXPECT_EQ(p.seq, ticket10_seq);
}

TEST_F(Tamper, WholeSaleDeletedInTheMiddleWithItsProjections) {
    const auto s = std::to_string(ticket10_seq);
    raw_sql(path, "DROP TRIGGER journal_no_delete; DROP TRIGGER sales_no_delete; DROP TRIGGER sale_lines_no_delete;"
                  "DROP TRIGGER sale_payments_no_delete;"
                  "DELETE FROM journal WHERE seq = " + s + "; DELETE FROM sales WHERE ticket = 10;"
                  "DELETE FROM sale_lines WHERE ticket = 10; DELETE FROM sale_payments WHERE ticket = 10;");
    auto p = first_bad();
    EXPECT_EQ(p.seq, ticket10_seq);
}

TEST_F(Tamper, RecordsReordered) {
    const auto a = std::to_string(ticket10_seq), b = std::to_string(ticket10_seq + 1);
    raw_sql(path, "DROP TRIGGER journal_no_update;"
                  "UPDATE journal SET seq = 999999 WHERE seq = " + a + ";"
                  "UPDATE journal SET seq = " + a + " WHERE seq = " + b + ";"
                  "UPDATE journal SET seq = " + b + " WHERE seq = 999999;");
    auto p = first_bad();
    EXPECT_EQ(p.seq, ticket10_seq);
}

TEST_F(Tamper, TriggerDroppedAndRowUpdatedThenTriggerRestored) {
    raw_sql(path, "DROP TRIGGER journal_no_update;"
                  "UPDATE journal SET at_utc = '2026-03-01T09:00:00.000Z' WHERE seq = " + std::to_string(ticket10_seq) + ";"
                  "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'x'); END;");
    auto p = first_bad();
    EXPECT_EQ(p.seq, ticket10_seq);
    EXPECT_NE(p.reason.find("hash mismatch"), std::string::npos);
}

TEST_F(Tamper, TriggerDroppedIsReportedEvenWithoutEdits) {
    raw_sql(path, "DROP TRIGGER sales_no_delete;");
    auto r = db::verify_ledger(path);
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.problems.front().reason.find("sales_no_delete"), std::string::npos);
}

TEST_F(Tamper, KeyFileReplaced) {
    const auto other = dir.file("other.db");
    Till::init(other, "T1", false, testing::stepping_clock());
    std::filesystem::copy_file(db::Ledger::key_path(other), db::Ledger::key_path(path),
                               std::filesystem::copy_options::overwrite_existing);
    auto p = first_bad();
    EXPECT_EQ(p.seq, 1);
    EXPECT_NE(p.reason.find("key"), std::string::npos) << p.reason;
}

// The attacker holds the file and makes a new key, rewrites genesis and re-chains every record, as
// well as the head anchor: the ledger is self-consistent. Only the key recorded at init exposes it.
TEST_F(Tamper, ChainRebuiltWithNewKeyIsCaughtByThePinnedKey) {
    const db::PublicKey original = db::public_of(db::read_secret_key(db::Ledger::key_path(path)));
    const db::KeyPair forged = db::make_key_pair();
    {
        std::ofstream(db::Ledger::key_path(path)) << db::to_hex(forged.secret) << "\n";
        db::Database d(path, db::Database::Mode::ReadWrite);
        std::vector<std::string> documented;  // a careful forger puts the triggers back exactly
        for (auto st = d.prepare("SELECT sql FROM sqlite_master WHERE name IN ('journal_no_update', 'terminals_no_update')");
             st.step();)
            documented.push_back(st.str(0));
        d.exec("DROP TRIGGER journal_no_update; DROP TRIGGER terminals_no_update;");
        d.exec("UPDATE journal SET payload = replace(payload, '" + db::to_hex(original) + "', '" + db::to_hex(forged.pub) +
               "') WHERE seq = 1");
        d.exec("UPDATE terminals SET public_key = X'" + db::to_hex(forged.pub) + "' WHERE terminal = 'T1'");
        auto read = d.prepare("SELECT seq, kind, at_utc, payload FROM journal WHERE terminal = 'T1' ORDER BY seq");
        auto write = d.prepare("UPDATE journal SET prev_hash = ?1, hash = ?2, sig = ?3 WHERE terminal = 'T1' AND seq = ?4");
        db::Hash prev{};
        db::Sha256 sha;
        std::vector<std::tuple<std::int64_t, db::Hash, db::Hash, std::string>> rows;
        while (read.step()) {
            db::Hash h = db::record_hash(sha, prev.data(), "T1", read.i64(0), read.text(1), read.text(2), read.text(3));
            rows.emplace_back(read.i64(0), prev, h, read.str(1));
            prev = h;
        }
        for (auto& [seq, p, h, kind] : rows) {
            write.bind_blob(1, p.data(), 32).bind_blob(2, h.data(), 32);
            if (db::is_signed_kind(kind)) {
                auto s = db::sign(forged.secret, h);
                write.bind_blob(3, s.data(), 64);
            } else {
                write.bind_null(3);
            }
            write.bind(4, seq).run();
        }
        for (const auto& sql : documented) d.exec(sql);
        auto head = db::Ledger::head_path(path);
        std::filesystem::remove(head);
        db::write_head_anchor_slot(head, "T1", std::get<0>(rows.back()), std::get<2>(rows.back()), forged.secret);
    }
    // Without an outside copy of the key the forgery is self-consistent: this is the documented limit.
    EXPECT_TRUE(db::verify_ledger(path).ok);
    db::VerifyOptions pinned;
    pinned.pinned_key = original;
    auto p = first_bad(pinned);
    EXPECT_EQ(p.seq, 1);
    EXPECT_NE(p.reason.find("pinned key"), std::string::npos) << p.reason;
}

TEST_F(Tamper, TailDeletedIsCaughtByTheHeadAnchor) {
    cut_last_three_sales(false);
    auto r = db::verify_ledger(path);
    ASSERT_FALSE(r.ok);
    auto record_problem = std::find_if(r.problems.begin(), r.problems.end(),
                                       [](const auto& p) { return p.reason.find("deleted at the end") != std::string::npos; });
    ASSERT_NE(record_problem, r.problems.end());
    EXPECT_EQ(record_problem->seq, last_seq - 2);
}

TEST_F(Tamper, TailDeletedAndHeadAnchorRemovedIsStillReported) {
    cut_last_three_sales(true);
    std::filesystem::remove(db::Ledger::head_path(path));
    auto r = db::verify_ledger(path);
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.problems.front().reason.find("head anchor"), std::string::npos) << r.problems.front().reason;
}

// The documented limit before signed closures: whoever holds the key file can cut the tail and
// re-sign the anchor. Closures carried off the till (bundles) will close this gap.
TEST_F(Tamper, TailCutBySomeoneHoldingTheKeyIsTheDocumentedLimit) {
    cut_last_three_sales(true);
    const auto key = db::read_secret_key(db::Ledger::key_path(path));
    const std::int64_t seq = last_seq - 3;
    db::Hash h{};
    {
        db::Database d(path, db::Database::Mode::ReadOnly);
        auto st = d.prepare("SELECT hash FROM journal WHERE seq = " + std::to_string(seq));
        ASSERT_TRUE(st.step());
        auto b = st.blob(0);
        std::copy(b.begin(), b.end(), h.begin());
    }
    std::filesystem::remove(db::Ledger::head_path(path));
    db::write_head_anchor_slot(db::Ledger::head_path(path), "T1", seq, h, key);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

// Even someone holding the key, who rewrites a payload, re-chains everything after it and re-signs
// the anchor, cannot make a ticket whose VAT breaks the rule pass: the VAT is rebuilt from its lines.
TEST_F(Tamper, WrongVatRechainedWithTheKeyIsStillCaught) {
    const auto key = db::read_secret_key(db::Ledger::key_path(path));
    {
        db::Database d(path, db::Database::Mode::ReadWrite);
        d.exec("DROP TRIGGER journal_no_update");
        d.exec("UPDATE journal SET payload = replace(payload, '\"vat\":[{\"ht\":', '\"vat\":[{\"ht\":1') WHERE seq = " +
               std::to_string(ticket10_seq));
        auto read = d.prepare("SELECT seq, kind, at_utc, payload, prev_hash FROM journal WHERE seq >= ?1 ORDER BY seq");
        read.bind(1, ticket10_seq);
        auto write = d.prepare("UPDATE journal SET prev_hash = ?1, hash = ?2 WHERE seq = ?3");
        db::Hash prev{};
        bool first = true;
        db::Sha256 sha;
        std::vector<std::tuple<std::int64_t, db::Hash, db::Hash>> rows;
        while (read.step()) {
            if (first) {
                auto b = read.blob(4);
                std::copy(b.begin(), b.end(), prev.begin());
                first = false;
            }
            db::Hash h = db::record_hash(sha, prev.data(), "T1", read.i64(0), read.text(1), read.text(2), read.text(3));
            rows.emplace_back(read.i64(0), prev, h);
            prev = h;
        }
        for (auto& [seq, p, h] : rows) write.bind_blob(1, p.data(), 32).bind_blob(2, h.data(), 32).bind(3, seq).run();
        d.exec("CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'x'); END;");
        std::filesystem::remove(db::Ledger::head_path(path));
        db::write_head_anchor_slot(db::Ledger::head_path(path), "T1", last_seq, prev, key);
    }
    auto p = first_bad();
    EXPECT_EQ(p.seq, ticket10_seq);
    EXPECT_NE(p.reason.find("vat[0].ht"), std::string::npos) << p.reason;
}

TEST_F(Tamper, TornAnchorSlotIsOnlyAWarning) {
    // A power cut in the middle of an anchor write leaves one slot half-written.
    {
        std::fstream f(db::Ledger::head_path(path), std::ios::in | std::ios::out);
        f.seekp(20);
        f << "0000garbage";
    }
    auto r = db::verify_ledger(path);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
    EXPECT_FALSE(r.warnings.empty());
}

TEST_F(Tamper, AnchorFromAnotherLedgerIsRejected) {
    const auto other = dir.file("other.db");
    Till::init(other, "T1", false, testing::stepping_clock());
    std::filesystem::copy_file(db::Ledger::head_path(other), db::Ledger::head_path(path),
                               std::filesystem::copy_options::overwrite_existing);
    auto r = db::verify_ledger(path);
    ASSERT_FALSE(r.ok);
}

TEST_F(Tamper, TailJournalDeletedButProjectionsLeftIsCaught) {
    raw_sql(path, "DROP TRIGGER journal_no_delete; DELETE FROM journal WHERE seq = " + std::to_string(last_seq) + ";");
    std::filesystem::remove(db::Ledger::head_path(path));
    auto p = first_bad();
    EXPECT_EQ(p.seq, last_seq);
}

}  // namespace
}  // namespace caisse

namespace caisse {
namespace {

// After the tail is cut, the till must refuse to sign on top of it (which would hide the cut).
TEST_F(Tamper, TillRefusesToOpenALedgerShorterThanItsAnchor) {
    cut_last_three_sales(true);
    EXPECT_THROW(Till::open(path), InputError);
    EXPECT_FALSE(db::verify_ledger(path).ok);
}

TEST_F(Tamper, SalesRowsOfAnUnknownTerminalAreReported) {
    raw_sql(path, "INSERT INTO sales VALUES('ZZ', 1, 99, 1, 1, '2026-03-02', 0, 100000, 0, 0)");
    EXPECT_FALSE(db::verify_ledger(path).ok);
}

TEST_F(Tamper, SalesRowBelowTheFirstTicketIsReported) {
    raw_sql(path, "INSERT INTO sales VALUES('T1', 0, 3, 1, 1, '2026-03-02', 0, 100000, 0, 0)");
    EXPECT_FALSE(db::verify_ledger(path).ok);
}

TEST_F(Tamper, AbsurdRowidAndAmountsGiveAVerdictNotACrash) {
    raw_sql(path, "INSERT INTO journal(rowid, terminal, seq, kind, at_utc, payload, prev_hash, hash) "
                  "VALUES (9223372036854775807, 'T1', 999999, 'x', 'x', '{}', zeroblob(32), zeroblob(32))");
    EXPECT_FALSE(db::verify_ledger(path).ok);
    raw_sql(path, "DROP TRIGGER sale_lines_no_update; UPDATE sale_lines SET total = 9000000000000000000, vat_bp = 10000;");
    EXPECT_FALSE(db::verify_ledger(path).ok);
}

TEST_F(Tamper, MissingTerminalNameIsReported) {
    raw_sql(path, "DELETE FROM local_settings");
    EXPECT_FALSE(db::verify_ledger(path).ok);
}

}  // namespace
}  // namespace caisse

namespace caisse {
namespace {

// Closures (docs/ledger-format.md, "Closures"): three business days over two months, so the third
// day close makes the month closure of March before its Z. Each tampering must be reported at the
// record it falsifies.
class TamperClosures : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        namespace chr = std::chrono;
        auto now = std::make_shared<chr::system_clock::time_point>(chr::sys_days{chr::year{2026} / 3 / 2} + chr::hours{10});
        auto till = testing::demo_till(path, [now] { return *now += chr::seconds{1}; });  // session 1: float 150,00 typed
        testing::sell_random(*till, 8, 7);
        const Actor karim = testing::as(*till, "Karim");
        record_cash_move(*till, karim, CashMoveRequest{false, Money::cents(2000), "apport", std::nullopt});
        record_cash_move(*till, karim, CashMoveRequest{true, Money::cents(1250), "achat ingrédients", "Aminata Diop"});
        close_day(*till, karim, close_request(*till, "a 5 € note is missing"));
        *now = chr::sys_days{chr::year{2026} / 3 / 3} + chr::hours{10};
        OpenSessionRequest open{{}, std::nullopt};
        open.count.set(2000, 5);
        open.count.set(200, 10);
        open_cash_session(*till, karim, open);
        testing::sell_random(*till, 5, 8);
        close_day(*till, karim, close_request(*till, ""));
        *now = chr::sys_days{chr::year{2026} / 4 / 1} + chr::hours{10};
        open_cash_session(*till, karim, OpenSessionRequest{{}, Money::cents(10000)});
        testing::sell_random(*till, 4, 9);
        close_day(*till, karim, close_request(*till, ""));
        open_cash_session(*till, karim, OpenSessionRequest{{}, Money::cents(10000)});
        testing::sell_random(*till, 2, 10);  // the Zs are not the newest records
        till.reset();
        const auto r = db::verify_ledger(path);
        ASSERT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
        z1_seq = raw_scalar(path, "SELECT seq FROM day_closures WHERE z = 1");
        month_seq = raw_scalar(path, "SELECT seq FROM period_closures WHERE kind = 'month' AND number = 1");
        ASSERT_EQ(raw_scalar(path, "SELECT first_z || last_z FROM period_closures WHERE seq = " + std::to_string(month_seq)), 12);
        ASSERT_EQ(raw_scalar(path, "SELECT seq FROM day_closures WHERE z = 3"), month_seq + 1);
        move_seq = raw_scalar(path, "SELECT MAX(seq) FROM cash_moves WHERE session_id = 1");
    }
    // The drawer as expected, less 5 € when a note explains it.
    static CloseRequest close_request(Till& till, const std::string& note) {
        CloseRequest r;
        r.note = note;
        std::int64_t left = x_report(till).expected_cash.value() - (note.empty() ? 0 : 500);
        for (std::int64_t d : kEuroDenominations)
            if (left >= d) {
                r.count.set(d, left / d);
                left %= d;
            }
        return r;
    }
    db::VerifyProblem first_bad() {
        auto r = db::verify_ledger(path);
        EXPECT_FALSE(r.ok);
        return r.problems.empty() ? db::VerifyProblem{} : r.problems.front();
    }
    bool any_problem_at(std::int64_t seq, const std::string& words) {
        for (const auto& p : db::verify_ledger(path).problems)
            if (p.seq == seq && p.reason.find(words) != std::string::npos) return true;
        return false;
    }
    testing::TempDir dir;
    std::string path;
    std::int64_t z1_seq = 0, month_seq = 0, move_seq = 0;
};

TEST_F(TamperClosures, GenuineClosuresAreSigned) {
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM journal WHERE kind LIKE 'closure.%' AND length(sig) = 64"), 4);
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM day_closures"), 3);
}

// Without the key, the tamperer can make the hashes consistent again but not the Z's signature.
// The independent verifier (tests/verifier) checks month closures on this ledger: the CLI test
// there cannot set the clock to cross a month.
TEST_F(TamperClosures, IndependentVerifierAcceptsTheMonthClosureAndCatchesAWrongOne) {
    if (!std::filesystem::exists("/usr/bin/python3")) GTEST_SKIP() << "no python3";
    const std::string run = "/usr/bin/python3 " + std::string(CAISSE_SOURCE_DIR) + "/tests/verifier/verify_ledger.py " + path;
    ASSERT_EQ(std::system((run + " >/dev/null").c_str()), 0);
    raw_sql(path, "DROP TRIGGER period_closures_no_update; UPDATE period_closures SET last_z = 1 WHERE seq = " +
                      std::to_string(month_seq) + ";");
    const std::string out = dir.file("out.json");
    EXPECT_NE(std::system((run + " --json >" + out).c_str()), 0);
    std::ifstream in(out);
    const auto first = nlohmann::json::parse(in).at("first_bad");
    EXPECT_EQ(first.at("seq").get<std::int64_t>(), month_seq) << first.dump();
}

TEST_F(TamperClosures, ZTotalAlteredAndRechainedWithoutTheKeyFailsItsSignature) {
    {
        db::Database d(path, db::Database::Mode::ReadWrite);
        d.exec("DROP TRIGGER journal_no_update");
        auto get = d.prepare("SELECT payload FROM journal WHERE seq = ?1");
        get.bind(1, z1_seq);
        ASSERT_TRUE(get.step());
        auto z = nlohmann::json::parse(get.text(0));
        get.reset();
        for (const char* k : {"total", "total_abs", "grand_total", "grand_total_abs", "month_total", "year_total"})
            z[k] = z[k].get<std::int64_t>() - 1000;  // a Z that adds up on its own
        auto set = d.prepare("UPDATE journal SET payload = ?1 WHERE seq = ?2");
        set.bind(1, db::canonical_json(z)).bind(2, z1_seq).run();
        auto read = d.prepare("SELECT seq, kind, at_utc, payload, prev_hash FROM journal WHERE seq >= ?1 ORDER BY seq");
        read.bind(1, z1_seq);
        auto write = d.prepare("UPDATE journal SET prev_hash = ?1, hash = ?2 WHERE seq = ?3");
        db::Hash prev{};
        bool first = true;
        db::Sha256 sha;
        std::vector<std::tuple<std::int64_t, db::Hash, db::Hash>> rows;
        while (read.step()) {
            if (first) {
                auto b = read.blob(4);
                std::copy(b.begin(), b.end(), prev.begin());
                first = false;
            }
            db::Hash h = db::record_hash(sha, prev.data(), "T1", read.i64(0), read.text(1), read.text(2), read.text(3));
            rows.emplace_back(read.i64(0), prev, h);
            prev = h;
        }
        for (auto& [seq, p, h] : rows) write.bind_blob(1, p.data(), 32).bind_blob(2, h.data(), 32).bind(3, seq).run();
    }
    auto p = first_bad();
    EXPECT_EQ(p.seq, z1_seq);
    EXPECT_NE(p.reason.find("signature"), std::string::npos) << p.reason;
    EXPECT_TRUE(any_problem_at(month_seq, "signature"));  // every later closure's signature breaks too
}

TEST_F(TamperClosures, ZProjectionRowAltered) {
    raw_sql(path, "DROP TRIGGER day_closures_no_update; UPDATE day_closures SET total = total - 1000 WHERE z = 1;");
    auto p = first_bad();
    EXPECT_EQ(p.seq, z1_seq);
    EXPECT_NE(p.reason.find("projection row"), std::string::npos) << p.reason;
}

TEST_F(TamperClosures, ZCountRowAltered) {
    raw_sql(path, "DROP TRIGGER cash_counts_no_update; UPDATE cash_counts SET pieces = pieces + 1 WHERE seq = " +
                      std::to_string(z1_seq) + " AND cents = (SELECT MAX(cents) FROM cash_counts WHERE seq = " +
                      std::to_string(z1_seq) + ");");
    auto p = first_bad();
    EXPECT_EQ(p.seq, z1_seq);
}

TEST_F(TamperClosures, MonthClosureRemovedBreaksTheChain) {
    raw_sql(path, "DROP TRIGGER journal_no_delete; DROP TRIGGER period_closures_no_delete;"
                  "DELETE FROM journal WHERE seq = " + std::to_string(month_seq) + ";"
                  "DELETE FROM period_closures WHERE seq = " + std::to_string(month_seq) + ";");
    auto p = first_bad();
    EXPECT_EQ(p.seq, month_seq);
}

TEST_F(TamperClosures, ZRemovedBreaksTheChain) {
    raw_sql(path, "DROP TRIGGER journal_no_delete; DROP TRIGGER day_closures_no_delete; DROP TRIGGER cash_counts_no_delete;"
                  "DELETE FROM journal WHERE seq = " + std::to_string(z1_seq) + ";"
                  "DELETE FROM day_closures WHERE seq = " + std::to_string(z1_seq) + ";"
                  "DELETE FROM cash_counts WHERE seq = " + std::to_string(z1_seq) + ";");
    auto p = first_bad();
    EXPECT_EQ(p.seq, z1_seq);
}

// A ticket slipped into a closed session's projections, numbered after the last one: the Z that
// closed the session no longer equals its tickets.
TEST_F(TamperClosures, SaleAddedIntoAClosedSession) {
    const auto ticket = raw_scalar(path, "SELECT MAX(ticket) + 1 FROM sales");
    const auto seq = raw_scalar(path, "SELECT MAX(seq) + 1 FROM journal");
    raw_sql(path, "INSERT INTO sales(terminal, ticket, seq, session_id, user_id, day, discount, total, change) VALUES ('T1', " +
                      std::to_string(ticket) + ", " + std::to_string(seq) + ", 1, 3, '2026-03-02', 0, 1500, 0);"
                      "INSERT INTO sale_payments(terminal, ticket, idx, method, amount) VALUES ('T1', " + std::to_string(ticket) +
                      ", 1, 'cash', 1500);");
    auto p = first_bad();
    EXPECT_EQ(p.seq, z1_seq);
    EXPECT_NE(p.reason.find("closure"), std::string::npos) << p.reason;
}

TEST_F(TamperClosures, CashMoveAmountAltered) {
    raw_sql(path, "DROP TRIGGER cash_moves_no_update; UPDATE cash_moves SET amount = amount + 1000 WHERE seq = " +
                      std::to_string(move_seq) + ";");
    auto p = first_bad();
    EXPECT_EQ(p.seq, move_seq);
    EXPECT_NE(p.reason.find("amount"), std::string::npos) << p.reason;
    EXPECT_TRUE(any_problem_at(z1_seq, "cash moves"));  // and the Z no longer equals its session
}

}  // namespace
}  // namespace caisse
