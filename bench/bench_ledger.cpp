// The price of durability and of integrity: one 3-line sale through Till::sell (WAL,
// synchronous=FULL, hash chain, signature, projections) against two references measured in the same
// run, interleaved with it:
//   (a) the sale's journal record bytes appended to a file with write() + fdatasync (the floor the
//       storage sets for writing those bytes durably);
//   (b) the same rows (a sale, its 3 lines, its payment) committed by plain SQLite in one
//       transaction, WAL, synchronous=FULL, same tables and indexes, no chain and no signature.
// Goal: Till::sell / (b) <= 1.3. Diagnostics: in-place 4 KiB and 32 KiB writes, the head anchor
// writer, and both sales with synchronous=OFF (their CPU and page-cache cost alone).
//
//   CAISSE_BENCH_DIR=/path/on/the/same/disk bench_ledger [--quick] [--keep] [google benchmark flags]
//   bench_ledger --count-syncs N   N sales through the till, each preceded by access("<dir>/caisse-
//                                  mark-sale"), then N by plain SQLite ("caisse-mark-plain"), so that
//                                  bench/count_syncs.sh can attribute every fsync under strace
//   bench_ledger --wal-pages N     N sales through the till, then N by plain SQLite, each run with
//                                  automatic checkpoints off from an empty WAL; prints the WAL frames
//                                  a sale wrote per B-tree (frame page numbers named by dbstat)
//
// Every single operation is timed; the per-operation medians give the ratios printed as SUMMARY rows.
#include <benchmark/benchmark.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <time.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "app/services/till.hpp"
#include "bench/bench_util.hpp"

