// Tampering with refunds and cancellations (issue 9, "done means"): an altered sale.refund record
// or projection row is caught by verify, naming the record; so is a forged refund re-chained by
// someone holding the key, by the refund rules themselves.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/services/refund.hpp"
#include "db/ledger.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

using testing::raw_scalar;
using testing::raw_sql;

class TamperRefund : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        auto till = testing::demo_till(path);
        testing::sell_random(*till, 12, 3);
        const Actor karim = testing::as(*till, "Karim");
        refund_ticket(*till, karim, RefundRequest{4, {}, TenderMethod::Card, {}});
        const auto line = till->recorded_sale(7)->sale.lines.front();
        refund_ticket(*till, karim, RefundRequest{7, {{line.sku, 1}}, TenderMethod::Cheque, {}});
        testing::sell_random(*till, 2, 8);
        cancel_ticket(*till, karim, 14);
        ASSERT_TRUE(db::verify_ledger(path).ok);
        refund1 = raw_scalar(path, "SELECT seq FROM refunds WHERE refund = 1");
        cancel = raw_scalar(path, "SELECT seq FROM refunds WHERE cancel = 1");
    }
    db::VerifyProblem first_bad() {
        auto r = db::verify_ledger(path);
        EXPECT_FALSE(r.ok);
        return r.problems.empty() ? db::VerifyProblem{} : r.problems.front();
    }
    // Rewrites the payload of record `seq` and re-chains everything after it with the key, as
    // someone holding the key file could: only the refund rules can then tell.
    void forge(std::int64_t seq, const std::string& from, const std::string& to) {
        const auto key = db::read_secret_key(db::Ledger::key_path(path));
        db::Database d(path, db::Database::Mode::ReadWrite);
        d.exec("DROP TRIGGER journal_no_update");
        d.exec("UPDATE journal SET payload = replace(payload, '" + from + "', '" + to + "') WHERE seq = " + std::to_string(seq));
        auto read = d.prepare("SELECT seq, kind, at_utc, payload, prev_hash FROM journal WHERE seq >= ?1 ORDER BY seq");
        read.bind(1, seq);
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
            const db::Hash h = db::record_hash(sha, prev.data(), "T1", read.i64(0), read.text(1), read.text(2), read.text(3));
            rows.emplace_back(read.i64(0), prev, h);
            prev = h;
        }
        auto write = d.prepare("UPDATE journal SET prev_hash = ?1, hash = ?2 WHERE seq = ?3");
        for (auto& [s, p, h] : rows) write.bind_blob(1, p.data(), 32).bind_blob(2, h.data(), 32).bind(3, s).run();
        std::filesystem::remove(db::Ledger::head_path(path));
        db::write_head_anchor_slot(db::Ledger::head_path(path), "T1", std::get<0>(rows.back()), prev, key);
    }
    testing::TempDir dir;
    std::string path;
    std::int64_t refund1 = 0, cancel = 0;
};

TEST_F(TamperRefund, RefundPayloadAlteredBreaksItsHash) {
    raw_sql(path, "DROP TRIGGER journal_no_update; UPDATE journal SET payload = replace(payload, '\"total\":-', '\"total\":-1') "
                  "WHERE seq = " + std::to_string(refund1));
    const auto p = first_bad();
    EXPECT_EQ(p.seq, refund1);
    EXPECT_NE(p.reason.find("hash mismatch"), std::string::npos) << p.reason;
}

TEST_F(TamperRefund, RefundLineProjectionAltered) {
    raw_sql(path, "DROP TRIGGER refund_lines_no_update; UPDATE refund_lines SET total = total - 100 WHERE refund = 1 AND line_no = 1");
    const auto p = first_bad();
    EXPECT_EQ(p.seq, refund1);
    EXPECT_NE(p.reason.find("refunds"), std::string::npos) << p.reason;
}

TEST_F(TamperRefund, RefundRowDeletedIsAMissingProjection) {
    raw_sql(path, "DROP TRIGGER refund_vat_no_delete; DELETE FROM refund_vat WHERE refund = 2");
    const auto p = first_bad();
    EXPECT_EQ(p.seq, raw_scalar(path, "SELECT seq FROM refunds WHERE refund = 2"));
}

TEST_F(TamperRefund, RefundOfMoreThanSoldForgedWithTheKeyIsCaughtByTheRules) {
    // The second refund gave back 1 unit; the forger makes it 50 (and its projection row too).
    const auto seq = raw_scalar(path, "SELECT seq FROM refunds WHERE refund = 2");
    raw_sql(path, "DROP TRIGGER refund_lines_no_update; UPDATE refund_lines SET quantity = -50 WHERE refund = 2");
    forge(seq, "\"qty\":-1,", "\"qty\":-50,");
    const auto r = db::verify_ledger(path);
    ASSERT_FALSE(r.ok);
    bool named = false;
    for (const auto& p : r.problems) named |= p.seq == seq && p.reason.find("gives back 50 units") != std::string::npos;
    EXPECT_TRUE(named) << r.problems.front().reason;
    EXPECT_EQ(r.problems.front().seq, seq);
}

TEST_F(TamperRefund, CancellationTurnedIntoCashForgedWithTheKeyIsCaught) {
    // A cancellation must give the money back by the sale's own tenders.
    const auto method = raw_scalar(path, "SELECT COUNT(*) FROM refund_payments p JOIN refunds r ON r.refund = p.refund "
                                         "WHERE r.cancel = 1 AND p.method = 'card'");
    const std::string from = method ? "card" : "cash", to = method ? "transfer" : "card";
    raw_sql(path, "DROP TRIGGER refund_payments_no_update; UPDATE refund_payments SET method = '" + to + "' WHERE refund = 3 AND method = '" + from + "'");
    forge(cancel, "\"method\":\"" + from + "\"", "\"method\":\"" + to + "\"");
    const auto p = first_bad();
    EXPECT_EQ(p.seq, cancel);
    EXPECT_NE(p.reason.find("same tenders"), std::string::npos) << p.reason;
}

}  // namespace
}  // namespace caisse
