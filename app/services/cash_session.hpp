#pragma once
// The cash session: open with a counted float, cash in and out, the X report, and the day close
// with its blind count and Z (issue "End of day"; French closures: shared/reference/fiscal-fr.md,
// "Conservation"). Rules live here for the screen and the CLI alike. Amounts in cents.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/cash_count.hpp"
#include "app/core/limits.hpp"
#include "app/core/money.hpp"
#include "app/services/till.hpp"
#include "db/records/closure.hpp"

namespace caisse {

// Why cash goes in or out, offered on screen; any other text is accepted too.
std::vector<std::string> cash_move_reasons(bool out);

struct OpenSessionRequest {
    CashCount count;                 // the float counted by denomination...
    std::optional<Money> float_amount;  // ...or typed as one amount (then count is empty)
};
// Opens a session (manager role, or a manager's approval). Throws InputError: a session already
// open, a refused role, a float that is negative or above 100 000 €.
std::int64_t open_cash_session(Till& till, const Actor& by, const OpenSessionRequest& request);

struct CashMoveRequest {
    bool out = false;  // false: cash in
    Money amount;      // > 0
    std::string reason;
    std::optional<std::string> entrepreneur;  // none: the group
};
// Records a cash in or out in the open session (manager role, or a manager's approval). A cash out
// may not take more than the drawer holds. Throws InputError; nothing is recorded then.
db::CashMoveRecord record_cash_move(Till& till, const Actor& by, const CashMoveRequest& request);
// The same inside a Ledger::write the caller runs, for a user already authorised (a charge paid
// from the drawer records its cash out this way, in the charge's commit). amount > 0, reason
// checked by the caller. Throws InputError: no open session, a cash out above the drawer.
db::CashMoveRecord cash_move_in_commit(Till& till, const User& user, bool out, Money amount, const std::string& reason,
                                       std::optional<std::int64_t> entrepreneur);

// The X report: the open session's totals so far and the cash the drawer should hold. Records
// nothing. Throws InputError when no session is open.
struct XReport {
    db::SessionInfo session;
    db::ClosureTotals totals;
    std::int64_t first_ticket = 0, last_ticket = 0;
    Money expected_cash;  // float + cash kept from sales + cash in - cash out
    std::vector<db::CashMoveRecord> cash_moves;
};
XReport x_report(Till& till);

struct CloseRequest {
    CashCount count;                     // the blind count of the drawer
    std::optional<Money> card_declared;  // the card terminal's batch total
    std::optional<Money> voucher_declared;  // the meal-voucher stack
    std::string note;                    // needed when anything differs
    std::int64_t counts = 1;             // how many times the drawer was counted (the screen recounts once)
};

// Largest float and count accepted: kMaxDrawerCents (app/core/limits.hpp).

// Expected against counted, before anything is recorded: what the close screen shows after the
// blind count is confirmed.
struct CloseCheck {
    Money expected_cash, counted_cash, cash_over_short;  // over_short = counted - expected
    Money card_expected, voucher_expected;
    std::optional<Money> card_over_short, voucher_over_short;
    bool balanced() const;  // nothing differs
};
CloseCheck check_close(Till& till, const CloseRequest& request);

// Closes the open session with its Z (and the month and year closures its date crosses into),
// in one commit. Needs the manager role. A difference needs a note (after a recount on screen).
// Throws InputError: no open session, a difference without a note, a role that may not close.
db::DayClosure close_day(Till& till, const Actor& by, const CloseRequest& request);

// A recorded Z by number, or the newest of a date ("YYYY-MM-DD"), or the newest of all.
db::DayClosure find_z(Till& till, std::optional<std::int64_t> number, const std::optional<std::string>& date);

// A month ("YYYY-MM") or fiscal year ("YYYY"): its closure when made, else the sum of its Zs so far;
// beside it, the catering invoices issued in it (issue 14 item 7: invoiced revenue is not counter
// revenue, so it is in no Z and no closure, but the period shows both).
struct PeriodReport {
    db::PeriodClosure closure;
    bool closed = false;  // a signed closure record exists
    Money invoiced_ht, invoiced_vat;  // every terminal's invoices, deposits and credit notes (negative) of the period, cents
    std::int64_t invoices = 0;
};
PeriodReport period_report(Till& till, const std::optional<std::string>& month, const std::optional<std::string>& year);

// The fiscal year a business day falls in, named by the calendar year of its first month; the
// first month is the setting fiscal.year_start_month (1-12, default 1).
std::string fiscal_year_of(Till& till, const std::string& date);

}  // namespace caisse
