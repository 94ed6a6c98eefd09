#pragma once
// What the exports read (issue 11, items 6 and 7): the tickets (sale and sale.refund records) and
// the Zs of every terminal in the file, by business day, straight from the journal's payloads (the
// signed bytes; verify ties the projections to them). Amounts in cents, rates in basis points.
#include <cstdint>
#include <string>
#include <vector>

#include "db/records/closure.hpp"
#include "db/records/sale.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

struct ExportLine {
    std::int64_t line = 0;  // line number in its ticket, from 1; for a refund, the original ticket's line
    SaleLineRecord l;       // amounts negative for a refund
};

struct ExportTicket {
    std::string terminal, at_utc, day;
    std::int64_t seq = 0;
    bool refund = false;        // a sale.refund record: every amount is negative
    bool cancel = false;        // a refund that cancels the ticket
    std::int64_t number = 0;    // the ticket number, or the refund number for a refund
    std::int64_t ticket = 0;    // the ticket (for a refund: the ticket it gives back)
    std::int64_t session = 0, user = 0, discount = 0, total = 0, change = 0;
    std::int64_t voucher_excess = 0;  // meal vouchers kept above the bill (a cancellation's is negative)
    std::vector<ExportLine> lines;
    std::vector<PaymentRecord> payments;
    std::vector<VatRecord> vat;  // per rate, as recorded (a sale's by the VAT rule, a refund's cumulative)
};

// Every sale and refund whose business day is in [from, to] ("YYYY-MM-DD", both included), of every
// terminal, in (terminal, seq) order. Training sales are never read (another kind). Throws on a
// payload that is not what the format says (a damaged ledger: run verify).
std::vector<ExportTicket> tickets_between(Database& db, const std::string& from, const std::string& to);

struct ExportZ {
    std::string terminal, closed_at;  // closed_at: the Z record's at_utc
    DayClosure z;
};
// Every Z dated in [from, to], of every terminal, in (date, terminal, z) order.
std::vector<ExportZ> day_closures_dated(Database& db, const std::string& from, const std::string& to);

}  // namespace caisse::db
