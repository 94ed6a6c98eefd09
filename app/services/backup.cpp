#include "app/services/backup.hpp"

#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <exception>
#include <filesystem>
#include <thread>

#include "db/verify.hpp"

namespace caisse {

namespace {

namespace fs = std::filesystem;

std::string stamp(std::chrono::system_clock::time_point now) {
    const std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y%m%d-%H%M%S", &tm);
    return buf;
}

// "caisse.db-20261130-101500" and "caisse.db-20261130-101500-2": the dated folders of this ledger.
bool is_backup_folder(const std::string& name, const std::string& base) {
    if (name.size() < base.size() + 16 || name.compare(0, base.size() + 1, base + "-") != 0) return false;
    const std::string rest = name.substr(base.size() + 1);
    for (std::size_t i = 0; i < 15; ++i)
        if (i == 8 ? rest[i] != '-' : (rest[i] < '0' || rest[i] > '9')) return false;
    return rest.size() == 15 || (rest[15] == '-' && rest.size() > 16);
}

std::vector<std::string> rotate(const fs::path& dir, const std::string& base, int keep) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec))
        if (entry.is_directory(ec) && is_backup_folder(entry.path().filename().string(), base)) found.push_back(entry.path());
    // Names sort by time (UTC stamp), a same-second suffix after its stem.
    std::sort(found.begin(), found.end());
    std::vector<std::string> removed;
    while (found.size() > static_cast<std::size_t>(keep)) {
        fs::remove_all(found.front(), ec);
        removed.push_back(found.front().string());
        found.erase(found.begin());
    }
    return removed;
}

void check_folder(const std::string& dir) {
    struct stat st {};
    if (dir.empty() || ::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode))
        throw InputError("the backup folder {0} is missing: plug in the backup drive (USB stick) or change backup.dir", dir);
}

// code: event_code::backup (made and verified) or event_code::backup_failed.
db::EventRecord backup_event(const char* code, const std::optional<Actor>& by, std::string detail) {
    db::EventRecord e;
    e.code = code;
    if (by) {
        e.user = by->user().id;
        if (by->approver()) e.approver = by->approver()->id;
    }
    e.action = "back up the ledger";
    e.detail = std::move(detail);
    return e;
}

std::string success_detail(const BackupResult& r) {
    std::string d = "folder " + fs::path(r.folder).filename().string() + ", records " + std::to_string(r.records);
    for (const auto& e : r.ends) d += ", " + e.terminal + " up to " + std::to_string(e.seq);
    return d;
}

bool can_journal(Till& till) {
    try {
        till.ledger().check_writable();
        return true;
    } catch (const InputError&) {
        return false;
    }
}

}  // namespace

BackupResult make_backup(const std::string& db_path, const BackupOptions& options, std::chrono::system_clock::time_point now) {
    if (options.keep < 1 || options.keep > kMaxBackupKeep)
        throw InputError("keep {0} backups: give a number from 1 to {1}", options.keep, kMaxBackupKeep);
    check_folder(options.dir);
    const fs::path dir(options.dir);
    const std::string base = fs::path(db_path).filename().string();
    std::string name = base + "-" + stamp(now);
    std::error_code ec;
    for (int n = 2; fs::exists(dir / name, ec); ++n) name = base + "-" + stamp(now) + "-" + std::to_string(n);
    // Built under a hidden name and renamed once verified: a dated folder is always a good backup.
    const fs::path partial = dir / ("." + name + ".partial");
    fs::remove_all(partial, ec);
    if (!fs::create_directory(partial, ec)) throw InputError("cannot write {0}", partial.string());
    ::chmod(partial.c_str(), 0700);
    BackupResult r;
    try {
        const std::string copy = (partial / base).string();
        // The copy and above all its verify (every core, as `caisse verify`) are background work:
        // run on a thread of low CPU priority (nice 10 at least, inherited by verify's workers), so
        // that a till selling meanwhile, in this process or another, is served first. Measured on
        // a busy 2-core machine, 100,000 tickets: the longest sale fell from 358 ms (with the
        // copy's writes paced, db/backup) to the figure in README, "Backup while selling".
        db::VerifyResult v;
        std::exception_ptr failed;
        std::thread low([&] {
            const auto tid = static_cast<id_t>(::gettid());
            ::setpriority(PRIO_PROCESS, tid, std::max(::getpriority(PRIO_PROCESS, tid), 10));
            try {
                r.copy = db::online_copy(db_path, copy, options.pages_per_step, options.pause);
                const auto t0 = std::chrono::steady_clock::now();
                v = db::verify_ledger(copy);
                r.verify_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            } catch (...) {
                failed = std::current_exception();
            }
        });
        low.join();
        if (failed) std::rethrow_exception(failed);
        if (!v.ok) {
            const auto& p = v.problems.front();
            throw InputError("the backup copy does not verify (terminal {0} seq {1}: {2}); it was not kept", p.terminal, p.seq, p.message);
        }
        r.records = v.records;
        r.ends = db::chain_ends(copy);
    } catch (...) {
        fs::remove_all(partial, ec);
        throw;
    }
    const fs::path final_dir = dir / name;
    fs::rename(partial, final_dir, ec);
    if (ec) {
        fs::remove_all(partial, ec);
        throw InputError("cannot write {0}", final_dir.string());
    }
    r.folder = final_dir.string();
    // The newest backup's anchor beside the folders: the witness `verify --backup-dir DIR` reads.
    const fs::path head = final_dir / (base + ".head");
    if (fs::exists(head, ec)) {
        const fs::path top = dir / (base + ".head");
        fs::copy_file(head, top.string() + ".tmp", fs::copy_options::overwrite_existing, ec);
        if (!ec) fs::rename(top.string() + ".tmp", top, ec);
    }
    r.removed = rotate(dir, base, options.keep);
    return r;
}

