#include "db/records/catering.hpp"

#include "db/canonical_json.hpp"
#include "db/journal.hpp"
#include "db/ledger.hpp"
#include "db/records/quote_revision.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {

json party_json(const invoice::Party& p) {
    return json{{"address", p.address}, {"city", p.city},   {"country", p.country},      {"name", p.name},
                {"postcode", p.postcode}, {"siren", p.siren}, {"siret", p.siret}, {"vat_number", p.vat_number}};
}

invoice::Party party_from(const json& j) {
    return invoice::Party{j.at("name").get<std::string>(),  j.at("address").get<std::string>(), j.at("postcode").get<std::string>(),
                          j.at("city").get<std::string>(),  j.at("country").get<std::string>(), j.at("siren").get<std::string>(),
                          j.at("siret").get<std::string>(), j.at("vat_number").get<std::string>()};
}

json customer_payload(const CustomerRecord& c) {
    const auto& k = c.customer;
    json p = party_json(k.party);
    p["id"] = c.id;
    p["public_buyer"] = k.public_buyer;
    p["service_code_required"] = k.service_code_required;
    p["commitment_required"] = k.commitment_required;
    p["service_code"] = k.service_code;
    p["commitment_number"] = k.commitment_number;
    p["user"] = c.user;
    return p;
}

json quote_payload(const QuoteRecord& q) {
    return json{{"basis", q.basis},   {"customer", q.customer}, {"date", q.day},     {"guests", q.guests},
                {"id", q.id},         {"note", q.note},         {"place", q.place},  {"service_date", q.service_date},
                {"user", q.user},     {"valid_until", q.valid_until}};
}

json line_payload(const QuoteLineRecord& l) {
    return json{{"description", l.description}, {"entrepreneur", l.entrepreneur}, {"line", l.line},
                {"price", l.unit_price},        {"quantity", l.quantity_milli},   {"quote", l.quote},
                {"sku", l.sku},                 {"unit", l.unit_code},            {"user", l.user},
                {"vat", l.vat_bp}};
}

json order_payload(const OrderRecord& o) {
    return json{{"date", o.day}, {"order", o.id}, {"quote", o.quote}, {"user", o.user}};
}

json revenue_json(const std::map<std::int64_t, std::int64_t>& r) {
    json j = json::object();
    for (const auto& [id, cents] : r) j[std::to_string(id)] = cents;
    return j;
}

std::map<std::int64_t, std::int64_t> revenue_from(const json& j) {
    std::map<std::int64_t, std::int64_t> out;
    for (const auto& [k, v] : j.items()) out[std::stoll(k)] = v.get<std::int64_t>();
    return out;
}

json invoice_payload(const InvoiceRecord& i) {
    return json{{"corrects", i.corrects},
                {"customer", i.customer},
                {"document", document_json(i.document)},
                {"due_date", i.due_date},
                {"issue_date", i.issue_date},
                {"kind", i.kind},
                {"n", i.n},
                {"number", i.number},
                {"order", i.order},
                {"revenue", revenue_json(i.revenue)},
                {"totals", json{{"due", i.due}, {"grand_total", i.grand_total}, {"line_total", i.line_total},
                                {"prepaid", i.prepaid}, {"rounding", i.rounding}, {"tax_total", i.tax_total}}},
                {"user", i.user},
                {"year", i.year}};
}

json payment_payload(const InvoicePaymentRecord& p) {
    return json{{"amount", p.amount}, {"date", p.day}, {"invoice", p.invoice}, {"method", p.method},
                {"reference", p.reference}, {"user", p.user}};
}

constexpr const char* kCustomerColumns =
    "SELECT terminal, seq, id, name, address, postcode, city, country, siren, siret, vat_number, public_buyer, "
    "service_code_required, commitment_required, service_code, commitment_number, user_id FROM customers";
