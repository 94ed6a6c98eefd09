#include "db/records/refund.hpp"

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"

namespace caisse::db {

using nlohmann::json;

bool has_refund_tables(Database& db) {
    auto st = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'refunds'");
    return st.step();
}

std::string refund_payload(const RefundRecord& r) {
    json lines = json::array(), pays = json::array(), vat = json::array();
    for (const auto& rl : r.lines) {
        const auto& l = rl.line;
        lines.push_back(json{{"cat", l.category}, {"disc", l.line_discount}, {"ent", l.entrepreneur}, {"line", rl.sale_line},
                             {"name", l.name}, {"qty", l.quantity}, {"share", l.discount_share}, {"sku", l.sku},
                             {"total", l.total}, {"unit", l.unit_price}, {"vat", l.vat_bp}});
    }
    for (const auto& p : r.payments) pays.push_back(json{{"amount", p.amount}, {"method", p.method}});
    for (const auto& v : r.vat) vat.push_back(json{{"ht", v.ht}, {"rate", v.rate}, {"ttc", v.ttc}, {"vat", v.vat}});
    json p{{"cancel", r.cancel}, {"day", r.day},         {"discount", r.discount}, {"lines", lines},
           {"payments", pays},  {"refund", r.refund},   {"session", r.session},   {"ticket", r.ticket},
           {"total", r.total},  {"user", r.user},       {"vat", vat}};
    if (r.voucher_excess != 0) p["voucher_excess"] = r.voucher_excess;  // schema 11, cancellations only
    return canonical_json(p);
}

RefundRecord refund_from_payload(const std::string& payload) {
    const json p = json::parse(payload);
    RefundRecord r;
    r.cancel = p.at("cancel").get<bool>();
    r.day = p.at("day").get<std::string>();
    r.discount = p.at("discount").get<std::int64_t>();
    r.refund = p.at("refund").get<std::int64_t>();
    r.session = p.at("session").get<std::int64_t>();
    r.ticket = p.at("ticket").get<std::int64_t>();
    r.total = p.at("total").get<std::int64_t>();
    r.user = p.at("user").get<std::int64_t>();
    if (p.contains("voucher_excess")) r.voucher_excess = p.at("voucher_excess").get<std::int64_t>();
    for (const auto& l : p.at("lines"))
        r.lines.push_back(RefundLineRecord{
            l.at("line").get<std::int64_t>(),
            SaleLineRecord{l.at("sku").get<std::string>(), l.at("name").get<std::string>(), l.at("ent").get<std::int64_t>(),
                           l.at("cat").get<std::int64_t>(), l.at("vat").get<std::int64_t>(), l.at("qty").get<std::int64_t>(),
                           l.at("unit").get<std::int64_t>(), l.at("disc").get<std::int64_t>(), l.at("share").get<std::int64_t>(),
                           l.at("total").get<std::int64_t>()}});
    for (const auto& pay : p.at("payments"))
        r.payments.push_back(PaymentRecord{pay.at("method").get<std::string>(), pay.at("amount").get<std::int64_t>()});
    for (const auto& v : p.at("vat"))
        r.vat.push_back(VatRecord{v.at("rate").get<std::int64_t>(), v.at("ht").get<std::int64_t>(), v.at("vat").get<std::int64_t>(),
                                  v.at("ttc").get<std::int64_t>()});
    return r;
}

Appended record_refund(Ledger& ledger, RefundRecord& r, const std::string& at) {
    auto next = ledger.db().prepare("SELECT COALESCE(MAX(refund), 0) + 1 FROM refunds WHERE terminal = ?1");
    next.bind(1, ledger.terminal());
    next.step();
    r.refund = next.i64(0);
    auto a = ledger.append(kind::refund, refund_payload(r), at);
    project_refund(ledger, a.terminal, a.seq, r);
    return a;
}

void project_refund(Ledger& ledger, const std::string& terminal, std::int64_t seq, const RefundRecord& r) {
    auto& row = ledger.cached(
        "INSERT INTO refunds(terminal, refund, seq, ticket, session_id, user_id, day, cancel, discount, total, voucher_excess) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)");
    row.bind(1, terminal).bind(2, r.refund).bind(3, seq).bind(4, r.ticket).bind(5, r.session).bind(6, r.user).bind(7, r.day);
    row.bind(8, static_cast<std::int64_t>(r.cancel ? 1 : 0)).bind(9, r.discount).bind(10, r.total).bind(11, r.voucher_excess).run();
    auto& line = ledger.cached(
        "INSERT INTO refund_lines(terminal, refund, line_no, sale_line, sku, name, entrepreneur_id, category_id, vat_bp, quantity, "
        "unit_price, line_discount, discount_share, total) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)");
    for (std::size_t i = 0; i < r.lines.size(); ++i) {
        const auto& l = r.lines[i].line;
        line.bind(1, terminal).bind(2, r.refund).bind(3, static_cast<std::int64_t>(i + 1)).bind(4, r.lines[i].sale_line);
        line.bind(5, l.sku).bind(6, l.name).bind(7, l.entrepreneur).bind(8, l.category).bind(9, l.vat_bp).bind(10, l.quantity);
        line.bind(11, l.unit_price).bind(12, l.line_discount).bind(13, l.discount_share).bind(14, l.total).run();
    }
    auto& pay = ledger.cached("INSERT INTO refund_payments(terminal, refund, idx, method, amount) VALUES (?1, ?2, ?3, ?4, ?5)");
    for (std::size_t i = 0; i < r.payments.size(); ++i) {
        pay.bind(1, terminal).bind(2, r.refund).bind(3, static_cast<std::int64_t>(i + 1)).bind(4, r.payments[i].method);
        pay.bind(5, r.payments[i].amount).run();
    }
    auto& vat = ledger.cached("INSERT INTO refund_vat(terminal, refund, rate, ht, vat, ttc) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
    for (const auto& v : r.vat) {
        vat.bind(1, terminal).bind(2, r.refund).bind(3, v.rate).bind(4, v.ht).bind(5, v.vat).bind(6, v.ttc).run();
    }
}

std::map<std::int64_t, std::int64_t> refunded_units(Ledger& ledger, std::int64_t ticket) {
    std::map<std::int64_t, std::int64_t> out;
    auto st = ledger.db().prepare(
        "SELECT l.sale_line, -SUM(l.quantity) FROM refunds r JOIN refund_lines l ON l.terminal = r.terminal AND l.refund = r.refund "
        "WHERE r.terminal = ?1 AND r.ticket = ?2 GROUP BY l.sale_line");
    st.bind(1, ledger.terminal()).bind(2, ticket);
    while (st.step()) out[st.i64(0)] = st.i64(1);
    return out;
}

std::map<std::int64_t, std::int64_t> refunded_ttc(Ledger& ledger, std::int64_t ticket) {
    std::map<std::int64_t, std::int64_t> out;
    auto st = ledger.db().prepare(
        "SELECT v.rate, -SUM(v.ttc) FROM refunds r JOIN refund_vat v ON v.terminal = r.terminal AND v.refund = r.refund "
        "WHERE r.terminal = ?1 AND r.ticket = ?2 GROUP BY v.rate");
    st.bind(1, ledger.terminal()).bind(2, ticket);
    while (st.step()) out[st.i64(0)] = st.i64(1);
    return out;
}

std::int64_t refunds_of_ticket(Ledger& ledger, std::int64_t ticket) {
    auto st = ledger.db().prepare("SELECT COUNT(*) FROM refunds WHERE terminal = ?1 AND ticket = ?2");
    st.bind(1, ledger.terminal()).bind(2, ticket);
    st.step();
    return st.i64(0);
}

std::optional<RecordedRefund> recorded_refund(Ledger& ledger, std::int64_t refund) {
    auto st = ledger.db().prepare(
        "SELECT j.seq, j.at_utc, j.payload, j.hash FROM refunds r JOIN journal j ON j.terminal = r.terminal AND j.seq = r.seq "
        "WHERE r.terminal = ?1 AND r.refund = ?2 AND j.kind = 'sale.refund'");
    st.bind(1, ledger.terminal()).bind(2, refund);
    if (!st.step()) return std::nullopt;
    RecordedRefund out;
    out.terminal = ledger.terminal();
    out.seq = st.i64(0);
    out.at_utc = st.str(1);
    out.refund = refund_from_payload(st.str(2));
    const auto hash = st.blob(3);
    if (hash.size() == out.hash.size()) std::copy(hash.begin(), hash.end(), out.hash.begin());
    return out;
}

}  // namespace caisse::db
