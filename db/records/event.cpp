#include "db/records/event.hpp"

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {
json optional_id(const std::optional<std::int64_t>& id) { return id ? json(*id) : json(nullptr); }

json event_payload(const EventRecord& e) {
    return json{{"action", e.action}, {"approver", optional_id(e.approver)}, {"code", e.code}, {"detail", e.detail},
                {"user", optional_id(e.user)}};
}

void bind_optional(Statement& st, int i, const std::optional<std::int64_t>& v) {
    if (v) st.bind(i, *v);
    else st.bind_null(i);
}

std::optional<std::int64_t> column_id(const Statement& s, int col) {
    if (s.is_null(col)) return std::nullopt;
    return s.i64(col);
}
}  // namespace

std::int64_t record_event(Ledger& ledger, const EventRecord& e, const std::string& at) {
    auto a = ledger.append(kind::event, canonical_json(event_payload(e)), at);
    auto& st = ledger.cached(
        "INSERT INTO events(terminal, seq, code, user_id, approver_id, action, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, e.code);
    bind_optional(st, 4, e.user);
    bind_optional(st, 5, e.approver);
    st.bind(6, e.action).bind(7, e.detail);
    st.run();
    return a.seq;
}

std::vector<EventRecord> recent_events(Ledger& ledger, int limit) {
    auto st = ledger.db().prepare(
        "SELECT e.seq, e.code, e.user_id, e.approver_id, e.action, e.detail, j.at_utc FROM events e "
        "JOIN journal j ON j.terminal = e.terminal AND j.seq = e.seq WHERE e.terminal = ?1 ORDER BY e.seq DESC LIMIT ?2");
    st.bind(1, ledger.terminal()).bind(2, limit);
    std::vector<EventRecord> out;
    while (st.step())
        out.push_back(EventRecord{st.i64(0), st.str(1), column_id(st, 2), column_id(st, 3), st.str(4), st.str(5), st.str(6)});
    return out;
}

std::vector<ProjectedKind> event_projected_kinds() {
    return {{kind::event, "SELECT terminal, seq, code, user_id, approver_id, action, detail FROM events",
             [](Database&, Statement& s) {
                 return event_payload(EventRecord{0, s.str(2), column_id(s, 3), column_id(s, 4), s.str(5), s.str(6), ""});
             }}};
}

}  // namespace caisse::db
