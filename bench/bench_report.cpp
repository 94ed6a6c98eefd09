// The day report costs what the day holds, not what the ledger holds: the same report on a small
// ledger and on a year of tickets, with about the same number of tickets that day.
//
//   bench_report [--big FILE] [--small FILE] [--runs 50]
//
// Defaults: $CAISSE_BENCH_DIR/ledger-1m.db (1,000,000 tickets over 365 days, ~2,740 a day) and
// $CAISSE_BENCH_DIR/ledger-small.db (10,960 tickets over 4 days, the same ~2,740 a day), generated
// when missing. For each ledger the day nearest the mean tickets-per-day is reported.
#include <cmath>

#include "bench/bench_util.hpp"
#include "db/ledger.hpp"
#include "db/reports.hpp"

namespace {

using namespace caisse;
using namespace caisse::bench;

struct Measure {
    std::string path, day;
    std::int64_t ledger_tickets = 0, day_tickets = 0, report_total = 0;
    double first = 0;
    std::vector<double> runs;
};

Measure measure(const std::string& path, int runs) {
    Measure m;
    m.path = path;
    auto ledger = db::Ledger::open(path);
    auto& conn = ledger->db();
    m.ledger_tickets = conn.scalar("SELECT COUNT(*) FROM sales");
    // The day whose ticket count is nearest the mean (a typical day, not the busiest).
    {
        auto st = conn.prepare("SELECT day, COUNT(*) FROM sales GROUP BY day ORDER BY day");
        std::vector<std::pair<std::string, std::int64_t>> days;
        while (st.step()) days.emplace_back(st.str(0), st.i64(1));
        if (days.empty()) throw InputError(path + " has no sales");
        const double mean = static_cast<double>(m.ledger_tickets) / static_cast<double>(days.size());
        auto best = days.front();
        for (const auto& d : days)
            if (std::abs(static_cast<double>(d.second) - mean) < std::abs(static_cast<double>(best.second) - mean)) best = d;
        m.day = best.first;
        m.day_tickets = best.second;
    }
    const std::string terminal = [&] {
        auto t = conn.prepare("SELECT value FROM local_settings WHERE key = 'terminal'");
        return t.step() ? t.str(0) : std::string();
    }();
    auto t0 = SteadyClock::now();
    auto r = db::day_report(conn, m.day, terminal);
    m.first = seconds_since(t0);
    if (r.tickets != m.day_tickets) throw std::runtime_error("day report counted " + std::to_string(r.tickets) + " tickets");
    m.report_total = r.total;
    for (int i = 0; i < runs; ++i) {
        t0 = SteadyClock::now();
        auto again = db::day_report(conn, m.day, terminal);
        m.runs.push_back(seconds_since(t0));
        if (again.total != r.total) throw std::runtime_error("day report is not stable");
    }
    return m;
}

}  // namespace

int main(int argc, char** argv) {
    std::string big, small;
    int runs = 50;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        if ((a == "--big" || a == "--small" || a == "--runs") && i + 1 < argc) {
            std::string v = argv[++i];
            if (a == "--big") big = v;
            else if (a == "--small") small = v;
            else runs = std::max(1, std::atoi(v.c_str()));
        } else {
            std::cerr << "usage: bench_report [--big FILE] [--small FILE] [--runs N]\n";
            return 2;
        }
    }
    try {
        if (big.empty()) {
            big = bench_dir() + "/ledger-1m.db";
            ensure_ledger(big, 1'000'000, 365);
        }
        if (small.empty()) {
            small = bench_dir() + "/ledger-small.db";
            ensure_ledger(small, 10'960, 4);
        }
        std::cout << fmt::format("{:<10} {:>10} {:<11} {:>8} {:>10} {:>10} {:>10} {:>10} {:>12}\n", "ledger", "tickets", "day",
                                 "that day", "first ms", "min ms", "median ms", "p90 ms", "us/ticket");
        std::vector<Measure> ms;
        for (const auto& [label, path] : {std::pair<std::string, std::string>{"small", small}, {"big", big}}) {
            Measure m = measure(path, runs);
            const double med = median(m.runs);
            std::cout << fmt::format("{:<10} {:>10} {:<11} {:>8} {:>10.2f} {:>10.2f} {:>10.2f} {:>10.2f} {:>12.2f}\n", label,
                                     m.ledger_tickets, m.day, m.day_tickets, m.first * 1e3, quantile(m.runs, 0) * 1e3, med * 1e3,
                                     quantile(m.runs, 0.9) * 1e3, med * 1e6 / static_cast<double>(m.day_tickets));
            ms.push_back(std::move(m));
        }
        const double small_med = median(ms[0].runs), big_med = median(ms[1].runs);
        const double per_ticket_ratio = (big_med / static_cast<double>(ms[1].day_tickets)) /
                                        (small_med / static_cast<double>(ms[0].day_tickets));
        std::cout << fmt::format("\nmedian of {} runs; big/small per ticket of the day: {:.2f} (1.0 = cost follows the day only; "
                                 "the ledgers differ {:.0f}x in size)\n",
                                 runs, per_ticket_ratio,
                                 static_cast<double>(ms[1].ledger_tickets) / static_cast<double>(ms[0].ledger_tickets));
        std::cout << fmt::format("target: <= 20 ms on the big ledger: {:.2f} ms\n", big_med * 1e3);
        row(fmt::format("day report, {}-ticket ledger ({} tickets that day), median of {}", ms[1].ledger_tickets, ms[1].day_tickets, runs),
            fmt::format("{:.2f} ms", big_med * 1e3), "<= 20 ms",
            fmt::format("{}-ticket ledger, {} that day: {:.2f} ms (per ticket of the day, big / small: {:.2f})", ms[0].ledger_tickets,
                        ms[0].day_tickets, small_med * 1e3, per_ticket_ratio),
            big_med * 1e3 <= 20.0);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_report: " << e.what() << "\n";
        return 1;
    }
}
