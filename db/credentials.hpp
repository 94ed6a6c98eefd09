#pragma once
// PIN hashes and lock state of a till's users: a small SQLite file beside the ledger
// (FILE.credentials, mode 0600, like the key), never inside the ledger that goes to auditors,
// backups, bundles and archives (issue "Trust", item 2; docs/ledger-format.md, "Files").
#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "db/sqlite.hpp"

namespace caisse::db {

// Failed PIN attempts and lock.
struct PinState {
    std::int64_t failed = 0;
    std::string locked_until;  // UTC timestamp, "" when not locked
};

class CredentialStore {
public:
    static std::string path_for(const std::string& ledger_path) { return ledger_path + ".credentials"; }
    // Opens FILE.credentials, creating it with mode 0600 when missing and create is set. Throws
    // InputError when it is missing (and not to be created), or readable or writable by group or
    // others (with the chmod that fixes it).
    explicit CredentialStore(const std::string& path, bool create = true);
    ~CredentialStore();
    CredentialStore(const CredentialStore&) = delete;
    CredentialStore& operator=(const CredentialStore&) = delete;

    std::optional<std::string> pin_hash(std::int64_t user_id);  // "$argon2id$..."
    void set_pin_hash(std::int64_t user_id, const std::string& hash);
    // A user's failed attempts and lock. Every action in a user's name reads it (Till::authorise), so
    // it is kept between calls while the store's file change counter (SQLite file format, header
    // offset 24: incremented by every commit in rollback-journal mode) has not moved; one 4-byte
    // read instead of a read transaction's eight system calls. A change by any process is seen.
    PinState pin_state(std::int64_t user_id);
    void set_pin_state(std::int64_t user_id, const PinState& state);

private:
    Database db_;
    // Kept prepared: every action in a user's name reads their lock state (Till::authorise).
    std::optional<Statement> state_query_;
    int counter_fd_ = -1;                          // the store's file, read-only: its change counter
    std::optional<std::uint32_t> cached_counter_;  // the counter read before cached_ was filled
    std::map<std::int64_t, PinState> cached_;      // user id -> state, valid while the counter stays
};

// Refuses a secret file (key, credentials) that group or others may read or write: throws InputError
// naming the file, its mode and "chmod 600 FILE". A missing file is not checked.
void check_private_file(const std::string& path);

// Creates an empty file with this mode (O_EXCL: never an existing one, never through a link), so that
// SQLite, which gives its -wal and -shm the mode of the database, starts from the right mode.
void create_private_file(const std::string& path, unsigned mode);

}  // namespace caisse::db

namespace caisse::db {
// Ledgers before schema 5 kept PIN hashes in a `credentials` table: copies them into the store at
// store_path (kept rows win: never overwritten by older ones). Ledger::open calls it before the
// migration that drops the table. Does nothing when there is no such table.
void move_credentials_out(Database& ledger_db, const std::string& store_path);
}  // namespace caisse::db
