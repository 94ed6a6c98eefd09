#include "db/records/sale.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "db/ledger.hpp"
#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"

namespace caisse::db {

using nlohmann::json;

void SalePayloadWriter::room(std::size_t n) {
    if (p_ && static_cast<std::size_t>(end_ - p_) >= n) return;
    const std::size_t used = p_ ? static_cast<std::size_t>(p_ - out_.data()) : out_.size();
    out_.resize(std::max({out_.capacity(), out_.size() * 2, used + n + 512}));
    p_ = out_.data() + used;
    end_ = out_.data() + out_.size();
}

void SalePayloadWriter::num(std::int64_t v) { p_ = std::to_chars(p_, p_ + 20, v).ptr; }

// Worst case 6 bytes per input byte ("\u00XX") plus the quotes: callers reserve that much.
void SalePayloadWriter::str(std::string_view s) {
    *p_++ = '"';
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && c != '"' && c != '\\') {
            *p_++ = c;
            continue;
        }
        *p_++ = '\\';
        switch (c) {
            case '"': *p_++ = '"'; break;
            case '\\': *p_++ = '\\'; break;
            case '\b': *p_++ = 'b'; break;
            case '\f': *p_++ = 'f'; break;
            case '\n': *p_++ = 'n'; break;
            case '\r': *p_++ = 'r'; break;
            case '\t': *p_++ = 't'; break;
            default: {
                static const char* hex = "0123456789abcdef";
                lit("u00");
                *p_++ = hex[u >> 4];
                *p_++ = hex[u & 15];
            }
        }
    }
    *p_++ = '"';
}

namespace {
constexpr std::size_t kNum = 20;  // an int64 in decimal, with its sign
}

void SalePayloadWriter::header(std::int64_t change, std::string_view day, std::int64_t discount) {
    room(64 + 2 * kNum + 6 * day.size());
    lit("{\"change\":");
    num(change);
    lit(",\"day\":");
    str(day);
    lit(",\"discount\":");
    num(discount);
    lit(",\"lines\":[");
    first_ = true;
}

void SalePayloadWriter::line(std::int64_t cat, std::int64_t disc, std::int64_t ent, std::string_view name,
                             std::int64_t qty, std::int64_t share, std::string_view sku, std::int64_t total,
                             std::int64_t unit, std::int64_t vat) {
    room(128 + 8 * kNum + 6 * (name.size() + sku.size()));
    if (!first_) *p_++ = ',';
    first_ = false;
    lit("{\"cat\":");
    num(cat);
    lit(",\"disc\":");
    num(disc);
    lit(",\"ent\":");
    num(ent);
    lit(",\"name\":");
    str(name);
    lit(",\"qty\":");
    num(qty);
    lit(",\"share\":");
    num(share);
    lit(",\"sku\":");
    str(sku);
    lit(",\"total\":");
    num(total);
    lit(",\"unit\":");
    num(unit);
    lit(",\"vat\":");
    num(vat);
    *p_++ = '}';
}

void SalePayloadWriter::payments() {
    room(16);
    lit("],\"payments\":[");
    first_ = true;
}

void SalePayloadWriter::payment(std::int64_t amount, std::string_view method) {
    room(40 + kNum + 6 * method.size());
    if (!first_) *p_++ = ',';
    first_ = false;
    lit("{\"amount\":");
    num(amount);
    lit(",\"method\":");
    str(method);
    *p_++ = '}';
}

void SalePayloadWriter::footer(std::int64_t session, std::int64_t ticket, std::int64_t total, std::int64_t user) {
    room(64 + 4 * kNum);
    lit("],\"session\":");
    num(session);
    lit(",\"ticket\":");
    num(ticket);
    lit(",\"total\":");
    num(total);
    lit(",\"user\":");
    num(user);
    lit(",\"vat\":[");
    first_ = true;
}

void SalePayloadWriter::vat(std::int64_t ht, std::int64_t rate, std::int64_t ttc, std::int64_t vat) {
    room(48 + 4 * kNum);
    if (!first_) *p_++ = ',';
    first_ = false;
    lit("{\"ht\":");
    num(ht);
    lit(",\"rate\":");
    num(rate);
    lit(",\"ttc\":");
    num(ttc);
    lit(",\"vat\":");
    num(vat);
    *p_++ = '}';
}

