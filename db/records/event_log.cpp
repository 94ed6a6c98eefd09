#include "db/records/event_log.hpp"

#include <map>

#include <nlohmann/json.hpp>

namespace caisse::db {

using nlohmann::json;

namespace {

std::string cents_text(std::int64_t c) {
    const bool neg = c < 0;
    const std::uint64_t a = neg ? 0 - static_cast<std::uint64_t>(c) : static_cast<std::uint64_t>(c);
    std::string frac = std::to_string(a % 100);
    if (frac.size() < 2) frac.insert(0, "0");
    return (neg ? "-" : "") + std::to_string(a / 100) + "." + frac;
}

std::optional<std::int64_t> id_at(const json& p, const char* key) {
    if (!p.contains(key) || !p.at(key).is_number_integer()) return std::nullopt;
    return p.at(key).get<std::int64_t>();
}

std::int64_t num(const json& p, const char* key) { return id_at(p, key).value_or(0); }
std::string text(const json& p, const char* key) {
    return p.contains(key) && p.at(key).is_string() ? p.at(key).get<std::string>() : "";
}

// What a record of a non-event kind says, in one line of English.
void describe(LogEntry& e, const json& p) {
    const std::string& k = e.kind;
    if (k == "genesis") e.detail = "ledger created, terminal " + text(p, "terminal");
    else if (k == "entrepreneur.add") e.detail = "entrepreneur " + std::to_string(num(p, "id")) + " " + text(p, "name");
    else if (k == "category.add") e.detail = "category " + std::to_string(num(p, "id")) + " " + text(p, "name");
    else if (k == "product.set")
        e.detail = text(p, "sku") + " " + text(p, "name") + " " + cents_text(num(p, "price")) + " VAT " + std::to_string(num(p, "vat")) +
                   (p.value("active", true) ? "" : " inactive");
    else if (k == "user.add") e.detail = "user " + text(p, "name") + " (" + text(p, "role") + ")";
    else if (k == "user.role") {
        e.user = id_at(p, "by");
        e.detail = "user " + std::to_string(num(p, "id")) + " now " + text(p, "role");
    }
    else if (k == "session.open") {
        e.user = id_at(p, "opened_by");
        e.detail = "session " + std::to_string(num(p, "id")) + ", float " + cents_text(num(p, "float"));
    } else if (k == "closure.day") {
        e.user = id_at(p, "closed_by");
        e.detail = "Z " + std::to_string(num(p, "z")) + ", session " + std::to_string(num(p, "session")) + ", total " +
                   cents_text(num(p, "total")) + ", over/short " + cents_text(num(p, "over_short"));
    } else if (k == "closure.month" || k == "closure.year")
        e.detail = text(p, "period") + ", Z " + std::to_string(num(p, "first_z")) + " to " + std::to_string(num(p, "last_z")) +
                   ", total " + cents_text(num(p, "total"));
    else if (k == "member.set")
        e.detail = "member " + text(p, "id") + " " + text(p, "name") + " CAPE " + text(p, "cape_start") + ".." + text(p, "cape_end");
    else if (k == "receipt.duplicate")
        e.detail = "ticket " + std::to_string(num(p, "ticket")) + ", duplicate " + std::to_string(num(p, "number"));
}

}  // namespace

const std::vector<std::string>& event_log_kinds() {
    static const std::vector<std::string> kinds = {"genesis",     "entrepreneur.add", "category.add",  "product.set",
                                                   "user.add",    "user.role",        "session.open",     "closure.day",   "closure.month",
                                                   "closure.year", "receipt.duplicate", "member.set"};
    return kinds;
}

std::vector<LogEntry> event_log(Database& db, const std::string& since) {
    // User ids are per ledger: another till's chain (imported from its bundles) names its own users.
    std::map<std::pair<std::string, std::int64_t>, std::string> names;
    for (auto st = db.prepare("SELECT terminal, id, name FROM users"); st.step();) names[{st.str(0), st.i64(1)}] = st.str(2);
    if (auto has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'imported_users'"); has.step())
        for (auto st = db.prepare("SELECT terminal, id, name FROM imported_users"); st.step();) names[{st.str(0), st.i64(1)}] = st.str(2);
    std::string in = "'event'";
    for (const auto& k : event_log_kinds()) in += ",'" + k + "'";
    auto st = db.prepare("SELECT terminal, seq, kind, at_utc, payload FROM journal WHERE kind IN (" + in +
                         ") AND at_utc >= ?1 ORDER BY at_utc, terminal, seq");
    st.bind(1, since);
    std::vector<LogEntry> out;
    while (st.step()) {
        LogEntry e;
        e.terminal = st.str(0);
        e.seq = st.i64(1);
        e.kind = st.str(2);
        e.at_utc = st.str(3);
        e.code = e.kind;
        // A payload that does not parse is verify's business: listed with what the row says.
        const json p = json::parse(st.str(4), nullptr, false);
        if (p.is_object()) {
            if (e.kind == "event") {
                e.code = text(p, "code");
                e.user = id_at(p, "user");
                e.approver = id_at(p, "approver");
                e.action = text(p, "action");
                e.detail = text(p, "detail");
            } else {
                describe(e, p);
            }
        }
        if (e.user && names.count({e.terminal, *e.user})) e.user_name = names[{e.terminal, *e.user}];
        if (e.approver && names.count({e.terminal, *e.approver})) e.approver_name = names[{e.terminal, *e.approver}];
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace caisse::db
