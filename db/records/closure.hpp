#pragma once
// Closures (docs/ledger-format.md, "Closures"): the day's Z (closure.day), and the month and year
// closures (closure.month, closure.year) made by the day close that crosses their end. Each is a
// signed record: its signature over its hash seals every record before it. Amounts in cents,
// VAT rates in basis points.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/core/message.hpp"
#include "db/crypto.hpp"
#include "db/journal.hpp"
#include "db/sqlite.hpp"
#include "db/records/projected_kind.hpp"
#include "db/records/session.hpp"

namespace caisse::db {

class Ledger;

struct VatTotals {
    std::int64_t ht = 0, vat = 0, ttc = 0;
    bool operator==(const VatTotals&) const = default;
};

// What a closure sums. by_tender holds what paid the sales: cash net of the change given, vouchers
// net of their excess; voucher_excess (vouchers beyond their tickets, kept without change) apart.
struct ClosureTotals {
    std::int64_t tickets = 0, total = 0, discounts = 0, cash_in = 0, cash_out = 0;
    std::int64_t total_abs = 0;  // sum of the tickets' absolute totals (refunds count as positive)
    // sale.refund records summed (refunds and cancellations) and the sum of their totals (<= 0), which
    // total and every breakdown already include as negatives; in a payload only when refunds > 0.
    std::int64_t refunds = 0, refunds_total = 0;
    // Meal vouchers beyond their tickets' totals, left by the customers: not sales, not in total or
    // by_tender; in a payload only when not 0 (closures before schema 11 keep their bytes).
    std::int64_t voucher_excess = 0;
    std::map<std::string, std::int64_t> by_tender;         // method -> cents
    std::map<std::int64_t, VatTotals> by_vat;              // rate bp -> HT/TVA/TTC
    std::map<std::int64_t, std::int64_t> by_entrepreneur;  // entrepreneur id -> TTC
    std::map<std::int64_t, std::int64_t> by_cashier;       // user id -> TTC
    void add(const ClosureTotals& other);                  // overflow-checked: throws std::overflow_error
    std::int64_t cash_kept() const;                        // by_tender["cash"], 0 when none
    bool operator==(const ClosureTotals&) const = default;
};

// Totals of one session's sales, refunds and cash moves, read from the projections (which verify checks
// against the journal); discounts are ticket and line discounts together.
ClosureTotals session_totals(Ledger& ledger, std::int64_t session);
ClosureTotals session_totals(Database& db, const std::string& terminal, std::int64_t session);
// The first and last ticket of a session; {0, 0} when it sold nothing.
std::pair<std::int64_t, std::int64_t> session_ticket_range(Database& db, const std::string& terminal, std::int64_t session);

// A record whose clock is behind the record before it (seq order is the truth; at_utc is the
// till's clock, which someone may have set back).
struct ClockStep {
    std::int64_t seq = 0;
    std::string at_utc, previous_at_utc;
    bool operator==(const ClockStep&) const = default;
};

struct DayClosure {
    std::int64_t z = 0, session = 0, closed_by = 0;
    std::string date;  // the session's business day
    std::string opened_at, closed_at;
    std::int64_t first_ticket = 0, last_ticket = 0;  // 0 when the session sold nothing
    ClosureTotals totals;
    std::int64_t float_cents = 0, expected_cash = 0, counted_cash = 0, over_short = 0;  // over_short = counted - expected
    std::map<std::int64_t, std::int64_t> count;  // denomination cents -> pieces
    std::optional<std::int64_t> card_declared, voucher_declared;  // typed from the terminal's batch, the voucher stack
    std::int64_t counts = 1;  // how many times the drawer was counted
    std::string note;
    std::vector<CashMoveRecord> cash_moves;
    std::vector<ClockStep> clock_backwards;
    std::int64_t grand_total = 0, grand_total_abs = 0;  // perpetual, since the ledger began
    std::int64_t month_total = 0, year_total = 0;        // period to date, this Z included
    std::string month, year;                             // "2026-11", fiscal year "2026"
    // "12 - 57", or `none` when the session sold nothing.
    std::string tickets_range_text(const std::string& none) const {
        return first_ticket == 0 ? none : std::to_string(first_ticket) + " - " + std::to_string(last_ticket);
    }
    // Filled in once recorded:
    std::int64_t seq = 0;
    Hash hash{};
    Signature signature{};
};

struct PeriodClosure {
    std::string kind;    // "month" or "year"
    std::string period;  // "2026-11" or "2026" (fiscal year by the year of its first month)
    std::string first_day, last_day;  // the first and last Z dates it covers
    std::int64_t number = 0;          // gap-free per kind and terminal
    std::int64_t first_z = 0, last_z = 0, days = 0;
    ClosureTotals totals;
    std::int64_t grand_total = 0, grand_total_abs = 0;  // as at its last Z
    std::int64_t seq = 0;
    Hash hash{};
    Signature signature{};
};

// A closure read from its canonical payload; throws on a malformed one.
DayClosure day_closure_from_payload(const std::string& payload);
PeriodClosure period_closure_from_payload(const std::string& kind, const std::string& payload);

// Appends the Z (fills in z, seq, hash, signature) and its projection rows.
void record_day_closure(Ledger& ledger, DayClosure& z, const std::string& at);
void record_period_closure(Ledger& ledger, PeriodClosure& c, const std::string& at);

std::optional<DayClosure> day_closure(Ledger& ledger, std::int64_t z);            // by number
std::optional<DayClosure> last_day_closure(Ledger& ledger);
std::vector<DayClosure> day_closures_on(Ledger& ledger, const std::string& date);  // "YYYY-MM-DD"
std::vector<DayClosure> day_closures_between(Ledger& ledger, const std::string& from, const std::string& to);  // from <= date < to
std::vector<DayClosure> day_closures_after(Ledger& ledger, std::int64_t z);         // z order
std::optional<PeriodClosure> last_period_closure(Ledger& ledger, const std::string& kind);  // "month" or "year"
std::vector<PeriodClosure> period_closures(Ledger& ledger, const std::string& kind, const std::string& period);
std::vector<PeriodClosure> month_closures_after(Ledger& ledger, std::int64_t number);

// Clock steps backwards among this terminal's records with seq in [from, to].
std::vector<ClockStep> clock_steps_back(Ledger& ledger, std::int64_t from_seq, std::int64_t to_seq);

// A record of a closure kind as the chain scan saw it, for check_closures.
struct ClosureRecord {
    std::string terminal;
    std::int64_t seq = 0;
    std::string kind, payload;
};
struct ClosureProblem {
    std::string terminal;
    std::int64_t seq = 0;
    Message message;
};
// The closures' verify rules (docs/ledger-format.md, "Closures"): projection rows, gap-free
// numbers, each Z equal to its session recomputed, cash arithmetic, grand totals chained, period
// totals, months and years equal to the sum of their days. `records` in seq order per terminal.
// `steps_back`: per terminal, every record of the chain whose clock is behind the record before it
// (verify gathers them as it scans), for each Z's clock_backwards.
std::vector<ClosureProblem> check_closures(Database& db, const std::vector<ClosureRecord>& records,
                                           const std::map<std::string, std::vector<ClockStep>>& steps_back = {});

}  // namespace caisse::db
