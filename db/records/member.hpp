#pragma once
// The roster's record kinds (docs/ledger-format.md, "member.set", "member.link"; issue 11, item 1):
// a member of the group with an id that is the same on every till, and the link saying which
// member an entrepreneur of a ledger is. Both are projected (members, member_links) and checked by
// verify like the other small kinds.
#include <cstdint>
#include <string>
#include <vector>

#include "db/journal.hpp"
#include "db/records/projected_kind.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

class Ledger;

struct MemberRecord {
    std::string id;                   // 16 lowercase hex digits, the same on every till
    std::string name;                 // display name, as written first (or as the roster renamed it)
    std::string colour;               // "#rrggbb"
    std::string cape_start, cape_end;  // "YYYY-MM-DD", or "" when not known yet
    bool operator==(const MemberRecord&) const = default;
};

struct MemberLinkRecord {
    std::string terminal;           // the ledger's terminal the entrepreneur belongs to
    std::int64_t entrepreneur = 0;  // entrepreneurs.id of that terminal
    std::string member;             // MemberRecord::id
};

struct EntrepreneurOf {  // an entrepreneurs row with the terminal that recorded it
    std::string terminal;
    std::int64_t id = 0;
    std::string name, colour;
};

// Whether the ledger has the member tables (schema 8); an older ledger read without upgrading has none.
bool has_member_tables(Database& db);

// Writers append the record and its projection row; inside Ledger::write.
Appended put_member(Ledger& ledger, const MemberRecord& m, const std::string& at);
Appended link_member(Ledger& ledger, std::int64_t entrepreneur, const std::string& member, const std::string& at);

// The current version of every member, ordered by name: the last member.set of each id by at_utc,
// terminal and seq, this ledger's own records before any other till's. The roster kept here is the
// group's word: another till that made the same member from a catalogue row (same name key, so the
// same id) in another spelling or colour adds nothing but its sales (a newcomer's trial saw the
// coordinator's "Leïla Haddad" renamed "LEÏLA  HADDAD" by a stall's bundle). A member known only
// from other tills' bundles is as their latest record says. Empty on a ledger before schema 8.
std::vector<MemberRecord> current_members(Database& db);
// The current link of every (terminal, entrepreneur) that has one.
std::vector<MemberLinkRecord> member_links(Database& db);
// Every entrepreneur of every terminal in the file: this till's and, from schema 9, those imported
// from other tills' bundles (view entrepreneurs_by_terminal).
std::vector<EntrepreneurOf> all_entrepreneurs(Database& db);

// Payloads read back (a bundle's records); throw std::exception on a malformed payload.
MemberRecord member_from_payload(const std::string& payload);
MemberLinkRecord member_link_from_payload(const std::string& terminal, const std::string& payload);

std::vector<ProjectedKind> member_projected_kinds();

}  // namespace caisse::db
