#pragma once
// Where each catering quote and order of this till stands (issue 14, item 8), for the manager's
// screens: one status per quote from the records (quote_view, invoice_status), so that the screens
// only show it. Also the invoice files saved beside the ledger. Reads only, except
// save_invoice_files which writes files (no record).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/services/catering.hpp"
#include "app/services/catering_invoice.hpp"
#include "app/services/till.hpp"

namespace caisse {

// From the first step to the last; overdue and credited are read before the others (below).
enum class OrderStatus {
    quote,             // a quote not accepted, still valid
    quote_expired,     // a quote not accepted, past its valid_until
    order,             // accepted, nothing invoiced (or everything given back and invoiced again later)
    deposit_invoiced,  // deposit invoices live, no final invoice yet
    invoiced,          // a final invoice with something left to pay
    paid,              // a final invoice and its deposits paid in full
    overdue,           // one of its invoices is unpaid past its due date (days_late: the oldest's)
    credited,          // every invoice of the order given back by credit notes
};
// The status in English, to translate ("quote", "expired quote", "order", "deposit invoiced",
// "invoiced", "paid", "overdue", "credit note").
std::string order_status_name(OrderStatus s);

struct OrderSummary {
    std::int64_t quote = 0;
    std::optional<std::int64_t> order;  // once accepted
    std::int64_t customer_id = 0;
    std::string customer;               // its name
    std::string service_date;           // "YYYY-MM-DD"
    std::string valid_until;            // "YYYY-MM-DD"
    std::int64_t guests = 0;
    Money total;                        // incl. VAT, what its lines add up to (0 without lines)
    std::size_t lines = 0;
    OrderStatus status = OrderStatus::quote;
    std::int64_t days_late = 0;         // overdue: days since the oldest unpaid due date passed
    Money remaining;                    // still to be paid on its invoices and deposit invoices
    Money deposits;                     // its live deposit invoices' amounts due (not given back by a credit note)
    bool to_invoice = false;            // accepted, no final invoice left standing: a final invoice may be issued
    bool unpaid = false;                // remaining > 0
    bool final_invoiced = false;        // a final invoice is standing (not given back whole)
    std::vector<InvoiceStatus> invoices;  // of its order, in the order issued (credit notes included)
};

// One quote's summary. Throws InputError for an unknown quote.
OrderSummary order_summary(Till& till, std::int64_t quote);
// Every quote of this till (terminal), the newest service date first (then the newest quote).
std::vector<OrderSummary> catering_overview(Till& till);

// Writes an invoice's PDF and its Factur-X PDF/A-3 into the folder "factures" beside the ledger
// (created when missing): "<dir>/factures/F-2026-0001.pdf" and "F-2026-0001-facturx.pdf", replacing
// earlier copies. Returns the folder's path. Throws InputError: unknown invoice, a file not written.
std::string save_invoice_files(Till& till, const std::string& number);
// Writes a quote's PDF (quote_pdf_of: the customer's box for "bon pour accord") into the same folder,
// "<dir>/factures/DEV-2026-0001.pdf" (its quote_number), replacing an earlier copy. Returns the
// file's path. Throws InputError: unknown quote, no line, a file not written.
std::string save_quote_file(Till& till, std::int64_t quote);
// The folder save_invoice_files and save_quote_file write into.
std::string invoice_folder(Till& till);

}  // namespace caisse
