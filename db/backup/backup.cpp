#include "db/backup/backup.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "db/ledger.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

namespace {

namespace fs = std::filesystem;

// Copies a small file byte for byte into a new file of mode 0600 (the head anchor).
void copy_small_file(const std::string& from, const std::string& to) {
    std::ifstream in(from, std::ios::binary);
    if (!in) throw InputError("cannot read {0}", from);
    std::ostringstream buf;
    buf << in.rdbuf();
    const std::string bytes = buf.str();
    const std::string tmp = to + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) throw InputError("cannot write {0}", tmp);
    const bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || std::rename(tmp.c_str(), to.c_str()) != 0) {
        std::remove(tmp.c_str());
        throw InputError("cannot write {0}", to);
    }
}

// Runs the backup API from src into dest (both open), step by step. flush_fd >= 0: a descriptor of
// dest's file whose written pages are put on disk after each step (see online_copy).
OnlineCopy run_backup(Database& src, Database& dest, int pages_per_step, std::chrono::microseconds pause, int flush_fd = -1) {
    const auto t0 = std::chrono::steady_clock::now();
    OnlineCopy out;
    sqlite3_backup* b = sqlite3_backup_init(dest.handle(), "main", src.handle(), "main");
    if (!b) throw_sqlite(dest.handle(), sqlite3_errcode(dest.handle()), "backup");
    int rc = SQLITE_OK;
    while (true) {
        rc = sqlite3_backup_step(b, pages_per_step);
        ++out.steps;
        if (rc == SQLITE_DONE) break;
        if (rc != SQLITE_OK && rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
        if (flush_fd >= 0)
            ::sync_file_range(flush_fd, 0, 0, SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER);
        if (pause.count() > 0) std::this_thread::sleep_for(pause);
    }
    out.pages = sqlite3_backup_pagecount(b);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) throw_sqlite(dest.handle(), rc, "backup");
    out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return out;
}

}  // namespace

