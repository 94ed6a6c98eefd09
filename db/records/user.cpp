#include "db/records/user.hpp"

#include "db/ledger.hpp"

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {
// A user's role now: the newest user.role of the user (schema 12), else the role of user.add.
constexpr const char* kCurrentRole =
    "COALESCE((SELECT r.role FROM user_roles r WHERE r.terminal = u.terminal AND r.user_id = u.id ORDER BY r.seq DESC "
    "LIMIT 1), u.role)";
constexpr const char* kUserByName =
    "SELECT id, name, COALESCE((SELECT r.role FROM user_roles r WHERE r.terminal = u.terminal AND r.user_id = u.id "
    "ORDER BY r.seq DESC LIMIT 1), u.role) FROM users u WHERE name = ?1";
}  // namespace

std::int64_t add_user(Ledger& ledger, const std::string& name, Role role, const std::string& at) {
    const std::int64_t id = ledger.db().scalar("SELECT COALESCE(MAX(id), 0) + 1 FROM users");
    auto a = ledger.append(kind::user, canonical_json(json{{"id", id}, {"name", name}, {"role", role_name(role)}}), at);
    auto st = ledger.db().prepare("INSERT INTO users(id, name, role, terminal, seq) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, id).bind(2, name).bind(3, role_name(role)).bind(4, a.terminal).bind(5, a.seq).run();
    return id;
}

void set_user_role(Ledger& ledger, std::int64_t user_id, Role role, std::int64_t by, const std::string& at) {
    auto a = ledger.append(kind::user_role, canonical_json(json{{"by", by}, {"id", user_id}, {"role", role_name(role)}}), at);
    auto st = ledger.db().prepare("INSERT INTO user_roles(terminal, seq, user_id, role, by_id) VALUES (?1, ?2, ?3, ?4, ?5)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, user_id).bind(4, role_name(role)).bind(5, by).run();
}

std::optional<std::string> user_name(Ledger& ledger, std::int64_t id) {
    auto st = ledger.db().prepare("SELECT name FROM users WHERE id = ?1");
    st.bind(1, id);
    if (!st.step()) return std::nullopt;
    return st.str(0);
}

std::vector<User> users(Ledger& ledger) {
    std::vector<User> out;
    for (auto st = ledger.db().prepare(std::string("SELECT id, name, ") + kCurrentRole + " FROM users u ORDER BY id"); st.step();)
        out.push_back(User{st.i64(0), st.str(1), parse_role(st.text(2)).value_or(Role::Seller)});
    return out;
}

std::optional<User> user_by_name(Ledger& ledger, const std::string& name) {
    auto& st = ledger.cached(kUserByName);
    st.bind(1, name);
    std::optional<User> user;
    if (st.step()) user = User{st.i64(0), st.str(1), parse_role(st.text(2)).value_or(Role::Seller)};
    st.reset();
    return user;
}

std::vector<ProjectedKind> user_projected_kinds() {
    return {{kind::user, "SELECT terminal, seq, id, name, role FROM users",
             [](Database&, Statement& s) { return json{{"id", s.i64(2)}, {"name", s.str(3)}, {"role", s.str(4)}}; }},
            {kind::user_role, "SELECT terminal, seq, by_id, user_id, role FROM user_roles",
             [](Database&, Statement& s) { return json{{"by", s.i64(2)}, {"id", s.i64(3)}, {"role", s.str(4)}}; }, "user_roles"}};
}

}  // namespace caisse::db
