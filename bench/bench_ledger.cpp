// Cost of durability: one sale through Till::sell (WAL, synchronous=FULL) against the floor the
// storage sets, one 4 KiB pwrite + fdatasync in the same directory.
//
//   CAISSE_BENCH_DIR=/path/on/the/same/disk bench_ledger [google benchmark flags] [--keep]
//
// Google Benchmark prints its table (median of repetitions); every single operation is also timed,
// and the per-operation medians give the headline ratio durable_sale / raw_fdatasync (target <= 2).
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <stdexcept>

#include "app/services/till.hpp"
#include "bench/bench_util.hpp"

namespace {

using namespace caisse;
using namespace caisse::bench;

struct Shared {
    std::string dir, raw_path, ledger_path;
    int fd = -1;
    std::unique_ptr<Till> till;
    SellRequest request;
    std::optional<Actor> seller;
    std::map<std::string, std::vector<double>> samples;  // benchmark -> seconds per operation (wall)
    std::map<std::string, std::vector<double>> cpu;      // benchmark -> seconds per operation (this thread's CPU)
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> pages;  // benchmark -> (pages written, sales)
};
Shared* g = nullptr;

double thread_cpu() {
    timespec ts{};
    ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Times one operation: wall clock and this thread's CPU time.
struct OpTimer {
    std::vector<double>& wall;
    std::vector<double>& cpu;
    SteadyClock::time_point t0 = SteadyClock::now();
    double c0 = thread_cpu();
    explicit OpTimer(const char* name) : wall(g->samples[name]), cpu(g->cpu[name]) {}
    void start() { t0 = SteadyClock::now(); c0 = thread_cpu(); }
    void stop() { wall.push_back(seconds_since(t0)); cpu.push_back(thread_cpu() - c0); }
};

constexpr std::size_t kBlock = 4096;
constexpr std::size_t kRawBlocks = 256;  // the raw file: 1 MiB, written in full before timing

void raw_write_fdatasync(benchmark::State& state, std::size_t bytes, const char* name) {
    std::vector<char> buf(bytes);
    for (std::size_t i = 0; i < buf.size(); ++i) buf[i] = static_cast<char>('a' + i % 26);
    OpTimer timer(name);
    std::size_t i = 0;
    for (auto _ : state) {
        timer.start();
        const off_t off = static_cast<off_t>((i++ * bytes) % (kRawBlocks * kBlock));
        if (::pwrite(g->fd, buf.data(), bytes, off) != static_cast<ssize_t>(bytes)) state.SkipWithError("pwrite failed");
        if (::fdatasync(g->fd) != 0) state.SkipWithError("fdatasync failed");
        timer.stop();
    }
}

void BM_RawWriteFdatasync(benchmark::State& state) { raw_write_fdatasync(state, kBlock, "BM_RawWriteFdatasync"); }
// Diagnostic: a commit of a 3-line ticket writes several pages to the WAL, not one.
void BM_RawWrite32KFdatasync(benchmark::State& state) { raw_write_fdatasync(state, 8 * kBlock, "BM_RawWrite32KFdatasync"); }

// Reference variant: 4 KiB appended with write() to a growing file, then fdatasync (the file's size
// changes, so the filesystem journal commits too). Reported beside the in-place reference.
void BM_RawAppendFdatasync(benchmark::State& state) {
    const std::string path = g->dir + "/caisse-bench-append.dat";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        state.SkipWithError("cannot create the append file");
        return;
    }
    std::vector<char> buf(kBlock, 'z');
    OpTimer timer("BM_RawAppendFdatasync");
    for (auto _ : state) {
        timer.start();
        if (::write(fd, buf.data(), buf.size()) != static_cast<ssize_t>(buf.size())) state.SkipWithError("write failed");
        if (::fdatasync(fd) != 0) state.SkipWithError("fdatasync failed");
        timer.stop();
    }
    ::close(fd);
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

// Diagnostic: what the head anchor writer does after each commit, on its own thread (sign the new
// head, overwrite its slot in place): off the sale's path, but it uses the other core.
void BM_AnchorSlotWrite(benchmark::State& state) {
    const std::string path = g->dir + "/caisse-bench-anchor";
    const db::SecretKey key = db::make_key_pair().secret;
    db::Hash hash{};
    OpTimer timer("BM_AnchorSlotWrite");
    std::int64_t seq = 1;
    for (auto _ : state) {
        timer.start();
        hash[0] = static_cast<std::uint8_t>(seq);
        db::write_head_anchor_slot(path, "T1", seq++, hash, key);
        timer.stop();
    }
    std::error_code ec;
    std::filesystem::remove(path, ec);
}

void sell_loop(benchmark::State& state, const char* name) {
    OpTimer timer(name);
    sqlite3* h = g->till->ledger().db().handle();
    int cur = 0, high = 0;
    sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_WRITE, &cur, &high, 1);
    std::int64_t n = 0;
    for (auto _ : state) {
        timer.start();
        auto r = g->till->sell(*g->seller, g->request);
        timer.stop();
        benchmark::DoNotOptimize(r.ticket);
        ++n;
    }
    sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_WRITE, &cur, &high, 1);
    g->pages[name].first += cur;
    g->pages[name].second += n;
}

