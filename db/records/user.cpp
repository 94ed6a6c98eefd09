#include "db/records/user.hpp"

#include "db/ledger.hpp"

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"

namespace caisse::db {

using nlohmann::json;

std::int64_t add_user(Ledger& ledger, const std::string& name, Role role, const std::string& at) {
    const std::int64_t id = ledger.db().scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM users");
    auto a = ledger.append(kind::user, canonical_json(json{{"id", id}, {"name", name}, {"role", role_name(role)}}), at);
    auto st = ledger.db().prepare("INSERT INTO users(id, name, role, terminal, seq) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, id).bind(2, name).bind(3, role_name(role)).bind(4, a.terminal).bind(5, a.seq).run();
    return id;
}

std::optional<std::string> user_name(Ledger& ledger, std::int64_t id) {
    auto st = ledger.db().prepare("SELECT name FROM users WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return st.str(0);
}

std::vector<User> users(Ledger& ledger) {
    std::vector<User> out;
    for (auto st = ledger.db().prepare("SELECT id, name, role FROM users ORDER BY id"); st.step();)
        out.push_back(User{st.i64(0), st.str(1), parse_role(st.text(2)).value_or(Role::Seller)});
    return out;
}

std::optional<User> user_by_name(Ledger& ledger, const std::string& name) {
    auto& st = ledger.cached("SELECT id, name, role FROM users WHERE name = ?1");
    st.bind(1, name);
    std::optional<User> user;
    if (st.step()) user = User{st.i64(0), st.str(1), parse_role(st.text(2)).value_or(Role::Seller)};
    st.reset();
    return user;
}

std::vector<ProjectedKind> user_projected_kinds() {
    return {{kind::user, "SELECT terminal, seq, id, name, role FROM users",
             [](Database&, Statement& s) { return json{{"id", s.i64(2)}, {"name", s.str(3)}, {"role", s.str(4)}}; }}};
}

}  // namespace caisse::db
