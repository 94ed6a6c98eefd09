#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

using testing::TempDir;

TEST(Ledger, DemoLedgerWithHundredSalesVerifiesAndReportAddsUp) {
    TempDir dir;
    const auto path = dir.file("l.db");
    auto till = testing::demo_till(path);
    const std::int64_t sum = testing::sell_random(*till, 100, 7);
    auto result = db::verify_ledger(path);
    ASSERT_TRUE(result.ok) << result.problems.front().reason;
    auto report = till->report_day("2026-03-02");
    EXPECT_EQ(report.tickets, 100);
    EXPECT_EQ(report.total, sum);
    std::int64_t ent = 0, ttc = 0, ht_vat = 0, tender = 0;
    for (const auto& [name, c] : report.by_entrepreneur) ent += c;
    for (const auto& [bp, v] : report.by_vat) {
        ttc += v.ttc;
        ht_vat += v.ht + v.vat;
    }
    for (const auto& [m, c] : report.by_tender) tender += c;
    EXPECT_EQ(ent, sum);
    EXPECT_EQ(ttc, sum);
    EXPECT_EQ(ht_vat, sum);
    EXPECT_EQ(tender, sum);
    EXPECT_EQ(till->report_day("2026-03-03").tickets, 0);
}

TEST(Ledger, TicketsAndSeqAreGapFree) {
    TempDir dir;
    const auto path = dir.file("l.db");
    auto till = testing::demo_till(path);
    testing::sell_random(*till, 20, 3);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT MAX(ticket) - COUNT(*) FROM sales"), 0);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT MAX(seq) - COUNT(*) FROM journal"), 0);
}

TEST(Ledger, SalePayloadIsCanonicalJson) {
    TempDir dir;
    const auto path = dir.file("l.db");
    auto till = testing::demo_till(path);
    testing::sell_random(*till, 10, 11);
    db::Database d(path, db::Database::Mode::ReadOnly);
    auto st = d.prepare("SELECT payload FROM journal");
    int n = 0;
    while (st.step()) {
        EXPECT_TRUE(db::is_canonical_json(st.text(0))) << st.str(0);
        ++n;
    }
    EXPECT_GT(n, 50);
}

