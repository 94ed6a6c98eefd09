#pragma once
// The event record kind: entries of the technical event log (JET) in the chain, with their
// projection `events`. Issue "Trust" records refusals, overrides, failed PINs and locks; the
// corrections issue adds the other codes (fiscal-fr.md, "JET").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/records/projected_kind.hpp"

namespace caisse::db {

class Ledger;

// The codes of the technical event log (JET; docs/ledger-format.md, "event"). Events that are a
// record kind of their own (session.open, closure.*, receipt.duplicate, product.set, user.add, ...)
// are not written twice: the JET is these event records plus those kinds (db/records/event_log).
namespace event_code {
inline constexpr const char* refused = "auth.refused";     // an action refused: role, PIN, lock
inline constexpr const char* pin_failed = "pin.failed";    // a wrong PIN
inline constexpr const char* pin_reset = "pin.reset";     // a manager gave a user a new PIN: detail the user
inline constexpr const char* locked = "pin.locked";        // a user locked after wrong PINs
inline constexpr const char* override_ = "auth.override";  // a manager approved a seller's action
inline constexpr const char* login = "auth.login";         // a user signed in on the screen
inline constexpr const char* logout = "auth.logout";       // a user signed out on the screen (or the idle lock)
inline constexpr const char* app_start = "app.start";      // the till's window started
inline constexpr const char* app_stop = "app.stop";        // the till's window closed normally
inline constexpr const char* training_on = "training.on";  // training mode (MODE ÉCOLE) turned on
inline constexpr const char* training_off = "training.off";
inline constexpr const char* settings = "settings.change"; // local settings changed: detail "key=value,..."
inline constexpr const char* export_ = "export";           // data left the till: detail what (catalogue, ...)
inline constexpr const char* archive = "archive.export";   // a signed archive written (archives engineer)
inline constexpr const char* bundle_export = "bundle.export";  // a signed bundle of this till's chain written (detail "records A-B, ...")
inline constexpr const char* bundle_import = "bundle.import";  // another till's bundle imported (coordinator)
inline constexpr const char* backup = "backup.done";       // a backup made and verified
inline constexpr const char* backup_failed = "backup.failed";
inline constexpr const char* restore = "restore.done";     // a ledger restored from a backup
inline constexpr const char* printer_error = "printer.error";  // a print job failed: detail job and reason
inline constexpr const char* storage_error = "storage.error";  // a write refused by the disk, journaled with the next commit
inline constexpr const char* clock_backwards = "clock.backwards";  // a record earlier than the one before it
}  // namespace event_code

struct EventRecord {
    std::int64_t seq = 0;
    std::string code;
    std::optional<std::int64_t> user;      // users.id
    std::optional<std::int64_t> approver;  // users.id
    std::string action;                    // English, as written by the service ("close the day")
    std::string detail;
    std::string at_utc;
};

// Appends one event; must run inside Ledger::write. Returns its seq.
std::int64_t record_event(Ledger& ledger, const EventRecord& e, const std::string& at);
// The newest events first, at most limit.
std::vector<EventRecord> recent_events(Ledger& ledger, int limit);

std::vector<ProjectedKind> event_projected_kinds();

}  // namespace caisse::db
