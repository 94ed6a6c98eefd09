#pragma once
// The catering record kinds (issue 14; docs/ledger-format.md, "Catering"): customer.add,
// quote.new, quote.line, quote.revise (schema 14), quote.accept, invoice.issue, payment.add.
// Payloads, projection rows (db/migrations/013_catering.sql, 014_quote_revisions.sql) and reads live here; their verify rules in
// records/catering_verify.cpp. Ids (customers, quotes, orders) are 1, 2, 3... per terminal; invoice
// numbers "F-YYYY-NNNN" are gap-free per terminal and year of issue. Amounts are integer cents,
// rates basis points, quantities thousandths (app/core/invoice.hpp).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/core/invoice.hpp"
#include "db/records/projected_kind.hpp"

namespace caisse::db {

class Ledger;

namespace kind {
// Schema 14 (issue 14 item 8); the other kinds are in db/journal.hpp, whose every includer this
// one kind need not concern.
inline constexpr std::string_view quote_revise = "quote.revise";  // a quote not yet accepted, all of it anew
}  // namespace kind

struct CustomerRecord {
    std::int64_t seq = 0, id = 0, user = 0;
    invoice::Customer customer;
    std::string terminal;  // read back only
};

struct QuoteRecord {
    std::int64_t seq = 0, id = 0, customer = 0, user = 0;
    std::string basis = "incl_vat";  // "incl_vat" or "excl_vat": how its unit prices are agreed
    std::int64_t guests = 0;
    std::string service_date, place, valid_until, note;  // dates "YYYY-MM-DD"
    std::string day;                                     // the day it was written
    std::string revised;                                 // the day of its newest quote.revise; empty: none
    std::string terminal;
};

struct QuoteLineRecord {
    std::int64_t seq = 0, quote = 0, line = 0, user = 0;  // line: 1, 2, 3... within its quote
    std::string description;
    std::int64_t quantity_milli = 0;
    std::string unit_code = "C62";
    std::int64_t unit_price = 0;  // cents, incl. or excl. VAT by the quote's basis
    std::int64_t vat_bp = 0;
    std::int64_t entrepreneur = 0;
    std::string sku;  // empty: a free line
    std::string terminal;
};

// A quote not yet accepted, all of it anew (quote.revise): the header (customer, basis, guests,
// dates, place, note; day = the day of the revision) and every line (numbered 1, 2, 3... by position).
struct QuoteRevisionRecord {
    std::int64_t seq = 0, quote = 0, user = 0;
    QuoteRecord header;
    std::vector<QuoteLineRecord> lines;
    std::string terminal;
};

struct OrderRecord {
    std::int64_t seq = 0, id = 0, quote = 0, user = 0;
    std::string day;
    std::string terminal;
};

struct InvoiceRecord {
    std::int64_t seq = 0, year = 0, n = 0, order = 0, customer = 0, user = 0;
    std::string number, kind;  // kind: "invoice", "deposit" or "credit_note"
    std::string issue_date, due_date;
    std::string corrects;  // a credit note: the number of the invoice it corrects; else empty
    invoice::Document document;
    // EN 16931 totals (cents): BT-106, BT-110, BT-112, BT-113, BT-114, BT-115.
    std::int64_t line_total = 0, tax_total = 0, grand_total = 0, prepaid = 0, rounding = 0, due = 0;
    std::map<std::int64_t, std::int64_t> revenue;  // entrepreneur id -> net cents (sums to BT-109)
    std::string terminal;
};

struct InvoicePaymentRecord {
    std::int64_t seq = 0, amount = 0, user = 0;  // amount: cents received, > 0
    std::string invoice, day, method, reference;  // method: "transfer" or "cheque"
    std::string terminal;
};

// invoice::Kind as its record name and back (InputError on another name).
std::string invoice_kind_name(invoice::Kind k);
invoice::Kind invoice_kind_from(const std::string& name);

// An invoice::Document as JSON and back (the document column and payload field); from_json throws
// nlohmann::json::exception or InputError on a malformed object.
nlohmann::json document_json(const invoice::Document& d);
invoice::Document document_from_json(const nlohmann::json& j);

// Writers append the record and its projection row; inside Ledger::write. Return the seq.
std::int64_t record_customer(Ledger& ledger, CustomerRecord& c, const std::string& at);
std::int64_t record_quote(Ledger& ledger, QuoteRecord& q, const std::string& at);
std::int64_t record_quote_line(Ledger& ledger, QuoteLineRecord& l, const std::string& at);
std::int64_t record_quote_revision(Ledger& ledger, QuoteRevisionRecord& r, const std::string& at);
std::int64_t record_order(Ledger& ledger, OrderRecord& o, const std::string& at);
std::int64_t record_invoice(Ledger& ledger, InvoiceRecord& i, const std::string& at);
std::int64_t record_invoice_payment(Ledger& ledger, InvoicePaymentRecord& p, const std::string& at);

// Whether the ledger has the tables of schema 13, of schema 14 (quote_revisions).
bool has_catering_tables(Database& db);
bool has_quote_revisions(Database& db);

// Reads of one terminal's records (empty or nullopt without the tables).
std::int64_t next_catering_id(Database& db, const std::string& terminal, const char* table);  // max id + 1
std::optional<CustomerRecord> find_customer(Database& db, const std::string& terminal, std::int64_t id);
std::vector<CustomerRecord> customers_of(Database& db, const std::string& terminal);
// A quote as it stands: its quote.new, the header of its newest quote.revise over it (its `day` stays
// the day first written; `revised` says the revision's).
std::optional<QuoteRecord> find_quote(Database& db, const std::string& terminal, std::int64_t id);
std::vector<QuoteRecord> quotes_of(Database& db, const std::string& terminal);  // as they stand, by id
// A quote's lines as they stand: its newest revision's, else its quote.line records.
std::vector<QuoteLineRecord> quote_lines_of(Database& db, const std::string& terminal, std::int64_t quote);
// Its newest revision (none without one, or without the schema 14 table).
std::optional<QuoteRevisionRecord> latest_quote_revision(Database& db, const std::string& terminal, std::int64_t quote);
std::optional<OrderRecord> find_order(Database& db, const std::string& terminal, std::int64_t id);
std::optional<OrderRecord> order_of_quote(Database& db, const std::string& terminal, std::int64_t quote);
std::optional<InvoiceRecord> find_invoice(Database& db, const std::string& terminal, const std::string& number);
std::vector<InvoiceRecord> invoices_of(Database& db, const std::string& terminal);  // seq order
std::vector<InvoiceRecord> invoices_of_order(Database& db, const std::string& terminal, std::int64_t order);
std::vector<InvoicePaymentRecord> payments_of(Database& db, const std::string& terminal, const std::string& invoice);
// Every terminal's invoices issued between from and to (inclusive "YYYY-MM-DD").
std::vector<InvoiceRecord> invoices_between(Database& db, const std::string& from, const std::string& to);
// Every terminal's payments received between from and to (inclusive "YYYY-MM-DD"), by day.
std::vector<InvoicePaymentRecord> payments_between(Database& db, const std::string& from, const std::string& to);
// The newest n of the year on this terminal (0: none yet): the next number is this + 1.
std::int64_t last_invoice_n(Database& db, const std::string& terminal, std::int64_t year);
std::string invoice_number(std::int64_t year, std::int64_t n);  // "F-2026-0001"

// An imported record's projection row from its payload (bundle replay): false when k is not a
// catering kind. Throws nlohmann::json::exception or InputError on a malformed payload.
bool project_catering(Database& db, const std::string& terminal, std::int64_t seq, std::string_view k, const std::string& payload);

std::vector<ProjectedKind> catering_projected_kinds();

}  // namespace caisse::db
