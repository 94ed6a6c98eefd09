#include "db/ledger.hpp"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/core/money.hpp"
#include "db/canonical_json.hpp"
#include "db/credentials.hpp"
#include "db/migrations.hpp"

namespace caisse::db {

namespace fs = std::filesystem;
using namespace std::string_view_literals;
using nlohmann::json;

namespace {

void check_terminal_name(const std::string& t) {
    if (t.empty() || t.size() > 32) throw InputError("terminal name must have 1 to 32 characters");
    for (char c : t)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'))
            throw InputError("terminal name \"{0}\" may hold only letters, digits, '-' and '_'", t);
}

void write_file_atomically(const std::string& path, const std::string& content, mode_t mode, bool durable) {
    const std::string tmp = path + ".tmp";
    // A fresh file of our own: never reuse a leftover temp file's mode, never follow a planted link.
    ::unlink(tmp.c_str());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0) throw std::runtime_error("cannot write " + tmp);
    if (::fchmod(fd, mode) != 0) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot set the mode of " + tmp);
    }
    bool ok = ::write(fd, content.data(), content.size()) == static_cast<ssize_t>(content.size());
    if (durable) ok = ok && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
        ::unlink(tmp.c_str());
        throw std::runtime_error("cannot write " + path);
    }
}

}  // namespace

Ledger::Ledger(const std::string& path, Database::Mode mode) : db_(path, mode) {}

void Ledger::configure() {
    db_.exec("PRAGMA journal_mode=WAL");
    db_.exec("PRAGMA synchronous=FULL");
    db_.exec("PRAGMA foreign_keys=ON");
}

SecretKey read_secret_key(const std::string& key_path) {
    check_private_file(key_path);
    std::ifstream in(key_path);
    if (!in) throw InputError("signing key {0} is missing or unreadable", key_path);
    std::string hex;
    in >> hex;
    SecretKey sk{};
    if (!from_hex(hex, sk.data(), sk.size())) throw InputError("signing key {0} is malformed", key_path);
    return sk;
}

std::unique_ptr<Ledger> Ledger::create(const std::string& path, const std::string& terminal, const std::string& at,
                                       const std::string& group) {
    check_terminal_name(terminal);
    if (fs::exists(path)) throw InputError("{0} already exists: init never overwrites a ledger", path);
    if (fs::exists(key_path(path))) throw InputError("{0} already exists: remove it or choose another file", key_path(path));
    std::optional<gid_t> gid;
    if (!group.empty()) {
        const struct group* g = ::getgrnam(group.c_str());
        if (!g) throw InputError("unknown group \"{0}\"", group);
        gid = g->gr_gid;
    }
    // The file exists with its mode before SQLite opens it: its -wal and -shm take the same mode.
    create_private_file(path, gid ? 0640 : 0600);
    if (gid && ::chown(path.c_str(), static_cast<uid_t>(-1), *gid) != 0) {
        ::unlink(path.c_str());
        throw InputError("cannot give {0} to group {1}", path, group);
    }
    std::unique_ptr<Ledger> ledger;
    try {
        ledger = std::make_unique<Ledger>(path, Database::Mode::ReadWrite);
        ledger->db_.exec("PRAGMA application_id = " + std::to_string(kApplicationId));
        ledger->configure();
        migrate(ledger->db_);
        KeyPair keys = make_key_pair();
        write_file_atomically(key_path(path), to_hex(keys.secret) + "\n", 0600, true);
        ledger->secret_ = keys.secret;
        ledger->public_key_ = keys.pub;
        ledger->terminal_ = terminal;
        ledger->write([&] {
            auto st = ledger->db_.prepare("INSERT INTO local_settings(key, value) VALUES ('terminal', ?1)");
            st.bind(1, terminal).run();
            json p = {{"format", 1}, {"public_key", to_hex(keys.pub)}, {"software", "caisse 0.1.0"}, {"terminal", terminal}};
            auto a = ledger->append(kind::genesis, canonical_json(p), at);
            auto t = ledger->db_.prepare("INSERT INTO terminals(terminal, public_key, seq) VALUES (?1, ?2, ?3)");
            t.bind(1, terminal).bind_blob(2, keys.pub.data(), keys.pub.size()).bind(3, a.seq).run();
        });
    } catch (...) {
        ledger.reset();
        std::error_code ec;
        fs::remove(path, ec);
        fs::remove(path + "-wal", ec);
        fs::remove(path + "-shm", ec);
        fs::remove(key_path(path), ec);
        fs::remove(head_path(path), ec);
        throw;
    }
    ledger->flush_head_anchor();  // a new ledger always has its anchor
    return ledger;
}

