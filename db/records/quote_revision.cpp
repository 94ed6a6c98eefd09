// The quote.revise record kind (schema 14; docs/ledger-format.md, "quote.revise"): a quote not yet
// accepted written anew, its payload, its projection row in quote_revisions (the lines as canonical
// JSON) and the reads of a quote's newest revision. The other catering kinds: records/catering.cpp.
#include "db/records/quote_revision.hpp"

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {

json revision_lines_json(const std::vector<QuoteLineRecord>& lines) {
    json out = json::array();
    for (const auto& l : lines)
        out.push_back(json{{"description", l.description}, {"entrepreneur", l.entrepreneur}, {"price", l.unit_price},
                           {"quantity", l.quantity_milli}, {"sku", l.sku}, {"unit", l.unit_code}, {"vat", l.vat_bp}});
    return out;
}

json revision_payload(const QuoteRevisionRecord& r, const json& lines) {
    const QuoteRecord& q = r.header;
    return json{{"basis", q.basis}, {"customer", q.customer}, {"date", q.day},     {"guests", q.guests},
                {"lines", lines},   {"note", q.note},         {"place", q.place},  {"quote", r.quote},
                {"service_date", q.service_date}, {"user", r.user}, {"valid_until", q.valid_until}};
}

// The lines of a revision from its JSON: numbered by position, attributed to the revision's record.
std::vector<QuoteLineRecord> revision_lines_from(const json& lines, const QuoteRevisionRecord& r) {
    std::vector<QuoteLineRecord> out;
    for (const auto& l : lines) {
        QuoteLineRecord x;
        x.seq = r.seq;
        x.quote = r.quote;
        x.line = static_cast<std::int64_t>(out.size()) + 1;
        x.user = r.user;
        x.description = l.at("description").get<std::string>();
        x.quantity_milli = l.at("quantity").get<std::int64_t>();
        x.unit_code = l.at("unit").get<std::string>();
        x.unit_price = l.at("price").get<std::int64_t>();
        x.vat_bp = l.at("vat").get<std::int64_t>();
        x.entrepreneur = l.at("entrepreneur").get<std::int64_t>();
        x.sku = l.at("sku").get<std::string>();
        x.terminal = r.terminal;
        out.push_back(std::move(x));
    }
    return out;
}

constexpr const char* kRevisionColumns =
    "SELECT terminal, seq, quote_id, customer_id, basis, guests, service_date, place, valid_until, note, day, lines, user_id "
    "FROM quote_revisions";

QuoteRevisionRecord revision_from(Statement& s) {
    QuoteRevisionRecord r;
    r.terminal = s.str(0);
    r.seq = s.i64(1);
    r.quote = s.i64(2);
    r.header.id = r.quote;
    r.header.customer = s.i64(3);
    r.header.basis = s.str(4);
    r.header.guests = s.i64(5);
    r.header.service_date = s.str(6);
    r.header.place = s.str(7);
    r.header.valid_until = s.str(8);
    r.header.note = s.str(9);
    r.header.day = s.str(10);
    r.user = s.i64(12);
    r.header.user = r.user;
    r.header.terminal = r.terminal;
    r.lines = revision_lines_from(json::parse(s.str(11)), r);
    return r;
}

// A revision's payload from its row, the lines column's own bytes parsed (not a round trip through
// the line type, which could hide a field added to a tampered column).
json revision_row_payload(Statement& s) {
    QuoteRevisionRecord r = revision_from(s);
    return revision_payload(r, json::parse(s.str(11)));
}

void insert_quote_revision(Database& db, const std::string& terminal, std::int64_t seq, const QuoteRevisionRecord& r) {
    const QuoteRecord& q = r.header;
    auto st = db.prepare(
        "INSERT INTO quote_revisions(terminal, seq, quote_id, customer_id, basis, guests, service_date, place, valid_until, note, "
        "day, lines, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    st.bind(1, terminal).bind(2, seq).bind(3, r.quote).bind(4, q.customer).bind(5, q.basis).bind(6, q.guests);
    st.bind(7, q.service_date).bind(8, q.place).bind(9, q.valid_until).bind(10, q.note).bind(11, q.day);
    st.bind(12, canonical_json(revision_lines_json(r.lines))).bind(13, r.user).run();
}

}  // namespace

bool has_quote_revisions(Database& db) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'quote_revisions'");
    return st.step();
}

std::int64_t record_quote_revision(Ledger& ledger, QuoteRevisionRecord& r, const std::string& at) {
    const auto a = ledger.append(kind::quote_revise, canonical_json(revision_payload(r, revision_lines_json(r.lines))), at);
    insert_quote_revision(ledger.db(), a.terminal, a.seq, r);
    const std::int64_t seq = a.seq;
    r.seq = seq;
    r.terminal = a.terminal;
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
        r.lines[i].seq = seq;
        r.lines[i].quote = r.quote;
        r.lines[i].line = static_cast<std::int64_t>(i) + 1;
        r.lines[i].user = r.user;
        r.lines[i].terminal = r.terminal;
    }
    return seq;
}

std::optional<QuoteRevisionRecord> latest_quote_revision(Database& db, const std::string& terminal, std::int64_t quote) {
    if (!has_quote_revisions(db)) return std::nullopt;
    auto st = db.prepare(std::string(kRevisionColumns) + " WHERE terminal = ?1 AND quote_id = ?2 ORDER BY seq DESC LIMIT 1");
    st.bind(1, terminal).bind(2, quote);
    if (!st.step()) return std::nullopt;
    return revision_from(st);
}

void project_quote_revision(Database& db, const std::string& terminal, std::int64_t seq, const json& p) {
    QuoteRevisionRecord r;
    r.quote = p.at("quote").get<std::int64_t>();
    r.user = p.at("user").get<std::int64_t>();
    r.header.customer = p.at("customer").get<std::int64_t>();
    r.header.basis = p.at("basis").get<std::string>();
    r.header.guests = p.at("guests").get<std::int64_t>();
    r.header.service_date = p.at("service_date").get<std::string>();
    r.header.place = p.at("place").get<std::string>();
    r.header.valid_until = p.at("valid_until").get<std::string>();
    r.header.note = p.at("note").get<std::string>();
    r.header.day = p.at("date").get<std::string>();
    r.lines = revision_lines_from(p.at("lines"), r);
    insert_quote_revision(db, terminal, seq, r);
}

ProjectedKind quote_revision_projected_kind() {
    return {kind::quote_revise, kRevisionColumns, [](Database&, Statement& s) { return revision_row_payload(s); }, "quote_revisions"};
}

}  // namespace caisse::db
