// Backups and restore (issue 9, item 7): a verified copy with its head anchor and no secrets,
// rotation, the witness verify reads, a missing folder, the backup after each Z, and a restore
// that refuses to lose records, naming them.
#include <gtest/gtest.h>

#include <filesystem>

#include "app/services/backup.hpp"
#include "app/services/printing.hpp"
#include "db/verify.hpp"
#include "tests/services/conservation_support.hpp"

namespace caisse {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> backups_in(const std::string& dir) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir))
        if (e.is_directory()) out.push_back(e.path());
    std::sort(out.begin(), out.end());
    return out;
}

class BackupTest : public ::testing::Test {
protected:
    testing::TempDir dir;
    std::string db = dir.file("caisse.db");
    std::string to = dir.file("stick");
    std::unique_ptr<Till> till = testing::demo_till(db);
    void SetUp() override {
        fs::create_directory(to);
        testing::sell_random(*till, 20, 1);
    }
    BackupOptions options(int keep = 7) {
        BackupOptions o;
        o.dir = to;
        o.keep = keep;
        return o;
    }
};

TEST_F(BackupTest, ACopyThatVerifiesWithItsAnchorAndNoSecrets) {
    const std::int64_t records = testing::raw_scalar(db, "SELECT count(*) FROM journal");
    const auto r = backup_ledger(*till, std::nullopt, options());
    EXPECT_EQ(r.records, records);
    ASSERT_EQ(r.ends.size(), 1u);
    EXPECT_EQ(r.ends.front().seq, records);
    EXPECT_TRUE(fs::exists(fs::path(r.folder) / "caisse.db"));
    EXPECT_TRUE(fs::exists(fs::path(r.folder) / "caisse.db.head"));
    for (const auto& e : fs::recursive_directory_iterator(to)) {
        const std::string name = e.path().filename().string();
        EXPECT_EQ(name.find(".key"), std::string::npos) << name;
        EXPECT_EQ(name.find("credentials"), std::string::npos) << name;
    }
    EXPECT_TRUE(db::verify_ledger((fs::path(r.folder) / "caisse.db").string()).ok);
    // The newest anchor beside the folders is the witness verify --backup-dir reads.
    db::VerifyOptions v;
    v.backup_dir = to;
    const auto check = db::verify_ledger(db, v);
    EXPECT_TRUE(check.ok);
    bool witnessed = false;
    for (const auto& w : check.witnesses) witnessed |= w.witness == "backup_head" && w.result == "ok";
    EXPECT_TRUE(witnessed);
    // Journaled after the copy.
    EXPECT_EQ(till->recent_events(1).front().code, "backup.done");
    EXPECT_NE(till->recent_events(1).front().detail.find("up to " + std::to_string(records)), std::string::npos);
}

TEST_F(BackupTest, KeepsTheNewestN) {
    for (int i = 0; i < 3; ++i) {
        testing::sell_random(*till, 1, 10 + i);
        backup_ledger(*till, std::nullopt, options(2));
    }
    const auto folders = backups_in(to);
    ASSERT_EQ(folders.size(), 2u);
    // The newest holds the most records.
    const auto newest = db::chain_ends((folders.back() / "caisse.db").string()).front().seq;
    const auto older = db::chain_ends((folders.front() / "caisse.db").string()).front().seq;
    EXPECT_GT(newest, older);
    EXPECT_THROW(backup_ledger(*till, std::nullopt, options(0)), InputError);
}

TEST_F(BackupTest, AMissingFolderIsSaidAndJournaled) {
    BackupOptions o = options();
    o.dir = dir.file("unplugged");
    try {
        backup_ledger(*till, std::nullopt, o);
        FAIL() << "no error";
    } catch (const InputError& e) {
        EXPECT_NE(e.message().english().find("unplugged"), std::string::npos);
    }
    EXPECT_EQ(till->recent_events(1).front().code, "backup.failed");
    EXPECT_EQ(till->recent_events(1).front().detail.rfind("failed", 0), 0u);
}

