#include "db/records/session.hpp"

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {

json session_open_payload(const std::string& day, std::int64_t float_cents, std::int64_t id, std::int64_t opened_by,
                          const std::map<std::int64_t, std::int64_t>& count) {
    json p{{"day", day}, {"float", float_cents}, {"id", id}, {"opened_by", opened_by}};
    if (!count.empty()) p["count"] = cash_count_json(count);  // a float typed as one amount has none
    return p;
}

json cash_move_payload(const CashMoveRecord& m) {
    json p{{"amount", m.amount}, {"reason", m.reason}, {"session", m.session}, {"user", m.user}};
    if (m.entrepreneur) p["entrepreneur"] = *m.entrepreneur;
    return p;
}

SessionInfo session_from(Statement& st) { return SessionInfo{st.i64(0), st.i64(1), st.i64(2), st.str(3), st.str(4), st.i64(5)}; }

constexpr const char* kSessionColumns =
    "SELECT s.id, s.opened_by, s.float, s.day, j.at_utc, s.seq FROM sessions s "
    "JOIN journal j ON j.terminal = s.terminal AND j.seq = s.seq ";

}  // namespace

json cash_count_json(const std::map<std::int64_t, std::int64_t>& count) {
    json a = json::array();
    for (auto it = count.rbegin(); it != count.rend(); ++it) a.push_back(json{{"cents", it->first}, {"pieces", it->second}});
    return a;
}

void write_cash_count(Ledger& ledger, std::int64_t seq, const std::map<std::int64_t, std::int64_t>& count) {
    auto& st = ledger.cached("INSERT INTO cash_counts(terminal, seq, cents, pieces) VALUES (?1, ?2, ?3, ?4)");
    for (const auto& [cents, pieces] : count) st.bind(1, ledger.terminal()).bind(2, seq).bind(3, cents).bind(4, pieces).run();
}

std::map<std::int64_t, std::int64_t> read_cash_count(Ledger& ledger, std::int64_t seq) {
    auto& st = ledger.cached("SELECT cents, pieces FROM cash_counts WHERE terminal = ?1 AND seq = ?2");
    st.bind(1, ledger.terminal()).bind(2, seq);
    std::map<std::int64_t, std::int64_t> out;
    while (st.step()) out[st.i64(0)] = st.i64(1);
    st.reset();
    return out;
}

std::int64_t record_session_open(Ledger& ledger, std::int64_t user_id, std::int64_t float_cents,
                                 const std::map<std::int64_t, std::int64_t>& count, const std::string& day,
                                 const std::string& at) {
    auto q = ledger.db().prepare("SELECT COALESCE(MAX(id), 0) + 1 FROM sessions WHERE terminal = ?1");
    q.bind(1, ledger.terminal());
    q.step();
    const std::int64_t id = q.i64(0);
    auto a = ledger.append(kind::session_open, canonical_json(session_open_payload(day, float_cents, id, user_id, count)), at);
    auto st = ledger.db().prepare("INSERT INTO sessions(terminal, id, seq, opened_by, day, float) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, a.terminal).bind(2, id).bind(3, a.seq).bind(4, user_id).bind(5, day).bind(6, float_cents).run();
    write_cash_count(ledger, a.seq, count);
    return id;
}

std::optional<SessionInfo> open_session_of(Ledger& ledger) {
    auto& st = ledger.cached(
        "SELECT s.id, s.opened_by, s.float, s.day, j.at_utc, s.seq FROM sessions s "
        "JOIN journal j ON j.terminal = s.terminal AND j.seq = s.seq "
        "WHERE s.terminal = ?1 AND NOT EXISTS (SELECT 1 FROM day_closures d WHERE d.terminal = s.terminal AND "
        "d.session_id = s.id) ORDER BY s.id DESC LIMIT 1");
    st.bind(1, ledger.terminal());
    std::optional<SessionInfo> s;
    if (st.step()) {
        s = SessionInfo{st.i64(0), st.i64(1), st.i64(2), st.str(3), st.str(4), st.i64(5)};
    }
    st.reset();
    return s;
}

std::optional<SessionInfo> session_by_id(Ledger& ledger, std::int64_t id) {
    auto st = ledger.db().prepare(std::string(kSessionColumns) + "WHERE s.terminal = ?1 AND s.id = ?2");
    st.bind(1, ledger.terminal()).bind(2, id);
    if (!st.step()) return std::nullopt;
    return session_from(st);
}

std::int64_t record_cash_move(Ledger& ledger, CashMoveRecord& m, const std::string& at) {
    auto a = ledger.append(kind::cash_move, canonical_json(cash_move_payload(m)), at);
    auto& st = ledger.cached(
        "INSERT INTO cash_moves(terminal, seq, session_id, user_id, amount, reason, entrepreneur_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, m.session).bind(4, m.user).bind(5, m.amount).bind(6, m.reason);
    if (m.entrepreneur) st.bind(7, *m.entrepreneur);
    else st.bind_null(7);
    st.run();
    m.seq = a.seq;
    m.at_utc = at;
    return a.seq;
}

std::vector<CashMoveRecord> cash_moves_of_session(Ledger& ledger, std::int64_t session) {
    auto st = ledger.db().prepare(
        "SELECT m.seq, m.session_id, m.user_id, m.amount, m.reason, m.entrepreneur_id, j.at_utc FROM cash_moves m "
        "JOIN journal j ON j.terminal = m.terminal AND j.seq = m.seq WHERE m.terminal = ?1 AND m.session_id = ?2 "
        "ORDER BY m.seq");
    st.bind(1, ledger.terminal()).bind(2, session);
    std::vector<CashMoveRecord> out;
    while (st.step()) {
        CashMoveRecord m{st.i64(0), st.i64(1), st.i64(2), st.i64(3), st.str(4), std::nullopt, st.str(6)};
        if (!st.is_null(5)) m.entrepreneur = st.i64(5);
        out.push_back(std::move(m));
    }
    return out;
}

std::vector<ProjectedKind> session_projected_kinds() {
    return {
        {kind::session_open, "SELECT terminal, seq, day, float, id, opened_by FROM sessions",
         [](Database& db, Statement& s) {
             std::map<std::int64_t, std::int64_t> count;
             auto c = db.prepare("SELECT cents, pieces FROM cash_counts WHERE terminal = ?1 AND seq = ?2");
             c.bind(1, s.str(0)).bind(2, s.i64(1));
             while (c.step()) count[c.i64(0)] = c.i64(1);
             return session_open_payload(s.str(2), s.i64(3), s.i64(4), s.i64(5), count);
         }},
        {kind::cash_move, "SELECT terminal, seq, amount, reason, session_id, user_id, entrepreneur_id FROM cash_moves",
         [](Database&, Statement& s) {
             CashMoveRecord m{0, s.i64(4), s.i64(5), s.i64(2), s.str(3), std::nullopt, ""};
             if (!s.is_null(6)) m.entrepreneur = s.i64(6);
             return cash_move_payload(m);
         }},
    };
}

}  // namespace caisse::db