TEST(Ledger, TriggersRefuseUpdateAndDelete) {
    TempDir dir;
    const auto path = dir.file("l.db");
    auto till = testing::demo_till(path);
    testing::sell_random(*till, 2, 1);
    EXPECT_THROW(testing::raw_sql(path, "UPDATE sales SET total = 1"), db::SqliteError);
    EXPECT_THROW(testing::raw_sql(path, "DELETE FROM journal WHERE seq = 3"), db::SqliteError);
    EXPECT_THROW(testing::raw_sql(path, "UPDATE sale_lines SET total = 1"), db::SqliteError);
    EXPECT_THROW(testing::raw_sql(path, "DELETE FROM product_versions"), db::SqliteError);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST(Ledger, KeyFileIsPrivateAndGenesisCarriesPublicKey) {
    TempDir dir;
    const auto path = dir.file("l.db");
    auto till = Till::init(path, "T1", false, testing::stepping_clock());
    auto perms = std::filesystem::status(db::Ledger::key_path(path)).permissions();
    EXPECT_EQ(perms & std::filesystem::perms::all, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
    db::Database d(path, db::Database::Mode::ReadOnly);
    auto st = d.prepare("SELECT payload, sig FROM journal WHERE seq = 1");
    ASSERT_TRUE(st.step());
    EXPECT_NE(st.str(0).find(db::to_hex(till->ledger().public_key())), std::string::npos);
    EXPECT_EQ(st.blob(1).size(), 64u);
}

TEST(Ledger, InitRefusesExistingFile) {
    TempDir dir;
    const auto path = dir.file("l.db");
    Till::init(path, "T1", false, testing::stepping_clock());
    EXPECT_THROW(Till::init(path, "T1", false, testing::stepping_clock()), InputError);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST(Ledger, RefusesFileThatIsNotALedger) {
    TempDir dir;
    const auto text = dir.file("notes.db");
    std::ofstream(text) << "this is not a database, just some text that is long enough to look like a header..........\n";
    EXPECT_THROW(Till::open(text), InputError);
    const auto other = dir.file("other.db");
    testing::raw_sql(other, "CREATE TABLE t(x)");  // a SQLite file, but not ours
    EXPECT_THROW(Till::open(other), InputError);
    EXPECT_THROW(Till::open(dir.file("missing.db")), InputError);
}

TEST(Ledger, RefusesLedgerFromNewerVersionAndLeavesItUnchanged) {
    TempDir dir;
    const auto path = dir.file("l.db");
    Till::init(path, "T1", true, testing::stepping_clock());
    testing::raw_sql(path, "PRAGMA user_version = 99");
    const auto before = testing::raw_scalar(path, "SELECT COUNT(*) FROM journal");
    try {
        Till::open(path);
        FAIL() << "opened a ledger from a newer version";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("newer"), std::string::npos);
    }
    EXPECT_EQ(testing::raw_scalar(path, "PRAGMA user_version"), 99);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"), before);
}

TEST(Ledger, SecondWriterGetsBusyAndNothingChanges) {
    TempDir dir;
    const auto path = dir.file("l.db");
    auto till = testing::demo_till(path);
    db::Database other(path, db::Database::Mode::ReadWrite);
    other.exec("BEGIN IMMEDIATE");  // another process holds the write lock
    SellRequest r = testing::sell_text({"MAFE"}, std::nullopt, {"card"});
    const Actor lucie = testing::as(*till, "Lucie");
    try {
        till->sell(lucie, r);
        FAIL() << "sold while another writer held the lock";
    } catch (const db::SqliteError& e) {
        EXPECT_TRUE(e.busy());
    }
    other.exec("ROLLBACK");
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM sales"), 0);
    EXPECT_EQ(till->sell(lucie, r).ticket, 1);  // and the till recovers once the lock is gone
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST(Ledger, ConcurrentSellersStayGapFree) {
    TempDir dir;
    const auto path = dir.file("l.db");
    testing::demo_till(path);
    auto worker = [&](unsigned seed) {
        auto till = Till::open(path, testing::stepping_clock());
        testing::sell_random(*till, 15, seed);
    };
    std::thread a(worker, 1), b(worker, 2);
    a.join();
    b.join();
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM sales"), 30);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT MAX(ticket) FROM sales"), 30);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

// The newest seq in a head file's slots (0: none readable).
std::int64_t anchored_seq(const std::string& head) {
    std::int64_t seq = 0;
    if (const auto slots = db::read_head_anchor_slots(head))
        for (const auto& s : *slots) seq = std::max(seq, s.seq);
    return seq;
}

// Waits until the writer has written n slots (posting never waits for them).
void wait_for_writes(db::HeadAnchorWriter& w, std::int64_t n) {
    for (int i = 0; i < 10'000 && w.writes() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    ASSERT_EQ(w.writes(), n);
}

TEST(HeadAnchorWriter, ABurstOfSalesIsAnchoredOnceWithTheNewestAndFlushDoesNotWaitOutTheRest) {
    TempDir dir;
    const auto head = dir.file("l.db.head");
    const auto key = db::make_key_pair().secret;
    db::HeadAnchorWriter w(head, "T1", key, std::chrono::hours(1));
    db::Hash h{};
    w.post(1, h);
    wait_for_writes(w, 1);  // a post after a quiet moment is written at once
    EXPECT_EQ(anchored_seq(head), 1);
    for (std::int64_t seq = 2; seq <= 500; ++seq) {
        h[0] = static_cast<std::uint8_t>(seq);
        w.post(seq, h);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(w.writes(), 1);  // resting: the burst waits, nothing signed per sale
    EXPECT_EQ(anchored_seq(head), 1);
    w.flush();                 // ends the hour's rest: only the newest is written
    EXPECT_EQ(w.writes(), 2);
    const auto slots = db::read_head_anchor_slots(head);
    ASSERT_TRUE(slots);
    EXPECT_EQ((*slots)[0].seq, 500);  // slot seq % 2
    EXPECT_EQ((*slots)[0].hash[0], static_cast<std::uint8_t>(500));
}

TEST(HeadAnchorWriter, TheNewestPostIsWrittenWhenTheWriterStopsDuringItsRest) {
    TempDir dir;
    const auto head = dir.file("l.db.head");
    {
        db::HeadAnchorWriter w(head, "T1", db::make_key_pair().secret, std::chrono::hours(1));
        w.post(1, db::Hash{});
        wait_for_writes(w, 1);
        w.post(7, db::Hash{});
    }  // an hour's rest must not hold the destructor
    EXPECT_EQ(anchored_seq(head), 7);
}

TEST(Ledger, ProductPriceChangeKeepsOldVersionForAudit) {
    TempDir dir;
    const auto path = dir.file("l.db");
    auto till = testing::demo_till(path);
    till->sell(testing::as(*till, "Lucie"), testing::sell_text({"MAFE"}, std::nullopt, {"card"}));
    auto s = till->import_catalogue(testing::as(*till, "Karim"), "sku,name,price,vat,entrepreneur,category\nMAFE,Mafé poulet,10.00,10,Aminata Diop,Plats\n");
    EXPECT_EQ(s.changed, 1);
    auto second = till->sell(testing::as(*till, "Lucie"), testing::sell_text({"MAFE"}, std::nullopt, {"card"}));
    EXPECT_EQ(second.priced.total.value(), 1000);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM product_versions WHERE sku = 'MAFE'"), 2);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT total FROM sales WHERE ticket = 1"), 950);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

}  // namespace
}  // namespace caisse
