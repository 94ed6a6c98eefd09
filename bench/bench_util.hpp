#pragma once
// Small helpers shared by the benchmark harnesses: where to put files, timing, order statistics,
// and the "SUMMARY" rows that bench/run.sh gathers into the one table pasted in the README.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include <time.h>

#include "bench/ledger_generator.hpp"

namespace caisse::bench {

using SteadyClock = std::chrono::steady_clock;

inline double seconds_since(SteadyClock::time_point t0) {
    return std::chrono::duration<double>(SteadyClock::now() - t0).count();
}

// CPU time of the whole process (every thread), in seconds: what a run costs whatever else the
// machine does.
inline double process_cpu_seconds() {
    timespec ts{};
    ::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// The machine's 1-minute load average (runnable threads), to print beside a wall-clock figure.
inline double load_average() {
    double load[1] = {0};
    return ::getloadavg(load, 1) == 1 ? load[0] : 0;
}

// $CAISSE_BENCH_DIR, else the current directory. Created when missing.
inline std::string bench_dir() {
    const char* env = std::getenv("CAISSE_BENCH_DIR");
    std::string dir = env && *env ? env : ".";
    std::filesystem::create_directories(dir);
    return dir;
}

inline void remove_ledger_files(const std::string& path) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", ".key", ".head", ".head.tmp", ".credentials"})
        std::filesystem::remove(path + suffix, ec);
}

// Quantile of a sample by linear interpolation between order statistics (q = 0.5: the median).
inline double quantile(std::vector<double> v, double q) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    const double pos = q * static_cast<double>(v.size() - 1);
    const auto i = static_cast<std::size_t>(pos);
    const double frac = pos - static_cast<double>(i);
    return i + 1 < v.size() ? v[i] * (1 - frac) + v[i + 1] * frac : v[i];
}
inline double median(const std::vector<double>& v) { return quantile(v, 0.5); }

// One row of the table bench/run.sh prints:
//   SUMMARY <tab> what <tab> figure <tab> goal <tab> reference (same run) <tab> verdict
// verdict: "met" / "MISSED" when the figure has a goal, empty when it is there to explain another.
inline void row(const std::string& what, const std::string& figure, const std::string& goal = "",
                const std::string& reference = "", std::optional<bool> met = std::nullopt) {
    std::cout << "SUMMARY\t" << what << "\t" << figure << "\t" << goal << "\t" << reference << "\t"
              << (met ? (*met ? "met" : "MISSED") : "") << "\n";
}
inline void summary(const std::string& metric, const std::string& value, const std::string& goal = "") {
    row(metric, value, goal);
}

// Generates a ledger at path unless one is already there; prints what it did.
inline void ensure_ledger(const std::string& path, std::int64_t tickets, int days, std::uint64_t seed = 1) {
    if (std::filesystem::exists(path)) return;
    remove_ledger_files(path);
    std::cerr << fmt::format("generating {} tickets over {} days into {} ...\n", tickets, days, path);
    GeneratorOptions o;
    o.path = path;
    o.tickets = tickets;
    o.days = days;
    o.seed = seed;
    const auto s = generate_ledger(o);
    std::cerr << fmt::format("  done in {:.1f} s ({:.0f} tickets/s), {:.1f} MiB\n", s.seconds,
                             static_cast<double>(s.tickets) / std::max(1e-9, s.sale_seconds),
                             static_cast<double>(s.file_bytes) / (1024.0 * 1024.0));
}

}  // namespace caisse::bench
