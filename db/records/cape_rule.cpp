#include "db/records/cape_rule.hpp"

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"
#include "db/records/charge.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {

json rule_payload(const RuleRecord& r) {
    return json{{"charge_key", cape::charge_key_name(r.rule.charge_key)},
                {"contribution_bp", r.rule.contribution_bp},
                {"contribution_per_month", r.rule.contribution_per_month.value()},
                {"employee_bp", r.rule.employee_bp},
                {"employer_bp", r.rule.employer_bp},
                {"split", cape::split_name(r.rule.split)},
                {"user", r.user}};
}

// terminal, seq, split, charge_key, contribution_per_month, contribution_bp, employer_bp, employee_bp,
// user_id. The split and key are parsed back, so a row that no rule could have written throws.
RuleRecord rule_from(Statement& s) {
    RuleRecord r;
    r.terminal = s.str(0);
    r.seq = s.i64(1);
    r.rule.split = cape::parse_split(s.str(2));
    r.rule.charge_key = cape::parse_charge_key(s.str(3));
    r.rule.contribution_per_month = Money::cents(s.i64(4));
    r.rule.contribution_bp = static_cast<std::int32_t>(s.i64(5));
    r.rule.employer_bp = static_cast<std::int32_t>(s.i64(6));
    r.rule.employee_bp = static_cast<std::int32_t>(s.i64(7));
    r.user = s.i64(8);
    return r;
}

constexpr const char* kRuleColumns =
    "SELECT terminal, seq, split, charge_key, contribution_per_month, contribution_bp, employer_bp, employee_bp, "
    "user_id FROM cape_rules";

}  // namespace

std::int64_t record_rule(Ledger& ledger, RuleRecord& r, const std::string& at) {
    const auto a = ledger.append(kind::cape_rule, canonical_json(rule_payload(r)), at);
    auto st = ledger.db().prepare(
        "INSERT INTO cape_rules(terminal, seq, split, charge_key, contribution_per_month, contribution_bp, employer_bp, "
        "employee_bp, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, cape::split_name(r.rule.split)).bind(4, cape::charge_key_name(r.rule.charge_key))
        .bind(5, r.rule.contribution_per_month.value()).bind(6, r.rule.contribution_bp).bind(7, r.rule.employer_bp)
        .bind(8, r.rule.employee_bp).bind(9, r.user).run();
    r.seq = a.seq;
    r.terminal = a.terminal;
    r.at_utc = at;
    return a.seq;
}

std::optional<RuleRecord> current_rule(Database& db) {
    if (!has_cape_tables(db)) return std::nullopt;
    auto st = db.prepare(
        "SELECT r.terminal, r.seq, r.split, r.charge_key, r.contribution_per_month, r.contribution_bp, r.employer_bp, "
        "r.employee_bp, r.user_id, j.at_utc FROM cape_rules r JOIN journal j ON j.terminal = r.terminal AND j.seq = r.seq "
        "ORDER BY j.at_utc DESC, r.terminal DESC, r.seq DESC LIMIT 1");
    if (!st.step()) return std::nullopt;
    RuleRecord r = rule_from(st);
    r.at_utc = st.str(9);
    return r;
}

std::vector<ProjectedKind> rule_projected_kinds() {
    return {{kind::cape_rule, kRuleColumns, [](Database&, Statement& s) { return rule_payload(rule_from(s)); }}};
}

}  // namespace caisse::db
