#pragma once
// The group's members (issue 11, item 1; DESIGN.md, "Members are people"): people with an id that is
// the same on every till, so the coordinator adds up each person's sales from every till. Names are
// compared by name_key (NFKC, case folding, spaces collapsed: app/core/text.hpp), so "Leïla" typed
// in NFC or NFD, "LEÏLA" and "Leïla" with two spaces are one member; a new name one letter away
// from a member's ("Léa" / "Lea") is refused unless confirmed (allow_similar).
//
// For the statement (another engineer): members() lists every member; member_map() says which
// member each (terminal, entrepreneur id) of the file is. docs/ledger-format.md, "Members".
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/services/till.hpp"
#include "db/records/member.hpp"

namespace caisse {

struct Member {
    std::string id;                    // 16 lowercase hex digits, the same on every till
    std::string name, colour;          // display name, "#rrggbb"
    std::string cape_start, cape_end;  // "YYYY-MM-DD" or "" when not set
    bool recorded = true;  // false: an entrepreneur of an older ledger not yet in the roster (id derived from its name)
};

// (terminal, entrepreneur id) -> member id.
using MemberMap = std::map<std::pair<std::string, std::int64_t>, std::string>;

// Every member, ordered by name: the member.set records (latest version of each id) and, for an
// entrepreneur no member.link or roster name claims, a member whose id is derived from its name
// (member_id_for_name), so every entrepreneur of every terminal in the file is some member. Reads
// only; works on a read-only copy and on ledgers of any schema.
std::vector<Member> members(db::Database& db);
std::vector<Member> members(Till& till);  // of the till's ledger: the screens' charge and hours forms
// Which member each entrepreneur of each terminal in the file is: its member.link, else the member
// with the same name_key, else the id derived from its name (the same on every till).
MemberMap member_map(db::Database& db);
// The same resolution from lists (a coordinator reading other tills' records from their bundles):
// recorded = the current version of each member (db::current_members), links in seq order per
// terminal (the last per entrepreneur wins), entrepreneurs of every terminal.
struct MemberResolution {
    std::vector<Member> members;  // ordered by name
    MemberMap map;
};
MemberResolution resolve_members(const std::vector<db::MemberRecord>& recorded, const std::vector<db::MemberLinkRecord>& links,
                                 const std::vector<db::EntrepreneurOf>& entrepreneurs);
// members() and member_map() of the file read once (the statement needs both, of one moment).
MemberResolution member_resolution(db::Database& db);
// The member id of one entrepreneur; "" when the file has no such entrepreneur.
std::string member_of(const MemberMap& map, const std::string& terminal, std::int64_t entrepreneur);

// The id a new member called name gets: the first 16 hex digits of SHA-256("caisse-member\n" +
// name_key(name)), so two tills that create the same person before sharing a roster agree on it.
std::string member_id_for_name(const std::string& name);

// Throws InputError when name is already a member's (same name_key), or, unless allow_similar, one
// edit away from a member's (names_one_edit_apart): the message names the existing member.
void check_new_member_name(const std::vector<Member>& existing, const std::string& name, bool allow_similar);

struct NewMember {
    std::string name, colour;          // colour "" = the next of the palette
    std::string cape_start, cape_end;  // "" or "YYYY-MM-DD", start <= end
};
// Adds a member to the roster (manager role). Links this till's entrepreneur of the same name; an
// entrepreneur not yet in the roster (recorded = false) joins it under its id, with these dates.
// Throws InputError: role, bad name/colour/dates, name taken or similar (see check_new_member_name).
Member add_member(Till& till, const Actor& by, const NewMember& m, bool allow_similar);

// The roster file: JSON {"format":"caisse-roster","version":1,"members":[{"cape_end","cape_start",
// "colour","id","name"}, ...]}, UTF-8, members ordered by name. Reading needs no PIN.
std::string export_roster(db::Database& db);

struct RosterImportSummary {
    int added = 0, updated = 0, unchanged = 0, linked = 0;
    std::vector<std::string> added_names;
};
// Imports a roster file (manager role): each member is added or updated under the file's id (a
// member.set record when something differs), then this till's entrepreneurs not yet linked are linked
// to the member with the same name_key. All or nothing. Throws InputError (nothing recorded) for a
// malformed file (size limit kMaxRosterBytes, fields, duplicate ids or names), a member of the file
// whose name is another id's member here, or a new name one letter from a member's unless allow_similar.
RosterImportSummary import_roster(Till& till, const Actor& by, const std::string& text, bool allow_similar);
inline constexpr std::int64_t kMaxRosterBytes = 1024 * 1024;
inline constexpr std::size_t kMaxRosterMembers = 1000;

// Inside a Ledger::write: makes this till's entrepreneur `entrepreneur` (named name) a recorded
// member: links it to the member of the same name_key, or records a new member (member_id_for_name,
// the entrepreneur's colour) and links it. Returns the member's name when one was created.
std::optional<std::string> make_member_of(db::Ledger& ledger, std::int64_t entrepreneur, const std::string& name,
                                          const std::string& colour, const std::string& at);

}  // namespace caisse
