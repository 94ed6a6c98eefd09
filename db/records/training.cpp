#include "db/records/training.hpp"

#include <nlohmann/json.hpp>

#include "db/canonical_json.hpp"
#include "db/ledger.hpp"
#include "db/records/event.hpp"
#include "db/records/record_verify.hpp"

namespace caisse::db {

using nlohmann::json;

Appended record_training_sale(Ledger& ledger, SaleRecord& sale, const std::string& at) {
    sale.ticket = last_training_ticket(ledger) + 1;
    const std::string payload = sale_payload(sale);
    auto a = ledger.append(kind::training_sale, payload, at);
    // The lists as canonical JSON text: a training sale is read back whole, never summed.
    const json p = json::parse(payload);
    auto& st = ledger.cached(
        "INSERT INTO training_sales(terminal, seq, ticket, session_id, user_id, day, discount, total, \"change\", lines, "
        "payments, vat, voucher_excess) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, sale.ticket).bind(4, sale.session).bind(5, sale.user).bind(6, sale.day);
    st.bind(7, sale.discount).bind(8, sale.total).bind(9, sale.change);
    st.bind(10, canonical_json(p.at("lines"))).bind(11, canonical_json(p.at("payments"))).bind(12, canonical_json(p.at("vat")));
    st.bind(13, sale.voucher_excess);
    st.run();
    return a;
}

std::optional<RecordedSale> recorded_training_sale(Ledger& ledger, std::int64_t ticket) {
    auto st = ledger.db().prepare(
        "SELECT j.seq, j.at_utc, j.payload, j.hash FROM training_sales s JOIN journal j ON j.terminal = s.terminal AND "
        "j.seq = s.seq WHERE s.terminal = ?1 AND s.ticket = ?2 AND j.kind = 'training.sale'");
    st.bind(1, ledger.terminal()).bind(2, ticket);
    if (!st.step()) return std::nullopt;
    return recorded_sale_row(ledger, st);
}

std::int64_t last_training_ticket(Ledger& ledger) {
    auto st = ledger.db().prepare("SELECT COALESCE(MAX(ticket), 0) FROM training_sales WHERE terminal = ?1");
    st.bind(1, ledger.terminal());
    st.step();
    return st.i64(0);
}

TrainingState training_state(Ledger& ledger) {
    // Asked before every sale: kept prepared (parsing it cost a fifth of a sale's CPU).
    auto& st = ledger.cached(
        "SELECT e.code, e.user_id, j.at_utc FROM events e JOIN journal j ON j.terminal = e.terminal AND j.seq = e.seq "
        "WHERE e.terminal = ?1 AND e.code IN ('training.on', 'training.off') ORDER BY e.seq DESC LIMIT 1");
    st.bind(1, ledger.terminal());
    TrainingState out;
    if (st.step()) {
        out.on = st.str(0) == event_code::training_on;
        if (!st.is_null(1)) out.by = st.i64(1);
        out.since = st.str(2);
    }
    st.reset();
    return out;
}

std::vector<ProjectedKind> training_projected_kinds() {
    // SELECT *: the table's columns in order (docs/ledger-format.md), voucher_excess last since
    // schema 11; a ledger of schema 7 to 10 has none and verifies as written.
    return {{kind::training_sale, "SELECT * FROM training_sales", [](Database&, Statement& s) {
                 json p{{"ticket", s.i64(2)},        {"session", s.i64(3)},  {"user", s.i64(4)},
                        {"day", s.str(5)},           {"discount", s.i64(6)}, {"total", s.i64(7)},
                        {"change", s.i64(8)},        {"lines", json::parse(s.str(9))},
                        {"payments", json::parse(s.str(10))}, {"vat", json::parse(s.str(11))}};
                 if (s.columns() > 12 && (s.type(12) != SQLITE_INTEGER || s.i64(12) != 0)) p["voucher_excess"] = s.i64(12);
                 return p;
             }}};
}

void check_training_tickets(const std::vector<OtherRecord>& others, Problems& problems) {
    std::map<std::string, std::int64_t> last;
    for (const auto& r : others) {  // in (terminal, seq) order
        if (r.kind != kind::training_sale) continue;
        std::int64_t ticket = 0;
        try {
            ticket = json::parse(r.payload).at("ticket").get<std::int64_t>();
        } catch (const std::exception&) {
            problems.add(r.terminal, r.seq, "training.sale payload is malformed");
            continue;
        }
        auto& l = last[r.terminal];
        if (ticket != l + 1) problems.add(r.terminal, r.seq, Message{"training ticket numbers jump from {0} to {1}", {l, ticket}});
        l = ticket;
    }
}

}  // namespace caisse::db
