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

// Codes written today.
namespace event_code {
inline constexpr const char* refused = "auth.refused";     // an action refused: role, PIN, lock
inline constexpr const char* pin_failed = "pin.failed";    // a wrong PIN
inline constexpr const char* locked = "pin.locked";        // a user locked after wrong PINs
inline constexpr const char* override_ = "auth.override";  // a manager approved a seller's action
inline constexpr const char* archive_export = "archive.export";  // a period archive written (app/services/archive)
inline constexpr const char* backup = "backup";                  // a backup made, or failed (app/services/backup)
inline constexpr const char* restore = "restore";                // the ledger restored from a backup
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
