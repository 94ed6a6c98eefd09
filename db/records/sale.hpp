#pragma once
// The sale record kind (docs/ledger-format.md, "sale"): its payload (written by hand, it is the hot
// kind), its projections (sales, sale_lines, sale_payments) and the reads receipts need. Verify
// rebuilds the payload from the projection rows with SalePayloadWriter.
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/journal.hpp"

namespace caisse::db {

class Ledger;
class Statement;
class Database;

// A sale as recorded: plain integers, exactly what the payload and the projections hold.
struct SaleLineRecord {
    std::string sku, name;
    std::int64_t entrepreneur = 0, category = 0, vat_bp = 0, quantity = 0, unit_price = 0;
    std::int64_t line_discount = 0, discount_share = 0, total = 0;
};
struct PaymentRecord {
    std::string method;
    std::int64_t amount = 0;
};
struct VatRecord {
    std::int64_t rate = 0, ht = 0, vat = 0, ttc = 0;
};
struct SaleRecord {
    std::int64_t ticket = 0, session = 0, user = 0;
    std::string day;  // business day, local "YYYY-MM-DD"
    std::int64_t discount = 0, total = 0, change = 0;
    // Meal vouchers beyond the total, kept without change: not part of the sale (payments - change
    // - voucher_excess = total). In the payload only when above 0 (sales before schema 11 keep their bytes).
    std::int64_t voucher_excess = 0;
    std::vector<SaleLineRecord> lines;
    std::vector<PaymentRecord> payments;
    std::vector<VatRecord> vat;
};
// Canonical JSON payload of a sale record (keys in byte order, fixed layout).
std::string sale_payload(const SaleRecord& s);
void append_sale_payload(std::string& out, const SaleRecord& s);

// Writes the sale payload layout field by field, so that verify can rebuild it straight from
// projection rows. Call header, line*, payments, payment*, footer, vat*, finish, in that order.
// It writes through a raw pointer with one capacity check per call: verify rebuilds a million
// payloads with it, and appending piece by piece to a std::string cost twice as much.
class SalePayloadWriter {
public:
    explicit SalePayloadWriter(std::string& out) : out_(out) {}
    void header(std::int64_t change, std::string_view day, std::int64_t discount);
    void line(std::int64_t cat, std::int64_t disc, std::int64_t ent, std::string_view name, std::int64_t qty,
              std::int64_t share, std::string_view sku, std::int64_t total, std::int64_t unit, std::int64_t vat);
    void payments();
    void payment(std::int64_t amount, std::string_view method);
    void footer(std::int64_t session, std::int64_t ticket, std::int64_t total, std::int64_t user);
    void vat(std::int64_t ht, std::int64_t rate, std::int64_t ttc, std::int64_t vat);
    void finish(std::int64_t voucher_excess = 0);  // the key written only when voucher_excess != 0

private:
    void room(std::size_t n);  // at least n writable bytes at p_
    template <std::size_t N>
    void lit(const char (&s)[N]) {
        std::memcpy(p_, s, N - 1);
        p_ += N - 1;
    }
    void num(std::int64_t v);
    void str(std::string_view s);
    std::string& out_;
    char* p_ = nullptr;
    char* end_ = nullptr;
    bool first_ = true;
};

// A sale read back from its journal record (the source of truth), for receipts and duplicates.
struct RecordedSale {
    SaleRecord sale;
    std::string terminal, at_utc;
    std::int64_t seq = 0;
    Hash hash{};
};


// Since schema 11 the sales projection has a voucher_excess column; older ledgers read 0 for it.
bool has_voucher_excess(Database& db);
// The SQL expression for a sales row's voucher excess: the column, or 0 before schema 11.
const char* voucher_excess_column(Database& db);

// A sale payload parsed back (a sale's or a training sale's: same layout). Throws on a malformed one.
SaleRecord sale_from_payload(const std::string& payload);
// Fills in the ticket number (gap-free per terminal) and records the sale; inside Ledger::write.
Appended record_sale(Ledger& ledger, SaleRecord& sale, const std::string& at);
// The projection rows of the sale at (terminal, seq) (sales, sale_lines, sale_payments): record_sale's,
// and an imported chain's (db/records/replay.cpp). Inside Ledger::write.
void project_sale(Ledger& ledger, const std::string& terminal, std::int64_t seq, const SaleRecord& s);
// This terminal's ticket, read from its journal payload; nothing when there is no such ticket.
std::optional<RecordedSale> recorded_sale(Ledger& ledger, std::int64_t ticket);
// The current row of a query selecting (seq, at_utc, payload, hash) of one of this till's records
// of sale layout (`sale`, `training.sale`), as a RecordedSale. Throws what sale_from_payload throws.
RecordedSale recorded_sale_row(Ledger& ledger, Statement& st);
std::int64_t last_ticket(Ledger& ledger);

// Idempotency keys of sales (table sale_requests, local to this terminal, not journaled): the
// ticket a request id made, if any; remember_request runs inside the sale's Ledger::write.
// request: what was asked, as the service writes it, compared on a retry.
struct RecordedRequest {
    std::int64_t ticket = 0;
    std::string request;
};
std::optional<RecordedRequest> ticket_of_request(Ledger& ledger, const std::string& request_id);
void remember_request(Ledger& ledger, const std::string& request_id, std::int64_t ticket, const std::string& request);

// The newest tickets of a session, newest first.
struct TicketSummary {
    std::int64_t ticket = 0, total = 0;
    std::string at_utc, user;
};
std::vector<TicketSummary> recent_tickets(Ledger& ledger, std::int64_t session, int limit);

}  // namespace caisse::db
