#pragma once
// The charge.add and hours.add record kinds (issue 11, item 3; docs/ledger-format.md, "charge.add",
// "hours.add"): an expense of one entrepreneur or of the group, and minutes an entrepreneur worked
// on a day. Payload, projection row (tables charges, hours: db/migrations/010_charges.sql) and the
// reads live here; their verify rules in records/cape_verify.cpp.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/records/projected_kind.hpp"

namespace caisse::db {

class Ledger;

struct ChargeRecord {
    std::int64_t seq = 0;          // set when recorded
    std::string day;               // "YYYY-MM-DD": the date of the expense (the invoice's)
    std::int64_t ttc = 0, vat = 0; // cents; a credit note is negative (same sign for both)
    std::string category, supplier;
    std::optional<std::int64_t> entrepreneur;   // none: the group
    std::optional<std::int64_t> cash_move_seq;  // the cash.move that paid it from the drawer
    std::int64_t user = 0;
    std::string terminal;          // read back only
};

struct HoursRecord {
    std::int64_t seq = 0;
    std::string day;
    std::int64_t entrepreneur = 0;
    std::int64_t minutes = 0;      // a negative entry corrects an earlier one
    std::int64_t user = 0;
    std::string terminal;
};

// Writers append the record and its projection row; inside Ledger::write. Return the seq.
std::int64_t record_charge(Ledger& ledger, ChargeRecord& charge, const std::string& at);
std::int64_t record_hours(Ledger& ledger, HoursRecord& hours, const std::string& at);

// Every terminal's records whose day is in [from, to] (inclusive, "YYYY-MM-DD"), by day then
// terminal and seq. Empty on a ledger of a schema without these tables.
std::vector<ChargeRecord> charges_between(Database& db, const std::string& from, const std::string& to);
std::vector<HoursRecord> hours_between(Database& db, const std::string& from, const std::string& to);

// Whether the ledger has the tables of schema 10 (charges, hours, cape_rules).
bool has_cape_tables(Database& db);

std::vector<ProjectedKind> charge_projected_kinds();  // charge.add, hours.add

}  // namespace caisse::db
