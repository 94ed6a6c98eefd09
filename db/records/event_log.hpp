#pragma once
// The technical event log (JET) as one list: the `event` records plus the record kinds that are
// events of their own (docs/ledger-format.md, "The technical event log"). A view over the journal,
// read from the records' payloads (the signed chain's own bytes), never a second copy.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/sqlite.hpp"

namespace caisse::db {

struct LogEntry {
    std::string terminal;
    std::int64_t seq = 0;
    std::string at_utc;
    std::string kind;  // the record kind ("event", "closure.day", ...)
    std::string code;  // the event code for kind event, else the kind itself
    std::optional<std::int64_t> user, approver;  // users.id
    std::string user_name, approver_name;        // "" when none or unknown
    std::string action;  // English, for event records ("close the day"); "" for the other kinds
    std::string detail;  // English: why, or what the record holds ("Z 3, session 4, total 152.40")
};

// Every entry with at_utc >= since (an ISO UTC time; "" for all), ordered by at_utc, then terminal
// and seq: one time-ordered list over every terminal of the file. A record written while the clock
// went backwards sorts by the time it bears; its clock.backwards event says so.
std::vector<LogEntry> event_log(Database& db, const std::string& since);

// The record kinds the JET lists besides `event`.
const std::vector<std::string>& event_log_kinds();

}  // namespace caisse::db
