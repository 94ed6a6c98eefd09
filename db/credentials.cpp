#include "db/credentials.hpp"

#include <cerrno>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>

#include "app/core/money.hpp"

namespace caisse::db {

void check_private_file(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return;
    if ((st.st_mode & 077) != 0) {
        char mode[8];
        std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
        throw InputError("{0} may be read or changed by other users (mode {1}): run chmod 600 {0}", path, std::string(mode));
    }
}

void create_private_file(const std::string& path, unsigned mode) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, static_cast<mode_t>(mode));
    if (fd < 0) {
        // Say why in the user's words: a fresh home has no such folder yet, which is the usual case.
        const int err = errno;
        const std::string dir = std::filesystem::path(path).parent_path().string();
        if (err == ENOENT) throw InputError("cannot create {0}: the folder {1} does not exist (create it first: mkdir -p {1})", path, dir);
        if (err == EACCES || err == EROFS) throw InputError("cannot create {0}: no permission to write in {1}", path, dir);
        if (err == EEXIST) throw InputError("cannot create {0}: it already exists", path);
        throw InputError("cannot create {0}", path);
    }
    // The umask may have taken bits away; never added any.
    const bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0;
    ::close(fd);
    if (!ok) throw InputError("cannot set the mode of {0}", path);
}

namespace {
Database open_store(const std::string& path, bool create) {
    if (!std::filesystem::exists(path)) {
        if (!create)
            throw InputError("{0} is missing: this till's PINs are not here (an auditor's copy has none), so nothing can be "
                             "done in a user's name",
                             path);
        create_private_file(path, 0600);
    }
    check_private_file(path);
    return Database(path, Database::Mode::ReadWrite);
}
}  // namespace

CredentialStore::CredentialStore(const std::string& path, bool create) : db_(open_store(path, create)) {
    counter_fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // -1: every read goes through SQLite
    // Rollback journal, not WAL: writes are rare (a PIN set, a wrong PIN) and no -wal/-shm linger.
    db_.exec("PRAGMA journal_mode=DELETE");
    db_.exec("PRAGMA synchronous=FULL");
    db_.exec(
        "CREATE TABLE IF NOT EXISTS credentials ("
        " user_id INTEGER PRIMARY KEY, pin_hash TEXT NOT NULL,"
        " failed INTEGER NOT NULL DEFAULT 0, locked_until TEXT)");
}

std::optional<std::string> CredentialStore::pin_hash(std::int64_t user_id) {
    auto st = db_.prepare("SELECT pin_hash FROM credentials WHERE user_id = ?1");
    st.bind(1, user_id);
    if (!st.step()) return std::nullopt;
    return st.str(0);
}

void CredentialStore::set_pin_hash(std::int64_t user_id, const std::string& hash) {
    cached_counter_.reset();
    auto st = db_.prepare(
        "INSERT INTO credentials(user_id, pin_hash) VALUES (?1, ?2) "
        "ON CONFLICT(user_id) DO UPDATE SET pin_hash = excluded.pin_hash, failed = 0, locked_until = NULL");
    st.bind(1, user_id).bind(2, hash).run();
}

CredentialStore::~CredentialStore() {
    if (counter_fd_ >= 0) ::close(counter_fd_);
}

namespace {
// The file change counter of a rollback-journal SQLite file (big-endian, offset 24); nullopt when it
// cannot be read. A commit writes it with page 1 before the journal is deleted (the commit point),
// so an unchanged counter means no commit happened since it was last read.
std::optional<std::uint32_t> change_counter(int fd) {
    unsigned char b[4];
    if (fd < 0 || ::pread(fd, b, sizeof b, 24) != static_cast<ssize_t>(sizeof b)) return std::nullopt;
    return (std::uint32_t{b[0]} << 24) | (std::uint32_t{b[1]} << 16) | (std::uint32_t{b[2]} << 8) | std::uint32_t{b[3]};
}
}  // namespace

PinState CredentialStore::pin_state(std::int64_t user_id) {
    const auto before = change_counter(counter_fd_);
    if (before && before == cached_counter_) {
        if (const auto it = cached_.find(user_id); it != cached_.end()) return it->second;
    } else {
        cached_.clear();
        cached_counter_.reset();
    }
    if (!state_query_) state_query_.emplace(db_.prepare("SELECT failed, COALESCE(locked_until, '') FROM credentials WHERE user_id = ?1"));
    Statement& st = *state_query_;
    st.reset();
    st.bind(1, user_id);
    PinState state;
    if (st.step()) state = PinState{st.i64(0), st.str(1)};
    st.reset();  // ends the read: a reset statement holds no lock on the file
    // Kept only when the counter did not move around the read: a commit meanwhile, or a crashed
    // writer's page 1 that this read rolled back (hot journal), leaves nothing kept.
    if (before && change_counter(counter_fd_) == before) {
        cached_counter_ = before;
        cached_[user_id] = state;
    }
    return state;
}

void CredentialStore::set_pin_state(std::int64_t user_id, const PinState& state) {
    cached_counter_.reset();
    auto st = db_.prepare("UPDATE credentials SET failed = ?2, locked_until = NULLIF(?3, '') WHERE user_id = ?1");
    st.bind(1, user_id).bind(2, state.failed).bind(3, state.locked_until).run();
}

}  // namespace caisse::db

namespace caisse::db {
void move_credentials_out(Database& ledger_db, const std::string& store_path) {
    if (ledger_db.scalar("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'credentials'") == 0) return;
    CredentialStore store(store_path);
    for (auto st = ledger_db.prepare("SELECT user_id, pin_hash, failed, COALESCE(locked_until, '') FROM credentials"); st.step();) {
        if (store.pin_hash(st.i64(0))) continue;
        store.set_pin_hash(st.i64(0), st.str(1));
        store.set_pin_state(st.i64(0), PinState{st.i64(2), st.str(3)});
    }
}
}  // namespace caisse::db
