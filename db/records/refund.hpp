#pragma once
// The sale.refund record kind (docs/ledger-format.md, "sale.refund"): a counter-entry to a recorded
// ticket, a refund of some of its lines or the cancellation of the whole ticket just made. Its
// payload, its projections (refunds, refund_lines, refund_payments, refund_vat) and the reads the
// services need. Amounts are negative (what leaves the takings); quantities too.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/journal.hpp"
#include "db/sqlite.hpp"
#include "db/records/sale.hpp"

namespace caisse::db {

class Ledger;

struct RefundLineRecord {
    std::int64_t sale_line = 0;  // line_no of the original line, from 1
    SaleLineRecord line;         // sku, name, ids, rate and unit price of the original; amounts negative
};
struct RefundRecord {
    std::int64_t refund = 0;  // gap-free per terminal, from 1; set when recorded
    std::int64_t ticket = 0, session = 0, user = 0;
    std::string day;
    bool cancel = false;
    std::int64_t discount = 0, total = 0;  // <= 0
    std::vector<RefundLineRecord> lines;
    std::vector<PaymentRecord> payments;  // amounts < 0: money given back
    std::vector<VatRecord> vat;           // sorted by rate, amounts <= 0
    // A cancellation of a sale whose meal vouchers exceeded it: minus that excess (the vouchers are
    // given back whole, so payments - voucher_excess = total). 0 otherwise, and then not in the payload.
    std::int64_t voucher_excess = 0;
};

// Whether the ledger has the refund tables (schema 6): a ledger of an older schema read without
// upgrading (verify, reports on read-only media) has no refund.
bool has_refund_tables(Database& db);

// Canonical JSON payload of a sale.refund record.
std::string refund_payload(const RefundRecord& r);
// Parses a payload; throws on a malformed one (std::exception).
RefundRecord refund_from_payload(const std::string& payload);

// Numbers the refund (gap-free per terminal) and records it with its projections; inside Ledger::write.
Appended record_refund(Ledger& ledger, RefundRecord& r, const std::string& at);
// The projection rows of the refund at (terminal, seq): record_refund's, and an imported chain's.
void project_refund(Ledger& ledger, const std::string& terminal, std::int64_t seq, const RefundRecord& r);

// Units of each line of this terminal's ticket already given back: sale line_no -> units (> 0).
std::map<std::int64_t, std::int64_t> refunded_units(Ledger& ledger, std::int64_t ticket);
// TTC per VAT rate already given back on the ticket, as magnitudes: rate bp -> cents (> 0).
std::map<std::int64_t, std::int64_t> refunded_ttc(Ledger& ledger, std::int64_t ticket);
// How many refunds name the ticket.
std::int64_t refunds_of_ticket(Ledger& ledger, std::int64_t ticket);

// A refund read back from its journal record, for its receipt.
struct RecordedRefund {
    RefundRecord refund;
    std::string terminal, at_utc;
    std::int64_t seq = 0;
    Hash hash{};
};
std::optional<RecordedRefund> recorded_refund(Ledger& ledger, std::int64_t refund);

}  // namespace caisse::db
