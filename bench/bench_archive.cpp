// Archives and backups (issue 9): export of a year's archive (MB/s), archive verify against ledger
// verify on the same ledger (records per second, same run), and the sales' latency while a backup
// of a big ledger runs (no sale may wait > 50 ms). Plain harness; prints SUMMARY rows for bench/run.sh.
//   bench_archive --close-db FILE --period 2025 --big FILE [--runs N] [--sell-seconds S]
// --close-db: a ledger with a closed year (bench_closure's, 365 Zs); --big: the ledger to back up
// (copied first: the copy is sold into, the given ledger is only read). Either may be left out.
// bench/backup_while_selling.sh runs the backup part alone on a given ledger in one command.
#include <fmt/format.h>

#include <time.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <iostream>
#include <thread>

#include "app/services/backup.hpp"
#include "bench/bench_util.hpp"
#include "db/archive/archive.hpp"
#include "db/ledger.hpp"
#include "db/verify.hpp"

using namespace caisse;
using namespace caisse::bench;

namespace {

// As bench_ledger: the generated ledger's session is in the past; this clock starts an hour after
// it was opened and runs at the real pace.
Clock session_clock(const std::string& path) {
    db::Database d(path, db::Database::Mode::ReadOnly);
    auto st = d.prepare("SELECT j.at_utc FROM sessions s JOIN journal j ON j.terminal = s.terminal AND j.seq = s.seq "
                        "ORDER BY s.id DESC LIMIT 1");
    if (!st.step()) throw std::runtime_error("the bench ledger has no session");
    const auto start = parse_utc_timestamp(st.str(0)) + std::chrono::hours{1};
    const auto t0 = std::chrono::steady_clock::now();
    return [start, t0] {
        return start + std::chrono::duration_cast<std::chrono::system_clock::duration>(std::chrono::steady_clock::now() - t0);
    };
}


void archive_rows(const std::string& close_db, const std::string& period, int runs) {
    const std::string out = bench_dir() + "/bench-archive.jsonl";
    const db::SecretKey key = db::read_secret_key(db::Ledger::key_path(close_db));
    double best_export = 1e9, best_verify = 1e9, best_ledger = 1e9, cpu_export = 1e9, cpu_verify = 1e9, cpu_ledger = 1e9;
    db::ArchiveSummary sum;
    std::int64_t ledger_records = 0, tickets = 0;
    for (int i = 0; i < runs; ++i) {
        std::filesystem::remove(out);
        {
            auto d = db::open_for_reading(close_db);
            tickets = d->scalar("SELECT count(*) FROM sales");
            const auto t0 = SteadyClock::now();
            const double c0 = process_cpu_seconds();
            sum = db::export_archive(*d, "T1", db::parse_archive_period(period), key, out, "2026-01-10T00:00:00.000Z");
            best_export = std::min(best_export, seconds_since(t0));
            cpu_export = std::min(cpu_export, process_cpu_seconds() - c0);
        }
        auto t0 = SteadyClock::now();
        double c0 = process_cpu_seconds();
        const auto check = db::verify_archive(out);
        best_verify = std::min(best_verify, seconds_since(t0));
        cpu_verify = std::min(cpu_verify, process_cpu_seconds() - c0);
        if (!check.ok) throw std::runtime_error("the benchmark archive does not verify: " + check.problems.front().message.english());
        t0 = SteadyClock::now();
        c0 = process_cpu_seconds();
        const auto v = db::verify_ledger(close_db);
        best_ledger = std::min(best_ledger, seconds_since(t0));
        cpu_ledger = std::min(cpu_ledger, process_cpu_seconds() - c0);
        ledger_records = v.records;
    }
    std::filesystem::remove(out);
    const double mb = static_cast<double>(sum.bytes) / 1e6;
    const double archive_rate = static_cast<double>(sum.records) / best_verify, ledger_rate = static_cast<double>(ledger_records) / best_ledger;
    std::cerr << fmt::format("archive of {}: {} records, Z {}..{}, {:.1f} MB; ledger {} tickets, {} records\n", period, sum.records,
                             sum.first_z, sum.last_z, mb, tickets, ledger_records);
    // The export runs on one thread: its CPU time is its time on a quiet machine; a busy one
    // stretches the wall time (both are printed).
    row(fmt::format("archive export: fiscal year {} of a {}-ticket ledger ({} records, Z {} to {}, {:.1f} MB JSON Lines), CPU, best of {}",
                    period, tickets, sum.records, sum.first_z, sum.last_z, mb, runs),
        fmt::format("{:.0f} MB/s ({:.2f} s CPU; wall {:.2f} s, {:.0f} MB/s)", mb / cpu_export, cpu_export, best_export, mb / best_export),
        ">= 50 MB/s", "", mb / cpu_export >= 50);
    row("archive verify / ledger verify of the same ledger (records per second), best of " + std::to_string(runs),
        fmt::format("{:.2f}x", archive_rate / ledger_rate), ">= 1x",
        fmt::format("archive {:.0f} rec/s ({:.2f} s, CPU {:.2f} s) / ledger {:.0f} rec/s ({:.2f} s, CPU {:.2f} s, {} records); both on 2 threads",
                    archive_rate, best_verify, cpu_verify, ledger_rate, best_ledger, cpu_ledger, ledger_records),
        archive_rate >= ledger_rate);
}

void backup_rows(const std::string& big, double sell_seconds) {
    const std::string dir = bench_dir() + "/bench-backup";
    const std::string copy = bench_dir() + "/bench-backup-ledger.db";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    remove_ledger_files(copy);
    // The given ledger is only read, never opened by SQLite (even a reader may checkpoint or leave
    // files beside it): its files are copied, the PINs too (the copy is sold into). A non-empty
    // -wal means a writer has it open (or crashed): the main file alone would not be the ledger.
    std::error_code ec;
    if (std::filesystem::exists(big + "-wal") && std::filesystem::file_size(big + "-wal", ec) > 0)
        throw std::runtime_error(big + "-wal is not empty: a program is writing the ledger (wait for it to finish)");
    const auto c0 = SteadyClock::now();
    for (const char* suffix : {"", ".key", ".head", ".credentials"})
        if (std::filesystem::exists(big + suffix)) std::filesystem::copy_file(big + suffix, copy + suffix);
    ::sync();  // the copy's dirty pages written back now, not during the measurement
    std::cerr << fmt::format("copied {} in {:.1f} s\n", big, seconds_since(c0));
    std::filesystem::permissions(copy + ".key", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                 std::filesystem::perm_options::replace);
    std::int64_t tickets = 0;
    {
        db::Database d(copy, db::Database::Mode::ReadOnly);
        tickets = d.scalar("SELECT count(*) FROM sales");
    }
    auto till = Till::open(copy, session_clock(copy));
    const Actor seller = sign_in_as(*till, kSellerName);
    SellRequest request;
    for (const auto& sku : three_line_ticket_skus()) request.items.push_back(ItemSpec{sku, 1, std::nullopt});
    request.payments = {TenderRequest{TenderMethod::Cash, Money::cents(2000)}};
    till->sell(seller, request);

    enum Phase { before, during, after };
    std::atomic<int> phase{before};
    std::atomic<bool> stop{false};
    std::vector<double> waits[3];
    std::vector<std::pair<double, double>> slow;  // (start since the backup began, ms) of sales above 50 ms
    SteadyClock::time_point backup_start{};
    std::thread sales([&] {
        while (!stop.load()) {
            const int p = phase.load();
            const auto t0 = SteadyClock::now();
            till->sell(seller, request);
            const double ms = seconds_since(t0) * 1000;
            waits[p].push_back(ms);
            if (ms > 50 && p != before) slow.emplace_back(std::chrono::duration<double>(t0 - backup_start).count(), ms);
        }
    });
    std::this_thread::sleep_for(std::chrono::duration<double>(sell_seconds));
    BackupOptions o;
    o.dir = dir;
    o.keep = 1;
    const auto t0 = SteadyClock::now();
    backup_start = t0;
    phase = during;
    const BackupResult r = make_backup(copy, o, std::chrono::system_clock::now());
    const double backup_s = seconds_since(t0);
    phase = after;  // the checkpoint the held snapshot delayed comes now
    std::this_thread::sleep_for(std::chrono::duration<double>(sell_seconds));
    stop = true;
    sales.join();
    till.reset();
    std::filesystem::remove_all(dir);
    remove_ledger_files(copy);

    auto mx = [](const std::vector<double>& v) { return v.empty() ? 0.0 : *std::max_element(v.begin(), v.end()); };
    const double worst = std::max(mx(waits[during]), mx(waits[after]));
    row(fmt::format("backup of a {}-ticket ledger ({} records, {:.0f} MB: copy {:.1f} s + verify {:.1f} s) while one till sells: "
                    "longest sale during the backup and the {:.0f} s after it",
                    tickets, r.records, static_cast<double>(r.copy.bytes) / 1e6, r.copy.seconds, r.verify_seconds, sell_seconds),
        fmt::format("{:.1f} ms ({} sales; median {:.1f} ms, p99 {:.1f} ms)", worst, waits[during].size() + waits[after].size(),
                    median(waits[during]), quantile(waits[during], 0.99)),
        "<= 50 ms",
        fmt::format("longest during / after: {:.1f} / {:.1f} ms; {} sales before it, no backup: longest {:.1f} ms, median {:.1f} ms",
                    mx(waits[during]), mx(waits[after]), waits[before].size(), mx(waits[before]), median(waits[before])),
        worst <= 50);
    std::cerr << fmt::format("backup took {:.1f} s in all (copy 0 to {:.1f} s, verify to {:.1f} s)\n", backup_s, r.copy.seconds,
                             r.copy.seconds + r.verify_seconds);
    // Where the slow sales fell: in the copy, in the verify, or after (the delayed checkpoint).
    for (const auto& [at, ms] : slow) std::cerr << fmt::format("  sale at {:.2f} s took {:.1f} ms\n", at, ms);
}

}  // namespace

int main(int argc, char** argv) {
    std::string close_db, period = "2025", big;
    int runs = 3;
    double sell_seconds = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string a = argv[i], v = argv[i + 1];
        if (a == "--close-db") close_db = v;
        else if (a == "--period") period = v;
        else if (a == "--big") big = v;
        else if (a == "--runs") runs = std::stoi(v);
        else if (a == "--sell-seconds") sell_seconds = std::stod(v);
    }
    try {
        if (!close_db.empty()) archive_rows(close_db, period, runs);
        if (!big.empty()) backup_rows(big, sell_seconds);
    } catch (const std::exception& e) {
        std::cerr << "bench_archive: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
