// caisse-genledger: makes a realistic ledger for benchmarks and manual testing.
//   caisse-genledger --db FILE --tickets N [--days D] [--seed S] [--first-day YYYY-MM-DD]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <iostream>

#include "app/core/money.hpp"
#include "bench/ledger_generator.hpp"

int main(int argc, char** argv) {
    caisse::bench::GeneratorOptions o;
    bool quiet = false;
    CLI::App app{"Generate a realistic Caisse Commune ledger (for benchmarks)"};
    app.add_option("--db", o.path, "ledger file to create (must not exist)")->required();
    app.add_option("--tickets", o.tickets, "number of tickets")->required()->check(CLI::NonNegativeNumber);
    app.add_option("--days", o.days, "business days, one session each")->capture_default_str()->check(CLI::PositiveNumber);
    app.add_option("--seed", o.seed, "random seed")->capture_default_str();
    app.add_option("--first-day", o.first_day, "local date of the first business day")->capture_default_str();
    app.add_option("--terminal", o.terminal, "terminal name")->capture_default_str();
    app.add_option("--per-write", o.tickets_per_write, "tickets per transaction")->capture_default_str()->check(CLI::PositiveNumber);
    app.add_flag("--quiet,-q", quiet, "print only the summary");
    CLI11_PARSE(app, argc, argv);

    if (!quiet)
        o.progress = [](std::int64_t done, std::int64_t total) {
            std::cerr << fmt::format("\r  {:>10} / {} tickets", done, total) << std::flush;
        };
    try {
        const auto s = caisse::bench::generate_ledger(o);
        if (!quiet) std::cerr << "\n";
        const auto& days = s.tickets_per_day;
        std::int64_t lo = days.empty() ? 0 : days.front().second, hi = lo;
        for (const auto& [d, n] : days) lo = std::min(lo, n), hi = std::max(hi, n);
        std::cout << fmt::format("ledger      {}\n", o.path);
        std::cout << fmt::format("tickets     {} over {} days ({} .. {}), {} .. {} per day, seed {}\n", s.tickets, o.days,
                                 days.empty() ? "" : days.front().first, days.empty() ? "" : days.back().first, lo, hi, o.seed);
        std::cout << fmt::format("records     {} (lines {}, payments {}, sessions {}, catalogue changes {})\n", s.records,
                                 s.lines, s.payments, s.sessions, s.price_changes);
        std::cout << fmt::format("turnover    {}\n", caisse::Money::cents(s.turnover_cents).format());
        std::cout << "lines/ticket";
        for (const auto& [n, c] : s.tickets_by_line_count)
            std::cout << fmt::format(" {}:{:.1f}%", n, 100.0 * static_cast<double>(c) / static_cast<double>(std::max<std::int64_t>(1, s.tickets)));
        std::cout << "\ntenders    ";
        for (const auto& [m, c] : s.tickets_by_tender)
            std::cout << fmt::format(" {}:{:.1f}%", m, 100.0 * static_cast<double>(c) / static_cast<double>(std::max<std::int64_t>(1, s.tickets)));
        std::cout << fmt::format("\ndiscounts   {} tickets, {} lines\n", s.discounted_tickets, s.line_discounts);
        std::cout << fmt::format("file        {:.1f} MiB\n", static_cast<double>(s.file_bytes) / (1024.0 * 1024.0));
        std::cout << fmt::format("time        {:.1f} s total, {:.1f} s for the tickets ({:.0f} tickets/s)\n", s.seconds,
                                 s.sale_seconds, static_cast<double>(s.tickets) / std::max(1e-9, s.sale_seconds));
        return 0;
    } catch (const std::exception& e) {
        if (!quiet) std::cerr << "\n";
        std::cerr << "caisse-genledger: " << e.what() << "\n";
        return 1;
    }
}
