// End of day (issue "End of day"): the Z of a 2,000-ticket day on a big ledger, the close that
// crosses the fiscal year (Z + month closure + year closure over 365 Zs), and what the close screen
// calls when it opens (x_report, check_close), each beside a reference measured in the same run.
//
//   bench_closure [--db FILE] [--tickets N] [--day-tickets 2000] [--copies 3] [--runs 5]
//                 [--frame-runs 50] [--verify]
//
// The ledger (generated when missing, then kept as a cache): N tickets over 366 days from
// 2025-01-01, every day of 2025 closed with its Z through close_day (365 Zs, 12 month closures),
// and 2026-01-01 left open with --day-tickets tickets. Default FILE: $CAISSE_BENCH_DIR/
// ledger-close-N.db, N = 1,000,000. Each of --copies scratch copies of it then gets:
//   1. (first copy) x_report and check_close on the open session, --frame-runs times each;
//   2. close_day of 2026-01-01: the close that crosses the year (one sample per copy);
//   3. --runs ordinary closes: the previous day's tickets replayed into a new session the next day
//      (untimed), then close_day timed, after the references: the plain SQL sum of that day's
//      sale totals and day_report of that day.
// --verify runs verify_ledger on the first copy after its closes (every closure rule included).
#include <unistd.h>

#include <cmath>

#include "app/services/cash_session.hpp"
#include "app/services/till.hpp"
#include "bench/bench_util.hpp"
#include "db/credentials.hpp"
#include "db/ledger.hpp"
#include "db/reports.hpp"
#include "db/verify.hpp"

namespace {

using namespace caisse;
using namespace caisse::bench;
using TimePoint = std::chrono::system_clock::time_point;

constexpr std::int64_t kHourMs = 3'600'000, kMinuteMs = 60'000;
constexpr const char* kFirstDay = "2025-01-01";
constexpr int kDays = 366;  // 2025 (365 days, closed) and 2026-01-01 (open)

double ms(double s) { return s * 1e3; }

// Generated under FILE.part and renamed when complete: an interrupted run leaves no half ledger behind.
void make_ledger(const std::string& path, std::int64_t tickets, std::int64_t day_tickets) {
    const std::string part = path + ".part";
    remove_ledger_files(path);
    remove_ledger_files(part);
    std::cerr << fmt::format("generating {} tickets over {} days from {} into {}, closing each day but the last "
                             "({} tickets) ...\n",
                             tickets, kDays, kFirstDay, path, day_tickets);
    GeneratorOptions o;
    o.path = part;
    o.tickets = tickets;
    o.days = kDays;
    o.seed = 3;
    o.first_day = kFirstDay;
    o.last_day_tickets = day_tickets;
    o.close = GeneratorOptions::Close::AllButLast;
    const auto s = generate_ledger(o);
    std::cerr << fmt::format("  done in {:.1f} s ({:.0f} tickets/s), {:.1f} MiB; {} Zs ({:.1f} ms each), {} month and {} year "
                             "closures\n",
                             s.seconds, static_cast<double>(s.tickets) / std::max(1e-9, s.sale_seconds),
                             static_cast<double>(s.file_bytes) / (1024.0 * 1024.0), s.day_closures,
                             ms(s.close_seconds) / static_cast<double>(std::max<std::int64_t>(1, s.day_closures)),
                             s.month_closures, s.year_closures);
    // The PINs too (the benchmark signs in with them); the database last: it is what marks the cache as made.
    for (const char* suffix : {".key", ".head", ".credentials", ""})
        if (std::filesystem::exists(part + suffix)) std::filesystem::rename(part + suffix, path + suffix);
}

void copy_ledger(const std::string& from, const std::string& to) {
    remove_ledger_files(to);
    for (const char* suffix : {"", ".key", ".head", ".credentials"})
        if (std::filesystem::exists(from + suffix))
            std::filesystem::copy_file(from + suffix, to + suffix, std::filesystem::copy_options::overwrite_existing);
    ::sync();  // the copy's dirty pages written back now, not during a measurement
}

std::string next_day(const std::string& day) { return civil_from_days(parse_day(day) + 1); }
TimePoint local_time(const std::string& day, std::int64_t ms_of_day) {
    return parse_utc_timestamp(utc_stamp_for_local(parse_day(day), ms_of_day));
}

// Opens a session the day after `z` and records again, a day later, the tickets z closed.
void replay_next_day(Till& till, TimePoint& now, const db::DayClosure& z) {
    const std::string day = next_day(z.date);
    now = local_time(day, 9 * kHourMs + 30 * kMinuteMs);
    OpenSessionRequest open;
    open.float_amount = Money::cents(z.float_cents);
    const std::int64_t session = open_cash_session(till, sign_in_as(till, kManagerName), open);
    auto& ledger = till.ledger();
    ledger.write([&] {
        for (std::int64_t t = z.first_ticket; t != 0 && t <= z.last_ticket; ++t) {
            auto r = db::recorded_sale(ledger, t);
            if (!r) throw std::runtime_error("ticket " + std::to_string(t) + " is missing");
            db::SaleRecord s = std::move(r->sale);
            s.ticket = 0;
            s.session = session;
            s.day = day;
            db::record_sale(ledger, s, utc_timestamp(parse_utc_timestamp(r->at_utc) + std::chrono::hours(24)));
        }
    });
}

struct Timed {
    std::vector<double> runs;
    double med() const { return median(runs); }
    std::string text() const {
        return fmt::format("median {:7.3f} ms  min {:7.3f}  p90 {:7.3f}  ({} runs)", ms(med()), ms(quantile(runs, 0)),
                           ms(quantile(runs, 0.9)), runs.size());
    }
};

template <class F>
double time_once(F&& f) {
    const auto t0 = SteadyClock::now();
    f();
    return seconds_since(t0);
}

}  // namespace

