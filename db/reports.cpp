#include "db/reports.hpp"

#include "app/core/vat.hpp"

namespace caisse::db {

DayReport day_report(Database& db, const std::string& date) {
    DayReport r;
    r.date = date;
    std::int64_t change = 0;
    {
        auto st = db.prepare("SELECT COUNT(*), COALESCE(SUM(total), 0), COALESCE(SUM(change), 0) FROM sales WHERE day = ?1");
        st.bind(1, date);
        st.step();
        r.tickets = st.i64(0);
        r.total = st.i64(1);
        change = st.i64(2);
    }
    {
        // VAT is due per ticket and rate (the ticket's rule), so it is split per ticket, then summed.
        auto st = db.prepare(
            "SELECT l.vat_bp, SUM(l.total) FROM sales s "
            "JOIN sale_lines l ON l.terminal = s.terminal AND l.ticket = s.ticket WHERE s.day = ?1 "
            "GROUP BY l.terminal, l.ticket, l.vat_bp");
        st.bind(1, date);
        while (st.step()) {
            const std::int64_t rate = st.i64(0);
            const VatAmounts v = split_ttc(Money::cents(st.i64(1)), VatRate{static_cast<std::int32_t>(rate)});
            VatRecord& sum = r.by_vat[rate];
            sum.rate = rate;
            sum.ht += v.ht.value();
            sum.vat += v.vat.value();
            sum.ttc += v.ttc.value();
        }
    }
    {
        auto st = db.prepare(
            "SELECT e.name, t.amount FROM (SELECT l.entrepreneur_id AS id, SUM(l.total) AS amount FROM sales s "
            "JOIN sale_lines l ON l.terminal = s.terminal AND l.ticket = s.ticket WHERE s.day = ?1 "
            "GROUP BY l.entrepreneur_id) t JOIN entrepreneurs e ON e.id = t.id");
        st.bind(1, date);
        while (st.step()) r.by_entrepreneur[st.str(0)] += st.i64(1);
    }
    {
        auto st = db.prepare(
            "SELECT p.method, SUM(p.amount) FROM sales s "
            "JOIN sale_payments p ON p.terminal = s.terminal AND p.ticket = s.ticket WHERE s.day = ?1 GROUP BY p.method");
        st.bind(1, date);
        while (st.step()) r.by_tender[st.str(0)] = st.i64(1);
    }
    // Change is handed back in cash: the drawer keeps cash tendered minus change.
    if (change != 0) r.by_tender["cash"] -= change;
    return r;
}

}  // namespace caisse::db
