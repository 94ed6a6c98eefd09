#pragma once
// The ledger of one till: journal + projections in one SQLite file, the terminal's signing key
// beside it (FILE.key, mode 0600) and a signed head anchor (FILE.head) updated after each commit.
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/core/catalogue.hpp"
#include "app/core/user.hpp"
#include "db/crypto.hpp"
#include "db/journal.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

// The head anchor (docs/ledger-format.md): the terminal, seq and hash of the newest record, signed
// with the terminal key, in one of two slots (seq % 2) overwritten in place, so that a write torn by
// a power cut leaves the other slot valid.
struct HeadAnchor {
    std::string terminal;
    std::int64_t seq = 0;
    Hash hash{};
    Signature sig{};
};
Hash head_anchor_message(const std::string& terminal, std::int64_t seq, const Hash& hash);
// Writes one anchor into its slot (creating the file with both slots when needed).
void write_head_anchor_slot(const std::string& head_path, const std::string& terminal, std::int64_t seq,
                            const Hash& hash, const SecretKey& key);
// The slots as written; std::nullopt when there is no file. Throws InputError on a malformed file.
std::optional<std::vector<HeadAnchor>> read_head_anchor_slots(const std::string& head_path);

// Signs and writes the anchor on its own thread, off the sale's path; the newest posted anchor
// is written before the writer is destroyed. After each write the writer rests for `rest`: what
// is posted meanwhile (a burst of sales, a CLI import) is written once, the newest, when the rest
// ends, so a burst does not sign an anchor per sale on the core the next sale needs. A sale after a
// quiet moment is anchored at once. An anchor lagging by up to one rest is what verify already
// accepts after a power cut, as a warning (docs/ledger-format.md, "Truncation").
class HeadAnchorWriter {
public:
    static constexpr std::chrono::milliseconds kRest{25};
    HeadAnchorWriter(std::string head_path, std::string terminal, const SecretKey& key,
                     std::chrono::milliseconds rest = kRest);
    ~HeadAnchorWriter();
    HeadAnchorWriter(const HeadAnchorWriter&) = delete;
    HeadAnchorWriter& operator=(const HeadAnchorWriter&) = delete;
    void post(std::int64_t seq, const Hash& hash);
    void flush();  // returns once everything posted so far is written (ends a rest at once)
    std::int64_t writes();  // slots written so far (tests, benchmarks)

private:
    void run();
    std::string path_, terminal_;
    SecretKey key_;
    std::chrono::milliseconds rest_;
    std::mutex mu_;
    std::condition_variable wake_, idle_;
    std::optional<std::pair<std::int64_t, Hash>> pending_;
    bool busy_ = false, resting_ = false, stop_ = false;
    int flushers_ = 0;        // callers of flush() waiting: they end a rest
    std::int64_t writes_ = 0;
    int fd_ = -1;  // the head file, kept open by the writer thread
    std::thread thread_;
};

class Ledger {
public:
    // Creates FILE, FILE.key and the genesis record. Refuses an existing file. FILE is mode 0600, or
    // 0640 owned by group when one is given (a group that may read it: backups, an auditor's
    // account); the key and head files are always 0600. Throws InputError.
    static std::unique_ptr<Ledger> create(const std::string& path, const std::string& terminal,
                                          const std::string& at_utc, const std::string& group = "");
    // Opens an existing ledger; refuses files that are not ledgers or come from a newer caisse.
    // Writable in place (file and directory): checks the file first (PRAGMA quick_check) and
    // refuses a damaged one (restore from backup). Otherwise (read-only media, file or directory)
    // opens it for reading only and write() refuses. Reading needs no key: a missing key file is
    // reported by write(), never by open (an auditor's copy has none).
    static std::unique_ptr<Ledger> open(const std::string& path);

    Database& db() { return db_; }
    const std::string& terminal() const { return terminal_; }
    const std::string& path() const { return db_.path(); }
    PublicKey public_key() const { return public_key_; }
    bool read_only() const { return read_only_; }
    // Throws InputError when nothing can be recorded here: a read-only file, or no signing key.
    void check_writable() const;

    // Runs fn inside one write transaction (one commit, one fsync), then hands the new head to the
    // anchor writer.
    void write(const std::function<void()>& fn);
    void flush_head_anchor() { if (anchor_) anchor_->flush(); }
    std::int64_t head_anchor_writes() { return anchor_ ? anchor_->writes() : 0; }  // slots written since open

    // Appends one record to this terminal's chain; must run inside write().
    Appended append(std::string_view kind, const std::string& payload, const std::string& at_utc);

    // Settings of this till (business identity for receipts, printer): local, not journaled.
    std::optional<std::string> setting(const std::string& key);
    void set_setting(const std::string& key, const std::string& value);
    std::map<std::string, std::string> settings();
    std::int64_t last_seq();

    // A statement prepared once per connection, keyed by the SQL literal's address, reset for reuse:
    // the record kinds (db/records/) write and read through it.
    Statement& cached(const char* sql);

    static std::string key_path(const std::string& db_path) { return db_path + ".key"; }
    static std::string head_path(const std::string& db_path) { return db_path + ".head"; }

    Ledger(const std::string& path, Database::Mode mode);

private:
    void configure();
    void load_identity();
    void post_head_anchor();

    Database db_;
    std::string terminal_;
    SecretKey secret_{};
    PublicKey public_key_{};
    std::optional<Message> cannot_sign_;  // why write() refuses (no key, read-only); nothing when it can
    bool read_only_ = false;
    Sha256 sha_;
    std::map<const char*, std::unique_ptr<Statement>> statements_;  // destroyed before db_
    std::optional<std::pair<std::int64_t, Hash>> appended_;  // newest record of the open transaction
    std::unique_ptr<HeadAnchorWriter> anchor_;
    // A write the disk refused (StorageError's text): journaled as a storage.error event by the next
    // append that works, inside its commit. Lost if the till stops first.
    std::optional<std::string> pending_storage_error_;
    bool in_storage_event_ = false;
};

// Reads FILE.key; throws InputError naming the problem (also a key others may read: chmod 600).
SecretKey read_secret_key(const std::string& key_path);

}  // namespace caisse::db

// Every record kind, so that one include gives the whole ledger.
#include "db/records/catalogue.hpp"
#include "db/records/closure.hpp"
#include "db/records/duplicate.hpp"
#include "db/records/event.hpp"
#include "db/records/event_log.hpp"
#include "db/records/sale.hpp"
#include "db/records/session.hpp"
#include "db/records/training.hpp"
#include "db/records/user.hpp"