BackupResult backup_ledger(Till& till, const std::optional<Actor>& by, const BackupOptions& options) {
    const bool journal = can_journal(till);
    try {
        BackupResult r = make_backup(till.ledger().path(), options, std::chrono::system_clock::now());
        if (journal) till.ledger().write([&] { db::record_event(till.ledger(), backup_event(db::event_code::backup, by, success_detail(r)), till.now_utc()); });
        return r;
    } catch (const InputError& e) {
        if (journal) till.ledger().write([&] { db::record_event(till.ledger(), backup_event(db::event_code::backup_failed, by, "failed: " + e.message().english()), till.now_utc()); });
        throw;
    }
}

std::optional<BackupOptions> configured_backup(Till& till) {
    const auto dir = till.ledger().setting("backup.dir");
    if (!dir || dir->empty()) return std::nullopt;
    BackupOptions o;
    o.dir = *dir;
    if (const auto keep = till.ledger().setting("backup.keep"); keep && !keep->empty()) o.keep = std::stoi(*keep);
    return o;
}

std::string describe_lost(const std::vector<db::LostRange>& lost) {
    std::string out;
    for (const auto& l : lost) {
        if (!out.empty()) out += "; ";
        out += "terminal " + l.terminal + ": records " + std::to_string(l.first) + " to " + std::to_string(l.last) + " (" +
               std::to_string(l.last - l.first + 1) + ")";
    }
    return out;
}

RestoreResult restore_ledger(const std::string& backup, const std::string& db_path, bool accept_loss, Clock clock) {
    std::error_code ec;
    std::string source = backup;
    if (fs::is_directory(backup, ec)) source = (fs::path(backup) / fs::path(db_path).filename()).string();
    if (!fs::is_regular_file(source, ec)) throw InputError("no backup of {0} at {1}", fs::path(db_path).filename().string(), backup);
    const db::VerifyResult v = db::verify_ledger(source);
    if (!v.ok) {
        const auto& p = v.problems.front();
        throw InputError("the backup does not verify (terminal {0} seq {1}: {2}): nothing was restored", p.terminal, p.seq, p.message);
    }
    RestoreResult r;
    const auto backup_ends = db::chain_ends(source);
    if (fs::exists(db_path, ec)) {
        std::vector<db::ChainEnd> target;
        try {
            target = db::chain_ends(db_path);
        } catch (const db::SqliteError&) {
            target = db::chain_ends_from_head(db::Ledger::head_path(db_path));  // a damaged ledger: its anchor says how far it went
        }
        const auto cmp = db::compare_for_restore(source, target, db_path);
        if (!cmp.diverged.empty())
            throw InputError("the backup is not a copy of this ledger (terminal {0} differs): nothing was restored", cmp.diverged.front());
        if (!cmp.lost.empty() && !accept_loss)
            throw InputError("the ledger holds records the backup lacks, which a restore would lose: {0}; nothing was restored "
                             "(take a newer backup, or give --accept-loss)",
                             describe_lost(cmp.lost));
        r.lost = cmp.lost;
    }
    db::restore_copy(source, db_path);
    r.ends = backup_ends;
    // Journaled in the restored ledger itself, when this machine holds its key.
    try {
        auto till = Till::open(db_path, clock);
        if (can_journal(*till)) {
            db::EventRecord e;
            e.code = db::event_code::restore;
            e.action = "restore the ledger";
            e.detail = "from " + fs::path(source).parent_path().filename().string() +
                       (r.lost.empty() ? std::string() : ", records lost: " + describe_lost(r.lost));
            till->ledger().write([&] { db::record_event(till->ledger(), e, till->now_utc()); });
            r.journaled = true;
        }
    } catch (const InputError&) {
        r.journaled = false;
    }
    return r;
}

