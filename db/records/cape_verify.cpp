// Verify rules of charge.add, hours.add and cape.rule (docs/ledger-format.md; record_verify.hpp).
#include <set>

#include "app/core/cape.hpp"
#include "db/journal.hpp"
#include "db/records/cape_rule.hpp"
#include "db/records/charge.hpp"
#include "db/records/member.hpp"
#include "db/records/record_verify.hpp"

namespace caisse::db {

namespace {

bool is_cape_kind(std::string_view k) { return k == kind::charge || k == kind::hours || k == kind::cape_rule; }

bool real_date(const std::string& d) {
    try {
        cape::months_begun(d, d);
        return true;
    } catch (const InputError&) {
        return false;
    }
}

bool in_bp_range(std::int64_t v) { return v >= 0 && v <= 10000; }

}  // namespace

void check_cape_records(Database& db, const std::vector<OtherRecord>& others, Problems& problems) {
    if (!has_cape_tables(db)) {
        for (const auto& r : others)
            if (is_cape_kind(r.kind))
                problems.add(r.terminal, r.seq, Message{"a {0} record in a ledger whose schema has no table for it", {r.kind}});
        return;
    }
    std::vector<ProjectedKind> kinds = charge_projected_kinds();
    for (auto& k : rule_projected_kinds()) kinds.push_back(std::move(k));
    check_projected_list(db, others, problems, kinds);

    // A charge or hours names an entrepreneur of the terminal that recorded it (imported tills' too).
    std::set<std::pair<std::string, std::int64_t>> entrepreneurs;
    for (const auto& e : all_entrepreneurs(db)) entrepreneurs.emplace(e.terminal, e.id);
    auto move = db.prepare("SELECT amount FROM cash_moves WHERE terminal = ?1 AND seq = ?2");
    std::set<std::pair<std::string, std::int64_t>> moves_named;
    for (auto st = db.prepare("SELECT terminal, seq, day, ttc, vat, entrepreneur_id, cash_move_seq FROM charges ORDER BY terminal, seq");
         st.step();) {
        const std::string terminal = st.str(0);
        const std::int64_t seq = st.i64(1), ttc = st.i64(3), vat = st.i64(4);
        if (ttc == 0 || (ttc > 0 ? (vat < 0 || vat > ttc) : (vat > 0 || vat < ttc)))
            problems.add(terminal, seq, Message{"charge: ttc {0} and vat {1} do not make a charge", {ttc, vat}});
        if (!real_date(st.str(2))) problems.add(terminal, seq, Message{"charge: date {0} does not exist", {st.str(2)}});
        if (!st.is_null(5) && !entrepreneurs.count({terminal, st.i64(5)}))
            problems.add(terminal, seq, Message{"charge: entrepreneur {0} is unknown", {st.i64(5)}});
        if (st.is_null(6)) continue;
        const std::int64_t m = st.i64(6);
        move.bind(1, terminal).bind(2, m);
        const bool found = move.step();
        const std::int64_t amount = found ? move.i64(0) : 0;
        move.reset();
        if (!found || m >= seq || amount != -ttc)
            problems.add(terminal, seq, Message{"charge: the drawer's cash.move at seq {0} does not take out its {1}", {m, ttc}});
        if (!moves_named.emplace(terminal, m).second)
            problems.add(terminal, seq, Message{"charge: the cash.move at seq {0} already paid another charge", {m}});
    }
    for (auto st = db.prepare("SELECT terminal, seq, day, entrepreneur_id, minutes FROM hours"); st.step();) {
        const std::int64_t minutes = st.i64(4);
        if (minutes == 0 || minutes > 24 * 60 || minutes < -24 * 60)
            problems.add(st.str(0), st.i64(1), Message{"hours: {0} minutes in one record", {minutes}});
        if (!real_date(st.str(2))) problems.add(st.str(0), st.i64(1), Message{"hours: date {0} does not exist", {st.str(2)}});
        if (!entrepreneurs.count({st.str(0), st.i64(3)}))
            problems.add(st.str(0), st.i64(1), Message{"hours: entrepreneur {0} is unknown", {st.i64(3)}});
    }
    for (auto st = db.prepare("SELECT terminal, seq, contribution_per_month, contribution_bp, employer_bp, employee_bp FROM cape_rules");
         st.step();)
        if (st.i64(2) < 0 || !in_bp_range(st.i64(3)) || !in_bp_range(st.i64(4)) || !in_bp_range(st.i64(5)))
            problems.add(st.str(0), st.i64(1), "cape.rule: a rate outside 0..100 % or a negative fixed contribution");
}

}  // namespace caisse::db