std::unique_ptr<Ledger> Ledger::open(const std::string& path) {
    if (!fs::exists(path)) throw InputError("no ledger at {0} (create one with: caisse init --db {0})", path);
    // Read-only media, file or directory: read without writing anything, not even -wal/-shm; a
    // writer's -wal, when there is one, holds committed records, so it is read through.
    const bool writable = writable_in_place(path);
    const auto mode = writable ? Database::Mode::ReadWrite
                      : fs::exists(path + "-wal") ? Database::Mode::ReadOnly
                                                  : Database::Mode::Immutable;
    auto ledger = std::make_unique<Ledger>(path, mode);
    ledger->read_only_ = !writable;
    std::int64_t app_id = 0;
    try {
        app_id = ledger->db_.scalar("PRAGMA application_id");
    } catch (const SqliteError& e) {
        if ((e.code() & 0xFF) == SQLITE_NOTADB) throw InputError("{0} is not a Caisse Commune ledger (not a database)", path);
        throw;
    }
    if (app_id != kApplicationId) throw InputError("{0} is not a Caisse Commune ledger", path);
    if (ledger->read_only_) {
        const auto version = ledger->db_.scalar("PRAGMA user_version");
        if (version < latest_schema_version())
            throw InputError("ledger {0} is read-only here and needs an upgrade (schema {1} to {2}): open it once where it can "
                             "be written; nothing was changed",
                             path, version, latest_schema_version());
        migrate(ledger->db_);  // only refuses a newer schema here
        ledger->cannot_sign_ = Message{"ledger {0} is read-only here: nothing can be recorded in it", {path}};
    } else {
        // Never sell into a damaged file: what is recorded next could be lost with it.
        std::string verdict;
        try {
            auto check = ledger->db_.prepare("PRAGMA quick_check(1)");
            verdict = check.step() ? check.str(0) : "no answer";
        } catch (const SqliteError& e) {
            verdict = e.what();  // too damaged to be checked at all
        }
        if (verdict != "ok")
            throw InputError("ledger {0} is damaged (SQLite quick check: {1}): nothing can be recorded in it. Restore it from "
                             "your latest backup, and keep the damaged file for the auditor",
                             path, verdict);
        move_credentials_out(ledger->db_, CredentialStore::path_for(path));  // before schema 5 drops them
        migrate(ledger->db_);
        ledger->configure();
    }
    ledger->load_identity();
    return ledger;
}

void Ledger::load_identity() {
    // The anchor before any query: a statement that has stepped holds a read snapshot, and another
    // process may commit and anchor a newer record in between, which would look like a cut tail.
    std::optional<std::vector<HeadAnchor>> slots;
    std::optional<InputError> unreadable;  // matters only to a writer: reading needs no anchor
    try {
        slots = read_head_anchor_slots(head_path(path()));
    } catch (const InputError& e) {
        unreadable = e;
    }
    auto st = db_.prepare("SELECT value FROM local_settings WHERE key = 'terminal'");
    if (!st.step()) throw InputError("{0} has no terminal identity: it is damaged", path());
    terminal_ = st.str(0);
    auto key = db_.prepare("SELECT public_key FROM terminals WHERE terminal = ?1");
    key.bind(1, terminal_);
    if (!key.step() || key.blob(0).size() != public_key_.size())
        throw InputError("{0} has no genesis for terminal {1}: run caisse verify", path(), terminal_);
    std::copy(key.blob(0).begin(), key.blob(0).end(), public_key_.begin());
    // Reading needs no key; signing does. Without one (an auditor's copy) write() says so.
    if (cannot_sign_) return;
    if (!fs::exists(key_path(path()))) {
        cannot_sign_ = Message{"signing key {0} is missing or unreadable", {key_path(path())}};
        return;
    }
    secret_ = read_secret_key(key_path(path()));
    // Never sign on top of a ledger that is not the one this key and anchor describe: a till that
    // kept selling after its tail was cut would otherwise sign the cut away.
    if (public_of(secret_) != public_key_)
        throw InputError("signing key {0} does not belong to this ledger: run caisse verify; nothing was changed", key_path(path()));
    if (unreadable) throw *unreadable;
    if (!slots) throw InputError("head anchor {0} is missing: run caisse verify; nothing was changed", head_path(path()));
    std::int64_t anchored = 0;
    Hash anchored_hash{};
    for (const auto& slot : *slots)
        if (slot.seq > anchored && slot.terminal == terminal_ &&
            verify_signature(public_key_, head_anchor_message(slot.terminal, slot.seq, slot.hash),
                             std::string_view(reinterpret_cast<const char*>(slot.sig.data()), slot.sig.size()))) {
            anchored = slot.seq;
            anchored_hash = slot.hash;
        }
    if (anchored > 0) {
        auto at = db_.prepare("SELECT hash FROM journal WHERE terminal = ?1 AND seq = ?2");
        at.bind(1, terminal_).bind(2, anchored);
        const bool same = at.step() && at.blob(0).size() == anchored_hash.size() &&
                          std::equal(anchored_hash.begin(), anchored_hash.end(),
                                     reinterpret_cast<const std::uint8_t*>(at.blob(0).data()));
        if (!same)
            throw InputError("the ledger does not contain record {0} that its signed head anchor records: records were "
                             "removed or changed; run caisse verify; nothing was changed",
                             anchored);
    }
}

