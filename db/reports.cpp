#include "db/reports.hpp"

#include <algorithm>
#include <unordered_map>
#include <vector>

#include "app/core/money.hpp"
#include "app/core/vat.hpp"
#include "db/records/refund.hpp"
#include "db/records/sale.hpp"

namespace caisse::db {

DayReport day_report(Database& db, const std::string& date, const std::string& terminal) {
    DayReport r;
    r.date = date;
    std::int64_t change = 0;
    {
        auto st = db.prepare(std::string("SELECT COUNT(*), COALESCE(SUM(total), 0), COALESCE(SUM(change), 0), COALESCE(SUM(") +
                             voucher_excess_column(db) + "), 0) FROM sales WHERE day = ?1 AND terminal = ?2");
        st.bind(1, date).bind(2, terminal);
        st.step();
        r.tickets = st.i64(0);
        r.total = st.i64(1);
        change = st.i64(2);
        r.voucher_excess = st.i64(3);
    }
    {
        // One pass over the day's lines, in ticket order: VAT is due per ticket and rate (the
        // ticket's rule), so each ticket's per-rate totals are split when the ticket ends.
        auto st = db.prepare(
            "SELECT l.terminal, l.ticket, l.entrepreneur_id, l.vat_bp, l.total FROM sales s "
            "JOIN sale_lines l ON l.terminal = s.terminal AND l.ticket = s.ticket WHERE s.day = ?1 AND s.terminal = ?2 "
            "ORDER BY s.terminal, s.ticket");
        st.bind(1, date).bind(2, terminal);
        std::unordered_map<std::int64_t, std::int64_t> by_entrepreneur_id;
        std::vector<std::pair<std::int64_t, std::int64_t>> ticket_rates;  // (rate, ttc) of the current ticket
        std::string terminal;
        std::int64_t ticket = -1;
        auto close_ticket = [&] {
            for (const auto& [rate, ttc] : ticket_rates) {
                const VatAmounts v = split_ttc(Money::cents(ttc), VatRate{static_cast<std::int32_t>(rate)});
                VatRecord& sum = r.by_vat[rate];
                sum.rate = rate;
                sum.ht += v.ht.value();
                sum.vat += v.vat.value();
                sum.ttc += v.ttc.value();
            }
            ticket_rates.clear();
        };
        while (st.step()) {
            if (st.i64(1) != ticket || st.text(0) != terminal) {
                close_ticket();
                terminal = st.str(0);
                ticket = st.i64(1);
            }
            const std::int64_t rate = st.i64(3), total = st.i64(4);
            by_entrepreneur_id[st.i64(2)] += total;
            auto it = std::find_if(ticket_rates.begin(), ticket_rates.end(), [&](const auto& r) { return r.first == rate; });
            if (it == ticket_rates.end()) ticket_rates.emplace_back(rate, total);
            else it->second += total;
        }
        close_ticket();
        // Refunds and cancellations of the day, as negatives, with the VAT each one recorded.
        if (has_refund_tables(db)) {
            auto refund_lines = db.prepare(
                "SELECT l.entrepreneur_id, SUM(l.total) FROM refunds f JOIN refund_lines l ON l.terminal = f.terminal AND "
                "l.refund = f.refund WHERE f.day = ?1 AND f.terminal = ?2 GROUP BY l.entrepreneur_id");
            refund_lines.bind(1, date).bind(2, terminal);
            while (refund_lines.step()) by_entrepreneur_id[refund_lines.i64(0)] += refund_lines.i64(1);
            auto refund_vat = db.prepare(
                "SELECT v.rate, SUM(v.ht), SUM(v.vat), SUM(v.ttc) FROM refunds f JOIN refund_vat v ON v.terminal = f.terminal AND "
                "v.refund = f.refund WHERE f.day = ?1 AND f.terminal = ?2 GROUP BY v.rate");
            refund_vat.bind(1, date).bind(2, terminal);
            while (refund_vat.step()) {
                VatRecord& sum = r.by_vat[refund_vat.i64(0)];
                sum.rate = refund_vat.i64(0);
                sum.ht += refund_vat.i64(1);
                sum.vat += refund_vat.i64(2);
                sum.ttc += refund_vat.i64(3);
            }
        }
        auto names = db.prepare("SELECT name FROM entrepreneurs WHERE id = ?1");
        for (const auto& [id, amount] : by_entrepreneur_id) {
            names.bind(1, id);
            r.by_entrepreneur[names.step() ? names.str(0) : "#" + std::to_string(id)] += amount;
            names.reset();
        }
    }
    {
        auto st = db.prepare(
            "SELECT p.method, SUM(p.amount) FROM sales s "
            "JOIN sale_payments p ON p.terminal = s.terminal AND p.ticket = s.ticket WHERE s.day = ?1 AND s.terminal = ?2 "
            "GROUP BY p.method");
        st.bind(1, date).bind(2, terminal);
        while (st.step()) r.by_tender[st.str(0)] = st.i64(1);
    }
    if (has_refund_tables(db)) {
        auto st = db.prepare("SELECT COUNT(*), COALESCE(SUM(total), 0) FROM refunds WHERE day = ?1 AND terminal = ?2");
        st.bind(1, date).bind(2, terminal);
        st.step();
        r.refunds = st.i64(0);
        r.refunds_total = st.i64(1);
        r.total += r.refunds_total;
        auto pay = db.prepare(
            "SELECT p.method, SUM(p.amount) FROM refunds f JOIN refund_payments p ON p.terminal = f.terminal AND p.refund = f.refund "
            "WHERE f.day = ?1 AND f.terminal = ?2 GROUP BY p.method");
        pay.bind(1, date).bind(2, terminal);
        while (pay.step()) r.by_tender[pay.str(0)] += pay.i64(1);
        if (has_voucher_excess(db)) {  // cancellations take their ticket's voucher excess back (<= 0)
            auto excess = db.prepare("SELECT COALESCE(SUM(voucher_excess), 0) FROM refunds WHERE day = ?1 AND terminal = ?2");
            excess.bind(1, date).bind(2, terminal);
            excess.step();
            r.voucher_excess += excess.i64(0);
        }
    }
    // Change is handed back in cash: the drawer keeps cash tendered minus change.
    if (change != 0) r.by_tender["cash"] -= change;
    // Vouchers beyond their tickets are not takings: counted apart (the Z's rule).
    if (r.voucher_excess != 0) r.by_tender["voucher"] -= r.voucher_excess;
    return r;
}

}  // namespace caisse::db