constexpr const char* kQuoteColumns =
    "SELECT terminal, seq, id, customer_id, basis, guests, service_date, place, valid_until, note, day, user_id FROM quotes";
constexpr const char* kLineColumns =
    "SELECT terminal, seq, quote_id, line, description, quantity_milli, unit_code, unit_price, vat_bp, entrepreneur_id, sku, "
    "user_id FROM quote_lines";
constexpr const char* kOrderColumns = "SELECT terminal, seq, id, quote_id, day, user_id FROM quote_orders";
constexpr const char* kInvoiceColumns =
    "SELECT terminal, seq, number, year, n, kind, order_id, customer_id, issue_date, due_date, corrects, document, line_total, "
    "tax_total, grand_total, prepaid, rounding, due, revenue, user_id FROM invoices";
constexpr const char* kPaymentColumns =
    "SELECT terminal, seq, invoice, day, amount, method, reference, user_id FROM invoice_payments";

CustomerRecord customer_from(Statement& s) {
    CustomerRecord c;
    c.terminal = s.str(0);
    c.seq = s.i64(1);
    c.id = s.i64(2);
    c.customer.party = invoice::Party{s.str(3), s.str(4), s.str(5), s.str(6), s.str(7), s.str(8), s.str(9), s.str(10)};
    c.customer.public_buyer = s.i64(11) != 0;
    c.customer.service_code_required = s.i64(12) != 0;
    c.customer.commitment_required = s.i64(13) != 0;
    c.customer.service_code = s.str(14);
    c.customer.commitment_number = s.str(15);
    c.user = s.i64(16);
    return c;
}

QuoteRecord quote_from(Statement& s) {
    QuoteRecord q;
    q.terminal = s.str(0);
    q.seq = s.i64(1);
    q.id = s.i64(2);
    q.customer = s.i64(3);
    q.basis = s.str(4);
    q.guests = s.i64(5);
    q.service_date = s.str(6);
    q.place = s.str(7);
    q.valid_until = s.str(8);
    q.note = s.str(9);
    q.day = s.str(10);
    q.user = s.i64(11);
    return q;
}

QuoteLineRecord line_from(Statement& s) {
    QuoteLineRecord l;
    l.terminal = s.str(0);
    l.seq = s.i64(1);
    l.quote = s.i64(2);
    l.line = s.i64(3);
    l.description = s.str(4);
    l.quantity_milli = s.i64(5);
    l.unit_code = s.str(6);
    l.unit_price = s.i64(7);
    l.vat_bp = s.i64(8);
    l.entrepreneur = s.i64(9);
    l.sku = s.str(10);
    l.user = s.i64(11);
    return l;
}

OrderRecord order_from(Statement& s) { return OrderRecord{s.i64(1), s.i64(2), s.i64(3), s.i64(5), s.str(4), s.str(0)}; }

InvoiceRecord invoice_from(Statement& s) {
    InvoiceRecord i;
    i.terminal = s.str(0);
    i.seq = s.i64(1);
    i.number = s.str(2);
    i.year = s.i64(3);
    i.n = s.i64(4);
    i.kind = s.str(5);
    i.order = s.i64(6);
    i.customer = s.i64(7);
    i.issue_date = s.str(8);
    i.due_date = s.str(9);
    i.corrects = s.str(10);
    i.document = document_from_json(json::parse(s.str(11)));
    i.line_total = s.i64(12);
    i.tax_total = s.i64(13);
    i.grand_total = s.i64(14);
    i.prepaid = s.i64(15);
    i.rounding = s.i64(16);
    i.due = s.i64(17);
    i.revenue = revenue_from(json::parse(s.str(18)));
    i.user = s.i64(19);
    return i;
}

InvoicePaymentRecord payment_from(Statement& s) {
    InvoicePaymentRecord p;
    p.terminal = s.str(0);
    p.seq = s.i64(1);
    p.invoice = s.str(2);
    p.day = s.str(3);
    p.amount = s.i64(4);
    p.method = s.str(5);
    p.reference = s.str(6);
    p.user = s.i64(7);
    return p;
}