void SalePayloadWriter::finish(std::int64_t voucher_excess) {
    room(24 + kNum);
    if (voucher_excess != 0) {  // "vat" < "voucher_excess": the last key
        lit("],\"voucher_excess\":");
        num(voucher_excess);
        *p_++ = '}';
    } else {
        lit("]}");
    }
    out_.resize(static_cast<std::size_t>(p_ - out_.data()));
    p_ = end_ = nullptr;
}

void append_sale_payload(std::string& out, const SaleRecord& s) {
    SalePayloadWriter w(out);
    w.header(s.change, s.day, s.discount);
    for (const auto& l : s.lines)
        w.line(l.category, l.line_discount, l.entrepreneur, l.name, l.quantity, l.discount_share, l.sku, l.total,
               l.unit_price, l.vat_bp);
    w.payments();
    for (const auto& p : s.payments) w.payment(p.amount, p.method);
    w.footer(s.session, s.ticket, s.total, s.user);
    for (const auto& v : s.vat) w.vat(v.ht, v.rate, v.ttc, v.vat);
    w.finish(s.voucher_excess);
}

std::string sale_payload(const SaleRecord& s) {
    std::string out;
    out.reserve(256 + 128 * s.lines.size());
    append_sale_payload(out, s);
    return out;
}

Appended record_sale(Ledger& ledger, SaleRecord& s, const std::string& at) {
    auto& next = ledger.cached("SELECT COALESCE(MAX(ticket), 0) + 1 FROM sales WHERE terminal = ?1");
    next.bind(1, ledger.terminal());
    next.step();
    s.ticket = next.i64(0);
    next.reset();
    auto a = ledger.append(kind::sale, sale_payload(s), at);
    project_sale(ledger, a.terminal, a.seq, s);
    return a;
}

