#pragma once
// Backups and restore (issue 9, item 7): a verified copy of the live ledger and its head anchor
// in a dated folder, the oldest rotated away; made by `caisse backup` and, in the background,
// after each Z when the setting backup.dir names a folder (a USB stick). Never the key nor the
// credentials (issue 10, item 2). Restoring refuses to drop records the ledger holds.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/core/message.hpp"
#include "app/services/till.hpp"
#include "db/backup/backup.hpp"

namespace caisse {

inline constexpr int kDefaultBackupKeep = 7;   // a week of daily backups
inline constexpr int kMaxBackupKeep = 366;

struct BackupOptions {
    std::string dir;                 // the backup folder; must exist (a stick that is not plugged in is an error)
    int keep = kDefaultBackupKeep;   // dated backups kept in dir, 1..kMaxBackupKeep; older ones are removed
    int pages_per_step = 256;        // 1 MiB of 4 KiB pages per step of the backup API
    std::chrono::microseconds pause{2000};  // between steps: the sellers' commits get the disk
};

struct BackupResult {
    std::string folder;              // DIR/NAME-YYYYMMDD-HHMMSS(-N), holding NAME and NAME.head
    db::OnlineCopy copy;
    std::int64_t records = 0;        // records the copy holds, all verified
    std::vector<db::ChainEnd> ends;  // its newest record per terminal
    std::vector<std::string> removed;  // older backups rotated away
    double verify_seconds = 0;
};

// Copies the ledger at db_path into a new dated folder of options.dir (db::online_copy), verifies
// the copy (caisse verify's rules, its head anchor included), then copies its anchor to
// DIR/NAME.head (so that `caisse verify --backup-dir DIR` checks the newest backup) and removes
// the oldest dated folders beyond options.keep. A copy that does not verify is removed and
// reported. Throws InputError: a missing folder (unplugged stick), keep out of 1..366, a copy
// that does not verify; SqliteError on a storage fault.
BackupResult make_backup(const std::string& db_path, const BackupOptions& options, std::chrono::system_clock::time_point now);

// make_backup of this till's ledger, journaled as a `backup` event (also when it fails, with the
// reason, and then rethrown). A ledger without its key (a reading copy) is backed up unjournaled.
BackupResult backup_ledger(Till& till, const std::optional<Actor>& by, const BackupOptions& options);

// The options the settings backup.dir and backup.keep give; nullopt when backup.dir is not set.
std::optional<BackupOptions> configured_backup(Till& till);

struct RestoreResult {
    std::vector<db::LostRange> lost;  // dropped, only with accept_loss
    std::vector<db::ChainEnd> ends;   // of the restored ledger
    bool journaled = false;           // false when the key is missing (nothing can be recorded)
};
// Restores the backup (a backup folder or its ledger file) over db_path: checks the backup
// verifies, then refuses when db_path holds records the backup lacks (InputError naming each
// terminal's seq range) unless accept_loss, and always when the chains differ (another ledger).
// Journals a `restore` event in the restored ledger when its key is there. The till must be closed.
RestoreResult restore_ledger(const std::string& backup, const std::string& db_path, bool accept_loss, Clock clock = system_clock());

// "terminal T1: records 1201 to 1350 (150)" lines of a refusal, for messages.
std::string describe_lost(const std::vector<db::LostRange>& lost);

// What the screen shows about backups (status bar).
struct BackupStatus {
    bool configured = false;      // backup.dir is set
    bool folder_missing = false;  // ...but is not there (USB stick unplugged)
    bool running = false;
    std::optional<bool> last_ok;  // the last automatic backup of this run: made, or failed
    std::string last_error;       // English; translated by the caller
    std::string dir;
};

// The background backup after each Z: one at a time on its own thread; the result is journaled by
// the till's own thread (poll), never from the worker (one connection writes).
class AutoBackup {
public:
    AutoBackup() = default;
    ~AutoBackup();
    AutoBackup(const AutoBackup&) = delete;
    AutoBackup& operator=(const AutoBackup&) = delete;
    // Starts a backup unless one is running (then false). on_done runs on the worker when it ends.
    bool start(std::string db_path, BackupOptions options, std::chrono::system_clock::time_point now,
               std::function<void()> on_done = {});
    void wait();
    struct Finished {
        std::optional<BackupResult> result;
        std::string error;  // English, when it failed
        Message message;    // the same, translatable
    };
    std::optional<Finished> take_finished();  // once per backup that ended
    bool running();
    std::optional<bool> last_ok();
    std::string last_error();

private:
    std::mutex mu_;
    std::thread thread_;
    bool running_ = false;
    std::optional<Finished> finished_;
    std::optional<bool> last_ok_;
    std::string last_error_;
};

// Called by close_day after the Z's commit: starts the background backup when backup.dir is set.
// Never throws (the Z is recorded whatever happens to the backup); a missing folder is journaled.
void start_backup_after_z(Till& till);
// Journals the backups that ended since the last call (the UI calls it each frame, the CLI before
// it exits; one commit each). Never throws.
void journal_finished_backups(Till& till);
// Waits for a running background backup and journals it (the CLI's close, tests).
void finish_backups(Till& till);
BackupStatus backup_status(Till& till);

}  // namespace caisse