namespace {

using namespace caisse;
using namespace caisse::bench;

struct Shared {
    std::string dir, raw_path, ledger_path, plain_path;
    int fd = -1;
    std::unique_ptr<Till> till;
    std::unique_ptr<db::Database> plain;  // reference (b)
    std::size_t record_bytes = 0;         // one sale's journal record, for reference (a)
    std::string mark_path;
    SellRequest request;
    std::optional<Actor> seller;
    std::map<std::string, std::vector<double>> samples;  // benchmark -> seconds per operation (wall)
    std::map<std::string, std::vector<double>> cpu;      // benchmark -> seconds per operation (this thread's CPU)
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> pages;  // benchmark -> (pages written, sales)
    std::map<std::string, std::pair<std::int64_t, std::int64_t>> anchors;  // benchmark -> (head anchors written, sales)
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

// Reference (a): the bytes of one sale's journal record appended with write() + fdatasync.
void BM_RawAppendRecord(benchmark::State& state) {
    const std::string path = g->dir + "/caisse-bench-append-record.dat";
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, 0644);
    if (fd < 0) {
        state.SkipWithError("cannot create the append file");
        return;
    }
    std::vector<char> buf(g->record_bytes, 'r');
    OpTimer timer("BM_RawAppendRecord");
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

// Reference (b): the rows Till::sell projects, committed by plain SQLite (prepared statements kept,
// as the till keeps its own): next ticket number, the sale, 3 lines, the payment, one transaction.
struct PlainSale {
    db::Statement begin, commit, next, sale, line, pay;
    std::vector<std::vector<std::string>> lines;  // sku, name, then the 8 integers, as text
    std::vector<std::int64_t> sale_values;        // session_id, user_id, discount, total, change
    std::string day, method;
    std::int64_t amount = 0;
    std::int64_t next_seq = 0;  // the sale's journal seq, unique (sales_by_seq); counted here, not looked up
    explicit PlainSale(db::Database& d)
        : begin(d.prepare("BEGIN IMMEDIATE")), commit(d.prepare("COMMIT")),
          next(d.prepare("SELECT COALESCE(MAX(ticket), 0) + 1 FROM sales WHERE terminal = ?1")),
          sale(d.prepare("INSERT INTO sales(terminal, ticket, seq, session_id, user_id, day, discount, total, change) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")),
          line(d.prepare("INSERT INTO sale_lines(terminal, ticket, line_no, sku, name, entrepreneur_id, category_id, vat_bp, "
                         "quantity, unit_price, line_discount, discount_share, total) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")),
          pay(d.prepare("INSERT INTO sale_payments(terminal, ticket, idx, method, amount) VALUES (?1, ?2, ?3, ?4, ?5)")) {}
    void run() {
        begin.reset();
        begin.run();
        next.reset();
        next.bind(1, "T1");
        next.step();
        const std::int64_t ticket = next.i64(0);
        next.reset();
        sale.reset();
        sale.bind(1, "T1").bind(2, ticket).bind(3, next_seq++).bind(4, sale_values[0]).bind(5, sale_values[1]).bind(6, day);
        sale.bind(7, sale_values[2]).bind(8, sale_values[3]).bind(9, sale_values[4]).run();
        for (std::size_t i = 0; i < lines.size(); ++i) {
            const auto& l = lines[i];
            line.reset();
            line.bind(1, "T1").bind(2, ticket).bind(3, static_cast<std::int64_t>(i + 1)).bind(4, l[0]).bind(5, l[1]);
            for (int c = 0; c < 8; ++c) line.bind(6 + c, std::stoll(l[2 + static_cast<std::size_t>(c)]));
            line.run();
        }
        pay.reset();
        pay.bind(1, "T1").bind(2, ticket).bind(3, 1).bind(4, method).bind(5, amount).run();
        commit.reset();
        commit.run();
    }
};
PlainSale* g_plain = nullptr;

void BM_PlainSqliteSale(benchmark::State& state) {
    OpTimer timer("BM_PlainSqliteSale");
    sqlite3* h = g->plain->handle();
    int cur = 0, high = 0;
    sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_WRITE, &cur, &high, 1);
    std::int64_t n = 0;
    for (auto _ : state) {
        timer.start();
        g_plain->run();
        timer.stop();
        ++n;
    }
    sqlite3_db_status(h, SQLITE_DBSTATUS_CACHE_WRITE, &cur, &high, 1);
    g->pages["BM_PlainSqliteSale"].first += cur;
    g->pages["BM_PlainSqliteSale"].second += n;
}

// Diagnostic: the plain rows without any fsync.
void BM_PlainSqliteSynchronousOff(benchmark::State& state) {
    g->plain->exec("PRAGMA synchronous=OFF");
    OpTimer timer("BM_PlainSqliteSynchronousOff");
    for (auto _ : state) {
        timer.start();
        g_plain->run();
        timer.stop();
    }
    g->plain->exec("PRAGMA synchronous=FULL");
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
    g->till->ledger().flush_head_anchor();
    const std::int64_t anchors = g->till->ledger().head_anchor_writes();
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
    g->till->ledger().flush_head_anchor();
    g->anchors[name].first += g->till->ledger().head_anchor_writes() - anchors;
    g->anchors[name].second += n;
}

void BM_DurableSale(benchmark::State& state) { sell_loop(state, "BM_DurableSale"); }

// Diagnostic: the same sale without any fsync, i.e. its CPU and page-cache cost.
void BM_SaleSynchronousOff(benchmark::State& state) {
    g->till->ledger().db().exec("PRAGMA synchronous=OFF");
    sell_loop(state, "BM_SaleSynchronousOff");
    g->till->ledger().db().exec("PRAGMA synchronous=FULL");
}

// Registered at run time: --quick runs fewer repetitions. Random interleaving (on unless the
// caller says otherwise) spreads each benchmark's repetitions among the others', so that a slow
// moment of a shared machine hits the sale and its references alike.
void register_benchmarks(bool quick) {
    const int iterations = quick ? 100 : 200, repetitions = quick ? 3 : 9;
    using Fn = void (*)(benchmark::State&);
    const std::pair<const char*, Fn> all[] = {
        {"BM_RawWriteFdatasync", BM_RawWriteFdatasync},
        {"BM_RawWrite32KFdatasync", BM_RawWrite32KFdatasync},
        {"BM_RawAppendFdatasync", BM_RawAppendFdatasync},
        {"BM_RawAppendRecord", BM_RawAppendRecord},
        {"BM_AnchorSlotWrite", BM_AnchorSlotWrite},
        {"BM_PlainSqliteSale", BM_PlainSqliteSale},
        {"BM_DurableSale", BM_DurableSale},
        {"BM_PlainSqliteSynchronousOff", BM_PlainSqliteSynchronousOff},
        {"BM_SaleSynchronousOff", BM_SaleSynchronousOff},
    };
    for (const auto& [name, fn] : all)
        benchmark::RegisterBenchmark(name, fn)
            ->Iterations(iterations)
            ->Repetitions(repetitions)
            ->ReportAggregatesOnly(true)
            ->UseRealTime()
            ->Unit(benchmark::kMicrosecond);
}

// The generated ledger's days are in the past, and a till refuses to sell into a session opened more
// than 24 hours ago: this till's clock starts an hour after its open session was opened and runs
// at the real pace from there.
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

// Reference (b)'s database: the ledger's three sale tables and their indexes, filled with the bench
// ledger's own sales (same B-tree depth), in WAL with synchronous=FULL like the till.
void setup_plain() {
    g->plain_path = g->dir + "/caisse-bench-plain.db";
    remove_ledger_files(g->plain_path);
    g->plain = std::make_unique<db::Database>(g->plain_path, db::Database::Mode::Create);
    auto& d = *g->plain;
    d.exec("PRAGMA journal_mode=WAL");
    d.exec("PRAGMA synchronous=FULL");
    d.exec("ATTACH DATABASE '" + g->ledger_path + "' AS ledger");
    // The schema is read first, then created: no statement stays open on it while it changes.
    std::vector<std::string> ddl;
    for (auto st = d.prepare("SELECT sql FROM ledger.sqlite_schema WHERE sql IS NOT NULL AND tbl_name IN "
                             "('sales', 'sale_lines', 'sale_payments') ORDER BY type DESC, name");  // tables, then indexes
         st.step();)
        ddl.push_back(st.str(0));
    for (const auto& sql : ddl)
        // Unique indexes too: the till keeps sales_by_seq (terminal, seq) unique, and so must the reference.
        if (sql.starts_with("CREATE TABLE") || sql.starts_with("CREATE INDEX") || sql.starts_with("CREATE UNIQUE INDEX")) d.exec(sql);
    for (const char* table : {"sales", "sale_lines", "sale_payments"})
        d.exec(std::string("INSERT INTO main.") + table + " SELECT * FROM ledger." + table);
    // The rows of the till's warm-up sale, the newest one, to be written again and again.
    auto plain = std::make_unique<PlainSale>(d);
    auto sale = d.prepare("SELECT ticket, session_id, user_id, day, discount, total, change FROM ledger.sales "
                          "WHERE terminal = 'T1' ORDER BY ticket DESC LIMIT 1");
    if (!sale.step()) throw std::runtime_error("the bench ledger has no sale");
    const std::int64_t ticket = sale.i64(0);
    plain->sale_values = {sale.i64(1), sale.i64(2), sale.i64(4), sale.i64(5), sale.i64(6)};
    plain->day = sale.str(3);
    auto lines = d.prepare("SELECT sku, name, entrepreneur_id, category_id, vat_bp, quantity, unit_price, line_discount, "
                           "discount_share, total FROM ledger.sale_lines WHERE terminal = 'T1' AND ticket = ?1 ORDER BY line_no");
    lines.bind(1, ticket);
    while (lines.step()) {
        std::vector<std::string> l{lines.str(0), lines.str(1)};
        for (int c = 2; c < 10; ++c) l.push_back(std::to_string(lines.i64(c)));
        plain->lines.push_back(std::move(l));
    }
    auto pay = d.prepare("SELECT method, amount FROM ledger.sale_payments WHERE terminal = 'T1' AND ticket = ?1 ORDER BY idx");
    pay.bind(1, ticket);
    if (!pay.step()) throw std::runtime_error("the warm-up sale has no payment");
    plain->method = pay.str(0);
    plain->amount = pay.i64(1);
    sale.reset();
    lines.reset();
    pay.reset();
    d.exec("DETACH DATABASE ledger");
    plain->next_seq = d.scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM main.sales");
    g_plain = plain.release();
    g_plain->run();  // warm, like the till's first sale
}

void setup(bool fresh) {
    g->dir = bench_dir();
    g->raw_path = g->dir + "/caisse-bench-raw.dat";
    g->ledger_path = g->dir + "/caisse-bench-sale.db";
    g->mark_path = g->dir + "/caisse-mark-sale";

    g->fd = ::open(g->raw_path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (g->fd < 0) throw std::runtime_error("cannot create " + g->raw_path + ": " + std::strerror(errno));
    std::vector<char> block(kBlock, 'x');
    for (std::size_t i = 0; i < kRawBlocks; ++i)
        if (::write(g->fd, block.data(), kBlock) != static_cast<ssize_t>(kBlock)) throw std::runtime_error("cannot fill " + g->raw_path);
    if (::fsync(g->fd) != 0) throw std::runtime_error("fsync failed on " + g->raw_path);

    // A ledger with some history (B-trees a few levels deep), then the till as the counter opens it.
    if (fresh) remove_ledger_files(g->ledger_path);
    ensure_ledger(g->ledger_path, 20'000, 7);
    g->till = Till::open(g->ledger_path, session_clock(g->ledger_path));
    // For experiments only: extra PRAGMAs on the till's connection (e.g. "PRAGMA wal_autocheckpoint=0").
    if (const char* extra = std::getenv("CAISSE_BENCH_PRAGMAS"); extra && *extra) g->till->ledger().db().exec(extra);
    g->seller = sign_in_as(*g->till, kSellerName);
    for (const auto& sku : three_line_ticket_skus()) g->request.items.push_back(ItemSpec{sku, 1, std::nullopt});
    g->request.payments = {TenderRequest{TenderMethod::Cash, Money::cents(2000)}};
    const auto warm = g->till->sell(*g->seller, g->request);  // prepares the cached statements, checks the request is valid
    // Reference (a) writes as many bytes as this sale's journal record holds.
    auto rec = g->till->ledger().db().prepare(
        "SELECT length(CAST(terminal AS BLOB)) + 8 + length(CAST(kind AS BLOB)) + length(CAST(at_utc AS BLOB)) + "
        "length(CAST(payload AS BLOB)) + length(prev_hash) + length(hash) + COALESCE(length(sig), 0) "
        "FROM journal WHERE terminal = 'T1' AND seq = ?1");
    rec.bind(1, warm.seq);
    if (!rec.step()) throw std::runtime_error("the warm-up sale is not in the journal");
    g->record_bytes = static_cast<std::size_t>(rec.i64(0));
    rec.reset();
    g->till->ledger().flush_head_anchor();
    setup_plain();
}

void teardown(bool keep) {
    g->till.reset();
    delete g_plain;
    g_plain = nullptr;
    g->plain.reset();
    if (g->fd >= 0) ::close(g->fd);
    if (!keep) {
        std::error_code ec;
        std::filesystem::remove(g->raw_path, ec);
        remove_ledger_files(g->ledger_path);
        remove_ledger_files(g->plain_path);
    }
}

// --count-syncs: N sales, each announced by a failed access() of a marker path that strace shows,
// so that every fsync in between is the sale's (or a checkpoint's or the anchor writer's).
// Then as many plain SQLite sales (reference (b)), announced by "<dir>/caisse-mark-plain".
int count_syncs(int n) {
    for (int i = 0; i < n; ++i) {
        (void)::access(g->mark_path.c_str(), F_OK);
        g->till->sell(*g->seller, g->request);
    }
    g->till->ledger().flush_head_anchor();
    const std::string plain_mark = g->dir + "/caisse-mark-plain";
    for (int i = 0; i < n; ++i) {
        (void)::access(plain_mark.c_str(), F_OK);
        g_plain->run();
    }
    (void)::access((g->mark_path + "-end").c_str(), F_OK);
    std::cout << fmt::format("{} sales of {} lines made by the till, then {} by plain SQLite\n", n, g->request.items.size(), n);
    return 0;
}

// --wal-pages: which B-trees the commits wrote, read back from the WAL file itself (each frame
// header names its page; SQLite's dbstat names the page's B-tree). Frames per sale, by B-tree.
std::map<std::string, double> wal_frames(db::Database& d, const std::string& path, const std::function<void()>& sale, int n) {
    d.exec("PRAGMA wal_autocheckpoint=0");
    d.exec("PRAGMA wal_checkpoint(TRUNCATE)");
    for (int i = 0; i < n; ++i) sale();
    std::map<std::int64_t, std::string> tree;
    for (auto st = d.prepare("SELECT pageno, name FROM dbstat"); st.step();) tree[st.i64(0)] = st.str(1);
    std::ifstream in(path + "-wal", std::ios::binary);
    const std::string wal((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto be32 = [&](std::size_t at) {
        return (std::uint32_t(std::uint8_t(wal[at])) << 24) | (std::uint32_t(std::uint8_t(wal[at + 1])) << 16) |
               (std::uint32_t(std::uint8_t(wal[at + 2])) << 8) | std::uint32_t(std::uint8_t(wal[at + 3]));
    };
    if (wal.size() < 32) throw std::runtime_error("no WAL file beside " + path);
    const std::size_t page = be32(8);
    std::map<std::string, double> out;
    for (std::size_t at = 32; at + 24 + page <= wal.size(); at += 24 + page) {
        const auto it = tree.find(be32(at));
        out[it == tree.end() ? "(free or new)" : it->second] += 1.0 / n;
    }
    d.exec("PRAGMA wal_autocheckpoint=1000");
    return out;
}

int wal_pages(int n) {
    auto till = wal_frames(g->till->ledger().db(), g->ledger_path, [] { g->till->sell(*g->seller, g->request); }, n);
    auto plain = wal_frames(*g->plain, g->plain_path, [] { g_plain->run(); }, n);
    std::cout << fmt::format("WAL frames a sale wrote, by B-tree ({} sales of each; sqlite_schema is page 1, the file's header)\n", n);
    std::cout << fmt::format("{:<32} {:>8} {:>8}\n", "B-tree", "till", "plain");
    std::set<std::string> names;
    double total_till = 0, total_plain = 0;
    for (const auto& [k, v] : till) names.insert(k), total_till += v;
    for (const auto& [k, v] : plain) names.insert(k), total_plain += v;
    for (const auto& k : names)
        std::cout << fmt::format("{:<32} {:>8.2f} {:>8.2f}\n", k, till.count(k) ? till[k] : 0.0, plain.count(k) ? plain[k] : 0.0);
    std::cout << fmt::format("{:<32} {:>8.2f} {:>8.2f}\n", "total", total_till, total_plain);
    return 0;
}

double med_us(const char* name) { return median(g->samples[name]) * 1e6; }

void print_results() {
    std::cout << fmt::format("\n{:<30} {:>8} {:>10} {:>10} {:>10} {:>10} {:>12} {:>10}\n", "per operation (wall)", "ops", "min us",
                             "median us", "p90 us", "p99 us", "cpu med us", "pages/op");
    for (const auto& [name, v] : g->samples) {
        if (v.empty()) continue;
        std::string pages = "";
        if (auto it = g->pages.find(name); it != g->pages.end() && it->second.second > 0)
            pages = fmt::format("{:.1f}", static_cast<double>(it->second.first) / static_cast<double>(it->second.second));
        std::cout << fmt::format("{:<30} {:>8} {:>10.1f} {:>10.1f} {:>10.1f} {:>10.1f} {:>12.1f} {:>10}\n", name, v.size(),
                                 quantile(v, 0) * 1e6, median(v) * 1e6, quantile(v, 0.9) * 1e6, quantile(v, 0.99) * 1e6,
                                 median(g->cpu[name]) * 1e6, pages);
    }
    const auto& sale = g->samples["BM_DurableSale"];
    const auto& plain = g->samples["BM_PlainSqliteSale"];
    const auto& append = g->samples["BM_RawAppendRecord"];
    if (sale.empty() || plain.empty() || append.empty()) return;
    const double sale_us = med_us("BM_DurableSale"), plain_us = med_us("BM_PlainSqliteSale"), append_us = med_us("BM_RawAppendRecord");
    const double integrity = sale_us / plain_us;
    std::cout << fmt::format("\nprice of integrity: durable sale / plain SQLite = {:.0f} us / {:.0f} us = {:.2f}  (goal <= 1.3)\n",
                             sale_us, plain_us, integrity);
    row("durable sale, 3 lines (Till::sell: chain, projections, signed head anchor after the commit; WAL, synchronous=FULL), median",
        fmt::format("{:.0f} us (p99 {:.0f} us, CPU {:.0f} us)", sale_us, quantile(sale, 0.99) * 1e6, median(g->cpu["BM_DurableSale"]) * 1e6),
        "", fmt::format("same rows by plain SQLite: {:.0f} us (CPU {:.0f} us)", plain_us, median(g->cpu["BM_PlainSqliteSale"]) * 1e6));
    // The fastest operations tell what the code costs when the disk is not shared: on a busy machine
    // the medians of both are the other work's fdatasync queue and their ratio goes to 1.
    row("price of integrity: durable sale / same rows by plain SQLite (1 transaction, WAL, synchronous=FULL), medians",
        fmt::format("{:.2f}x", integrity), "<= 1.3x",
        fmt::format("{:.0f} us / {:.0f} us; fastest of each: {:.0f} us / {:.0f} us = {:.2f}x", sale_us, plain_us, quantile(sale, 0) * 1e6,
                    quantile(plain, 0) * 1e6, quantile(sale, 0) / quantile(plain, 0)),
        integrity <= 1.3);
    row(fmt::format("price of durability: durable sale / its {} record bytes appended with write + fdatasync", g->record_bytes),
        fmt::format("{:.2f}x", sale_us / append_us), "", fmt::format("{:.0f} us", append_us));
    if (!g->samples["BM_SaleSynchronousOff"].empty() && !g->samples["BM_PlainSqliteSynchronousOff"].empty())
        row("same two with synchronous=OFF (CPU and page cache only): durable sale / plain SQLite",
            fmt::format("{:.0f} us / {:.0f} us = {:.2f}x", med_us("BM_SaleSynchronousOff"), med_us("BM_PlainSqliteSynchronousOff"),
                        med_us("BM_SaleSynchronousOff") / med_us("BM_PlainSqliteSynchronousOff")));
    const auto per_op = [](const char* name) {
        const auto it = g->pages.find(name);
        return it == g->pages.end() || it->second.second == 0 ? 0.0
                                                              : static_cast<double>(it->second.first) / static_cast<double>(it->second.second);
    };
    row("WAL pages written per sale (SQLITE_DBSTATUS_CACHE_WRITE; 4 KiB each), durable sale", fmt::format("{:.1f}", per_op("BM_DurableSale")),
        "", fmt::format("plain SQLite: {:.1f}", per_op("BM_PlainSqliteSale")));
    if (const auto& a = g->anchors["BM_DurableSale"]; a.second > 0)
        row("head anchors signed and written per sale, back-to-back durable sales (the writer rests 25 ms after each)",
            fmt::format("{:.3f}", static_cast<double>(a.first) / static_cast<double>(a.second)), "",
            fmt::format("{} anchors for {} sales", a.first, a.second));
    if (!g->samples["BM_RawWriteFdatasync"].empty())
        row("storage: 4 KiB pwrite in place + fdatasync / 4 KiB appended + fdatasync, medians",
            fmt::format("{:.0f} us / {:.0f} us", med_us("BM_RawWriteFdatasync"), med_us("BM_RawAppendFdatasync")));
    if (!g->samples["BM_AnchorSlotWrite"].empty())
        row("head anchor: sign + overwrite its slot (background thread, after the commit), median",
            fmt::format("{:.0f} us", med_us("BM_AnchorSlotWrite")));
}

}  // namespace

int main(int argc, char** argv) {
    bool keep = false, quick = false, interleave_given = false;
    int sync_sales = -1, wal_sales = 0;
    std::vector<char*> args;
    static char interleave[] = "--benchmark_enable_random_interleaving=true";
    for (int i = 0; i < argc; ++i) {
        const std::string_view a(argv[i]);
        if (a == "--keep") keep = true;
        else if (a == "--quick") quick = true;
        else if (a == "--count-syncs" && i + 1 < argc) sync_sales = std::atoi(argv[++i]);
        else if (a == "--wal-pages" && i + 1 < argc) wal_sales = std::max(1, std::atoi(argv[++i]));
        else {
            if (a.starts_with("--benchmark_enable_random_interleaving")) interleave_given = true;
            args.push_back(argv[i]);
        }
    }
    if (!interleave_given) args.push_back(interleave);
    int n = static_cast<int>(args.size());
    benchmark::Initialize(&n, args.data());
    Shared shared;
    g = &shared;
    try {
        setup(!keep);
        if (sync_sales >= 0) {
            const int rc = count_syncs(sync_sales);
            teardown(keep);
            return rc;
        }
        if (wal_sales > 0) {
            const int rc = wal_pages(wal_sales);
            teardown(keep);
            return rc;
        }
        register_benchmarks(quick);
        std::cout << fmt::format("directory {}  (raw file {}, ledger {}, plain SQLite {}; one sale's record: {} bytes)\n",
                                 std::filesystem::absolute(g->dir).string(), g->raw_path, g->ledger_path, g->plain_path,
                                 g->record_bytes);
        benchmark::RunSpecifiedBenchmarks();
        print_results();
        teardown(keep);
    } catch (const std::exception& e) {
        std::cerr << "bench_ledger: " << e.what() << "\n";
        teardown(keep);
        return 1;
    }
    benchmark::Shutdown();
    return 0;
}