namespace {
// A failed write said the way the till's user can act on it (issue 10, storage faults): a full
// disk, a write error or an unconfirmed sync becomes a StorageError naming it; any other SQLite
// error (busy, constraint) is rethrown as it is. Called inside the catch block.
[[noreturn]] void rethrow_as_storage_error(const SqliteError& e) {
    const int primary = e.code() & 0xFF;
    if (primary != SQLITE_FULL && primary != SQLITE_IOERR) throw;
    const bool sync = e.code() == SQLITE_IOERR_FSYNC || e.code() == SQLITE_IOERR_DIR_FSYNC;
    const Message why{primary == SQLITE_FULL ? "the disk is full"
                      : sync                 ? "the disk did not confirm the write"
                                             : "write error on the disk", {}};
    throw StorageError(e.code(), Message{"the ledger could not be written ({0}): nothing was recorded; free some space "
                                          "or check the disk, then try again", {MessageArg(why)}});
}
}  // namespace

void Ledger::check_writable() const {
    if (read_only_) throw InputError("ledger {0} is read-only here: nothing can be recorded in it", path());
    if (cannot_sign_) throw InputError("signing key {0} is missing or unreadable", key_path(path()));
}

void Ledger::write(const std::function<void()>& fn) {
    check_writable();
    appended_.reset();
    try {
        WriteTransaction tx(db_, cached("BEGIN IMMEDIATE"), cached("COMMIT"));
        fn();
        tx.commit();
    } catch (const SqliteError& e) {
        appended_.reset();  // rolled back: the head did not move
        if (e.code() == SQLITE_IOERR_FSYNC) {
            // The refused transaction's frames are in the WAL, unconfirmed: a crash before the next
            // commit would let SQLite's recovery bring the sale back. Checkpoint and truncate the
            // WAL now so they are gone (needs the disk to work again: best effort).
            try {
                db_.exec("PRAGMA wal_checkpoint(TRUNCATE)");
            } catch (const SqliteError&) {
            }
        }
        try {
            rethrow_as_storage_error(e);
        } catch (const StorageError& s) {
            if (!pending_storage_error_) pending_storage_error_ = s.what();
            throw;
        }
    } catch (...) {
        appended_.reset();
        throw;
    }
    post_head_anchor();
}

std::int64_t Ledger::last_seq() {
    auto st = db_.prepare("SELECT COALESCE(MAX(seq), 0) FROM journal WHERE terminal = ?1");
    st.bind(1, terminal_);
    return st.step() ? st.i64(0) : 0;
}

