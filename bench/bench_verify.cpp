// How fast `caisse verify` checks a big ledger, against what this machine's SHA-256 can do.
//
//   bench_verify [--db FILE] [--runs 3] [--threads 2] [--breakdown] [--no-openssl-cli]
//
// Without --db, uses $CAISSE_BENCH_DIR/ledger-1m.db, generating 1,000,000 tickets over 365 days
// there first if it is missing. --breakdown also runs verify_ledger on one thread, and times alone
// on one core what it is made of (SQLite reads of the journal and of the sale projections, SHA-256,
// the payload rebuild), to show where the time goes.
#include <openssl/evp.h>

#include <cstdio>
#include <cstring>
#include <thread>

#include "app/core/vat.hpp"
#include "bench/bench_util.hpp"
#include "db/journal.hpp"
#include "db/ledger.hpp"
#include "db/verify.hpp"

namespace {

using namespace caisse;
using namespace caisse::bench;

constexpr double MB = 1e6;  // as openssl speed counts: 1000s of bytes

// SHA-256 of `bytes` bytes as openssl speed -evp sha256 -bytes 512 does it: one digest per block,
// the digest fetched once (passing EVP_sha256() to every init costs ~20 % more in OpenSSL 3).
double sha256_seconds(std::int64_t bytes) {
    std::vector<unsigned char> block(512);
    for (std::size_t i = 0; i < block.size(); ++i) block[i] = static_cast<unsigned char>(i * 31);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    EVP_MD* fetched = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    const std::int64_t blocks = (bytes + 511) / 512;
    const auto t0 = SteadyClock::now();
    for (std::int64_t i = 0; i < blocks; ++i) {
        EVP_DigestInit_ex(ctx, fetched, nullptr);
        EVP_DigestUpdate(ctx, block.data(), block.size());
        EVP_DigestFinal_ex(ctx, out, &len);
        block[0] = out[0];  // a dependency, so nothing can be skipped
    }
    const double s = seconds_since(t0);
    EVP_MD_free(fetched);
    EVP_MD_CTX_free(ctx);
    return s;
}

// Bytes per second from `openssl speed -evp sha256 -bytes 512 -seconds 3`; 0 when unavailable.
double openssl_speed() {
    FILE* p = ::popen("openssl speed -evp sha256 -bytes 512 -seconds 3 2>/dev/null", "r");
    if (!p) return 0;
    char line[512];
    double value = 0;
    while (std::fgets(line, sizeof line, p)) {
        // "sha256          301619.54k" (the figure is in 1000s of bytes per second)
        char name[64];
        double v = 0;
        if (std::sscanf(line, "%63s %lfk", name, &v) == 2 && std::strstr(name, "sha256")) value = v * 1000;
    }
    ::pclose(p);
    return value;
}

struct Step {
    std::string what;
    double seconds = 0;
    std::int64_t rows = 0;
};

// The primitive costs inside verify_ledger, each alone on one core, so that "where does the time go"
// does not depend on how db/verify.cpp arranges its threads: reading the journal, hashing it,
// reading the sale projections, and rebuilding the sale payloads from them.
std::vector<Step> breakdown(const std::string& path, const std::string& terminal) {
    std::vector<Step> steps;
    db::Database conn(path, db::Database::Mode::ReadOnly);
    // The journal as verify_ledger reads it: one terminal's chain in seq order, through the primary key
    // (storage order never matters).
    const std::string chain_sql = "SELECT seq, kind, at_utc, payload, prev_hash, hash, sig, terminal FROM journal WHERE terminal = '" +
                                  terminal + "' ORDER BY seq";
    std::int64_t sink = 0;
    {
        Step s{"SQLite: read the journal (every column, no hashing)"};
        const auto t0 = SteadyClock::now();
        auto st = conn.prepare(chain_sql);
        while (st.step()) {
            if (st.text(7) != terminal) continue;
            sink += st.i64(0) + static_cast<std::int64_t>(st.text(1).size() + st.text(2).size() + st.text(3).size() +
                                                          st.blob(4).size() + st.blob(5).size() + st.blob(6).size());
            ++s.rows;
        }
        s.seconds = seconds_since(t0);
        steps.push_back(s);
    }
    {
        Step s{"SQLite read + db::record_hash (OpenSSL), as verify_ledger hashes (SHA-256 = this minus the line above)"};
        db::Sha256 sha;
        const auto t0 = SteadyClock::now();
        auto st = conn.prepare(chain_sql);
        while (st.step()) {
            if (st.text(7) != terminal) continue;
            auto prev = st.blob(4);
            if (prev.size() != 32) continue;
            auto h = db::record_hash(sha, reinterpret_cast<const std::uint8_t*>(prev.data()), terminal, st.i64(0), st.text(1),
                                     st.text(2), st.text(3));
            sink += h[0];
            ++s.rows;
        }
        s.seconds = seconds_since(t0);
        steps.push_back(s);
    }
    // The sale projections, read in ticket order with the columns verify needs (t: text, i: integer).
    struct Table {
        const char* name;
        const char* sql;
        const char* types;
    };
    const bool vat_projection = conn.scalar("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'sale_vat'") > 0;
    const Table all_tables[] = {
        {"sales", "SELECT ticket, seq, session_id, user_id, day, discount, total, change FROM sales WHERE terminal = ?1 ORDER BY ticket",
         "iiiitiii"},
        {"sale_lines",
         "SELECT ticket, sku, name, entrepreneur_id, category_id, vat_bp, quantity, unit_price, line_discount, discount_share, "
         "total, line_no FROM sale_lines WHERE terminal = ?1 ORDER BY ticket, line_no",
         "ittiiiiiiiii"},
        {"sale_payments", "SELECT ticket, method, amount, idx FROM sale_payments WHERE terminal = ?1 ORDER BY ticket, idx", "itii"},
        {"sale_vat", "SELECT ticket, vat_bp, ht, vat, ttc FROM sale_vat WHERE terminal = ?1 ORDER BY ticket, vat_bp", "iiiii"},
    };
    const std::size_t table_count = vat_projection ? 4 : 3;  // sale_vat: only in ledgers that still project VAT
    const Table* tables = all_tables;
    for (std::size_t ti = 0; ti < table_count; ++ti) {
        const Table& t = tables[ti];
        Step s{std::string("SQLite: read ") + t.name};
        const std::string_view types = t.types;
        const auto t0 = SteadyClock::now();
        auto st = conn.prepare(t.sql);
        st.bind(1, terminal);
        while (st.step()) {
            for (std::size_t c = 0; c < types.size(); ++c)
                sink += types[c] == 't' ? static_cast<std::int64_t>(st.text(static_cast<int>(c)).size()) : st.i64(static_cast<int>(c));
            ++s.rows;
        }
        s.seconds = seconds_since(t0);
        steps.push_back(s);
    }
    {
        // Rebuild alone: a sample of sales loaded into memory first, re-serialised with the same writer
        // verify uses (append_sale_payload -> SalePayloadWriter), compared with the journal's bytes,
        // then scaled to every sale of the ledger.
        constexpr std::int64_t kSample = 200'000;
        std::vector<db::SaleRecord> sales;
        std::vector<std::string> payloads;
        {
            auto j = conn.prepare("SELECT payload FROM journal WHERE terminal = ?1 AND kind = 'sale' ORDER BY seq LIMIT ?2");
            j.bind(1, terminal).bind(2, kSample);
            while (j.step()) payloads.push_back(j.str(0));
            auto sl = conn.prepare(tables[0].sql), li = conn.prepare(tables[1].sql), pa = conn.prepare(tables[2].sql);
            auto va = conn.prepare(vat_projection ? tables[3].sql : "SELECT 0, 0, 0, 0, 0 WHERE ?1 IS NULL");
            for (auto* st : {&sl, &li, &pa, &va}) st->bind(1, terminal);
            bool lok = li.step(), pok = pa.step(), vok = va.step();
            while (static_cast<std::int64_t>(sales.size()) < kSample && sl.step()) {
                db::SaleRecord r;
                r.ticket = sl.i64(0);
                r.session = sl.i64(2);
                r.user = sl.i64(3);
                r.day = sl.str(4);
                r.discount = sl.i64(5);
                r.total = sl.i64(6);
                r.change = sl.i64(7);
                for (; lok && li.i64(0) == r.ticket; lok = li.step())
                    r.lines.push_back(db::SaleLineRecord{li.str(1), li.str(2), li.i64(3), li.i64(4), li.i64(5), li.i64(6),
                                                         li.i64(7), li.i64(8), li.i64(9), li.i64(10)});
                for (; pok && pa.i64(0) == r.ticket; pok = pa.step()) r.payments.push_back(db::PaymentRecord{pa.str(1), pa.i64(2)});
                for (; vok && va.i64(0) == r.ticket; vok = va.step())
                    r.vat.push_back(db::VatRecord{va.i64(1), va.i64(2), va.i64(3), va.i64(4)});
                if (!vat_projection) {  // VAT recomputed from the lines by the rule, as the till and verify do
                    std::map<std::int32_t, Money> ttc;
                    for (const auto& l : r.lines) ttc[static_cast<std::int32_t>(l.vat_bp)] += Money::cents(l.total);
                    for (const auto& [bp, amount] : ttc) {
                        const auto v = split_ttc(amount, VatRate{bp});
                        r.vat.push_back(db::VatRecord{bp, v.ht.value(), v.vat.value(), v.ttc.value()});
                    }
                }
                sales.push_back(std::move(r));
            }
        }
        const std::size_t n = std::min(sales.size(), payloads.size());
        std::string rebuilt;
        std::int64_t mismatches = 0;
        const auto t0 = SteadyClock::now();
        for (std::size_t i = 0; i < n; ++i) {
            rebuilt.clear();
            db::append_sale_payload(rebuilt, sales[i]);
            mismatches += rebuilt != payloads[i];
        }
        const double sample_seconds = seconds_since(t0);
        const std::int64_t all_sales = steps[3].rows;  // rows of the sales table
        Step s{fmt::format("rebuild sale payloads + compare (timed on {} sales from memory, scaled{})", n,
                           vat_projection ? "" : "; VAT split not included")};
        s.rows = all_sales;
        s.seconds = n ? sample_seconds * static_cast<double>(all_sales) / static_cast<double>(n) : 0;
        if (mismatches) s.what += fmt::format(" [{} MISMATCHES: is the sample aligned?]", mismatches);
        steps.push_back(s);
    }
    if (sink == 42) std::cerr << "";  // keeps the reads alive
    return steps;
}

}  // namespace