// The payload rebuilt from a row, as verify compares it (the JSON columns parsed back).
json invoice_row_payload(Statement& s) {
    InvoiceRecord i = invoice_from(s);
    json p = invoice_payload(i);
    // The document column's own bytes, not a round trip through invoice::Document: a field the
    // document type drops would otherwise hide a tampered column.
    p["document"] = json::parse(s.str(11));
    p["revenue"] = json::parse(s.str(18));
    return p;
}

}  // namespace

std::string invoice_kind_name(invoice::Kind k) {
    switch (k) {
        case invoice::Kind::invoice: return "invoice";
        case invoice::Kind::deposit: return "deposit";
        case invoice::Kind::credit_note: return "credit_note";
    }
    return "invoice";
}

invoice::Kind invoice_kind_from(const std::string& name) {
    if (name == "invoice") return invoice::Kind::invoice;
    if (name == "deposit") return invoice::Kind::deposit;
    if (name == "credit_note") return invoice::Kind::credit_note;
    throw InputError("unknown invoice kind \"{0}\"", name);
}

json document_json(const invoice::Document& d) {
    json c = party_json(d.customer.party);
    c["public_buyer"] = d.customer.public_buyer;
    c["service_code_required"] = d.customer.service_code_required;
    c["commitment_required"] = d.customer.commitment_required;
    c["service_code"] = d.customer.service_code;
    c["commitment_number"] = d.customer.commitment_number;
    json lines = json::array();
    for (const auto& l : d.lines)
        lines.push_back(json{{"description", l.description}, {"entrepreneur", l.entrepreneur_id}, {"price", l.unit_price.value()},
                             {"quantity", l.quantity_milli}, {"unit", l.unit_code}, {"vat", l.rate.bp}});
    json deposits = json::array();
    for (const auto& dd : d.deposits)
        deposits.push_back(json{{"amount", dd.amount.value()}, {"date", dd.invoice.issue_date}, {"number", dd.invoice.number}});
    json j{{"basis", d.basis == invoice::PriceBasis::incl_vat ? "incl_vat" : "excl_vat"},
           {"customer", c},
           {"delivery_date", d.delivery_date},
           {"deposits", deposits},
           {"due_date", d.due_date},
           {"issue_date", d.issue_date},
           {"kind", invoice_kind_name(d.kind)},
           {"lines", lines},
           {"notes", d.notes},
           {"number", d.number},
           {"order_number", d.order_number},
           {"payment", json{{"account_name", d.payment.account_name}, {"bic", d.payment.bic}, {"iban", d.payment.iban},
                            {"terms", d.payment.terms}}},
           {"seller", party_json(d.seller)},
           {"vat_exemption_reason", d.vat_exemption_reason},
           {"vat_on_receipts", d.vat_on_receipts}};
    if (d.corrects) j["corrects"] = json{{"date", d.corrects->issue_date}, {"number", d.corrects->number}};
    return j;
}

