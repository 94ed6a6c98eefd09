#pragma once
// Record kinds of the cash session (docs/ledger-format.md): session.open (the float, counted by
// denomination) and cash.move (cash put into or taken out of the drawer). Payload, projection
// and the rows verify rebuilds them from live here.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/records/projected_kind.hpp"

namespace caisse::db {

class Ledger;

struct SessionInfo {
    std::int64_t id = 0, opened_by = 0, float_cents = 0;
    std::string day;      // business day, local "YYYY-MM-DD"
    std::string opened_at;  // UTC of the session.open record
    std::int64_t seq = 0;   // of the session.open record
};

// Appends session.open; `count` may be empty (a float typed as one amount). Returns the id.
std::int64_t record_session_open(Ledger& ledger, std::int64_t user_id, std::int64_t float_cents,
                                 const std::map<std::int64_t, std::int64_t>& count, const std::string& day,
                                 const std::string& at);

// A count as the payloads write it: [{"cents":5000,"pieces":2},...], largest first
// (docs/ledger-format.md, "session.open").
nlohmann::json cash_count_json(const std::map<std::int64_t, std::int64_t>& count);

// Writes the pieces per denomination counted by the record at seq (session.open or closure.day).
void write_cash_count(Ledger& ledger, std::int64_t seq, const std::map<std::int64_t, std::int64_t>& count);
// The pieces counted by the record at seq (denomination cents -> pieces). Read on demand: the open
// session is looked up on every sale and every frame, its count almost never.
std::map<std::int64_t, std::int64_t> read_cash_count(Ledger& ledger, std::int64_t seq);

// The newest session of this terminal that no day closure has closed yet.
std::optional<SessionInfo> open_session_of(Ledger& ledger);
std::optional<SessionInfo> session_by_id(Ledger& ledger, std::int64_t id);

// Cash put into (+) or taken out of (-) the drawer during a session, with why. A cash out may
// name the entrepreneur it was spent for (a charge in the CAPE roll-up); none means the group.
struct CashMoveRecord {
    std::int64_t seq = 0, session = 0, user = 0;
    std::int64_t amount = 0;  // cents: > 0 cash in, < 0 cash out
    std::string reason;
    std::optional<std::int64_t> entrepreneur;  // none: the group
    std::string at_utc;
};
std::int64_t record_cash_move(Ledger& ledger, CashMoveRecord& move, const std::string& at);  // returns seq
std::vector<CashMoveRecord> cash_moves_of_session(Ledger& ledger, std::int64_t session);

// For verify: the projections of these kinds, rebuilt as payloads.
std::vector<ProjectedKind> session_projected_kinds();

}  // namespace caisse::db