OnlineCopy online_copy(const std::string& src_path, const std::string& dest_path, int pages_per_step,
                       std::chrono::microseconds pause) {
    std::error_code ec;
    if (fs::exists(dest_path, ec)) throw InputError("{0} already exists: choose another file name", dest_path);
    if (!fs::is_regular_file(src_path, ec)) throw InputError("no ledger at {0}", src_path);
    // The anchor first: every record it names is committed, so the snapshot taken next holds it.
    const std::string head = Ledger::head_path(src_path);
    if (fs::exists(head, ec)) copy_small_file(head, Ledger::head_path(dest_path));
    auto src = open_for_reading(src_path);
    // One read transaction across every step: the copy is this snapshot, and a commit by the till
    // meanwhile neither blocks on us nor restarts the copy.
    src->exec("BEGIN");
    src->scalar("SELECT count(*) FROM sqlite_master");
    // The copy must not make the till wait. Written the usual way, its pages pile up in the page
    // cache and reach the disk in one burst at the final sync, and on ext4 (data=ordered) a sale's
    // own sync then waits behind that burst: 0.36 s for a 113 MB copy, seconds for a 1 GB one. So
    // the copy is written without a journal or syncs of SQLite's (a failed copy is deleted, not
    // rolled back) through a small cache, each step's pages put on disk right after the step
    // (sync_file_range on a descriptor kept open until the copy's connection is closed: closing
    // one earlier would drop that connection's POSIX locks), and the file synced once at the end.
    const int fd = ::open(dest_path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw InputError("cannot write {0}", dest_path);
    OnlineCopy out;
    try {
        {
            Database dest(dest_path, Database::Mode::ReadWrite);
            dest.exec("PRAGMA journal_mode=OFF");
            dest.exec("PRAGMA synchronous=OFF");
            dest.exec("PRAGMA cache_size=64");
            out = run_backup(*src, dest, pages_per_step, pause, fd);
        }
        if (::fsync(fd) != 0) throw InputError("cannot write {0}", dest_path);
        ::close(fd);
    } catch (...) {
        ::close(fd);
        src->exec("COMMIT");
        fs::remove(dest_path, ec);
        fs::remove(Ledger::head_path(dest_path), ec);
        throw;
    }
    src->exec("COMMIT");
    src.reset();
    // The held snapshot kept the till's checkpoints from passing it, so the WAL grew during the
    // copy. Catch up here, off the till's path (PASSIVE: never waits for or blocks a writer), so
    // that the next sale's commit does not find a long checkpoint to run.
    try {
        Database checkpoint(src_path, Database::Mode::ReadWrite);
        checkpoint.exec("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (const SqliteError&) {
        // read-only media or busy: the till checkpoints by itself
    }
    out.bytes = fs::file_size(dest_path, ec);
    return out;
}

std::vector<ChainEnd> chain_ends(const std::string& path) {
    auto db = open_for_reading(path);
    auto st = db->prepare(
        "SELECT j.terminal, j.seq, j.hash FROM journal j JOIN (SELECT terminal, max(seq) AS seq FROM journal GROUP BY terminal) m "
        "ON m.terminal = j.terminal AND m.seq = j.seq ORDER BY j.terminal");
    std::vector<ChainEnd> out;
    while (st.step()) {
        ChainEnd e{st.str(0), st.i64(1), {}};
        const auto h = st.blob(2);
        if (h.size() == 32) std::memcpy(e.hash.data(), h.data(), 32);
        out.push_back(std::move(e));
    }
    return out;
}

std::vector<ChainEnd> chain_ends_from_head(const std::string& head_path) {
    std::vector<ChainEnd> out;
    try {
        const auto slots = read_head_anchor_slots(head_path);
        if (!slots) return out;
        std::map<std::string, ChainEnd> best;
        for (const auto& s : *slots) {
            auto& e = best[s.terminal];
            if (s.seq > e.seq) e = ChainEnd{s.terminal, s.seq, s.hash};
        }
        for (auto& [t, e] : best) out.push_back(std::move(e));
    } catch (const InputError&) {
    }
    return out;
}

namespace {
std::optional<std::string> hash_at(Database* db, const std::string& terminal, std::int64_t seq) {
    if (!db) return std::nullopt;
    try {
        auto st = db->prepare("SELECT hash FROM journal WHERE terminal = ?1 AND seq = ?2");
        st.bind(1, terminal).bind(2, seq);
        if (st.step()) return std::string(st.blob(0));
    } catch (const SqliteError&) {
    }
    return std::nullopt;
}
}  // namespace

RestoreComparison compare_for_restore(const std::string& backup_path, const std::vector<ChainEnd>& target,
                                      const std::string& target_path) {
    RestoreComparison out;
    std::map<std::string, std::int64_t> in_backup;
    for (const auto& e : chain_ends(backup_path)) in_backup[e.terminal] = e.seq;
    auto backup = open_for_reading(backup_path);
    std::unique_ptr<Database> db;
    try {
        db = open_for_reading(target_path);
    } catch (const SqliteError&) {
    }
    for (const auto& t : target) {
        const auto it = in_backup.find(t.terminal);
        const std::int64_t kept = it == in_backup.end() ? 0 : it->second;
        if (t.seq > kept) out.lost.push_back({t.terminal, kept + 1, t.seq});
        if (kept == 0) continue;
        // Both hold this record: the same ledger has the same hash there (the hash chains
        // everything before it).
        const std::int64_t common = std::min(kept, t.seq);
        const auto mine = hash_at(db.get(), t.terminal, common);
        const auto theirs = hash_at(backup.get(), t.terminal, common);
        if (mine ? mine != theirs : (common == t.seq && theirs != std::string(reinterpret_cast<const char*>(t.hash.data()), 32)))
            out.diverged.push_back(t.terminal);
    }
    return out;
}

void restore_copy(const std::string& backup_path, const std::string& target_path) {
    std::error_code ec;
    auto src = open_for_reading(backup_path);
    src->exec("BEGIN");
    src->scalar("SELECT count(*) FROM sqlite_master");
    if (!fs::exists(target_path, ec)) {
        const int fd = ::open(target_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0) throw InputError("cannot write {0}", target_path);
        ::close(fd);
    }
    {
        Database dest(target_path, Database::Mode::ReadWrite);
        // No till may have the ledger open while its pages are replaced: it would go on from a chain
        // end, a ticket number and a head anchor that are no longer the file's. Every connection
        // to a WAL database holds a shared lock on the file while open (a till reads at once);
        // locking_mode EXCLUSIVE makes this connection take an exclusive one and keep it until it
        // closes, so the restore waits for nobody and nobody opens the ledger until it is done.
        dest.exec("PRAGMA locking_mode=EXCLUSIVE");
        sqlite3_busy_timeout(dest.handle(), 0);
        try {
            dest.exec("BEGIN EXCLUSIVE");
            dest.exec("COMMIT");
        } catch (const SqliteError& e) {
            if (!e.busy()) throw;
            throw InputError("the ledger {0} is open in a till or another program: close it, then restore (nothing was restored)",
                             target_path);
        }
        sqlite3_busy_timeout(dest.handle(), 3000);
        run_backup(*src, dest, -1, std::chrono::microseconds(0));
    }
    src->exec("COMMIT");
    const std::string head = Ledger::head_path(backup_path);
    if (fs::exists(head, ec)) copy_small_file(head, Ledger::head_path(target_path));
}

}  // namespace caisse::db
