#include "db/records/charge.hpp"

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {

json charge_payload(const ChargeRecord& c) {
    json p{{"category", c.category}, {"date", c.day}, {"supplier", c.supplier},
           {"ttc", c.ttc}, {"user", c.user}, {"vat", c.vat}};
    if (c.entrepreneur) p["entrepreneur"] = *c.entrepreneur;  // absent: the group
    if (c.cash_move_seq) p["cash_move"] = *c.cash_move_seq;   // absent: paid otherwise
    return p;
}

json hours_payload(const HoursRecord& h) {
    return json{{"date", h.day}, {"entrepreneur", h.entrepreneur}, {"minutes", h.minutes}, {"user", h.user}};
}

ChargeRecord charge_from(Statement& s) {
    // terminal, seq, day, ttc, vat, category, supplier, entrepreneur_id, cash_move_seq, user_id
    ChargeRecord c;
    c.terminal = s.str(0);
    c.seq = s.i64(1);
    c.day = s.str(2);
    c.ttc = s.i64(3);
    c.vat = s.i64(4);
    c.category = s.str(5);
    c.supplier = s.str(6);
    if (!s.is_null(7)) c.entrepreneur = s.i64(7);
    if (!s.is_null(8)) c.cash_move_seq = s.i64(8);
    c.user = s.i64(9);
    return c;
}

HoursRecord hours_from(Statement& s) {
    return HoursRecord{s.i64(1), s.str(2), s.i64(3), s.i64(4), s.i64(5), s.str(0)};
}

constexpr const char* kChargeColumns =
    "SELECT terminal, seq, day, ttc, vat, category, supplier, entrepreneur_id, cash_move_seq, user_id FROM charges";
constexpr const char* kHoursColumns = "SELECT terminal, seq, day, entrepreneur_id, minutes, user_id FROM hours";

}  // namespace

bool has_cape_tables(Database& db) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'charges'");
    return st.step();
}

std::int64_t record_charge(Ledger& ledger, ChargeRecord& c, const std::string& at) {
    const auto a = ledger.append(kind::charge, canonical_json(charge_payload(c)), at);
    auto st = ledger.db().prepare(
        "INSERT INTO charges(terminal, seq, day, ttc, vat, category, supplier, entrepreneur_id, cash_move_seq, user_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, c.day).bind(4, c.ttc).bind(5, c.vat).bind(6, c.category).bind(7, c.supplier);
    if (c.entrepreneur) st.bind(8, *c.entrepreneur);
    else st.bind_null(8);
    if (c.cash_move_seq) st.bind(9, *c.cash_move_seq);
    else st.bind_null(9);
    st.bind(10, c.user).run();
    c.seq = a.seq;
    c.terminal = a.terminal;
    return a.seq;
}

std::int64_t record_hours(Ledger& ledger, HoursRecord& h, const std::string& at) {
    const auto a = ledger.append(kind::hours, canonical_json(hours_payload(h)), at);
    auto st = ledger.db().prepare(
        "INSERT INTO hours(terminal, seq, day, entrepreneur_id, minutes, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, h.day).bind(4, h.entrepreneur).bind(5, h.minutes).bind(6, h.user).run();
    h.seq = a.seq;
    h.terminal = a.terminal;
    return a.seq;
}

std::vector<ChargeRecord> charges_between(Database& db, const std::string& from, const std::string& to) {
    std::vector<ChargeRecord> out;
    if (!has_cape_tables(db)) return out;
    auto st = db.prepare(std::string(kChargeColumns) + " WHERE day BETWEEN ?1 AND ?2 ORDER BY day, terminal, seq");
    st.bind(1, from).bind(2, to);
    while (st.step()) out.push_back(charge_from(st));
    return out;
}

std::vector<HoursRecord> hours_between(Database& db, const std::string& from, const std::string& to) {
    std::vector<HoursRecord> out;
    if (!has_cape_tables(db)) return out;
    auto st = db.prepare(std::string(kHoursColumns) + " WHERE day BETWEEN ?1 AND ?2 ORDER BY day, terminal, seq");
    st.bind(1, from).bind(2, to);
    while (st.step()) out.push_back(hours_from(st));
    return out;
}

std::vector<ProjectedKind> charge_projected_kinds() {
    return {
        {kind::charge, kChargeColumns, [](Database&, Statement& s) { return charge_payload(charge_from(s)); }},
        {kind::hours, kHoursColumns, [](Database&, Statement& s) { return hours_payload(hours_from(s)); }},
    };
}

}  // namespace caisse::db