void project_sale(Ledger& ledger, const std::string& terminal, std::int64_t seq, const SaleRecord& s) {
    auto& sale = ledger.cached(
        "INSERT INTO sales(terminal, ticket, seq, session_id, user_id, day, discount, total, change, voucher_excess) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
    sale.bind(1, terminal).bind(2, s.ticket).bind(3, seq).bind(4, s.session).bind(5, s.user).bind(6, s.day);
    sale.bind(7, s.discount).bind(8, s.total).bind(9, s.change).bind(10, s.voucher_excess).run();
    auto& line = ledger.cached(
        "INSERT INTO sale_lines(terminal, ticket, line_no, sku, name, entrepreneur_id, category_id, vat_bp, quantity, "
        "unit_price, line_discount, discount_share, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
        const auto& l = s.lines[i];
        line.bind(1, terminal).bind(2, s.ticket).bind(3, static_cast<std::int64_t>(i + 1)).bind(4, l.sku).bind(5, l.name);
        line.bind(6, l.entrepreneur).bind(7, l.category).bind(8, l.vat_bp).bind(9, l.quantity).bind(10, l.unit_price);
        line.bind(11, l.line_discount).bind(12, l.discount_share).bind(13, l.total).run();
    }
    auto& pay = ledger.cached("INSERT INTO sale_payments(terminal, ticket, idx, method, amount) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t i = 0; i < s.payments.size(); ++i) {
        pay.bind(1, terminal).bind(2, s.ticket).bind(3, static_cast<std::int64_t>(i + 1)).bind(4, s.payments[i].method);
        pay.bind(5, s.payments[i].amount).run();
    }
}

bool has_voucher_excess(Database& db) {
    auto st = db.prepare("SELECT 1 FROM pragma_table_info('sales') WHERE name = 'voucher_excess'");
    return st.step();
}

const char* voucher_excess_column(Database& db) { return has_voucher_excess(db) ? "voucher_excess" : "0"; }

SaleRecord sale_from_payload(const std::string& payload) {
    const json p = json::parse(payload);
    SaleRecord s;
    s.ticket = p.at("ticket").get<std::int64_t>();
    s.session = p.at("session").get<std::int64_t>();
    s.user = p.at("user").get<std::int64_t>();
    s.day = p.at("day").get<std::string>();
    s.discount = p.at("discount").get<std::int64_t>();
    s.total = p.at("total").get<std::int64_t>();
    s.change = p.at("change").get<std::int64_t>();
    if (p.contains("voucher_excess")) s.voucher_excess = p.at("voucher_excess").get<std::int64_t>();
    for (const auto& l : p.at("lines"))
        s.lines.push_back(SaleLineRecord{l.at("sku").get<std::string>(), l.at("name").get<std::string>(),
                                         l.at("ent").get<std::int64_t>(), l.at("cat").get<std::int64_t>(),
                                         l.at("vat").get<std::int64_t>(), l.at("qty").get<std::int64_t>(),
                                         l.at("unit").get<std::int64_t>(), l.at("disc").get<std::int64_t>(),
                                         l.at("share").get<std::int64_t>(), l.at("total").get<std::int64_t>()});
    for (const auto& pay : p.at("payments"))
        s.payments.push_back(PaymentRecord{pay.at("method").get<std::string>(), pay.at("amount").get<std::int64_t>()});
    for (const auto& v : p.at("vat"))
        s.vat.push_back(VatRecord{v.at("rate").get<std::int64_t>(), v.at("ht").get<std::int64_t>(),
                                  v.at("vat").get<std::int64_t>(), v.at("ttc").get<std::int64_t>()});
    return s;
}

std::optional<RecordedSale> recorded_sale(Ledger& ledger, std::int64_t ticket) {
    auto st = ledger.db().prepare(
        "SELECT j.seq, j.at_utc, j.payload, j.hash FROM sales s JOIN journal j ON j.terminal = s.terminal AND j.seq = s.seq "
        "WHERE s.terminal = ?1 AND s.ticket = ?2 AND j.kind = 'sale'");
    st.bind(1, ledger.terminal()).bind(2, ticket);
    if (!st.step()) return std::nullopt;
    return recorded_sale_row(ledger, st);
}

RecordedSale recorded_sale_row(Ledger& ledger, Statement& st) {
    RecordedSale r;
    r.terminal = ledger.terminal();
    r.seq = st.i64(0);
    r.at_utc = st.str(1);
    const auto hash = st.blob(3);
    if (hash.size() == r.hash.size()) std::copy(hash.begin(), hash.end(), r.hash.begin());
    r.sale = sale_from_payload(st.str(2));
    return r;
}

std::int64_t last_ticket(Ledger& ledger) {
    auto st = ledger.db().prepare("SELECT COALESCE(MAX(ticket), 0) FROM sales WHERE terminal = ?1");
    st.bind(1, ledger.terminal());
    st.step();
    return st.i64(0);
}

std::vector<TicketSummary> recent_tickets(Ledger& ledger, std::int64_t session, int limit) {
    std::vector<TicketSummary> out;
    auto st = ledger.db().prepare(
        "SELECT s.ticket, s.total, j.at_utc, COALESCE(u.name, '') FROM sales s "
        "JOIN journal j ON j.terminal = s.terminal AND j.seq = s.seq LEFT JOIN users u ON u.id = s.user_id "
        "WHERE s.terminal = ?1 AND s.session_id = ?2 ORDER BY s.ticket DESC LIMIT ?3");
    st.bind(1, ledger.terminal()).bind(2, session).bind(3, static_cast<std::int64_t>(limit));
    while (st.step()) out.push_back(TicketSummary{st.i64(0), st.i64(1), st.str(2), st.str(3)});
    return out;
}


std::optional<RecordedRequest> ticket_of_request(Ledger& ledger, const std::string& request_id) {
    auto& st = ledger.cached("SELECT ticket, request FROM sale_requests WHERE request_id = ?1");
    st.bind(1, request_id);
    std::optional<RecordedRequest> found;
    if (st.step()) found = RecordedRequest{st.i64(0), st.str(1)};
    st.reset();
    return found;
}

void remember_request(Ledger& ledger, const std::string& request_id, std::int64_t ticket, const std::string& request) {
    auto& st = ledger.cached("INSERT INTO sale_requests(request_id, ticket, request) VALUES (?1, ?2, ?3)");
    st.bind(1, request_id).bind(2, ticket).bind(3, request);
    st.run();
}

}  // namespace caisse::db