TEST_F(BackupTest, RestoreOfAnOlderBackupIsRefusedNamingTheRecords) {
    const auto r = backup_ledger(*till, std::nullopt, options());
    testing::sell_random(*till, 5, 2);
    const std::int64_t last = testing::raw_scalar(db, "SELECT max(seq) FROM journal");
    till.reset();
    try {
        restore_ledger(r.folder, db, false);
        FAIL() << "restored over a newer ledger";
    } catch (const InputError& e) {
        const std::string m = e.message().english();
        // The backup's event is not in the backup either: records from its end + 1 to the last.
        EXPECT_NE(m.find("terminal T1: records " + std::to_string(r.ends.front().seq + 1) + " to " + std::to_string(last)),
                  std::string::npos)
            << m;
    }
    EXPECT_EQ(testing::raw_scalar(db, "SELECT max(seq) FROM journal"), last);  // untouched
    EXPECT_TRUE(db::verify_ledger(db).ok);

    // Given on purpose, the loss is journaled in the restored ledger.
    const auto done = restore_ledger(r.folder, db, true);
    ASSERT_EQ(done.lost.size(), 1u);
    EXPECT_EQ(done.lost.front().last, last);
    EXPECT_TRUE(done.journaled);
    EXPECT_TRUE(db::verify_ledger(db).ok);
    EXPECT_EQ(testing::raw_scalar(db, "SELECT max(seq) FROM journal"), r.ends.front().seq + 1);
    auto reopened = Till::open(db);
    EXPECT_EQ(reopened->recent_events(1).front().code, "restore.done");
    EXPECT_NE(reopened->recent_events(1).front().detail.find("records lost"), std::string::npos);
}

TEST_F(BackupTest, RestoreOverADeletedLedgerAndRefusalOfAnotherLedger) {
    const auto r = backup_ledger(*till, std::nullopt, options());
    till.reset();
    // Another till's ledger is never overwritten by this backup.
    testing::TempDir other_dir;
    const std::string other = other_dir.file("caisse.db");
    testing::demo_till(other);
    EXPECT_THROW(restore_ledger(r.folder, other, true), InputError);
    // The ledger lost (disk replaced): the backup comes back whole and verifies.
    fs::remove(db);
    fs::remove(db + "-wal");
    fs::remove(db + "-shm");
    const auto done = restore_ledger(r.folder, db, false);
    EXPECT_TRUE(done.lost.empty());
    EXPECT_TRUE(db::verify_ledger(db).ok);
}

TEST_F(BackupTest, MadeInTheBackgroundAfterEachZ) {
    set_till_settings(*till, testing::as(*till, "Karim"), {{"backup.dir", to}, {"backup.keep", "3"}});
    EXPECT_THROW(set_till_settings(*till, testing::as(*till, "Karim"), {{"backup.keep", "0"}}), InputError);
    EXPECT_THROW(set_till_settings(*till, testing::as(*till, "Karim"), {{"backup.dir", "relative/path"}}), InputError);
    testing::close_exactly(*till);
    finish_backups(*till);
    const auto folders = backups_in(to);
    ASSERT_EQ(folders.size(), 1u);
    const auto z_seq = testing::raw_scalar(db, "SELECT seq FROM day_closures WHERE z = 1");
    EXPECT_GE(db::chain_ends((folders.front() / "caisse.db").string()).front().seq, z_seq);  // the Z is in it
    EXPECT_EQ(till->recent_events(1).front().code, "backup.done");
    EXPECT_TRUE(backup_status(*till).last_ok.value_or(false));
    EXPECT_FALSE(backup_status(*till).folder_missing);
    fs::remove_all(to);  // the stick unplugged
    EXPECT_TRUE(backup_status(*till).folder_missing);
}

}  // namespace
}  // namespace caisse