invoice::Document document_from_json(const json& j) {
    invoice::Document d;
    d.kind = invoice_kind_from(j.at("kind").get<std::string>());
    d.number = j.at("number").get<std::string>();
    d.issue_date = j.at("issue_date").get<std::string>();
    d.due_date = j.at("due_date").get<std::string>();
    d.delivery_date = j.at("delivery_date").get<std::string>();
    d.order_number = j.at("order_number").get<std::string>();
    d.seller = party_from(j.at("seller"));
    const json& c = j.at("customer");
    d.customer.party = party_from(c);
    d.customer.public_buyer = c.at("public_buyer").get<bool>();
    d.customer.service_code_required = c.at("service_code_required").get<bool>();
    d.customer.commitment_required = c.at("commitment_required").get<bool>();
    d.customer.service_code = c.at("service_code").get<std::string>();
    d.customer.commitment_number = c.at("commitment_number").get<std::string>();
    const std::string basis = j.at("basis").get<std::string>();
    if (basis != "incl_vat" && basis != "excl_vat") throw InputError("unknown price basis \"{0}\"", basis);
    d.basis = basis == "incl_vat" ? invoice::PriceBasis::incl_vat : invoice::PriceBasis::excl_vat;
    for (const auto& l : j.at("lines"))
        d.lines.push_back(invoice::Line{l.at("description").get<std::string>(), l.at("quantity").get<std::int64_t>(),
                                        l.at("unit").get<std::string>(), Money::cents(l.at("price").get<std::int64_t>()),
                                        VatRate{static_cast<std::int32_t>(l.at("vat").get<std::int64_t>())},
                                        l.at("entrepreneur").get<std::int64_t>()});
    for (const auto& dd : j.at("deposits"))
        d.deposits.push_back(invoice::DeductedDeposit{
            invoice::InvoiceRef{dd.at("number").get<std::string>(), dd.at("date").get<std::string>()},
            Money::cents(dd.at("amount").get<std::int64_t>())});
    if (const auto it = j.find("corrects"); it != j.end())
        d.corrects = invoice::InvoiceRef{it->at("number").get<std::string>(), it->at("date").get<std::string>()};
    d.vat_exemption_reason = j.at("vat_exemption_reason").get<std::string>();
    d.vat_on_receipts = j.at("vat_on_receipts").get<bool>();
    const json& p = j.at("payment");
    d.payment = invoice::Payment{p.at("iban").get<std::string>(), p.at("bic").get<std::string>(),
                                 p.at("account_name").get<std::string>(), p.at("terms").get<std::string>()};
    d.notes = j.at("notes").get<std::vector<std::string>>();
    return d;
}

bool has_catering_tables(Database& db) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'invoices'");
    return st.step();
}


// One record of this file's kinds: journaled, its projection row written in the same transaction,
// the record given its (terminal, seq).
template <class Record>
static std::int64_t append_record(Ledger& ledger, std::string_view kind, const std::string& payload, const std::string& at, Record& r,
                                  void (*insert)(Database&, const std::string&, std::int64_t, const Record&)) {
    const auto a = ledger.append(kind, payload, at);
    insert(ledger.db(), a.terminal, a.seq, r);
    r.seq = a.seq;
    r.terminal = a.terminal;
    return a.seq;
}