Appended Ledger::append(std::string_view kind, const std::string& payload, const std::string& at) {
    auto& head = cached("SELECT seq, hash, at_utc FROM journal WHERE terminal = ?1 ORDER BY seq DESC LIMIT 1");
    head.bind(1, terminal_);
    std::string previous_at;
    JournalRecord r;
    r.terminal = terminal_;
    r.kind = std::string(kind);
    r.at_utc = at;
    r.payload = payload;
    if (head.step()) {
        r.seq = head.i64(0) + 1;
        auto h = head.blob(1);
        if (h.size() != 32) throw std::runtime_error("journal head has a malformed hash; run caisse verify");
        std::copy(h.begin(), h.end(), r.prev_hash.begin());
        previous_at = head.str(2);
    } else {
        if (kind != kind::genesis) throw std::logic_error("first record must be genesis");
        r.seq = 1;
    }
    head.reset();
    r.hash = record_hash(sha_, r.prev_hash.data(), r.terminal, r.seq, r.kind, r.at_utc, r.payload);
    auto& ins = cached("INSERT INTO journal(terminal, seq, kind, at_utc, payload, prev_hash, hash, sig) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    ins.bind(1, r.terminal).bind(2, r.seq).bind(3, r.kind).bind(4, r.at_utc).bind(5, r.payload);
    ins.bind_blob(6, r.prev_hash.data(), 32).bind_blob(7, r.hash.data(), 32);
    if (is_signed_kind(kind)) {
        Signature s = sign(secret_, r.hash);
        ins.bind_blob(8, s.data(), s.size());
    } else {
        ins.bind_null(8);
    }
    ins.run();
    appended_ = std::make_pair(r.seq, r.hash);
    const Appended result{r.terminal, r.seq, r.hash};
    // The clock went backwards (JET, fiscal-fr.md): said by an event right after the record, in the
    // same commit, bearing the same time (so it is not itself a step back). Timestamps of equal
    // length compare as text.
    if (!previous_at.empty() && r.at_utc < previous_at && r.kind != kind::genesis)
        record_event(*this,
                     EventRecord{0, event_code::clock_backwards, std::nullopt, std::nullopt, "record",
                                 "seq " + std::to_string(r.seq) + " (" + r.kind + ") at " + r.at_utc + " is earlier than the previous record's " + previous_at,
                                 ""},
                     r.at_utc);
    // A write the disk refused earlier is journaled with the first commit that works again.
    if (pending_storage_error_ && !in_storage_event_) {
        in_storage_event_ = true;
        const std::string detail = *pending_storage_error_;
        pending_storage_error_.reset();
        try {
            record_event(*this, EventRecord{0, event_code::storage_error, std::nullopt, std::nullopt, "write the ledger", detail, ""},
                         r.at_utc);
        } catch (...) {
            in_storage_event_ = false;
            pending_storage_error_ = detail;
            throw;
        }
        in_storage_event_ = false;
    }
    return result;
}

Statement& Ledger::cached(const char* sql) {
    auto it = statements_.find(sql);
    if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<Statement>(db_.prepare(sql))).first;
    it->second->reset();
    return *it->second;
}

std::optional<std::string> Ledger::setting(const std::string& key) {
    auto st = db_.prepare("SELECT value FROM local_settings WHERE key = ?1");
    st.bind(1, key);
    if (!st.step()) return std::nullopt;
    return st.str(0);
}

