// The CAPE statement over two tills (issue 11, "Done means": 2 tills x 100,000 tickets <= 500 ms).
//
//   bench_cape [--db FILE] [--tickets 100000] [--days 182] [--runs 5]
//
// A generated ledger (terminal T1, --tickets over --days business days) gets a second till: T1's
// journal, sales and lines copied as terminal T2, the way bundle import stores an imported till's
// records beside the local ones. Then cape_statement over the whole period, timed: the first run
// (cold statements) and the median of --runs.
#include <CLI/CLI.hpp>

#include "app/services/cape.hpp"
#include "bench/bench_util.hpp"
#include <sqlite3.h>

namespace {

using namespace caisse;
using namespace caisse::bench;

// Runs SQL on the file through a connection of its own (the triggers refuse UPDATE and DELETE only).
void exec(const std::string& path, const std::string& sql) {
    sqlite3* db = nullptr;
    if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) throw std::runtime_error("cannot open " + path);
    char* err = nullptr;
    const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err);
    const std::string message = err ? err : "";
    sqlite3_free(err);
    sqlite3_close(db);
    if (rc != SQLITE_OK) throw std::runtime_error(message);
}

std::string text(Till& till, const char* sql) {
    auto st = till.ledger().db().prepare(sql);
    st.step();
    return st.str(0);
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"CAPE statement over two tills"};
    std::string path = bench_dir() + "/cape-2tills.db";
    std::int64_t tickets = 100'000;
    int days = 182, runs = 5;
    app.add_option("--db", path, "ledger (generated with two tills when missing)");
    app.add_option("--tickets", tickets, "tickets per till");
    app.add_option("--days", days, "business days");
    app.add_option("--runs", runs, "timed runs");
    CLI11_PARSE(app, argc, argv);
    try {
        if (!std::filesystem::exists(path)) {
            ensure_ledger(path, tickets, days, 7);
            exec(path,
                             "INSERT INTO terminals SELECT 'T2', public_key, seq FROM terminals WHERE terminal = 'T1';"
                             "BEGIN; INSERT INTO journal SELECT 'T2', seq, kind, at_utc, payload, prev_hash, hash, sig FROM journal WHERE terminal = 'T1';"
                             "INSERT INTO sales SELECT 'T2', ticket, seq, session_id, user_id, day, discount, total, change, voucher_excess FROM sales WHERE terminal = 'T1';"
                             "INSERT INTO sale_lines SELECT 'T2', ticket, line_no, sku, name, entrepreneur_id, category_id, vat_bp, quantity, "
                             "unit_price, line_discount, discount_share, total FROM sale_lines WHERE terminal = 'T1'; COMMIT;");
        }
        auto till = Till::open(path);
        const auto n = till->ledger().db().scalar("SELECT COUNT(*) FROM sales");
        const std::string from = text(*till, "SELECT MIN(day) FROM sales");
        const std::string to = text(*till, "SELECT MAX(day) FROM sales");
        auto t0 = SteadyClock::now();
        const CapeStatement first = cape_statement(*till, from, to);
        const double cold = seconds_since(t0);
        std::vector<double> times, cpu;
        for (int i = 0; i < runs; ++i) {
            t0 = SteadyClock::now();
            const double c0 = process_cpu_seconds();
            const CapeStatement again = cape_statement(*till, from, to);
            times.push_back(seconds_since(t0));
            cpu.push_back(process_cpu_seconds() - c0);
            if (again.split.distributable != first.split.distributable || again.tickets != first.tickets)
                throw std::runtime_error("the statement is not stable");
        }
        if (first.tickets != n) throw std::runtime_error("the statement counted " + std::to_string(first.tickets) + " tickets of " + std::to_string(n));
        std::cout << fmt::format("{} tickets on {} terminals, {} to {}: first {:.0f} ms, median of {} {:.0f} ms; distributable {}\n", n,
                                 first.coverage.size(), from, to, cold * 1e3, runs, median(times) * 1e3, first.split.distributable.format());
        const double ms = median(times) * 1e3;
        row(fmt::format("CAPE statement, {} tills x {} tickets", first.coverage.size(), n / std::max<std::int64_t>(1, static_cast<std::int64_t>(first.coverage.size()))),
            fmt::format("{:.0f} ms", ms), "<= 500 ms",
            fmt::format("first run {:.0f} ms; CPU {:.0f} ms a run (2 threads); machine load {:.1f}", cold * 1e3, median(cpu) * 1e3, load_average()),
            ms <= 500);
    } catch (const std::exception& e) {
        std::cerr << "bench_cape: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
