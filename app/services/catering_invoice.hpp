#pragma once
// Invoices of catering orders (issue 14, item 3): final invoices, deposit invoices (acomptes),
// credit notes (avoirs) and payments received, each a journal record (db/records/catering.hpp).
// The arithmetic is app/core/invoice's (compute_totals, make_deposit, check_credit_note); the
// numbers F-YYYY-NNNN are allocated inside the write transaction that records the invoice, so they
// stay gap-free when several tills' processes issue at once (fiscal-fr.md, "Invoices": one continuous
// sequence). Manager role; every refusal an InputError with nothing recorded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/invoice.hpp"
#include "app/services/till.hpp"
#include "db/records/catering.hpp"

namespace caisse {

struct InvoiceDates {
    std::string issue_date;  // "YYYY-MM-DD"; empty: today. Not before the last invoice issued here.
    std::string due_date;    // "YYYY-MM-DD"; empty: issue date + invoice.due_days (30 by default)
};

// The final invoice of an order: its lines, the deposit invoices issued for it deducted (BT-113).
// Refused: an unknown order, an order already invoiced (unless credit notes gave that invoice back
// whole), a document invoice::validate refuses (the seller's or a public buyer's mentions).
db::InvoiceRecord issue_invoice(Till& till, const Actor& by, std::int64_t order, const InvoiceDates& dates = {});

// A deposit invoice for an order (invoice::make_deposit): a percentage or an amount incl. VAT.
// Refused: an unknown order, one already invoiced, a deposit above what remains of the order's
// total once earlier deposits are taken off. Without a due date given, it falls due by
// invoice.due_days but no later than the day of the service (the quote's delivery date, BT-72).
db::InvoiceRecord issue_deposit(Till& till, const Actor& by, std::int64_t order, invoice::DepositAsk ask,
                                const InvoiceDates& dates = {});

// What the next documents of an order would come to, named on the screen before they are issued
// (nothing is recorded), in cents: the deposit an ask gives (invoice::deposit_amount of the agreed
// total incl. VAT), the final invoice's amount due (BT-115: the agreed total less its live
// deposits), and a whole credit note's amount due for an invoice. Each throws the InputError its
// issue_* would (an unknown order or invoice, a deposit above what remains, a deposit already
// deducted, an invoice given back already), so a refusal is named before the question is asked.
Money deposit_to_issue(Till& till, std::int64_t order, invoice::DepositAsk ask);
Money final_invoice_due(Till& till, std::int64_t order);
Money credit_note_to_issue(Till& till, const std::string& invoice_number);

// A credit note correcting an invoice (final or not a deposit): its lines (default: all the
// invoice's lines, giving it back whole). Refused: an unknown invoice, a credit note or a deposit
// invoice to correct, more than is left of the invoice after earlier credit notes.
db::InvoiceRecord issue_credit_note(Till& till, const Actor& by, const std::string& invoice_number,
                                    const std::optional<std::vector<invoice::Line>>& lines = std::nullopt,
                                    const InvoiceDates& dates = {});

enum class PaymentMethod { transfer, cheque };
std::string payment_method_name(PaymentMethod m);  // "transfer", "cheque"

struct PaymentRequest {
    std::string invoice;       // its number, "F-2026-0001"
    Money amount;              // received, > 0
    PaymentMethod method = PaymentMethod::transfer;
    std::string day;           // "YYYY-MM-DD"; empty: today. Not in the future, not before the invoice.
    std::string reference;     // the transfer's reference or the cheque's number, may be empty
};
// Records money received against an invoice (payment.add). Refused: an unknown invoice, a credit
// note, zero or less, more than remains to be paid.
db::InvoicePaymentRecord record_invoice_payment(Till& till, const Actor& by, const PaymentRequest& request);
// The same refusals as record_invoice_payment but the role's, checked without recording anything:
// the screen asks its question only about a payment that can be recorded. Throws InputError.
void check_invoice_payment(Till& till, const PaymentRequest& request);

// Where an invoice stands: due (BT-115), paid, given back by credit notes, what remains.
struct InvoiceStatus {
    db::InvoiceRecord invoice;
    std::string customer;  // the customer's name
    Money due, paid, credited, remaining;  // credited: its credit notes' amounts due (BT-115, deposits deducted as in it)
    Money to_refund;  // paid beyond what the credit notes left due: money the customer is owed back
    bool overdue = false;  // remaining > 0 and its due date before today
    std::int64_t days_late = 0;
};
InvoiceStatus invoice_status(Till& till, const std::string& number);  // InputError: unknown invoice
// Every invoice and deposit invoice of this till with something left to pay, oldest first.
std::vector<InvoiceStatus> unpaid_invoices(Till& till);
// The Factur-X CII XML (EN 16931, app/services/facturx) of a recorded invoice, from its journaled
// document. Throws InputError for an unknown invoice.
std::string invoice_cii_xml(Till& till, const std::string& number);

// Every invoice, deposit invoice and credit note of this till, in the order issued.
std::vector<InvoiceStatus> all_invoices(Till& till);

}  // namespace caisse
