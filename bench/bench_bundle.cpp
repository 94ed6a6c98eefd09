// Bundles (issue 11, item 2): a till's whole chain exported as a bundle, then imported by a fresh
// coordinator ledger (checked and stored, projections included), against `caisse verify` of the
// same records on the till's ledger: the import must be at least as fast (records per second). Also
// the floor of any import that stores those rows: SQLite copying them itself, against the same verify.
// Plain harness; prints SUMMARY rows for bench/run.sh.
//   bench_bundle --db FILE [--runs N]
#include <fmt/format.h>

#include <time.h>

#include <filesystem>
#include <span>
#include <iostream>

#include "bench/bench_util.hpp"
#include "db/bundle/bundle.hpp"
#include "db/ledger.hpp"
#include "db/verify.hpp"

using namespace caisse;
using namespace caisse::bench;

namespace {

// The tables a till's chain of sales fills, copied by the floor below.
constexpr const char* kCopiedTables[] = {"journal", "sessions", "sales", "sale_lines", "sale_payments", "cash_counts"};

// The floor of any import that stores what the till stored: SQLite copying the same rows itself
// (INSERT ... SELECT from the till's file attached), with no file to read, nothing parsed, nothing
// checked, into a new coordinator, in one transaction committed like the import's. Seconds, wall.
double sqlite_copy_seconds(const std::string& till, const std::string& terminal, const std::string& coord,
                           std::span<const char* const> tables) {
    remove_ledger_files(coord);
    auto ledger = db::Ledger::create(coord, "COORD", "2026-01-10T00:00:00.000Z");
    db::Database& d = ledger->db();
    d.exec("PRAGMA foreign_keys=OFF");
    d.exec("PRAGMA cache_size=-262144");  // the import's page cache for a bundle of this size
    auto attach = d.prepare("ATTACH DATABASE ?1 AS till");
    attach.bind(1, till).run();
    const auto t0 = SteadyClock::now();
    d.exec("BEGIN IMMEDIATE");
    for (const char* table : tables) {
        auto copy = d.prepare(fmt::format("INSERT INTO main.{0} SELECT * FROM till.{0} WHERE terminal = ?1", table));
        copy.bind(1, terminal).run();
    }
    d.exec("COMMIT");
    const double s = seconds_since(t0);
    d.exec("DETACH DATABASE till");
    return s;
}


void bundle_rows(const std::string& path, int runs) {
    const std::string out = bench_dir() + "/bench-bundle.jsonl";
    const std::string coord = bench_dir() + "/bench-bundle-coordinator.db";
    const std::string copy = bench_dir() + "/bench-bundle-sqlite-copy.db";
    const db::SecretKey key = db::read_secret_key(db::Ledger::key_path(path));
    std::string terminal;
    db::BundleSummary sum;
    double cpu_export = 0, wall_export = 0;
    {
        auto d = db::open_for_reading(path);
        auto st = d->prepare("SELECT value FROM local_settings WHERE key = 'terminal'");
        if (!st.step()) throw std::runtime_error(path + " has no terminal name");
        terminal = st.str(0);
        std::filesystem::remove(out);
        const auto t0 = SteadyClock::now();
        const double c0 = process_cpu_seconds();
        sum = db::export_bundle(*d, terminal, 1, key, out, "2026-01-10T00:00:00.000Z");
        wall_export = seconds_since(t0);
        cpu_export = process_cpu_seconds() - c0;
    }
    double best_import = 1e9, cpu_import = 1e9, best_verify = 1e9, cpu_verify = 1e9, best_copy = 1e9, best_journal = 1e9;
    std::int64_t verified = 0;
    for (int i = 0; i < runs; ++i) {
        remove_ledger_files(coord);
        {
            auto ledger = db::Ledger::create(coord, "COORD", "2026-01-10T00:00:00.000Z");
            const auto t0 = SteadyClock::now();
            const double c0 = process_cpu_seconds();
            const auto r = db::import_bundle(*ledger, out, "2026-01-10T00:00:01.000Z");
            best_import = std::min(best_import, seconds_since(t0));
            cpu_import = std::min(cpu_import, process_cpu_seconds() - c0);
            if (r.added != sum.records) throw std::runtime_error("the import did not store every record");
        }
        const auto t0 = SteadyClock::now();
        const double c0 = process_cpu_seconds();
        const auto v = db::verify_ledger(path);
        best_verify = std::min(best_verify, seconds_since(t0));
        cpu_verify = std::min(cpu_verify, process_cpu_seconds() - c0);
        if (!v.ok) throw std::runtime_error("the benchmark ledger does not verify");
        verified = v.records;
        best_copy = std::min(best_copy, sqlite_copy_seconds(path, terminal, copy, kCopiedTables));
        static constexpr const char* kJournalOnly[] = {"journal"};
        best_journal = std::min(best_journal, sqlite_copy_seconds(path, terminal, copy, kJournalOnly));
    }
    {
        const auto v = db::verify_ledger(coord);  // once, outside the timings: the import must leave a ledger that verifies
        if (!v.ok) throw std::runtime_error("the coordinator does not verify after the import: " + v.problems.front().reason);
    }
    remove_ledger_files(coord);
    remove_ledger_files(copy);
    std::filesystem::remove(out);
    const double mb = static_cast<double>(sum.bytes) / 1e6;
    const double import_rate = static_cast<double>(sum.records) / best_import, verify_rate = static_cast<double>(verified) / best_verify;
    row(fmt::format("bundle export: the whole chain of the {}-record ledger ({:.1f} MB JSON Lines), CPU", sum.records, mb),
        fmt::format("{:.0f} MB/s ({:.2f} s CPU; wall {:.2f} s)", mb / cpu_export, cpu_export, wall_export));
    row("bundle import into a new coordinator (checked, stored with projections, one commit) / ledger verify of the same records "
        "(records per second), best of " + std::to_string(runs),
        fmt::format("{:.2f}x", import_rate / verify_rate), ">= 1x",
        fmt::format("import {:.0f} rec/s ({:.2f} s, CPU {:.2f} s) / verify {:.0f} rec/s ({:.2f} s, CPU {:.2f} s, {} records, 2 threads)",
                    import_rate, best_import, cpu_import, verify_rate, best_verify, cpu_verify, verified),
        import_rate >= verify_rate);
    const double copy_rate = static_cast<double>(sum.records) / best_copy;
    row("floor: SQLite copying the till's journal, sessions, sales, lines and payments itself (INSERT ... SELECT, nothing read "
        "from a file, parsed or checked; one commit) / ledger verify (records per second), best of " + std::to_string(runs),
        fmt::format("{:.2f}x", copy_rate / verify_rate), "",
        fmt::format("copy {:.0f} rec/s ({:.2f} s); the journal's rows alone, no projection: {:.2f}x verify ({:.2f} s); the import "
                    "takes {:.2f}x the floor's time",
                    copy_rate, best_copy, best_verify / best_journal, best_journal, best_import / best_copy));
}

}  // namespace

int main(int argc, char** argv) {
    std::string path;
    int runs = 1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--db" && i + 1 < argc) path = argv[++i];
        else if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
        else {
            std::cerr << "usage: bench_bundle --db FILE [--runs N]\n";
            return 2;
        }
    }
    if (path.empty()) {
        std::cerr << "usage: bench_bundle --db FILE [--runs N]\n";
        return 2;
    }
    try {
        bundle_rows(path, runs);
    } catch (const std::exception& e) {
        std::cerr << "bench_bundle: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
