#include "app/services/members.hpp"

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>

#include <nlohmann/json.hpp>

#include "app/core/catalogue.hpp"
#include "app/core/limits.hpp"
#include "app/core/text.hpp"
#include "db/crypto.hpp"
#include "db/ledger.hpp"

namespace caisse {

using nlohmann::json;

namespace {

constexpr const char* kMemberPalette[] = {"#c0392b", "#2471a3", "#1e8449", "#b9770e", "#7d3c98",
                                          "#117a65", "#a04000", "#2e4053", "#b03a2e", "#1f618d"};

std::string id_for_key(const std::string& key, int attempt) {
    std::string data = "caisse-member\n" + key;
    if (attempt > 0) data += "\n" + std::to_string(attempt);
    const auto h = db::sha256(data);
    return db::to_hex(h).substr(0, 16);
}

bool valid_member_id(const std::string& id) {
    return id.size() == 16 && std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void check_member_fields(const std::string& name, const std::string& colour, const std::string& start, const std::string& end) {
    check_display_text(name, "the member's name", kMaxPersonNameChars);
    if (!valid_colour(colour)) throw InputError("colour \"{0}\" is not #rrggbb", colour);
    if (!start.empty()) check_date(start);
    if (!end.empty()) check_date(end);
    if (!start.empty() && !end.empty() && end < start)
        throw InputError("{0}: the CAPE ends ({1}) before it starts ({2})", name, end, start);
}

// A new id for a name: the derived one, or the next attempt when a member renamed since holds it.
std::string fresh_id(const std::string& name, const std::vector<db::MemberRecord>& recorded) {
    const std::string key = name_key(name);
    for (int attempt = 0;; ++attempt) {
        const std::string id = id_for_key(key, attempt);
        if (std::none_of(recorded.begin(), recorded.end(), [&](const auto& m) { return m.id == id; })) return id;
    }
}

}  // namespace

std::string member_id_for_name(const std::string& name) { return id_for_key(name_key(name), 0); }

MemberResolution resolve_members(const std::vector<db::MemberRecord>& recorded, const std::vector<db::MemberLinkRecord>& links,
                                 const std::vector<db::EntrepreneurOf>& entrepreneurs) {
    MemberResolution r;
    std::map<std::string, std::string> id_by_key;
    std::set<std::string> ids;
    for (const auto& m : recorded) {
        r.members.push_back(Member{m.id, m.name, m.colour, m.cape_start, m.cape_end, true});
        id_by_key.emplace(name_key(m.name), m.id);
        ids.insert(m.id);
    }
    std::map<std::pair<std::string, std::int64_t>, std::string> link_of;
    for (const auto& l : links) link_of[{l.terminal, l.entrepreneur}] = l.member;  // the last one wins
    for (const auto& e : entrepreneurs) {
        std::string id;
        if (auto it = link_of.find({e.terminal, e.id}); it != link_of.end()) id = it->second;
        else if (auto k = id_by_key.find(name_key(e.name)); k != id_by_key.end()) id = k->second;
        else {
            id = fresh_id(e.name, recorded);
            id_by_key.emplace(name_key(e.name), id);
        }
        r.map[{e.terminal, e.id}] = id;
        if (ids.insert(id).second) r.members.push_back(Member{id, e.name, e.colour, "", "", false});
    }
    std::stable_sort(r.members.begin(), r.members.end(), [](const Member& a, const Member& b) { return a.name < b.name; });
    return r;
}

MemberResolution member_resolution(db::Database& db) {
    return resolve_members(db::current_members(db), db::member_links(db), db::all_entrepreneurs(db));
}

std::vector<Member> members(db::Database& db) { return member_resolution(db).members; }
std::vector<Member> members(Till& till) { return members(till.ledger().db()); }
MemberMap member_map(db::Database& db) { return member_resolution(db).map; }

std::string member_of(const MemberMap& map, const std::string& terminal, std::int64_t entrepreneur) {
    auto it = map.find({terminal, entrepreneur});
    return it == map.end() ? std::string() : it->second;
}

void check_new_member_name(const std::vector<Member>& existing, const std::string& name, bool allow_similar) {
    const std::string key = name_key(name);
    for (const auto& m : existing)
        if (name_key(m.name) == key) throw InputError("\"{0}\" is already the member \"{1}\"", name, m.name);
    if (allow_similar) return;
    for (const auto& m : existing)
        if (names_one_edit_apart(m.name, name))
            throw InputError("\"{0}\" is one letter away from the member \"{1}\": a typo? If it is another person, confirm "
                             "it (--allow-similar)",
                             name, m.name);
}

std::optional<std::string> make_member_of(db::Ledger& ledger, std::int64_t entrepreneur, const std::string& name,
                                          const std::string& colour, const std::string& at) {
    const auto recorded = db::current_members(ledger.db());
    const std::string key = name_key(name);
    for (const auto& m : recorded)
        if (name_key(m.name) == key) {
            db::link_member(ledger, entrepreneur, m.id, at);
            return std::nullopt;
        }
    const std::string id = fresh_id(name, recorded);
    db::put_member(ledger, db::MemberRecord{id, name, colour, "", ""}, at);
    db::link_member(ledger, entrepreneur, id, at);
    return name;
}

namespace {
// Links this till's entrepreneurs that have no member.link to the recorded member of their name.
int link_unlinked(db::Ledger& ledger, const std::string& at) {
    std::map<std::string, std::string> id_by_key;
    for (const auto& m : db::current_members(ledger.db())) id_by_key.emplace(name_key(m.name), m.id);
    std::set<std::int64_t> linked;
    for (const auto& l : db::member_links(ledger.db()))
        if (l.terminal == ledger.terminal()) linked.insert(l.entrepreneur);
    int n = 0;
    for (const auto& e : db::all_entrepreneurs(ledger.db())) {
        if (e.terminal != ledger.terminal() || linked.count(e.id)) continue;
        auto it = id_by_key.find(name_key(e.name));
        if (it == id_by_key.end()) continue;
        db::link_member(ledger, e.id, it->second, at);
        ++n;
    }
    return n;
}
}  // namespace

Member add_member(Till& till, const Actor& by, const NewMember& nm, bool allow_similar) {
    till.authorise(by, Role::Manager, "add a member");
    auto& ledger = till.ledger();
    const auto existing = members(ledger.db());
    // An entrepreneur of the catalogue not yet in the roster (the demo's, an older ledger's) joins it
    // under the id it already has, with the dates given: it is not "already a member".
    std::optional<Member> joining;
    std::vector<Member> others;
    for (const auto& e : existing) {
        if (!e.recorded && !joining && name_key(e.name) == name_key(nm.name)) joining = e;
        else others.push_back(e);
    }
    Member m{"", nm.name, nm.colour, nm.cape_start, nm.cape_end, true};
    if (m.colour.empty()) m.colour = joining ? joining->colour : kMemberPalette[existing.size() % std::size(kMemberPalette)];
    check_member_fields(m.name, m.colour, m.cape_start, m.cape_end);
    check_new_member_name(others, m.name, allow_similar);
    ledger.write([&] {
        till.journal_override(by, Role::Manager, "add a member", m.name);
        const std::string at = till.now_utc();
        m.id = joining ? joining->id : fresh_id(m.name, db::current_members(ledger.db()));
        db::put_member(ledger, db::MemberRecord{m.id, m.name, m.colour, m.cape_start, m.cape_end}, at);
        link_unlinked(ledger, at);
    });
    return m;
}

std::string export_roster(db::Database& db) {
    json list = json::array();
    for (const auto& m : members(db))
        list.push_back(json{{"cape_end", m.cape_end}, {"cape_start", m.cape_start}, {"colour", m.colour}, {"id", m.id}, {"name", m.name}});
    return json{{"format", "caisse-roster"}, {"members", list}, {"version", 1}}.dump(1) + "\n";
}

namespace {
std::vector<db::MemberRecord> parse_roster(const std::string& text) {
    if (static_cast<std::int64_t>(text.size()) > kMaxRosterBytes)
        throw InputError("the roster file is larger than {0} KiB: is it the right file?", kMaxRosterBytes / 1024);
    if (!valid_utf8_text(text)) throw InputError("the roster file is not UTF-8 text");
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception&) {
        throw InputError("the roster file is not JSON: is it the right file?");
    }
    if (!j.is_object() || j.value("format", json()) != "caisse-roster" || j.value("version", json()) != 1 ||
        !j.contains("members") || !j["members"].is_array())
        throw InputError("the file is not a roster (format caisse-roster, version 1)");
    if (j["members"].size() > kMaxRosterMembers)
        throw InputError("the roster has {0} members, more than {1}", j["members"].size(), kMaxRosterMembers);
    std::vector<db::MemberRecord> out;
    std::set<std::string> ids, keys;
    std::size_t n = 0;
    for (const auto& m : j["members"]) {
        ++n;
        auto field = [&](const char* k) {
            if (!m.is_object() || !m.contains(k) || !m[k].is_string())
                throw InputError("roster member {0}: field \"{1}\" is missing or not text", n, k);
            return m[k].get<std::string>();
        };
        db::MemberRecord r{field("id"), field("name"), field("colour"), field("cape_start"), field("cape_end")};
        try {
            if (!valid_member_id(r.id)) throw InputError("id \"{0}\" is not 16 lowercase hex digits", r.id);
            check_member_fields(r.name, r.colour, r.cape_start, r.cape_end);
        } catch (const InputError& e) {
            throw InputError("roster member {0}: {1}", n, e.message());
        }
        if (!ids.insert(r.id).second) throw InputError("roster member {0}: id {1} appears twice", n, r.id);
        if (!keys.insert(name_key(r.name)).second) throw InputError("roster member {0}: the name \"{1}\" appears twice", n, r.name);
        out.push_back(std::move(r));
    }
    return out;
}
}  // namespace

RosterImportSummary import_roster(Till& till, const Actor& by, const std::string& text, bool allow_similar) {
    till.authorise(by, Role::Manager, "import the roster");
    const auto file = parse_roster(text);
    auto& ledger = till.ledger();
    const auto recorded = db::current_members(ledger.db());
    const auto everyone = members(ledger.db());  // recorded and derived: the names a new member must not resemble
    RosterImportSummary s;
    std::vector<db::MemberRecord> writes;
    for (const auto& f : file) {
        const auto same_id = std::find_if(recorded.begin(), recorded.end(), [&](const auto& m) { return m.id == f.id; });
        for (const auto& m : recorded)  // the file's name must not be another id's member here
            if (m.id != f.id && name_key(m.name) == name_key(f.name))
                throw InputError("the roster's \"{0}\" (id {1}) is the member \"{2}\" of this till under another id ({3}): "
                                 "export the roster from one till and import it on the others",
                                 f.name, f.id, m.name, m.id);
        if (same_id != recorded.end()) {
            if (*same_id == f) ++s.unchanged;
            else {
                writes.push_back(f);
                ++s.updated;
            }
            continue;
        }
        std::vector<Member> others;  // a derived member of the same name is this one, not a lookalike
        for (const auto& m : everyone)
            if (name_key(m.name) != name_key(f.name)) others.push_back(m);
        check_new_member_name(others, f.name, allow_similar);
        writes.push_back(f);
        s.added_names.push_back(f.name);
        ++s.added;
    }
    ledger.write([&] {
        till.journal_override(by, Role::Manager, "import the roster", std::to_string(file.size()) + " members");
        const std::string at = till.now_utc();
        for (const auto& w : writes) db::put_member(ledger, w, at);
        s.linked = link_unlinked(ledger, at);
    });
    return s;
}

}  // namespace caisse
