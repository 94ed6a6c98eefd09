#pragma once
// The CAPE split (issue 11, items 4 and 5; docs/cape.md): from each member's sales and charges to
// the group's gross margin, the CAE's contribution, the distributable amount and each member's
// share. Pure integer arithmetic: cents (Money), basis points, minutes. Every apportionment is the
// largest-remainder method over exact rational fractions, ties broken by member id (ascending), so
// shares always sum exactly to what is apportioned, none is 1 cent or more from its exact value,
// and the result does not depend on the order members are given in.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/money.hpp"
#include "app/core/vat.hpp"

namespace caisse::cape {

// One member's figures for the period, already summed (refunds included as negatives).
struct MemberInput {
    std::string id;                 // stable member id: the tie-break key, unique in a split
    std::string name;               // display name
    Money sales_ttc, sales_ht;      // net of refunds; may be negative if refunds exceed sales
    VatBreakdown vat;               // by rate (bp): ht, vat, ttc
    Money own_charges_ttc, own_charges_vat;  // the member's own charges (VAT recoverable)
    std::int64_t minutes = 0;       // hours worked, in minutes (>= 0)
    Money own_charges_ht() const { return own_charges_ttc - own_charges_vat; }
};

// How what remains is split between members.
enum class SplitMethod { equal, own_net, hours, hybrid };
// How the group's own charges (not a member's) are allocated to members.
enum class ChargeKey { equal, sales, hours };

struct SplitRule {
    SplitMethod method = SplitMethod::equal;
    std::int32_t pooled_bp = 0;     // hybrid only: part pooled equally, 0..10000 (3000 = 30 %)
    bool operator==(const SplitRule&) const = default;
};

// The rule the group voted (journaled as a cape.rule record). Default: equal shares, no
// contribution, group charges equally: what a statement uses until the group sets a rule.
struct Rule {
    SplitRule split;
    Money contribution_per_month;   // CAE's fixed part, cents per month begun (>= 0)
    std::int32_t contribution_bp = 0;  // CAE's part of the gross margin, 0..10000 (1350 = 13.5 %)
    ChargeKey charge_key = ChargeKey::equal;
    // Optional salary estimate from the envelope (0 and 0: no estimate): employer and employee
    // contribution rates, 0..10000 each.
    std::int32_t employer_bp = 0, employee_bp = 0;
    bool operator==(const Rule&) const = default;
};

// Whether own net sales weigh in the split (own-net, hybrid): only then does a member whose charges
// exceed their sales lose something by it.
inline bool splits_by_own_net(const SplitRule& r) { return r.method == SplitMethod::own_net || r.method == SplitMethod::hybrid; }

// "equal", "own-net", "hours", "hybrid:30" (30 % pooled; "hybrid:12.5" allowed, 2 decimals max).
// Throws InputError naming the text when it is none of these.
// "30", "12.5", "12,25" (at most 2 decimals) as basis points of a percentage in 0..100; -1 when
// it is not one.
std::int32_t percent_bp(std::string_view text);
SplitRule parse_split(std::string_view text);
std::string split_name(const SplitRule& rule);  // the inverse: "hybrid:30", "hybrid:12.5"
// "equal", "sales", "hours". Throws InputError.
ChargeKey parse_charge_key(std::string_view text);
std::string charge_key_name(ChargeKey key);

// Hours worked as minutes: "7:30", "7h30", "7h", "7,5", "7.5", "7"; a leading '-' makes a
// correction (negative). Minutes 0..59, decimals of an hour at most 2 digits (rounded half up to
// the minute). Throws InputError naming the text.
std::int64_t parse_minutes(std::string_view text);
std::string minutes_text(std::int64_t minutes);  // "7:30", "-1:05"

// Months begun from `from` to `to` (ISO dates "YYYY-MM-DD", from <= to): stepping one calendar
// month from the start date, a started month counts (2026-03-15..2026-09-14 is 6; 2026-01-01..
// 2026-01-10 is 1). The fixed contribution is per month begun. Throws InputError on a bad date.
std::int64_t months_begun(std::string_view from, std::string_view to);

// Why a member is shown apart.
struct MemberFlags {
    bool charges_exceed_sales = false;  // own net (see MemberSplit::net) below zero: weight 0
    bool no_hours = false;              // split by hours and no hours recorded: weight 0
    bool operator==(const MemberFlags&) const = default;
};

struct MemberSplit {
    std::string id, name;
    Money sales_ttc, sales_ht, own_charges_ht;
    Money group_charges;    // the member's part of the group's charges (by the rule's key)
    Money net;              // sales_ht - own_charges_ht - group_charges (may be negative)
    Money contribution;     // the member's part of the CAE contribution (by the share's fractions)
    Money share;            // the envelope: the member's part of the distributable amount
    std::int64_t minutes = 0;
    MemberFlags flags;
    // Salary estimate (only when the rule has rates): gross = share / (1 + employer rate),
    // net = gross - gross * employee rate, each rounded half up. An estimate, not a payslip.
    Money gross_salary_estimate, net_salary_estimate;
};

struct Split {
    std::vector<MemberSplit> members;   // sorted by id
    Money sales_ttc, sales_ht;          // group totals
    Money own_charges_ht, group_charges_ht;
    Money gross_margin;                 // sales_ht - all charges HT (docs/cape.md)
    std::int64_t months = 0;
    Money contribution_fixed, contribution_variable, contribution;
    Money distributable;                // max(0, gross_margin - contribution)
    Money shortfall;                    // max(0, contribution - gross_margin): not split
    bool weights_fell_back_to_equal = false;  // every weight was 0 (e.g. no hours): equal shares
    bool has_salary_estimate = false;
};

// The split of one period. members: unique ids (throws std::invalid_argument otherwise), at least
// one; group_charges_ttc/vat: the group's own charges; months: months begun (>= 0). Rule:
//   group charges HT are allocated by the key (equal, pro rata to max(0, sales_ht), pro rata to
//     minutes; an all-zero key falls back to equal);
//   gross margin M = sum(sales_ht) - sum(own charges HT) - group charges HT;
//   contribution C = months * per_month + round_half_up(max(0, M) * bp / 10000);
//   distributable D = max(0, M - C);
//   member i's exact share of D: D * (p * W + (1 - p) * n * w_i) / (n * W), p the pooled fraction
//     (1 for equal, 0 for own-net and hours), w_i the weight (max(0, net_i) for own-net and hybrid,
//     minutes for hours), W = sum(w), n members; when W = 0, every share is D / n (flagged).
//   C is apportioned by the same fractions (what each member's envelope bears of it).
// Throws MoneyOverflow when a sum leaves the Money range.
Split split(const std::vector<MemberInput>& members, Money group_charges_ttc, Money group_charges_vat,
            const Rule& rule, std::int64_t months);

// Largest remainder: apportions `total` (>= 0) in proportion to nums (each >= 0, sum > 0), ties of
// remainders broken by the order of `keys` (ascending; keys unique, same size as nums). The parts
// sum to total exactly and each is within 1 cent of total * num / sum. Throws std::invalid_argument
// on a negative total or weight, or an all-zero sum.
std::vector<std::int64_t> apportion(std::int64_t total, const std::vector<__int128>& nums,
                                    const std::vector<std::string>& keys);

}  // namespace caisse::cape
