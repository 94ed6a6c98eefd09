// The verify rules of the closure kinds (docs/ledger-format.md, "Closures"). A chain rewritten
// without the key fails the signature; these rules catch a closure that does not add up, even one
// signed by a till that recorded wrong totals.
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "db/records/closure.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {

struct Checker {
    Database& db;
    std::vector<ClosureProblem>& out;
    std::string terminal;

    void problem(std::int64_t seq, Message m) { out.push_back(ClosureProblem{terminal, seq, std::move(m)}); }
    void expect(std::int64_t seq, const char* field, std::int64_t recorded, std::int64_t computed) {
        if (recorded != computed)
            problem(seq, Message{"closure field {0} is {1} but the ledger gives {2}", {field, recorded, computed}});
    }
    void expect_totals(std::int64_t seq, const ClosureTotals& recorded, const ClosureTotals& computed, const char* from) {
        if (recorded == computed) return;
        const char* which = recorded.total != computed.total         ? "total"
                            : recorded.tickets != computed.tickets   ? "tickets"
                            : (recorded.refunds != computed.refunds || recorded.refunds_total != computed.refunds_total) ? "refunds"
                            : recorded.by_tender != computed.by_tender ? "by_tender"
                            : recorded.voucher_excess != computed.voucher_excess ? "voucher_excess"
                            : recorded.by_entrepreneur != computed.by_entrepreneur ? "by_entrepreneur"
                            : recorded.by_cashier != computed.by_cashier ? "by_cashier"
                            : recorded.discounts != computed.discounts ? "discounts"
                            : (recorded.cash_in != computed.cash_in || recorded.cash_out != computed.cash_out) ? "cash moves"
                            : "by_vat";
        problem(seq, Message{"closure totals ({0}) differ from the sum of {1}", {which, from}});
    }
};

}  // namespace