static void insert_customer(Database& db, const std::string& terminal, std::int64_t seq, const CustomerRecord& c) {
    const auto& k = c.customer;
    auto st = db.prepare(
        "INSERT INTO customers(terminal, seq, id, name, address, postcode, city, country, siren, siret, vat_number, public_buyer, "
        "service_code_required, commitment_required, service_code, commitment_number, user_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
    st.bind(1, terminal).bind(2, seq).bind(3, c.id).bind(4, k.party.name).bind(5, k.party.address).bind(6, k.party.postcode);
    st.bind(7, k.party.city).bind(8, k.party.country).bind(9, k.party.siren).bind(10, k.party.siret).bind(11, k.party.vat_number);
    st.bind(12, std::int64_t{k.public_buyer}).bind(13, std::int64_t{k.service_code_required});
    st.bind(14, std::int64_t{k.commitment_required}).bind(15, k.service_code).bind(16, k.commitment_number).bind(17, c.user).run();
}

std::int64_t record_customer(Ledger& ledger, CustomerRecord& c, const std::string& at) {
    return append_record(ledger, kind::customer, canonical_json(customer_payload(c)), at, c, insert_customer);
}

static void insert_quote(Database& db, const std::string& terminal, std::int64_t seq, const QuoteRecord& q) {
    auto st = db.prepare(
        "INSERT INTO quotes(terminal, seq, id, customer_id, basis, guests, service_date, place, valid_until, note, day, user_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    st.bind(1, terminal).bind(2, seq).bind(3, q.id).bind(4, q.customer).bind(5, q.basis).bind(6, q.guests);
    st.bind(7, q.service_date).bind(8, q.place).bind(9, q.valid_until).bind(10, q.note).bind(11, q.day).bind(12, q.user).run();
}

std::int64_t record_quote(Ledger& ledger, QuoteRecord& q, const std::string& at) {
    return append_record(ledger, kind::quote, canonical_json(quote_payload(q)), at, q, insert_quote);
}

static void insert_quote_line(Database& db, const std::string& terminal, std::int64_t seq, const QuoteLineRecord& l) {
    auto st = db.prepare(
        "INSERT INTO quote_lines(terminal, seq, quote_id, line, description, quantity_milli, unit_code, unit_price, vat_bp, "
        "entrepreneur_id, sku, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
    st.bind(1, terminal).bind(2, seq).bind(3, l.quote).bind(4, l.line).bind(5, l.description).bind(6, l.quantity_milli);
    st.bind(7, l.unit_code).bind(8, l.unit_price).bind(9, l.vat_bp).bind(10, l.entrepreneur).bind(11, l.sku).bind(12, l.user).run();
}

std::int64_t record_quote_line(Ledger& ledger, QuoteLineRecord& l, const std::string& at) {
    return append_record(ledger, kind::quote_line, canonical_json(line_payload(l)), at, l, insert_quote_line);
}

static void insert_order(Database& db, const std::string& terminal, std::int64_t seq, const OrderRecord& o) {
    auto st = db.prepare("INSERT INTO quote_orders(terminal, seq, id, quote_id, day, user_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    st.bind(1, terminal).bind(2, seq).bind(3, o.id).bind(4, o.quote).bind(5, o.day).bind(6, o.user).run();
}

std::int64_t record_order(Ledger& ledger, OrderRecord& o, const std::string& at) {
    return append_record(ledger, kind::quote_accept, canonical_json(order_payload(o)), at, o, insert_order);
}

static void insert_invoice(Database& db, const std::string& terminal, std::int64_t seq, const InvoiceRecord& i) {
    const json p = invoice_payload(i);
    auto st = db.prepare(
        "INSERT INTO invoices(terminal, seq, number, year, n, kind, order_id, customer_id, issue_date, due_date, corrects, document, "
        "line_total, tax_total, grand_total, prepaid, rounding, due, revenue, user_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)");
    st.bind(1, terminal).bind(2, seq).bind(3, i.number).bind(4, i.year).bind(5, i.n).bind(6, i.kind).bind(7, i.order);
    st.bind(8, i.customer).bind(9, i.issue_date).bind(10, i.due_date).bind(11, i.corrects).bind(12, canonical_json(p.at("document")));
    st.bind(13, i.line_total).bind(14, i.tax_total).bind(15, i.grand_total).bind(16, i.prepaid).bind(17, i.rounding).bind(18, i.due);
    st.bind(19, canonical_json(p.at("revenue"))).bind(20, i.user).run();
}

std::int64_t record_invoice(Ledger& ledger, InvoiceRecord& i, const std::string& at) {
    return append_record(ledger, kind::invoice, canonical_json(invoice_payload(i)), at, i, insert_invoice);
}

static void insert_invoice_payment(Database& db, const std::string& terminal, std::int64_t seq, const InvoicePaymentRecord& p) {
    auto st = db.prepare(
        "INSERT INTO invoice_payments(terminal, seq, invoice, day, amount, method, reference, user_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, terminal).bind(2, seq).bind(3, p.invoice).bind(4, p.day).bind(5, p.amount).bind(6, p.method);
    st.bind(7, p.reference).bind(8, p.user).run();
}

std::int64_t record_invoice_payment(Ledger& ledger, InvoicePaymentRecord& p, const std::string& at) {
    return append_record(ledger, kind::invoice_payment, canonical_json(payment_payload(p)), at, p, insert_invoice_payment);
}

std::int64_t next_catering_id(Database& db, const std::string& terminal, const char* table) {
    auto st = db.prepare(std::string("SELECT COALESCE(MAX(id), 0) + 1 FROM ") + table + " WHERE terminal = ?1");
    st.bind(1, terminal);
    st.step();
    return st.i64(0);
}

std::optional<CustomerRecord> find_customer(Database& db, const std::string& terminal, std::int64_t id) {
    if (!has_catering_tables(db)) return std::nullopt;
    auto st = db.prepare(std::string(kCustomerColumns) + " WHERE terminal = ?1 AND id = ?2");
    st.bind(1, terminal).bind(2, id);
    if (!st.step()) return std::nullopt;
    return customer_from(st);
}

std::vector<CustomerRecord> customers_of(Database& db, const std::string& terminal) {
    std::vector<CustomerRecord> out;
    if (!has_catering_tables(db)) return out;
    auto st = db.prepare(std::string(kCustomerColumns) + " WHERE terminal = ?1 ORDER BY id");
    st.bind(1, terminal);
    while (st.step()) out.push_back(customer_from(st));
    return out;
}

// The quote as it stands: its newest revision's header over its quote.new row.
static QuoteRecord as_it_stands(Database& db, QuoteRecord q) {
    if (auto r = latest_quote_revision(db, q.terminal, q.id)) {
        const std::string day = q.day;
        const std::int64_t seq = q.seq, user = q.user;
        q = r->header;
        q.seq = seq;
        q.user = user;
        q.revised = r->header.day;
        q.day = day;
    }
    return q;
}

std::optional<QuoteRecord> find_quote(Database& db, const std::string& terminal, std::int64_t id) {
    if (!has_catering_tables(db)) return std::nullopt;
    auto st = db.prepare(std::string(kQuoteColumns) + " WHERE terminal = ?1 AND id = ?2");
    st.bind(1, terminal).bind(2, id);
    if (!st.step()) return std::nullopt;
    return as_it_stands(db, quote_from(st));
}

std::vector<QuoteRecord> quotes_of(Database& db, const std::string& terminal) {
    std::vector<QuoteRecord> out;
    if (!has_catering_tables(db)) return out;
    auto st = db.prepare(std::string(kQuoteColumns) + " WHERE terminal = ?1 ORDER BY id");
    st.bind(1, terminal);
    while (st.step()) out.push_back(quote_from(st));
    for (auto& q : out) q = as_it_stands(db, std::move(q));
    return out;
}

std::vector<QuoteLineRecord> quote_lines_of(Database& db, const std::string& terminal, std::int64_t quote) {
    if (auto r = latest_quote_revision(db, terminal, quote)) return std::move(r->lines);
    std::vector<QuoteLineRecord> out;
    if (!has_catering_tables(db)) return out;
    auto st = db.prepare(std::string(kLineColumns) + " WHERE terminal = ?1 AND quote_id = ?2 ORDER BY line");
    st.bind(1, terminal).bind(2, quote);
    while (st.step()) out.push_back(line_from(st));
    return out;
}

std::optional<OrderRecord> find_order(Database& db, const std::string& terminal, std::int64_t id) {
    if (!has_catering_tables(db)) return std::nullopt;
    auto st = db.prepare(std::string(kOrderColumns) + " WHERE terminal = ?1 AND id = ?2");
    st.bind(1, terminal).bind(2, id);
    if (!st.step()) return std::nullopt;
    return order_from(st);
}

std::optional<OrderRecord> order_of_quote(Database& db, const std::string& terminal, std::int64_t quote) {
    if (!has_catering_tables(db)) return std::nullopt;
    auto st = db.prepare(std::string(kOrderColumns) + " WHERE terminal = ?1 AND quote_id = ?2");
    st.bind(1, terminal).bind(2, quote);
    if (!st.step()) return std::nullopt;
    return order_from(st);
}

std::optional<InvoiceRecord> find_invoice(Database& db, const std::string& terminal, const std::string& number) {
    if (!has_catering_tables(db)) return std::nullopt;
    auto st = db.prepare(std::string(kInvoiceColumns) + " WHERE terminal = ?1 AND number = ?2");
    st.bind(1, terminal).bind(2, number);
    if (!st.step()) return std::nullopt;
    return invoice_from(st);
}

std::vector<InvoiceRecord> invoices_of(Database& db, const std::string& terminal) {
    std::vector<InvoiceRecord> out;
    if (!has_catering_tables(db)) return out;
    auto st = db.prepare(std::string(kInvoiceColumns) + " WHERE terminal = ?1 ORDER BY seq");
    st.bind(1, terminal);
    while (st.step()) out.push_back(invoice_from(st));
    return out;
}

std::vector<InvoiceRecord> invoices_of_order(Database& db, const std::string& terminal, std::int64_t order) {
    std::vector<InvoiceRecord> out;
    if (!has_catering_tables(db)) return out;
    auto st = db.prepare(std::string(kInvoiceColumns) + " WHERE terminal = ?1 AND order_id = ?2 ORDER BY seq");
    st.bind(1, terminal).bind(2, order);
    while (st.step()) out.push_back(invoice_from(st));
    return out;
}

std::vector<InvoicePaymentRecord> payments_of(Database& db, const std::string& terminal, const std::string& invoice) {
    std::vector<InvoicePaymentRecord> out;
    if (!has_catering_tables(db)) return out;
    auto st = db.prepare(std::string(kPaymentColumns) + " WHERE terminal = ?1 AND invoice = ?2 ORDER BY seq");
    st.bind(1, terminal).bind(2, invoice);
    while (st.step()) out.push_back(payment_from(st));
    return out;
}

std::vector<InvoiceRecord> invoices_between(Database& db, const std::string& from, const std::string& to) {
    std::vector<InvoiceRecord> out;
    if (!has_catering_tables(db)) return out;
    auto st = db.prepare(std::string(kInvoiceColumns) + " WHERE issue_date BETWEEN ?1 AND ?2 ORDER BY issue_date, terminal, seq");
    st.bind(1, from).bind(2, to);
    while (st.step()) out.push_back(invoice_from(st));
    return out;
}

std::vector<InvoicePaymentRecord> payments_between(Database& db, const std::string& from, const std::string& to) {
    std::vector<InvoicePaymentRecord> out;
    if (!has_catering_tables(db)) return out;
    auto st = db.prepare(std::string(kPaymentColumns) + " WHERE day BETWEEN ?1 AND ?2 ORDER BY day, terminal, seq");
    st.bind(1, from).bind(2, to);
    while (st.step()) out.push_back(payment_from(st));
    return out;
}

std::int64_t last_invoice_n(Database& db, const std::string& terminal, std::int64_t year) {
    auto st = db.prepare("SELECT COALESCE(MAX(n), 0) FROM invoices WHERE terminal = ?1 AND year = ?2");
    st.bind(1, terminal).bind(2, year);
    st.step();
    return st.i64(0);
}

std::string invoice_number(std::int64_t year, std::int64_t n) {
    auto padded = [](std::int64_t v) {
        std::string s = std::to_string(v);
        return s.size() < 4 ? std::string(4 - s.size(), '0') + s : s;
    };
    return "F-" + padded(year) + "-" + padded(n);
}

bool project_catering(Database& db, const std::string& terminal, std::int64_t seq, std::string_view k, const std::string& payload) {
    const json p = json::parse(payload);
    auto num = [&](const char* key) { return p.at(key).get<std::int64_t>(); };
    auto text = [&](const char* key) { return p.at(key).get<std::string>(); };
    if (k == kind::customer) {
        CustomerRecord c;
        c.id = num("id");
        c.user = num("user");
        c.customer.party = party_from(p);
        c.customer.public_buyer = p.at("public_buyer").get<bool>();
        c.customer.service_code_required = p.at("service_code_required").get<bool>();
        c.customer.commitment_required = p.at("commitment_required").get<bool>();
        c.customer.service_code = text("service_code");
        c.customer.commitment_number = text("commitment_number");
        insert_customer(db, terminal, seq, c);
    } else if (k == kind::quote) {
        QuoteRecord q;
        q.id = num("id");
        q.customer = num("customer");
        q.user = num("user");
        q.basis = text("basis");
        q.guests = num("guests");
        q.service_date = text("service_date");
        q.place = text("place");
        q.valid_until = text("valid_until");
        q.note = text("note");
        q.day = text("date");
        insert_quote(db, terminal, seq, q);
    } else if (k == kind::quote_line) {
        QuoteLineRecord l;
        l.quote = num("quote");
        l.line = num("line");
        l.user = num("user");
        l.description = text("description");
        l.quantity_milli = num("quantity");
        l.unit_code = text("unit");
        l.unit_price = num("price");
        l.vat_bp = num("vat");
        l.entrepreneur = num("entrepreneur");
        l.sku = text("sku");
        insert_quote_line(db, terminal, seq, l);
    } else if (k == kind::quote_revise) {
        project_quote_revision(db, terminal, seq, p);
    } else if (k == kind::quote_accept) {
        insert_order(db, terminal, seq, OrderRecord{seq, num("order"), num("quote"), num("user"), text("date"), terminal});
    } else if (k == kind::invoice) {
        InvoiceRecord i;
        i.number = text("number");
        i.year = num("year");
        i.n = num("n");
        i.kind = text("kind");
        i.order = num("order");
        i.customer = num("customer");
        i.issue_date = text("issue_date");
        i.due_date = text("due_date");
        i.corrects = text("corrects");
        i.user = num("user");
        i.document = document_from_json(p.at("document"));
        const json& t = p.at("totals");
        i.line_total = t.at("line_total").get<std::int64_t>();
        i.tax_total = t.at("tax_total").get<std::int64_t>();
        i.grand_total = t.at("grand_total").get<std::int64_t>();
        i.prepaid = t.at("prepaid").get<std::int64_t>();
        i.rounding = t.at("rounding").get<std::int64_t>();
        i.due = t.at("due").get<std::int64_t>();
        i.revenue = revenue_from(p.at("revenue"));
        insert_invoice(db, terminal, seq, i);
    } else if (k == kind::invoice_payment) {
        InvoicePaymentRecord r;
        r.invoice = text("invoice");
        r.day = text("date");
        r.amount = num("amount");
        r.method = text("method");
        r.reference = text("reference");
        r.user = num("user");
        insert_invoice_payment(db, terminal, seq, r);
    } else {
        return false;
    }
    return true;
}

std::vector<ProjectedKind> catering_projected_kinds() {
    return {
        {kind::customer, kCustomerColumns, [](Database&, Statement& s) { return customer_payload(customer_from(s)); }},
        {kind::quote, kQuoteColumns, [](Database&, Statement& s) { return quote_payload(quote_from(s)); }},
        {kind::quote_line, kLineColumns, [](Database&, Statement& s) { return line_payload(line_from(s)); }},
        quote_revision_projected_kind(),
        {kind::quote_accept, kOrderColumns, [](Database&, Statement& s) { return order_payload(order_from(s)); }},
        {kind::invoice, kInvoiceColumns, [](Database&, Statement& s) { return invoice_row_payload(s); }},
        {kind::invoice_payment, kPaymentColumns, [](Database&, Statement& s) { return payment_payload(payment_from(s)); }},
    };
}

}  // namespace caisse::db
