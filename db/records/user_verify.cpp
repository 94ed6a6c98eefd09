// Verify rules of user.role (docs/ledger-format.md; record_verify.hpp): who may give which role.
#include <map>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "app/core/user.hpp"
#include "db/journal.hpp"
#include "db/records/record_verify.hpp"

namespace caisse::db {

void check_user_roles(Database& db, const std::vector<OtherRecord>& others, Problems& problems) {
    bool any = false;
    for (const auto& r : others) any = any || r.kind == kind::user_role;
    if (!any) return;
    // Every terminal's users as added: (terminal, id) -> (seq of user.add, role then).
    std::map<std::pair<std::string, std::int64_t>, std::pair<std::int64_t, std::string>> added;
    for (const char* table : {"users", "imported_users"}) {
        auto has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1");
        has.bind(1, std::string(table));
        if (!has.step()) continue;
        for (auto st = db.prepare(std::string("SELECT terminal, id, seq, role FROM ") + table); st.step();)
            added[{st.str(0), st.i64(1)}] = {st.i64(2), st.str(3)};
    }
    // The roles as they stand while walking each terminal's records in seq order (others is sorted).
    std::map<std::pair<std::string, std::int64_t>, std::string> role;
    auto role_at = [&](const std::string& t, std::int64_t id, std::int64_t seq) -> std::optional<std::string> {
        const auto a = added.find({t, id});
        if (a == added.end() || a->second.first >= seq) return std::nullopt;
        const auto now = role.find({t, id});
        return now != role.end() ? now->second : a->second.second;
    };
    auto admins = [&](const std::string& t, std::int64_t seq) {
        int n = 0;
        for (const auto& [key, a] : added)
            if (key.first == t && role_at(t, key.second, seq) == std::optional<std::string>("admin")) ++n;
        return n;
    };
    for (const auto& r : others) {
        if (r.kind != kind::user_role) continue;
        std::int64_t id = 0, by = 0;
        std::string wanted;
        try {
            const auto p = nlohmann::json::parse(r.payload);
            id = p.at("id").get<std::int64_t>();
            by = p.at("by").get<std::int64_t>();
            wanted = p.at("role").get<std::string>();
        } catch (const std::exception&) {
            problems.add(r.terminal, r.seq, "user.role payload is malformed");
            continue;
        }
        const auto before = role_at(r.terminal, id, r.seq);
        const auto giver = role_at(r.terminal, by, r.seq);
        if (!parse_role(wanted)) problems.add(r.terminal, r.seq, Message{"user.role: role {0} is unknown", {wanted}});
        if (!before) {
            problems.add(r.terminal, r.seq, Message{"user.role: user {0} was not added before it", {id}});
            continue;
        }
        if (!giver || (*giver != "manager" && *giver != "admin"))
            problems.add(r.terminal, r.seq, Message{"user.role: user {0} was not a manager or an admin", {by}});
        else if ((wanted == "admin" || *before == "admin") && *giver != "admin")
            problems.add(r.terminal, r.seq, Message{"user.role: only an admin gives or takes the admin role", {}});
        const int admins_before = admins(r.terminal, r.seq);
        role[{r.terminal, id}] = wanted;
        if (admins_before > 0 && admins(r.terminal, r.seq) == 0)
            problems.add(r.terminal, r.seq, Message{"user.role: the till's last admin lost the role", {}});
    }
}

}  // namespace caisse::db