int main(int argc, char** argv) {
    std::string path;
    std::int64_t tickets = 1'000'000, day_tickets = 2000;
    int copies = 3, runs = 5, frame_runs = 50;
    bool verify = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--verify") {
            verify = true;
        } else if ((a == "--db" || a == "--tickets" || a == "--day-tickets" || a == "--copies" || a == "--runs" ||
                    a == "--frame-runs") &&
                   i + 1 < argc) {
            const std::string v = argv[++i];
            if (a == "--db") path = v;
            else if (a == "--tickets") tickets = std::max<std::int64_t>(1, std::atoll(v.c_str()));
            else if (a == "--day-tickets") day_tickets = std::max<std::int64_t>(0, std::atoll(v.c_str()));
            else if (a == "--copies") copies = std::max(1, std::atoi(v.c_str()));
            else if (a == "--runs") runs = std::max(1, std::atoi(v.c_str()));
            else frame_runs = std::max(1, std::atoi(v.c_str()));
        } else {
            std::cerr << "usage: bench_closure [--db FILE] [--tickets N] [--day-tickets N] [--copies N] [--runs N] "
                         "[--frame-runs N] [--verify]\n";
            return 2;
        }
    }
    try {
        if (path.empty()) path = bench_dir() + "/ledger-close-" + std::to_string(tickets) + ".db";
        // A cache made before the PINs were moved with it has none: made again.
        if (!std::filesystem::exists(path) || !std::filesystem::exists(db::CredentialStore::path_for(path)))
            make_ledger(path, tickets, day_tickets);
        const std::string scratch = bench_dir() + "/closure-scratch.db";

        Timed x_rep, check, sql_open, report_open, year_open, year_closed;  // the open 2026-01-01 session
        Timed boundary;                                                      // the year-crossing close
        Timed ordinary, ordinary_sql, ordinary_report, ordinary_totals;     // ordinary closes
        std::int64_t ledger_tickets = 0, open_tickets = 0, zs_before = 0, year_days = 0, month_days = 0, ordinary_tickets = 0;
        std::string open_day, year_label, month_label;

        for (int c = 0; c < copies; ++c) {
            copy_ledger(path, scratch);
          {  // the till, and its statements, closed before verify reads the file
            TimePoint now{};
            auto till = Till::open(scratch, [&now] { return now; });
            auto& ledger = till->ledger();
            auto& conn = ledger.db();
            const auto session = db::open_session_of(ledger);
            if (!session) throw InputError(path + " has no open session: generate it again (delete it)");
            auto sql_sum = conn.prepare("SELECT COALESCE(SUM(total), 0) FROM sales WHERE day = ?1");
            auto day_sum = [&](const std::string& day) {
                sql_sum.bind(1, day);
                sql_sum.step();
                const std::int64_t v = sql_sum.i64(0);
                sql_sum.reset();
                return v;
            };

            now = local_time(session->day, 18 * kHourMs + 30 * kMinuteMs);
            if (c == 0) {
                ledger_tickets = conn.scalar("SELECT COUNT(*) FROM sales");
                zs_before = conn.scalar("SELECT COUNT(*) FROM day_closures");
                open_day = session->day;
                year_label = fiscal_year_of(*till, civil_from_days(parse_day(open_day) - 1));
                // 3. Opening the close screen: the X and the expected-against-counted check.
                const CloseRequest request = exact_close_request(*till);
                std::int64_t sum = 0;
                for (int i = 0; i < frame_runs; ++i) {
                    XReport x;
                    x_rep.runs.push_back(time_once([&] { x = x_report(*till); }));
                    open_tickets = x.totals.tickets;
                    CloseCheck k;
                    check.runs.push_back(time_once([&] { k = check_close(*till, request); }));
                    if (!k.balanced()) throw std::runtime_error("check_close is not balanced");
                    sql_open.runs.push_back(time_once([&] { sum = day_sum(open_day); }));
                    if (sum != x.totals.total) throw std::runtime_error("the SQL sum differs from the X report");
                    report_open.runs.push_back(time_once([&] { (void)db::day_report(conn, open_day, till->ledger().terminal()); }));
                }
                for (int i = 0; i < std::max(3, frame_runs / 10); ++i)
                    year_open.runs.push_back(time_once([&] {
                        const auto r = period_report(*till, std::nullopt, year_label);
                        if (r.closed || r.closure.days != zs_before) throw std::runtime_error("period_report: not the open year");
                    }));
            }

            // 2. The close that crosses the fiscal year: Z + month closure + year closure.
            now = local_time(session->day, 19 * kHourMs + 30 * kMinuteMs);
            {
                const CloseRequest request = exact_close_request(*till);
                db::DayClosure z;
                boundary.runs.push_back(time_once([&] { z = close_day(*till, sign_in_as(*till, kManagerName), request); }));
                const auto year = db::last_period_closure(ledger, "year");
                const auto month = db::last_period_closure(ledger, "month");
                if (!year || year->period != year_label || !month || month->last_z != z.z - 1)
                    throw std::runtime_error("the close of " + z.date + " made no closure of " + year_label);
                year_days = year->days;
                month_days = month->days;
                month_label = month->period;
                if (c == 0)
                    for (int i = 0; i < std::max(3, frame_runs / 10); ++i)
                        year_closed.runs.push_back(time_once([&] { (void)period_report(*till, std::nullopt, year_label); }));

                // 1. Ordinary closes of the same day's tickets, replayed on the following days.
                for (int r = 0; r < runs; ++r) {
                    replay_next_day(*till, now, z);
                    const auto s = db::open_session_of(ledger);
                    now = local_time(s->day, 19 * kHourMs + 30 * kMinuteMs);
                    std::int64_t sum = 0;
                    ordinary_sql.runs.push_back(time_once([&] { sum = day_sum(s->day); }));
                    ordinary_report.runs.push_back(time_once([&] { (void)db::day_report(conn, s->day, till->ledger().terminal()); }));
                    ordinary_totals.runs.push_back(time_once([&] { (void)db::session_totals(ledger, s->id); }));
                    const CloseRequest request = exact_close_request(*till);
                    db::DayClosure next;
                    ordinary.runs.push_back(time_once([&] { next = close_day(*till, sign_in_as(*till, kManagerName), request); }));
                    if (next.totals.total != sum || next.totals.tickets != z.totals.tickets || next.month != z.month)
                        throw std::runtime_error("the replayed day " + next.date + " is not the day replayed");
                    ordinary_tickets = next.totals.tickets;
                    z = std::move(next);
                }
            }
          }
            if (c == 0 && verify) {
                const double t = time_once([&] {
                    const auto v = db::verify_ledger(scratch);
                    if (!v.ok)
                        throw std::runtime_error("verify of the closed copy failed: " +
                                                 (v.problems.empty() ? std::string("?") : v.problems.front().reason));
                });
                std::cout << fmt::format("verify of the first copy after its closes: ok ({:.1f} s)\n", t);
            }
        }
        remove_ledger_files(scratch);

        const double frame = 1.0 / 60;
        std::cout << fmt::format("ledger {}: {} tickets, {} Zs before the bench, open day {} with {} tickets; {} copies, {} "
                                 "ordinary closes each\n\n",
                                 path, ledger_tickets, zs_before, open_day, open_tickets, copies, runs);
        std::cout << fmt::format("close screen, {}-ticket session:\n", open_tickets);
        std::cout << fmt::format("  x_report               {}\n", x_rep.text());
        std::cout << fmt::format("  check_close            {}\n", check.text());
        std::cout << fmt::format("  ref: SQL sum of the day {}\n", sql_open.text());
        std::cout << fmt::format("  ref: day_report        {}\n", report_open.text());
        std::cout << fmt::format("  goal <= 1 ms (a frame is {:.1f} ms): x_report {:.3f} ms ({:.1f} % of a frame), check_close "
                                 "{:.3f} ms; x_report / SQL sum {:.1f}x\n\n",
                                 ms(frame), ms(x_rep.med()), 100 * x_rep.med() / frame, ms(check.med()),
                                 x_rep.med() / std::max(1e-12, sql_open.med()));
        std::cout << fmt::format("Z of a {}-ticket day (close_day, ordinary), on a {}-ticket ledger:\n", ordinary_tickets,
                                 ledger_tickets);
        std::cout << fmt::format("  close_day              {}\n", ordinary.text());
        std::cout << fmt::format("  of which session_totals {}\n", ordinary_totals.text());
        std::cout << fmt::format("  ref: SQL sum of the day {}\n", ordinary_sql.text());
        std::cout << fmt::format("  ref: day_report        {}\n", ordinary_report.text());
        std::cout << fmt::format("  goal <= 50 ms: {:.2f} ms; close_day / day_report {:.1f}x, / SQL sum {:.1f}x\n\n",
                                 ms(ordinary.med()), ordinary.med() / std::max(1e-12, ordinary_report.med()),
                                 ordinary.med() / std::max(1e-12, ordinary_sql.med()));
        std::cout << fmt::format("close crossing the fiscal year ({} tickets; Z + month {} over {} Zs + year {} over {} Zs):\n",
                                 open_tickets, month_label, month_days, year_label, year_days);
        std::cout << fmt::format("  close_day              {}\n", boundary.text());
        std::cout << fmt::format("  period_report {} open  {}\n", year_label, year_open.text());
        std::cout << fmt::format("  period_report {} closed {}\n", year_label, year_closed.text());
        const double extra = boundary.med() - ordinary.med();
        std::cout << fmt::format("  goal <= 200 ms: the close {:.2f} ms, minus an ordinary close: {:.2f} ms\n", ms(boundary.med()),
                                 ms(extra));

        row(fmt::format("close screen: X report of a {}-ticket session, {}-ticket ledger, median", open_tickets, ledger_tickets),
            fmt::format("{:.3f} ms", ms(x_rep.med())), "<= 1 ms", fmt::format("SQL sum of the day: {:.3f} ms", ms(sql_open.med())),
            ms(x_rep.med()) <= 1.0);
        row("close screen: check_close, same session, median", fmt::format("{:.3f} ms", ms(check.med())), "<= 1 ms",
            fmt::format("day_report: {:.3f} ms", ms(report_open.med())), ms(check.med()) <= 1.0);
        row(fmt::format("Z: close_day of a {}-ticket day, {}-ticket ledger, median", ordinary_tickets, ledger_tickets),
            fmt::format("{:.2f} ms", ms(ordinary.med())), "<= 50 ms",
            fmt::format("day_report: {:.2f} ms, SQL sum: {:.2f} ms", ms(ordinary_report.med()), ms(ordinary_sql.med())),
            ms(ordinary.med()) <= 50.0);
        row(fmt::format("year-crossing close: Z + month + year over {} Zs, minus an ordinary close, median", year_days),
            fmt::format("{:.2f} ms", ms(extra)), "<= 200 ms", fmt::format("whole close: {:.2f} ms", ms(boundary.med())), ms(extra) <= 200.0);
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_closure: " << e.what() << "\n";
        return 1;
    }
}