std::vector<ClosureProblem> check_closures(Database& db, const std::vector<ClosureRecord>& records,
                                           const std::map<std::string, std::vector<ClockStep>>& steps_back) {
    std::vector<ClosureProblem> out;
    std::map<std::string, std::vector<const ClosureRecord*>> by_terminal;
    for (const auto& r : records) by_terminal[r.terminal].push_back(&r);
    for (const auto& [terminal, recs] : by_terminal) {
        Checker c{db, out, terminal};
        std::vector<DayClosure> days;  // in z order
        std::int64_t grand = 0, grand_abs = 0;
        std::map<std::string, std::int64_t> last_number;   // kind -> number
        std::map<std::string, std::int64_t> last_covered;  // kind -> last z
        for (const ClosureRecord* r : recs) {
            if (r->kind == kind::closure_day) {
                DayClosure z;
                try {
                    z = day_closure_from_payload(r->payload);
                } catch (const std::exception&) {
                    c.problem(r->seq, Message{"{0} payload is malformed", {r->kind}});
                    continue;
                }
                c.expect(r->seq, "z", z.z, static_cast<std::int64_t>(days.size()) + 1);
                auto row = db.prepare(
                    "SELECT z, session_id, date, total, grand_total, grand_total_abs, over_short FROM day_closures "
                    "WHERE terminal = ?1 AND seq = ?2");
                row.bind(1, terminal).bind(2, r->seq);
                if (!row.step()) {
                    c.problem(r->seq, Message{"{0} record has no projection row", {r->kind}});
                } else if (row.i64(0) != z.z || row.i64(1) != z.session || row.str(2) != z.date || row.i64(3) != z.totals.total ||
                           row.i64(4) != z.grand_total || row.i64(5) != z.grand_total_abs || row.i64(6) != z.over_short) {
                    c.problem(r->seq, Message{"projection row of {0} {1} differs from its record", {r->kind, z.z}});
                }
                const auto computed = session_totals(db, terminal, z.session);
                c.expect_totals(r->seq, z.totals, computed, "the session's tickets and cash moves");
                const auto [first, last] = session_ticket_range(db, terminal, z.session);
                c.expect(r->seq, "first_ticket", z.first_ticket, first);
                c.expect(r->seq, "last_ticket", z.last_ticket, last);
                auto ses = db.prepare(
                    "SELECT s.float, s.day, j.at_utc, s.seq FROM sessions s JOIN journal j ON j.terminal = s.terminal AND j.seq = s.seq "
                    "WHERE s.terminal = ?1 AND s.id = ?2");
                ses.bind(1, terminal).bind(2, z.session);
                if (!ses.step()) {
                    c.problem(r->seq, Message{"Z {0} closes session {1}, which was never opened", {z.z, z.session}});
                } else {
                    c.expect(r->seq, "float", z.float_cents, ses.i64(0));
                    if (z.date != ses.str(1) || z.opened_at != ses.str(2))
                        c.problem(r->seq, Message{"Z {0}: date or opened_at differs from its session {1}", {z.z, z.session}});
                    // The clock steps back from the session's opening to the Z itself.
                    std::vector<ClockStep> want;
                    if (auto it = steps_back.find(terminal); it != steps_back.end())
                        for (const auto& step : it->second)
                            if (step.seq >= ses.i64(3) && step.seq <= r->seq) want.push_back(step);
                    if (z.clock_backwards != want)
                        c.problem(r->seq, Message{"Z {0}: clock_backwards differs from the records of its session", {z.z}});
                }
                if (z.month != z.date.substr(0, 7))
                    c.problem(r->seq, Message{"Z {0}: month {1} is not the month of its date {2}", {z.z, z.month, z.date}});
                if (z.counts < 1 || z.counts > 9) c.problem(r->seq, Message{"Z {0}: counts {1} is not 1 to 9", {z.z, z.counts}});
                {
                    std::vector<std::int64_t> recorded, computed;
                    for (const auto& m : z.cash_moves) recorded.push_back(m.seq);
                    auto mv = db.prepare("SELECT seq FROM cash_moves WHERE terminal = ?1 AND session_id = ?2 ORDER BY seq");
                    mv.bind(1, terminal).bind(2, z.session);
                    while (mv.step()) computed.push_back(mv.i64(0));
                    if (recorded != computed)
                        c.problem(r->seq, Message{"Z {0}: its list of cash moves differs from the session's", {z.z}});
                }
                std::int64_t counted = 0;
                std::map<std::int64_t, std::int64_t> rows;
                auto cc = db.prepare("SELECT cents, pieces FROM cash_counts WHERE terminal = ?1 AND seq = ?2");
                cc.bind(1, terminal).bind(2, r->seq);
                while (cc.step()) rows[cc.i64(0)] = cc.i64(1);
                for (const auto& [cents, pieces] : z.count) counted += cents * pieces;
                if (rows != z.count) c.problem(r->seq, Message{"projection rows of the count of Z {0} differ from its record", {z.z}});
                c.expect(r->seq, "counted_cash", z.counted_cash, counted);
                c.expect(r->seq, "expected_cash", z.expected_cash,
                         z.float_cents + z.totals.cash_kept() + z.totals.cash_in - z.totals.cash_out);
                c.expect(r->seq, "over_short", z.over_short, z.counted_cash - z.expected_cash);
                grand += z.totals.total;
                grand_abs += z.totals.total_abs;
                c.expect(r->seq, "grand_total", z.grand_total, grand);
                c.expect(r->seq, "grand_total_abs", z.grand_total_abs, grand_abs);
                // Period to date: runs on from the previous Z while its month (year) is the same.
                const DayClosure* prev = days.empty() ? nullptr : &days.back();
                c.expect(r->seq, "month_total", z.month_total,
                         (prev && prev->month == z.month ? prev->month_total : 0) + z.totals.total);
                c.expect(r->seq, "year_total", z.year_total, (prev && prev->year == z.year ? prev->year_total : 0) + z.totals.total);
                grand = z.grand_total;  // report each break once, not on every later Z
                grand_abs = z.grand_total_abs;
                days.push_back(std::move(z));
                continue;
            }
            const std::string k = r->kind == kind::closure_month ? "month" : "year";
            PeriodClosure p;
            try {
                p = period_closure_from_payload(k, r->payload);
            } catch (const std::exception&) {
                c.problem(r->seq, Message{"{0} payload is malformed", {r->kind}});
                continue;
            }
            c.expect(r->seq, "number", p.number, ++last_number[k]);
            c.expect(r->seq, "first_z", p.first_z, last_covered[k] + 1);
            const bool covered = p.last_z >= p.first_z && p.first_z >= 1 && p.last_z <= static_cast<std::int64_t>(days.size());
            if (!covered)
                c.problem(r->seq, Message{"{0} closure {1} covers Zs {2} to {3}, which do not exist before it", {k, p.number, p.first_z, p.last_z}});
            auto row = db.prepare(
                "SELECT kind, number, period, first_z, last_z, total FROM period_closures WHERE terminal = ?1 AND seq = ?2");
            row.bind(1, terminal).bind(2, r->seq);
            if (!row.step()) c.problem(r->seq, Message{"{0} record has no projection row", {r->kind}});
            else if (row.str(0) != k || row.i64(1) != p.number || row.str(2) != p.period || row.i64(3) != p.first_z ||
                     row.i64(4) != p.last_z || row.i64(5) != p.totals.total)
                c.problem(r->seq, Message{"projection row of {0} {1} differs from its record", {r->kind, p.number}});
            if (!covered) continue;
            last_covered[k] = p.last_z;
            ClosureTotals sum;
            for (std::int64_t i = p.first_z; i <= p.last_z; ++i) sum.add(days[static_cast<std::size_t>(i - 1)].totals);
            c.expect_totals(r->seq, p.totals, sum, "its Zs");
            c.expect(r->seq, "days", p.days, p.last_z - p.first_z + 1);
            const auto& last_day = days[static_cast<std::size_t>(p.last_z - 1)];
            c.expect(r->seq, "grand_total", p.grand_total, last_day.grand_total);
            c.expect(r->seq, "grand_total_abs", p.grand_total_abs, last_day.grand_total_abs);
            const auto& first_day = days[static_cast<std::size_t>(p.first_z - 1)];
            if (p.first_day != first_day.date || p.last_day != last_day.date)
                c.problem(r->seq, Message{"{0} closure {1}: first_day or last_day differs from its Zs", {k, p.number}});
            // A month is named by its Zs' month; a year by the fiscal year of its first Z (its label
            // must at least be the year of one of its Zs' dates, or the one before).
            if (k == "month" && p.period != last_day.month)
                c.problem(r->seq, Message{"month closure {0} is named {1} but its Zs are of {2}", {p.number, p.period, last_day.month}});
            if (k == "year" && p.period != first_day.year)
                c.problem(r->seq, Message{"year closure {0} is named {1} but its Zs are of fiscal year {2}", {p.number, p.period, first_day.year}});
        }
    }
    // Projection rows that no closure record claims (unless committed after verify's snapshot).
    std::set<std::pair<std::string, std::int64_t>> claimed;
    for (const auto& r : records) claimed.emplace(r.terminal, r.seq);
    // Counts belong to a session.open or a closure.day record.
    {
        auto rows = db.prepare(
            "SELECT DISTINCT c.terminal, c.seq FROM cash_counts c WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE "
            "s.terminal = c.terminal AND s.seq = c.seq) AND NOT EXISTS (SELECT 1 FROM day_closures d WHERE d.terminal = "
            "c.terminal AND d.seq = c.seq)");
        while (rows.step())
            out.push_back(ClosureProblem{rows.str(0), rows.i64(1),
                                         Message{"count rows at seq {0} belong to no session opening or Z", {rows.i64(1)}}});
    }
    for (const char* table : {"day_closures", "period_closures"}) {
        auto rows = db.prepare(std::string("SELECT terminal, seq FROM ") + table);
        auto later = db.prepare("SELECT 1 FROM journal WHERE terminal = ?1 AND seq = ?2 AND kind LIKE 'closure.%'");
        while (rows.step()) {
            if (claimed.count({rows.str(0), rows.i64(1)})) continue;
            later.bind(1, rows.str(0)).bind(2, rows.i64(1));
            const bool recorded = later.step();
            later.reset();
            if (!recorded)
                out.push_back(ClosureProblem{rows.str(0), rows.i64(1), Message{"projection row points at seq {0}, which is not a {1} record", {rows.i64(1), std::string(table)}}});
        }
    }
    return out;
}

}  // namespace caisse::db