void BM_DurableSale(benchmark::State& state) { sell_loop(state, "BM_DurableSale"); }

// Diagnostic: the same sale without any fsync, i.e. its CPU and page-cache cost.
void BM_SaleSynchronousOff(benchmark::State& state) {
    g->till->ledger().db().exec("PRAGMA synchronous=OFF");
    sell_loop(state, "BM_SaleSynchronousOff");
    g->till->ledger().db().exec("PRAGMA synchronous=FULL");
}

constexpr int kIterations = 200, kRepetitions = 5;
BENCHMARK(BM_RawWriteFdatasync)->Iterations(kIterations)->Repetitions(kRepetitions)->ReportAggregatesOnly(true)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RawWrite32KFdatasync)->Iterations(kIterations)->Repetitions(kRepetitions)->ReportAggregatesOnly(true)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RawAppendFdatasync)->Iterations(kIterations)->Repetitions(kRepetitions)->ReportAggregatesOnly(true)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AnchorSlotWrite)->Iterations(kIterations)->Repetitions(kRepetitions)->ReportAggregatesOnly(true)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_DurableSale)->Iterations(kIterations)->Repetitions(kRepetitions)->ReportAggregatesOnly(true)->UseRealTime()->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SaleSynchronousOff)->Iterations(kIterations)->Repetitions(kRepetitions)->ReportAggregatesOnly(true)->UseRealTime()->Unit(benchmark::kMicrosecond);