int main(int argc, char** argv) {
    std::string path;
    int runs = 3;
    unsigned threads = 2;
    bool with_breakdown = false, openssl_cli = true;
    for (int i = 1; i < argc; ++i) {
        std::string_view a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) throw std::invalid_argument(std::string(a) + " needs a value");
            return argv[++i];
        };
        try {
            if (a == "--db") path = next();
            else if (a == "--runs") runs = std::max(1, std::stoi(next()));
            else if (a == "--threads") threads = static_cast<unsigned>(std::max(1, std::stoi(next())));
            else if (a == "--breakdown") with_breakdown = true;
            else if (a == "--no-openssl-cli") openssl_cli = false;
            else {
                std::cerr << "usage: bench_verify [--db FILE] [--runs N] [--threads N] [--breakdown] [--no-openssl-cli]\n";
                return 2;
            }
        } catch (const std::exception& e) {
            std::cerr << "bench_verify: " << e.what() << "\n";
            return 2;
        }
    }
    try {
        if (path.empty()) {
            path = bench_dir() + "/ledger-1m.db";
            ensure_ledger(path, 1'000'000, 365);
        }
        db::VerifyOptions opts;
        opts.chain_threads = threads;
        std::vector<double> times;
        db::VerifyResult result;
        for (int r = 0; r < runs; ++r) {
            const auto t0 = SteadyClock::now();
            result = db::verify_ledger(path, opts);
            times.push_back(seconds_since(t0));
            std::cout << fmt::format("verify run {}: {:.3f} s ({})\n", r + 1, times.back(), result.ok ? "intact" : "BROKEN");
        }
        if (!result.ok) {
            std::cout << fmt::format("LEDGER BROKEN: {} problems, first: seq {}: {}\n", result.problems.size(),
                                     result.problems.front().seq, result.problems.front().reason);
        }
        const double best = *std::min_element(times.begin(), times.end());
        const double verify_bps = static_cast<double>(result.bytes_hashed) / best;
        std::cout << fmt::format("ledger       {} ({:.1f} MiB)\n", path,
                                 static_cast<double>(std::filesystem::file_size(path)) / (1024.0 * 1024.0));
        std::cout << fmt::format("records      {}\n", result.records);
        std::cout << fmt::format("bytes hashed {} ({:.1f} MB)\n", result.bytes_hashed, static_cast<double>(result.bytes_hashed) / MB);
        std::cout << fmt::format("verify       best of {}: {:.3f} s, {:.1f} MB/s hashed, {:.0f} records/s (chain_threads={})\n",
                                 runs, best, verify_bps / MB, static_cast<double>(result.records) / best, threads);

        std::vector<double> sha;
        for (int r = 0; r < 3; ++r) sha.push_back(sha256_seconds(result.bytes_hashed));
        const double sha_best = *std::min_element(sha.begin(), sha.end());
        const double sha_bps = static_cast<double>(result.bytes_hashed) / sha_best;
        std::cout << fmt::format("sha256       in-process EVP, 512-byte blocks, same byte count, one core: {:.3f} s, {:.1f} MB/s\n",
                                 sha_best, sha_bps / MB);
        double cli_bps = 0;
        if (openssl_cli) {
            cli_bps = openssl_speed();
            if (cli_bps > 0) std::cout << fmt::format("sha256       openssl speed -evp sha256 -bytes 512: {:.1f} MB/s\n", cli_bps / MB);
            else std::cout << "sha256       openssl speed: not available\n";
        }
        const double ratio = verify_bps / sha_bps;
        std::cout << fmt::format("ratio        verify throughput / sha256 throughput = {:.2f} (target >= 0.40)", ratio);
        if (cli_bps > 0) std::cout << fmt::format("; against openssl speed: {:.2f}", verify_bps / cli_bps);
        std::cout << fmt::format("\nabsolute     {:.2f} s for {} records (target < 3 s)\n", best, result.records);

        row(fmt::format("verify of {} records ({:.1f} MB hashed), best of {}", result.records,
                        static_cast<double>(result.bytes_hashed) / MB, runs),
            fmt::format("{:.2f} s", best), "< 3 s", "", best < 3.0 && result.ok);
        row("verify throughput / SHA-256 throughput (in-process EVP, 512-byte blocks, 1 core)", fmt::format("{:.2f}", ratio), ">= 0.40",
            fmt::format("{:.0f} MB/s / {:.0f} MB/s{}", verify_bps / MB, sha_bps / MB,
                        cli_bps > 0 ? fmt::format(" (openssl speed: {:.0f} MB/s)", cli_bps / MB) : std::string()),
            ratio >= 0.40);

        if (with_breakdown) {
            std::string terminal = "T1";
            {
                db::Database conn(path, db::Database::Mode::ReadOnly);
                auto st = conn.prepare("SELECT value FROM local_settings WHERE key = 'terminal'");
                if (st.step()) terminal = st.str(0);
            }
            db::VerifyOptions one = opts;
            one.chain_threads = 1;
            const auto t0 = SteadyClock::now();
            const auto r1 = db::verify_ledger(path, one);
            const double single = seconds_since(t0);
            std::cout << fmt::format("\nwhere the time goes (one core each; single-thread verify_ledger = all of it):\n");
            std::cout << fmt::format("  {:>7.3f} s  {:>9} rows  verify_ledger with chain_threads=1 ({})\n", single, r1.records,
                                     r1.ok ? "intact" : "BROKEN");
            const auto steps = breakdown(path, terminal);
            double journal_read = 0, with_hash = 0, projections = 0, rebuild = 0;
            for (std::size_t i = 0; i < steps.size(); ++i) {
                const auto& s = steps[i];
                std::cout << fmt::format("  {:>7.3f} s  {:>9} rows  {}\n", s.seconds, s.rows, s.what);
                if (i == 0) journal_read = s.seconds;
                else if (i == 1) with_hash = s.seconds;  // as verify_ledger hashes
                else if (i + 1 < steps.size()) projections += s.seconds;
                else rebuild = s.seconds;
            }
            const double hashing = with_hash - journal_read;
            const double rest = single - with_hash - projections - rebuild;
            auto pct = [&](double x) { return 100.0 * x / single; };
            std::cout << fmt::format("  shares of the single-thread run: SQLite reads {:.2f} s ({:.0f} %), SHA-256 {:.2f} s ({:.0f} %), "
                                     "payload rebuild {:.2f} s ({:.0f} %), ",
                                     journal_read + projections, pct(journal_read + projections), hashing, pct(hashing), rebuild,
                                     pct(rebuild));
            if (rest >= 0)
                std::cout << fmt::format("the rest (sale rules, compares, catalogue, bookkeeping) {:.2f} s ({:.0f} %)\n", rest, pct(rest));
            else
                std::cout << fmt::format("the rest {:.2f} s: negative, so verify_ledger does one of these steps cheaper than "
                                         "the primitive measured here\n", rest);
            std::cout << fmt::format("  parallel: {:.2f} s on 1 thread, {:.2f} s best on {} -> speed-up {:.2f} (ideal {})\n", single, best,
                                     threads, single / best, std::min(threads, std::thread::hardware_concurrency()));
            row("verify on 1 thread (chain_threads=1): SQLite reads / SHA-256 / payload rebuild / rest",
                fmt::format("{:.2f} s: {:.2f} / {:.2f} / {:.2f} / {:.2f} s", single, journal_read + projections, hashing, rebuild, rest));
        }
        return result.ok ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "bench_verify: " << e.what() << "\n";
        return 1;
    }
}
