// Storage faults (issue 10, item 12): the disk fails a write, a sync, or is full at a chosen point
// of a sale's commit. The sale is refused with a clear error, the ledger keeps its previous state
// (verify passes, last ticket and head unchanged), and the till sells again once the disk works,
// with the same Till and after reopening it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "db/ledger.hpp"
#include "db/sqlite.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"
#include "tests/storage/fault_vfs.hpp"

namespace caisse {
namespace {

using testing::fault_vfs::Fault;
namespace vfs = testing::fault_vfs;

SellRequest a_sale() {
    return testing::sell_text({"MAFE*2", "CAFE", "PLATJ@7,50"}, std::string("10%"), {"voucher:5", "cash:50"});
}

struct State {
    std::int64_t records, last_ticket;
    std::string head_anchor;  // the signed head file's bytes
    bool operator==(const State&) const = default;
};

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

class StorageFault : public ::testing::TestWithParam<Fault> {
protected:
    static void SetUpTestSuite() { vfs::install(); }
    void SetUp() override {
        vfs::clear();
        path = dir.file("l.db");
        till = testing::demo_till(path, clock);
        testing::sell_random(*till, 3, 5);
    }
    void TearDown() override { vfs::clear(); }
    State state() {
        till->ledger().flush_head_anchor();
        return {testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"), testing::raw_scalar(path, "SELECT MAX(ticket) FROM sales"),
                file_bytes(db::Ledger::head_path(path))};
    }
    // How many writes or syncs (as the fault counts them) one sale's commit makes.
    int points(Fault fault) {
        const Actor karim = testing::as(*till, "Karim");  // signed in outside the counted commit
        // An empty WAL before each counted sale: an automatic checkpoint (after the commit, its
        // failure ignored by SQLite) never falls among the points counted.
        till->ledger().db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        vfs::reset_counts();
        till->sell(karim, a_sale());
        const auto c = vfs::counts();
        return fault == Fault::sync_error ? c.syncs : c.writes;
    }
    // Arms the fault at point n, sells, and checks the refusal, the state, and the recovery.
    void refused_then_recovers(Fault fault, int n) {
        SCOPED_TRACE("point " + std::to_string(n));
        const State before = state();
        const Actor karim = testing::as(*till, "Karim");
        till->ledger().db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
        vfs::arm(fault, n);
        try {
            till->sell(karim, a_sale());
            // A sale can write a page or two fewer than the one counted (no B-tree split this
            // time): the point was never reached, the sale rightly went through.
            if (vfs::counts().failed == 0 && n > 1) {
                vfs::clear();
                EXPECT_TRUE(db::verify_ledger(path).ok);
                return;
            }
            ADD_FAILURE() << "sale accepted with the disk failing";
        } catch (const db::StorageError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("nothing was recorded"), std::string::npos) << what;
            EXPECT_NE(what.find(fault == Fault::disk_full ? "disk is full" : fault == Fault::sync_error ? "did not confirm" : "write error"),
                      std::string::npos)
                << what;
        }
        EXPECT_GE(vfs::counts().failed, 1);
        vfs::clear();
        EXPECT_EQ(state(), before) << "the refused sale changed the ledger";
        const auto report = db::verify_ledger(path);
        EXPECT_TRUE(report.ok);
        // The same till sells again: the next ticket, no gap; the refused write is journaled (JET
        // storage.error) by that first commit that works, right after the sale's record.
        const auto errors = testing::raw_scalar(path, "SELECT COUNT(*) FROM events WHERE code = 'storage.error'");
        const auto again = till->sell(testing::as(*till, "Karim"), a_sale());
        EXPECT_EQ(again.ticket, before.last_ticket + 1);
        EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM events WHERE code = 'storage.error'"), errors + 1);
        EXPECT_EQ(testing::raw_scalar(path, "SELECT seq FROM events WHERE code = 'storage.error' ORDER BY seq DESC LIMIT 1"), again.seq + 1);
        // And after reopening (the till restarted by its user).
        till.reset();
        till = Till::open(path, clock);
        EXPECT_EQ(till->sell(testing::as(*till, "Karim"), a_sale()).ticket, before.last_ticket + 2);
        EXPECT_TRUE(db::verify_ledger(path).ok);
    }

    testing::TempDir dir;
    std::string path;
    Clock clock = testing::stepping_clock();
    std::unique_ptr<Till> till;
};

// Every write (or sync) of the commit, first to last: a fault anywhere refuses the whole sale.
TEST_P(StorageFault, AtEveryPointOfTheCommit) {
    const int n = points(GetParam());
    ASSERT_GE(n, 1);
    for (int i = 1; i <= n; ++i) refused_then_recovers(GetParam(), i);
}

// A fault that stays (a full disk is full for every sale) refuses sale after sale, then clears.
TEST_P(StorageFault, RefusesEverySaleUntilCleared) {
    const State before = state();
    vfs::arm(GetParam(), 1);
    for (int i = 0; i < 3; ++i) EXPECT_THROW(till->sell(testing::as(*till, "Karim"), a_sale()), db::StorageError);
    vfs::clear();
    EXPECT_EQ(state(), before);
    EXPECT_EQ(till->sell(testing::as(*till, "Karim"), a_sale()).ticket, before.last_ticket + 1);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

// The till dies right after the refusal (power cut, kill), before writing anything else: what the
// disk holds must not bring back the refused sale. Simulated by copying the ledger and its WAL
// (not the shared memory, so SQLite recovers from the WAL) as they are at that moment. The fault
// is transient (that one write or sync fails); see PersistentSyncFailureThenCrash for the other.
TEST_P(StorageFault, CrashRightAfterTheRefusalDoesNotBringTheSaleBack) {
    const State before = state();
    vfs::arm_once(GetParam(), 1);
    EXPECT_THROW(till->sell(testing::as(*till, "Karim"), a_sale()), db::StorageError);
    vfs::clear();
    const std::string copy = dir.file("copy.db");
    std::filesystem::copy_file(path, copy);
    if (std::filesystem::exists(path + "-wal")) std::filesystem::copy_file(path + "-wal", copy + "-wal");
    std::filesystem::copy_file(db::Ledger::head_path(path), db::Ledger::head_path(copy));
    std::filesystem::copy_file(db::Ledger::key_path(path), db::Ledger::key_path(copy));
    EXPECT_EQ(testing::raw_scalar(copy, "SELECT MAX(ticket) FROM sales"), before.last_ticket);
    EXPECT_TRUE(db::verify_ledger(copy).ok);
}

INSTANTIATE_TEST_SUITE_P(Faults, StorageFault, ::testing::Values(Fault::write_error, Fault::sync_error, Fault::disk_full),
                         [](const auto& info) {
                             return std::string(info.param == Fault::write_error ? "WriteError"
                                                : info.param == Fault::sync_error ? "SyncError"
                                                                                  : "DiskFull");
                         });

}  // namespace
}  // namespace caisse