void Ledger::set_setting(const std::string& key, const std::string& value) {
    auto st = db_.prepare("INSERT INTO local_settings(key, value) VALUES (?1, ?2) "
                          "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
    st.bind(1, key).bind(2, value).run();
}

std::map<std::string, std::string> Ledger::settings() {
    std::map<std::string, std::string> out;
    for (auto st = db_.prepare("SELECT key, value FROM local_settings ORDER BY key"); st.step();) out[st.str(0)] = st.str(1);
    return out;
}

Hash head_anchor_message(const std::string& terminal, std::int64_t seq, const Hash& hash) {
    return sha256("caisse-head\n" + terminal + "\n" + std::to_string(seq) + "\n" + to_hex(hash));
}

void Ledger::post_head_anchor() {
    if (!appended_) return;
    if (!anchor_) anchor_ = std::make_unique<HeadAnchorWriter>(head_path(path()), terminal_, secret_);
    anchor_->post(appended_->first, appended_->second);
    appended_.reset();
}

namespace {
constexpr std::string_view kAnchorHeader = "caisse-head 2\n";

std::string anchor_line(const std::string& terminal, std::int64_t seq, const Hash& hash, const Signature& sig) {
    char digits[24];
    std::snprintf(digits, sizeof digits, "%020lld", static_cast<long long>(seq));
    return terminal + " " + digits + " " + to_hex(hash) + " " + to_hex(sig) + "\n";
}
}  // namespace

namespace {
// Writes the slot through an open descriptor of the head file; false when a write failed.
bool write_slot(int fd, const std::string& terminal, std::int64_t seq, const Hash& hash, const SecretKey& key) {
    const std::string line = anchor_line(terminal, seq, hash, sign(key, head_anchor_message(terminal, seq, hash)));
    const std::size_t file_size = kAnchorHeader.size() + 2 * line.size();
    struct stat st {};
    char header[16] = {};
    const bool fresh = ::fstat(fd, &st) != 0 || static_cast<std::size_t>(st.st_size) != file_size ||
                       ::pread(fd, header, kAnchorHeader.size(), 0) != static_cast<ssize_t>(kAnchorHeader.size()) ||
                       std::string_view(header, kAnchorHeader.size()) != kAnchorHeader;
    if (fresh) {
        const std::string all = std::string(kAnchorHeader) + line + line;
        return ::pwrite(fd, all.data(), all.size(), 0) == static_cast<ssize_t>(all.size()) &&
               ::ftruncate(fd, static_cast<off_t>(all.size())) == 0;
    }
    const off_t at = static_cast<off_t>(kAnchorHeader.size() + static_cast<std::size_t>(seq % 2) * line.size());
    return ::pwrite(fd, line.data(), line.size(), at) == static_cast<ssize_t>(line.size());
}

int open_head(const std::string& head_path) { return ::open(head_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600); }
}  // namespace

void write_head_anchor_slot(const std::string& head_path, const std::string& terminal, std::int64_t seq,
                            const Hash& hash, const SecretKey& key) {
    const int fd = open_head(head_path);
    if (fd < 0) throw std::runtime_error("cannot write " + head_path);
    const bool ok = write_slot(fd, terminal, seq, hash, key);
    ::close(fd);
    if (!ok) throw std::runtime_error("cannot write " + head_path);
}

std::optional<std::vector<HeadAnchor>> read_head_anchor_slots(const std::string& head_path) {
    std::ifstream in(head_path);
    if (!in) return std::nullopt;
    std::string header;
    std::getline(in, header);
    if (header + "\n" != kAnchorHeader) throw InputError("{0} is not a head anchor", head_path);
    std::vector<HeadAnchor> slots;
    std::string line;
    while (std::getline(in, line)) {
        std::istringstream f(line);
        std::string seq, hash, sig;
        HeadAnchor a;
        f >> a.terminal >> seq >> hash >> sig;
        if (seq.size() != 20 || seq.find_first_not_of("0123456789") != std::string::npos || !from_hex(hash, a.hash.data(), 32) ||
            !from_hex(sig, a.sig.data(), 64)) {
            a.seq = -1;  // torn or damaged slot: kept so the reader can say so
        } else {
            auto [end, ec] = std::from_chars(seq.data(), seq.data() + seq.size(), a.seq);
            if (ec != std::errc() || end != seq.data() + seq.size()) a.seq = -1;
        }
        slots.push_back(std::move(a));
    }
    if (slots.size() != 2) throw InputError("{0} is malformed", head_path);
    return slots;
}

HeadAnchorWriter::HeadAnchorWriter(std::string head_path, std::string terminal, const SecretKey& key, std::chrono::milliseconds rest)
    : path_(std::move(head_path)), terminal_(std::move(terminal)), key_(key), rest_(rest), thread_([this] { run(); }) {}

HeadAnchorWriter::~HeadAnchorWriter() {
    {
        std::lock_guard lock(mu_);
        stop_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

void HeadAnchorWriter::post(std::int64_t seq, const Hash& hash) {
    bool wake = false;
    {
        std::lock_guard lock(mu_);
        if (!pending_ || pending_->first < seq) pending_ = std::make_pair(seq, hash);
        // Writing or resting, the writer looks at pending_ when it is done: no wake-up to pay for.
        wake = !busy_ && !resting_;
    }
    if (wake) wake_.notify_one();
}

void HeadAnchorWriter::flush() {
    std::unique_lock lock(mu_);
    ++flushers_;
    wake_.notify_one();
    idle_.wait(lock, [&] { return !pending_ && !busy_; });
    --flushers_;
}

std::int64_t HeadAnchorWriter::writes() {
    std::lock_guard lock(mu_);
    return writes_;
}

void HeadAnchorWriter::run() {
    std::unique_lock lock(mu_);
    for (;;) {
        wake_.wait(lock, [&] { return stop_ || pending_; });
        if (!pending_) break;  // stopping with nothing left to write
        const auto [seq, hash] = *pending_;
        pending_.reset();
        busy_ = true;
        lock.unlock();
        // The file stays open between sales (an open and a close less on the other core for each
        // one); opened again when it was removed or replaced meanwhile (its link count is 0).
        struct stat st {};
        if (fd_ >= 0 && (::fstat(fd_, &st) != 0 || st.st_nlink == 0)) {
            ::close(fd_);
            fd_ = -1;
        }
        if (fd_ < 0) fd_ = open_head(path_);
        bool written = false;
        try {
            // Best effort: a missing or stale anchor is reported by verify, never blocks a sale.
            written = fd_ >= 0 && write_slot(fd_, terminal_, seq, hash, key_);
            if (fd_ >= 0 && !written) {
                ::close(fd_);
                fd_ = -1;
            }
        } catch (const std::exception&) {
        }
        lock.lock();
        busy_ = false;
        if (written) ++writes_;
        idle_.notify_all();
        // The rest: posts gather in pending_ (the newest wins) until it ends, or a flush or the
        // destructor ends it early.
        resting_ = true;
        wake_.wait_for(lock, rest_, [&] { return stop_ || flushers_ > 0; });
        resting_ = false;
    }
    if (fd_ >= 0) ::close(fd_);
    idle_.notify_all();
}

}  // namespace caisse::db
