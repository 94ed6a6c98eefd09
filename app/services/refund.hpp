#pragma once
// Corrections of recorded tickets (issue 9, items 2 and 3; DESIGN.md, "The ledger": a correction is
// a counter-entry): cancelling the ticket just made, refunding some or all of an earlier one. Each
// is one sale.refund record (db/records/refund.hpp) in one commit, priced from the original
// ticket's recorded lines (never today's prices) by the cumulative rules of app/core/refund.hpp.
// Amounts in cents; the record's amounts are negative.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/core/money.hpp"
#include "app/core/tender.hpp"
#include "app/services/till.hpp"
#include "db/records/refund.hpp"

namespace caisse {

// Some units of a product of the ticket ("SKU*QTY" on the command line). A SKU on several lines
// of the ticket takes their remaining units in line order.
struct RefundItem {
    std::string sku;
    std::int64_t quantity = 1;  // >= 1
};
struct RefundRequest {
    std::int64_t ticket = 0;
    std::vector<RefundItem> items;  // by SKU (the CLI)...
    TenderMethod method = TenderMethod::Cash;  // how the money goes back; never a meal voucher
    std::map<std::int64_t, std::int64_t> lines;  // ...or by line: line_no -> units (the screen's steppers)
    // Neither items nor lines: everything of the ticket not yet given back.
};

struct RefundResult {
    db::RefundRecord record;  // as journaled: refund number, lines, payments, VAT (negative)
    std::int64_t seq = 0;
    std::string hash_hex;
    std::map<std::string, Money> by_entrepreneur;  // name -> TTC given back (negative)
};

// A line of a ticket and how many of its units may still be given back.
struct RefundableLine {
    std::int64_t line_no = 0;  // from 1
    db::SaleLineRecord sold;
    std::int64_t remaining = 0;
};
// The ticket's lines with what remains of each. Throws InputError for an unknown ticket.
std::vector<RefundableLine> refundable_lines(Till& till, std::int64_t ticket);

// Refunds a ticket of this till (manager role, or a seller with a manager's approval, journaled as
// auth.override; a refusal is journaled as auth.refused). Needs an open session; cash back needs
// that much cash in the drawer (the session's expected cash). Throws InputError, nothing recorded:
// unknown ticket, SKU or line not on the ticket, a quantity above what remains, nothing left to give back,
// a voucher refund, no session, not enough cash.
RefundResult refund_ticket(Till& till, const Actor& by, const RefundRequest& request);

// The refund the request would record, priced, without recording anything or checking the role
// (what the screen shows before it asks). Throws InputError as refund_ticket does.
db::RefundRecord preview_refund(Till& till, const RefundRequest& request);

// How long a seller may cancel their own ticket (issue 9, item 2).
inline constexpr int kSellerCancelSeconds = 120;
// Whether the actor may cancel this ticket now: it must be the till's last ticket, sold in the open
// session and not refunded; a manager always may, a seller only their own ticket within
// kSellerCancelSeconds. Records nothing. Throws InputError for an unknown ticket.
struct CancelCheck {
    std::optional<Message> refusal;  // why not; nothing: they may
    bool role_rule = false;          // the refusal is the seller's rule: a manager's approval would lift it
};
CancelCheck check_cancel(Till& till, const Actor& by, std::int64_t ticket);
// Cancels the ticket just made: the whole ticket given back by the same tenders (cash net of the
// change). Refusals of the role rule are journaled (auth.refused); a manager's approval of a
// seller's cancel is journaled (auth.override). Throws InputError, nothing recorded.
RefundResult cancel_ticket(Till& till, const Actor& by, std::int64_t ticket);

}  // namespace caisse