void setup(bool fresh) {
    g->dir = bench_dir();
    g->raw_path = g->dir + "/caisse-bench-raw.dat";
    g->ledger_path = g->dir + "/caisse-bench-sale.db";

    g->fd = ::open(g->raw_path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (g->fd < 0) throw std::runtime_error("cannot create " + g->raw_path + ": " + std::strerror(errno));
    std::vector<char> block(kBlock, 'x');
    for (std::size_t i = 0; i < kRawBlocks; ++i)
        if (::write(g->fd, block.data(), kBlock) != static_cast<ssize_t>(kBlock)) throw std::runtime_error("cannot fill " + g->raw_path);
    if (::fsync(g->fd) != 0) throw std::runtime_error("fsync failed on " + g->raw_path);

    // A ledger with some history (B-trees a few levels deep), then the till as the counter opens it.
    if (fresh) remove_ledger_files(g->ledger_path);
    ensure_ledger(g->ledger_path, 20'000, 7);
    g->till = Till::open(g->ledger_path);
    // For experiments only: extra PRAGMAs on the till's connection (e.g. "PRAGMA wal_autocheckpoint=0").
    if (const char* extra = std::getenv("CAISSE_BENCH_PRAGMAS"); extra && *extra) g->till->ledger().db().exec(extra);
    g->seller = sign_in_as(*g->till, kSellerName);
    for (const auto& sku : three_line_ticket_skus()) g->request.items.push_back(ItemSpec{sku, 1, std::nullopt});
    g->request.payments = {TenderRequest{TenderMethod::Cash, Money::cents(2000)}};
    g->till->sell(*g->seller, g->request);  // prepares the cached statements, checks the request is valid
}

void teardown(bool keep) {
    g->till.reset();
    if (g->fd >= 0) ::close(g->fd);
    if (!keep) {
        std::error_code ec;
        std::filesystem::remove(g->raw_path, ec);
        remove_ledger_files(g->ledger_path);
    }
}

}  // namespace

int main(int argc, char** argv) {
    bool keep = false;
    std::vector<char*> args;
    for (int i = 0; i < argc; ++i) {
        if (std::string_view(argv[i]) == "--keep") keep = true;
        else args.push_back(argv[i]);
    }
    int n = static_cast<int>(args.size());
    benchmark::Initialize(&n, args.data());
    Shared shared;
    g = &shared;
    try {
        setup(!keep);
        std::cout << fmt::format("directory {}  (raw file {}, ledger {})\n", std::filesystem::absolute(g->dir).string(),
                                 g->raw_path, g->ledger_path);
        benchmark::RunSpecifiedBenchmarks();

        std::cout << fmt::format("\n{:<26} {:>8} {:>10} {:>10} {:>10} {:>10} {:>12} {:>10}\n", "per operation (wall)", "ops",
                                 "min us", "median us", "p90 us", "p99 us", "cpu med us", "pages/op");
        for (const auto& [name, v] : g->samples) {
            if (v.empty()) continue;
            std::string pages = "";
            if (auto it = g->pages.find(name); it != g->pages.end() && it->second.second > 0)
                pages = fmt::format("{:.1f}", static_cast<double>(it->second.first) / static_cast<double>(it->second.second));
            std::cout << fmt::format("{:<26} {:>8} {:>10.1f} {:>10.1f} {:>10.1f} {:>10.1f} {:>12.1f} {:>10}\n", name, v.size(),
                                     quantile(v, 0) * 1e6, median(v) * 1e6, quantile(v, 0.9) * 1e6, quantile(v, 0.99) * 1e6,
                                     median(g->cpu[name]) * 1e6, pages);
        }
        const auto& raw = g->samples["BM_RawWriteFdatasync"];
        const auto& sale = g->samples["BM_DurableSale"];
        if (!raw.empty() && !sale.empty()) {
            const double ratio = median(sale) / median(raw);
            std::cout << fmt::format("\nratio durable_sale_median / raw_fdatasync_median = {:.0f} us / {:.0f} us = {:.2f}  (target <= 2)\n",
                                     median(sale) * 1e6, median(raw) * 1e6, ratio);
            summary("raw 4 KiB pwrite+fdatasync, median", fmt::format("{:.0f} us", median(raw) * 1e6));
            summary("durable sale (Till::sell, 3 lines), median", fmt::format("{:.0f} us (p99 {:.0f} us, CPU {:.0f} us)", median(sale) * 1e6,
                                                                             quantile(sale, 0.99) * 1e6, median(g->cpu["BM_DurableSale"]) * 1e6));
            summary("durable sale / raw fdatasync", fmt::format("{:.2f}", ratio), "<= 2");
        }
        if (const auto& off = g->samples["BM_SaleSynchronousOff"]; !off.empty())
            summary("same sale, synchronous=OFF (no fsync at all), median", fmt::format("{:.0f} us", median(off) * 1e6));
        if (const auto& append = g->samples["BM_RawAppendFdatasync"]; !append.empty() && !sale.empty())
            summary("raw 4 KiB write appended + fdatasync, median (durable sale / it)",
                    fmt::format("{:.0f} us ({:.2f})", median(append) * 1e6, median(sale) / median(append)));
        if (const auto& anchor = g->samples["BM_AnchorSlotWrite"]; !anchor.empty())
            summary("head anchor slot: sign + overwrite in place (background thread), median",
                    fmt::format("{:.0f} us", median(anchor) * 1e6));
        teardown(keep);
    } catch (const std::exception& e) {
        std::cerr << "bench_ledger: " << e.what() << "\n";
        teardown(keep);
        return 1;
    }
    benchmark::Shutdown();
    return 0;
}
