#include "db/records/member.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {
json member_json(const std::string& id, const std::string& name, const std::string& colour, const std::string& start,
                 const std::string& end) {
    return json{{"cape_end", end}, {"cape_start", start}, {"colour", colour}, {"id", id}, {"name", name}};
}
}  // namespace

bool has_member_tables(Database& db) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'members'");
    return st.step();
}

Appended put_member(Ledger& ledger, const MemberRecord& m, const std::string& at) {
    auto a = ledger.append(kind::member, canonical_json(member_json(m.id, m.name, m.colour, m.cape_start, m.cape_end)), at);
    auto st = ledger.db().prepare(
        "INSERT INTO members(terminal, seq, id, name, colour, cape_start, cape_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, m.id).bind(4, m.name).bind(5, m.colour).bind(6, m.cape_start).bind(7, m.cape_end).run();
    return a;
}

Appended link_member(Ledger& ledger, std::int64_t entrepreneur, const std::string& member, const std::string& at) {
    auto a = ledger.append(kind::member_link, canonical_json(json{{"entrepreneur", entrepreneur}, {"member", member}}), at);
    auto st = ledger.db().prepare("INSERT INTO member_links(terminal, seq, entrepreneur_id, member_id) VALUES (?1, ?2, ?3, ?4)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, entrepreneur).bind(4, member).run();
    return a;
}

std::vector<MemberRecord> current_members(Database& db) {
    if (!has_member_tables(db)) return {};
    auto st = db.prepare(
        "SELECT m.id, m.name, m.colour, m.cape_start, m.cape_end FROM members m "
        "JOIN journal j ON j.terminal = m.terminal AND j.seq = m.seq "
        "ORDER BY m.terminal = (SELECT value FROM local_settings WHERE key = 'terminal'), j.at_utc, m.terminal, m.seq");
    std::map<std::string, MemberRecord> latest;
    while (st.step()) latest[st.str(0)] = MemberRecord{st.str(0), st.str(1), st.str(2), st.str(3), st.str(4)};
    std::vector<MemberRecord> out;
    for (auto& [id, m] : latest) out.push_back(std::move(m));
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
    return out;
}

std::vector<MemberLinkRecord> member_links(Database& db) {
    if (!has_member_tables(db)) return {};
    auto st = db.prepare("SELECT terminal, entrepreneur_id, member_id FROM member_links ORDER BY terminal, seq");
    std::map<std::pair<std::string, std::int64_t>, std::string> latest;
    while (st.step()) latest[{st.str(0), st.i64(1)}] = st.str(2);
    std::vector<MemberLinkRecord> out;
    for (auto& [k, m] : latest) out.push_back(MemberLinkRecord{k.first, k.second, m});
    return out;
}

std::vector<EntrepreneurOf> all_entrepreneurs(Database& db) {
    // Schema 9 on: the view adds other tills' entrepreneurs, imported from their bundles.
    auto view = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = 'entrepreneurs_by_terminal'");
    auto st = db.prepare(view.step() ? "SELECT terminal, id, name, colour FROM entrepreneurs_by_terminal ORDER BY terminal, id"
                                     : "SELECT terminal, id, name, colour FROM entrepreneurs ORDER BY terminal, id");
    std::vector<EntrepreneurOf> out;
    while (st.step()) out.push_back(EntrepreneurOf{st.str(0), st.i64(1), st.str(2), st.str(3)});
    return out;
}

MemberRecord member_from_payload(const std::string& payload) {
    const json p = json::parse(payload);
    return MemberRecord{p.at("id").get<std::string>(), p.at("name").get<std::string>(), p.at("colour").get<std::string>(),
                        p.at("cape_start").get<std::string>(), p.at("cape_end").get<std::string>()};
}

MemberLinkRecord member_link_from_payload(const std::string& terminal, const std::string& payload) {
    const json p = json::parse(payload);
    return MemberLinkRecord{terminal, p.at("entrepreneur").get<std::int64_t>(), p.at("member").get<std::string>()};
}

std::vector<ProjectedKind> member_projected_kinds() {
    return {
        {kind::member, "SELECT terminal, seq, id, name, colour, cape_start, cape_end FROM members",
         [](Database&, Statement& s) { return member_json(s.str(2), s.str(3), s.str(4), s.str(5), s.str(6)); }},
        {kind::member_link, "SELECT terminal, seq, entrepreneur_id, member_id FROM member_links",
         [](Database&, Statement& s) { return json{{"entrepreneur", s.i64(2)}, {"member", s.str(3)}}; }},
    };
}

}  // namespace caisse::db
