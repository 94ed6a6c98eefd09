#include "db/records/export_reads.hpp"

#include <nlohmann/json.hpp>

#include "db/records/refund.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {
ExportTicket ticket_from(const std::string& terminal, std::int64_t seq, const std::string& kind, const std::string& at,
                         const std::string& payload) {
    const json p = json::parse(payload);
    ExportTicket t;
    t.terminal = terminal;
    t.seq = seq;
    t.at_utc = at;
    t.refund = kind == "sale.refund";
    t.day = p.at("day").get<std::string>();
    t.ticket = p.at("ticket").get<std::int64_t>();
    t.number = t.refund ? p.at("refund").get<std::int64_t>() : t.ticket;
    t.cancel = t.refund && p.at("cancel").get<bool>();
    t.session = p.at("session").get<std::int64_t>();
    t.user = p.at("user").get<std::int64_t>();
    t.discount = p.at("discount").get<std::int64_t>();
    t.total = p.at("total").get<std::int64_t>();
    t.change = t.refund ? 0 : p.at("change").get<std::int64_t>();
    if (p.contains("voucher_excess")) t.voucher_excess = p.at("voucher_excess").get<std::int64_t>();  // schema 11
    std::int64_t n = 0;
    for (const auto& l : p.at("lines")) {
        ExportLine e;
        e.line = t.refund ? l.at("line").get<std::int64_t>() : ++n;
        e.l = SaleLineRecord{l.at("sku").get<std::string>(), l.at("name").get<std::string>(), l.at("ent").get<std::int64_t>(),
                             l.at("cat").get<std::int64_t>(), l.at("vat").get<std::int64_t>(), l.at("qty").get<std::int64_t>(),
                             l.at("unit").get<std::int64_t>(), l.at("disc").get<std::int64_t>(), l.at("share").get<std::int64_t>(),
                             l.at("total").get<std::int64_t>()};
        t.lines.push_back(std::move(e));
    }
    for (const auto& x : p.at("payments"))
        t.payments.push_back(PaymentRecord{x.at("method").get<std::string>(), x.at("amount").get<std::int64_t>()});
    for (const auto& v : p.at("vat"))
        t.vat.push_back(VatRecord{v.at("rate").get<std::int64_t>(), v.at("ht").get<std::int64_t>(), v.at("vat").get<std::int64_t>(),
                                  v.at("ttc").get<std::int64_t>()});
    return t;
}
}  // namespace

std::vector<ExportTicket> tickets_between(Database& db, const std::string& from, const std::string& to) {
    std::string keys = "SELECT terminal, seq FROM sales WHERE day >= ?1 AND day <= ?2";
    if (has_refund_tables(db)) keys += " UNION ALL SELECT terminal, seq FROM refunds WHERE day >= ?1 AND day <= ?2";
    auto st = db.prepare("SELECT j.terminal, j.seq, j.kind, j.at_utc, j.payload FROM journal j JOIN (" + keys +
                         ") k ON k.terminal = j.terminal AND k.seq = j.seq ORDER BY j.terminal, j.seq");
    st.bind(1, from).bind(2, to);
    std::vector<ExportTicket> out;
    while (st.step()) out.push_back(ticket_from(st.str(0), st.i64(1), st.str(2), st.str(3), st.str(4)));
    return out;
}

std::vector<ExportZ> day_closures_dated(Database& db, const std::string& from, const std::string& to) {
    auto st = db.prepare(
        "SELECT d.terminal, j.at_utc, j.payload FROM day_closures d JOIN journal j ON j.terminal = d.terminal AND j.seq = d.seq "
        "WHERE d.date >= ?1 AND d.date <= ?2 ORDER BY d.date, d.terminal, d.z");
    st.bind(1, from).bind(2, to);
    std::vector<ExportZ> out;
    while (st.step()) out.push_back(ExportZ{st.str(0), st.str(1), day_closure_from_payload(st.str(2))});
    return out;
}

}  // namespace caisse::db
