#include "db/verify/snapshot.hpp"

#include <algorithm>

#include "app/core/money.hpp"

namespace caisse::db {

namespace {
constexpr std::int64_t kSnapshotMmapBytes = std::int64_t{1} << 32;  // address space, not memory

// The newest journal row, as text; "" when there is no readable journal (the schema check says so).
std::string newest_commit(Database& db) {
    try {
        auto st = db.prepare("SELECT COALESCE(MAX(rowid), 0) FROM journal");
        return st.step() ? std::to_string(st.i64(0)) : "";
    } catch (const SqliteError&) {
        // Still starts the read transaction, on the schema.
        db.scalar("SELECT count(*) FROM sqlite_master");
        return "";
    }
}
}  // namespace

ReadSnapshot::ReadSnapshot(const std::string& path, unsigned count) {
    for (unsigned i = 0; i < std::max(1u, count); ++i) {
        connections_.push_back(open_for_reading(path));
        // Pages read through a memory map, not copied by pread into each connection's own cache:
        // the snapshot's connections read the same big tables side by side.
        connections_.back()->exec("PRAGMA mmap_size=" + std::to_string(kSnapshotMmapBytes));
    }
    for (int attempt = 0; attempt < 50; ++attempt) {
        std::vector<std::string> seen;
        for (auto& c : connections_) {
            c->exec("BEGIN");
            seen.push_back(newest_commit(*c));
        }
        bool same = true;
        for (const auto& s : seen) same = same && s == seen.front();
        if (same) return;
        for (auto& c : connections_) c->exec("ROLLBACK");
    }
    throw InputError("the ledger {0} kept changing while verify started reading it: try again", path);
}

ReadSnapshot::~ReadSnapshot() {
    for (auto& c : connections_) sqlite3_exec(c->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

}  // namespace caisse::db
