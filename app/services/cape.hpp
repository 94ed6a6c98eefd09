#pragma once
// The CAPE roll-up's use cases (issue 11, items 3 to 5; docs/cape.md): charges and hours recorded
// as journal records, the split rule as a journaled setting, and the statement of a period over
// every terminal of the ledger. Rules (roles, limits) live here; the arithmetic in app/core/cape.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/cape.hpp"
#include "app/services/till.hpp"
#include "db/cape_sales.hpp"
#include "db/records/cape_rule.hpp"
#include "db/records/charge.hpp"

namespace caisse {

struct ChargeRequest {
    std::string day;      // "YYYY-MM-DD", the invoice's date; not after today
    Money ttc, vat;       // ttc != 0 (negative: a supplier's credit note), vat of the same sign, |vat| <= what 20 % gives
    std::string category, supplier;
    std::optional<std::string> entrepreneur;  // a member's own charge; none: the group's
    bool from_drawer = false;  // paid with cash from the drawer: a cash.move of the open session too
};
// Records a charge (manager role, or a manager's approval). From the drawer: ttc > 0, a session
// open, the drawer holding it; the cash out (reason "charge: SUPPLIER") and the charge are one
// commit, the charge naming the cash.move. Throws InputError; nothing recorded then.
db::ChargeRecord add_charge(Till& till, const Actor& by, const ChargeRequest& request);

struct HoursRequest {
    std::string day;            // "YYYY-MM-DD", not after today
    std::string entrepreneur;   // a member: this till's entrepreneur or the roster's member of that name
    std::int64_t minutes = 0;   // non-zero; negative corrects an earlier entry of that day
};
// Records hours (manager role). The member's minutes of that day, over every terminal, stay within
// 0..24 h. Throws InputError.
db::HoursRecord add_hours(Till& till, const Actor& by, const HoursRequest& request);

// Records the split rule the group voted (manager role). Throws InputError on a rule out of range.
db::RuleRecord set_rule(Till& till, const Actor& by, const cape::Rule& rule);

// The rule a statement uses: a what-if's, the newest recorded, or the default.
struct RuleInEffect {
    cape::Rule rule;
    enum class Source { Default, Recorded, WhatIf } source = Source::Default;
    std::optional<db::RuleRecord> recorded;  // the newest recorded rule, if any
};
RuleInEffect rule_in_effect(Till& till, const std::optional<cape::SplitRule>& what_if = std::nullopt);
RuleInEffect rule_in_effect(db::Database& db, const std::optional<cape::SplitRule>& what_if = std::nullopt);

// A line of the lists, with names.
struct ChargeLine {
    db::ChargeRecord record;
    std::string member;  // display name; "" for the group
};
struct HoursLine {
    db::HoursRecord record;
    std::string member;
};
std::vector<ChargeLine> list_charges(Till& till, const std::string& from, const std::string& to);
std::vector<HoursLine> list_hours(Till& till, const std::string& from, const std::string& to);

struct ProductLine {
    std::string sku, name;
    std::int64_t quantity = 0;
    Money ttc;
};

struct MemberStatement {
    cape::MemberSplit split;           // id (member key), name, sales, charges, shares, flags
    std::string colour;                // "#rrggbb", the roster's; "" for an entrepreneur the ledger has no record of
    std::map<std::int32_t, db::RateAmounts> by_rate;
    std::int64_t tickets = 0, refunds = 0;
    Money own_charges_ttc, own_charges_vat;
    std::vector<ProductLine> best_sellers;  // at most 5, by TTC, then SKU
    std::map<std::string, std::int64_t> by_day;  // TTC cents
    std::array<std::int64_t, 24> by_hour{};
    // Catering invoices of the period (app/services/catering_revenue), counted in split.sales_ht and
    // sales_ttc besides the counter's sales (never in the Z): net and incl. VAT, and how many.
    Money invoiced_ht, invoiced_ttc;
    std::int64_t invoices = 0;
};

struct CapeStatement {
    std::string from, to;
    RuleInEffect rule;
    cape::Split split;                      // group totals and the split
    std::vector<MemberStatement> members;   // by member id
    std::map<std::int32_t, db::RateAmounts> by_rate;  // group
    Money group_charges_ttc, group_charges_vat;
    std::int64_t tickets = 0, refunds = 0, charges = 0, hours_entries = 0;
    std::vector<db::TerminalCoverage> coverage;
    std::vector<ChargeLine> charge_lines;   // the period's charges, member by display name
    Money invoiced_ht, invoiced_ttc;        // catering invoices of the period, in the group's sales too
};

// The statement of [from, to] (business days, inclusive) over every terminal of the ledger: every
// member of the roster (app/services/members: every entrepreneur of every till is one; a member whose
// CAPE dates miss the period and who has no figure in it is left out), their sales net of refunds, own charges,
// hours; the rule in effect (what_if: that split instead of the recorded one, recording nothing);
// months begun for the fixed contribution. Reads only. Throws InputError on bad dates, a period
// ending before it starts, a ledger without entrepreneurs.
CapeStatement cape_statement(Till& till, const std::string& from, const std::string& to,
                             const std::optional<cape::SplitRule>& what_if = std::nullopt);
// The statements of [from, to] under each of `rules` as what-ifs (recording nothing), in their
// order, from one reading of the ledger: the sales are read once, only the split runs per rule.
// Errors as cape_statement.
std::vector<CapeStatement> cape_statements(Till& till, const std::string& from, const std::string& to,
                                           const std::vector<cape::SplitRule>& rules);

}  // namespace caisse
