#include "db/reports.hpp"

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
        auto st = db.prepare(
            "SELECT v.vat_bp, SUM(v.ht), SUM(v.vat), SUM(v.ttc) FROM sales s "
            "JOIN sale_vat v ON v.terminal = s.terminal AND v.ticket = s.ticket WHERE s.day = ?1 GROUP BY v.vat_bp");
        st.bind(1, date);
        while (st.step()) r.by_vat[st.i64(0)] = VatRecord{st.i64(0), st.i64(1), st.i64(2), st.i64(3)};
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
