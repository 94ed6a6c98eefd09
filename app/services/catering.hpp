#pragma once
// Catering orders for business customers (issue 14, items 1 and 2): customers, quotes (devis) and
// their lines, a quote accepted -> an order. Each is a journal record (db/records/catering.hpp);
// writing needs the manager role (Till::authorise), like the other management actions. Invoices,
// deposits, credit notes and payments: app/services/catering_invoice.hpp. Amounts are Money
// (integer cents), rates basis points, quantities thousandths (app/core/invoice.hpp). Every refusal
// is an InputError naming the problem, with nothing recorded.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/invoice.hpp"
#include "app/services/till.hpp"
#include "db/records/catering.hpp"

namespace caisse {

// Adds a customer (customer.add). Checks: a name and an address (street, postcode, city) as display
// text; SIREN (9 digits) / SIRET (14 digits) with their keys when given; a VAT number "FR" + 11
// digits when given; a public buyer (invoiced through Chorus Pro) needs its SIRET, its service code
// when service_code_required, its commitment number when commitment_required. Manager role.
db::CustomerRecord add_customer(Till& till, const Actor& by, const invoice::Customer& customer);
std::vector<db::CustomerRecord> list_customers(Till& till);  // this till's, by id

struct QuoteRequest {
    std::int64_t customer = 0;                                   // a customer id of this till
    invoice::PriceBasis basis = invoice::PriceBasis::incl_vat;   // how the lines' unit prices are agreed
    std::int64_t guests = 0;                                     // number of guests, >= 0
    std::string service_date;                                    // "YYYY-MM-DD", not before today
    std::string place;                                           // where the service is, display text
    std::string valid_until;                                     // "YYYY-MM-DD", today or later; empty: today + 30 days, or the service date if sooner
    std::string note;                                            // free text printed on the quote, may be empty
};
// Writes a new quote (quote.new) without lines. Throws InputError: unknown customer, bad dates.
db::QuoteRecord new_quote(Till& till, const Actor& by, const QuoteRequest& request);

// A line from the catalogue (sku set: its name, price incl. VAT, rate and entrepreneur unless given)
// or free (sku empty: description, unit price, rate and entrepreneur all required).
struct QuoteLineRequest {
    std::int64_t quote = 0;
    std::string sku;
    std::string description;                  // empty: the product's name
    std::int64_t quantity_milli = 0;          // thousandths of a unit, > 0 (60 guests = 60'000)
    std::string unit_code = "C62";            // UN/ECE rec. 20: C62 one, HUR hour, KGM kilo
    std::optional<Money> unit_price;          // by the quote's basis; a catalogue price is incl. VAT
    std::optional<VatRate> rate;              // a known rate (vat.extra_rates included)
    std::string entrepreneur;                 // name of the entrepreneur who makes it (this till's)
};
// Adds a line to a quote not yet accepted (quote.line; on a revised quote, a quote.revise with the
// line added). Throws InputError: unknown quote or SKU, an accepted quote, a catalogue line on a
// quote priced excl. VAT without its price, the line checks of invoice::validate_line, a unit other
// than C62, H87, HUR, DAY, KGM, GRM, LTR, MTR, SET, an unknown entrepreneur.
db::QuoteLineRecord add_quote_line(Till& till, const Actor& by, const QuoteLineRequest& request);

// The quote editor's save (issue 14 item 8): a whole quote in one commit. quote none: a new quote
// (quote.new and its quote.line records); else a revision (quote.revise, schema 14) replacing the
// header (customer, basis, guests, dates, place, note) and all the lines of a quote not yet accepted.
// The lines' `quote` field is ignored. Throws InputError as new_quote / add_quote_line do (a line's
// message numbers it as in `lines`, 1-based), and for an unknown or accepted quote, no line or more
// than kMaxInvoiceLines lines. Manager role. Returns the quote as it
// stands after the save.
db::QuoteRecord save_quote(Till& till, const Actor& by, std::optional<std::int64_t> quote, const QuoteRequest& request,
                           const std::vector<QuoteLineRequest>& lines);

// The requests that write a recorded quote and line again as they are: the editor's and the CLI's
// starting point for a revision (save_quote).
QuoteRequest quote_request(const db::QuoteRecord& quote);
QuoteLineRequest line_request(Till& till, const db::QuoteLineRecord& line);

// Every quote of this till as it stands (revisions applied), by id.
std::vector<db::QuoteRecord> list_quotes(Till& till);

// Accepts a quote: an order (quote.accept) with the next order id. Throws InputError: unknown
// quote, no line, already accepted, past its validity.
db::OrderRecord accept_quote(Till& till, const Actor& by, std::int64_t quote);

// A quote as it stands, for the screens, the CLI and the PDF: its record, customer, lines, the
// EN 16931 totals of its lines, its order when accepted.
struct QuoteView {
    db::QuoteRecord quote;
    db::CustomerRecord customer;
    std::vector<db::QuoteLineRecord> lines;
    std::optional<invoice::Totals> totals;  // none while it has no line
    std::optional<db::OrderRecord> order;
    invoice::Document document;             // the quote as a document (kind invoice, no number yet)
};
// Throws InputError for an unknown quote.
QuoteView quote_view(Till& till, std::int64_t quote);

// The seller as the invoices name it, from this till's settings: business.name, business.address
// (its first line), business.postcode, business.city, business.siret, business.vat_number; the
// payment by transfer from invoice.iban, invoice.bic, invoice.terms. Throws InputError naming the
// first missing setting (caisse settings --set KEY=VALUE).
invoice::Party seller_party(Till& till);
invoice::Payment seller_payment(Till& till);

// The VAT rates this till knows besides the standard ones (setting vat.extra_rates).
std::vector<VatRate> extra_vat_rates(Till& till);

// An order's number as documents print it: "C-" and its id ("C-12").
std::string order_number(std::int64_t order);

}  // namespace caisse