// --- the background backup after each Z ---

AutoBackup::~AutoBackup() { wait(); }

bool AutoBackup::start(std::string db_path, BackupOptions options, std::chrono::system_clock::time_point now,
                       std::function<void()> on_done) {
    std::lock_guard lock(mu_);
    if (running_) return false;
    if (thread_.joinable()) thread_.join();
    running_ = true;
    thread_ = std::thread([this, db_path = std::move(db_path), options = std::move(options), now, on_done = std::move(on_done)] {
        Finished f;
        try {
            f.result = make_backup(db_path, options, now);
        } catch (const InputError& e) {
            f.message = e.message();
            f.error = e.message().english();
        } catch (const std::exception& e) {
            f.message = Message{"storage: {0}", {std::string(e.what())}};
            f.error = f.message.english();
        }
        {
            std::lock_guard lock(mu_);
            last_ok_ = f.result.has_value();
            last_error_ = f.error;
            finished_ = std::move(f);
            running_ = false;
        }
        if (on_done) on_done();
    });
    return true;
}

void AutoBackup::wait() {
    std::thread t;
    {
        std::lock_guard lock(mu_);
        t = std::move(thread_);
    }
    if (t.joinable()) t.join();
}

std::optional<AutoBackup::Finished> AutoBackup::take_finished() {
    std::lock_guard lock(mu_);
    auto f = std::move(finished_);
    finished_.reset();
    return f;
}

bool AutoBackup::running() {
    std::lock_guard lock(mu_);
    return running_;
}

std::optional<bool> AutoBackup::last_ok() {
    std::lock_guard lock(mu_);
    return last_ok_;
}

std::string AutoBackup::last_error() {
    std::lock_guard lock(mu_);
    return last_error_;
}

void start_backup_after_z(Till& till) {
    try {
        const auto options = configured_backup(till);
        if (!options) return;
        till.auto_backup().start(till.ledger().path(), *options, std::chrono::system_clock::now(), till.on_background_done());
    } catch (const std::exception&) {
        // The Z is recorded; a setting that cannot be read shows as a failed backup on screen.
    }
}

void journal_finished_backups(Till& till) {
    try {
        auto f = till.auto_backup().take_finished();
        if (!f || !can_journal(till)) return;
        const std::string detail = f->result ? success_detail(*f->result) : "failed: " + f->error;
        till.ledger().write([&] { db::record_event(till.ledger(), backup_event(f->result ? db::event_code::backup : db::event_code::backup_failed, std::nullopt, detail), till.now_utc()); });
    } catch (const std::exception&) {
        // Busy or full disk: the screen shows the backup's state anyway; the next Z tries again.
    }
}

void finish_backups(Till& till) {
    till.auto_backup().wait();
    journal_finished_backups(till);
}

BackupStatus backup_status(Till& till) {
    BackupStatus s;
    const auto options = configured_backup(till);
    if (options) {
        s.configured = true;
        s.dir = options->dir;
        struct stat st {};
        s.folder_missing = ::stat(options->dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode);
    }
    auto& a = till.auto_backup();
    s.running = a.running();
    s.last_ok = a.last_ok();
    s.last_error = a.last_error();
    return s;
}

}  // namespace caisse
