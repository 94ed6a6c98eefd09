#pragma once
// The verify rules of the small record kinds (docs/ledger-format.md, "How to verify"): genesis,
// the catalogue, users, sessions and cash moves rebuilt from their projection rows, reprints.
#include <map>
#include <string>
#include <vector>

#include "db/crypto.hpp"
#include "db/records/projected_kind.hpp"
#include "db/records/sale.hpp"
#include "db/sqlite.hpp"
#include "db/verify/problems.hpp"

namespace caisse::db {

// Each chained terminal's genesis (its record at seq 1, never local state): kind genesis, payload
// exactly {format: 1, public_key: 64 lowercase hex, software: string, terminal: this terminal},
// a terminal name of 1 to 32 [A-Za-z0-9_-], and its `terminals` row (public key, seq 1); a
// `terminals` row without a chain is an error. Returns the public keys of the valid genesis records.
std::map<std::string, PublicKey> check_genesis(Database& db, const std::vector<std::string>& terminals, Problems& problems);

// Every projection row of the small kinds rebuilds its record's payload byte for byte, every record
// has its row, every row its record (records/projected_kind). Bytes that are not text in a row are
// reported, never thrown.
void check_projected_kinds(Database& db, const std::vector<OtherRecord>& others, Problems& problems);
// The same over a list of kinds of its own (the CAPE kinds, whose tables older schemas lack).
void check_projected_list(Database& db, const std::vector<OtherRecord>& others, Problems& problems,
                          const std::vector<ProjectedKind>& kinds);

// charge.add, hours.add, cape.rule (records/cape_verify.cpp): each rebuilt from its projection row;
// a charge has ttc != 0, vat of the same sign and no larger, a real date, its entrepreneur known;
// paid from the drawer (cash_move), ttc > 0 and the cash.move it names is an earlier record of the
// same terminal taking out exactly ttc, named by no other charge; hours: minutes non-zero, at most
// 24 h either way, a known entrepreneur; a rule: rates within 0..100 %, a fixed part >= 0. On a
// ledger without their tables (schema < 10), any such record is reported.
void check_cape_records(Database& db, const std::vector<OtherRecord>& others, Problems& problems);

// customer.add, quote.new, quote.line, quote.accept, invoice.issue, payment.add
// (records/catering_verify.cpp): each rebuilt from its projection row; customer, quote and order ids
// 1, 2, 3... per terminal; a quote names an earlier customer, a line an earlier quote not yet
// accepted (lines 1, 2, 3...), an order an earlier quote with lines, accepted once; an invoice's
// number gap-free per terminal and year (F-YYYY-NNNN, n = 1, 2, 3...) in chronological order, its
// document passing invoice::validate, its totals and revenue per entrepreneur those app/core/invoice
// computes, its deposits earlier deposit invoices of its order, an order finally invoiced once unless
// credit notes gave it back whole; a credit note within what is left of the invoice it corrects; a
// payment > 0 by transfer or cheque on an earlier invoice, never above its amount due. On a ledger
// without their tables (schema < 13), any such record is reported.
void check_catering_records(Database& db, const std::vector<OtherRecord>& others, Problems& problems);

// user.role (records/user_verify.cpp), per terminal in seq order: the user and the giver (`by`) are
// users of that terminal recorded before it, the giver a manager or an admin then, only an admin
// gives or takes the admin role, and a terminal that has an admin keeps one.
void check_user_roles(Database& db, const std::vector<OtherRecord>& others, Problems& problems);

// receipt.duplicate: numbers 1, 2, 3... per terminal in seq order, each naming a ticket of the same
// terminal recorded before it.
void check_duplicates(Database& db, const std::vector<OtherRecord>& others, Problems& problems);

// training.sale: training ticket numbers 1, 2, 3... per terminal in seq order (records/training).
// Its totals are not checked against anything: a training sale counts in no closure.
void check_training_tickets(const std::vector<OtherRecord>& others, Problems& problems);

// Where each session opens and closes, from the sessions and day_closures projections.
SessionSpans session_spans(Database& db);

// session.open: ids 1, 2, 3... per terminal in seq order, a `float` equal to its `count` when it has
// one; cash.move: names a session opened before it and not yet closed by a Z.
void check_sessions(const std::vector<OtherRecord>& others, const SessionSpans& spans, Problems& problems);

// sale.refund: its payload rebuilt from its projection rows (refunds, refund_lines,
// refund_payments, refund_vat), numbers 1, 2, 3... per terminal, the original ticket recorded before
// it, its lines (same product, entrepreneur, rate and price; never more units than sold less earlier
// refunds), amounts and VAT by the cumulative rules (app/core/refund.hpp), payments (< 0) summing to
// the total, its session open; a cancellation gives back the whole ticket just made, in its session,
// by the same tenders. Rows that no record claims are errors.
void check_refunds(Database& db, const std::vector<OtherRecord>& others, const SessionSpans& spans, Problems& problems);

// A sale's tenders net of its change, merged per method in order of first use, zeros left out:
// what a cancellation gives back (negated). Meal vouchers go back whole, their excess with them
// (the refund's voucher_excess, docs/ledger-format.md "sale.refund").
std::vector<PaymentRecord> net_tenders(const std::vector<PaymentRecord>& payments, std::int64_t change);

}  // namespace caisse::db
