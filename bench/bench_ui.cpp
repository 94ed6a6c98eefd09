// CPU time to build one frame of the sell screen with 200 products on it (Dear ImGui only: the
// widgets and the draw lists, no OpenGL), at 1024x768 and 1920x1080, without and with a picture on
// every product (issue 12 item 8). Target: <= 1 ms.
//
//   bench_ui [google benchmark flags]
//   bench_ui --memory N   the till's own memory (no window, no GL driver: the screens, the services,
//                         SQLite): anonymous and file-backed RSS from /proc/self/smaps_rollup at the
//                         first frame and after N sales (3 lines, paid cash), one in 20 through the
//                         screen's taps, the others through Till::sell with a frame after each.
#include <benchmark/benchmark.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <stb_image_write.h>

#include <chrono>
#include <vector>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <string_view>

#include "tests/ui/harness.hpp"

namespace {

using caisse::ui::testing::Harness;

std::string catalogue_of_200() {
    std::string csv = "sku,name,price,vat,entrepreneur,category\n";
    const char* who[] = {"Aminata Diop", "Fatima Benali", "Mei Nguyen", "Rosa Quispe", "Jeanne Morel"};
    const char* what[] = {"Plats", "Boissons", "Desserts", "Textile"};
    for (int i = 0; i < 200; ++i)
        csv += "P" + std::to_string(i) + ",Produit n° " + std::to_string(i) + " fait maison," + std::to_string(2 + i % 17) + ".50,10," +
               who[i % 5] + "," + what[i % 4] + "\n";
    return csv;
}

void BM_SellScreenFrame(benchmark::State& state) {
    Harness h(ImVec2(static_cast<float>(state.range(0)), static_cast<float>(state.range(1))));
    h.till().import_catalogue(h.till().sign_in("Awa", "1234"), catalogue_of_200());
    h.login("Lucie", "1111");
    h.tap("tile:MAFE");
    h.tap("tile:COUSC");
    for (auto _ : state) h.frame();
    state.counters["targets"] = static_cast<double>(h.app().targets().size());
}

// The same with a picture on each of the 200 products (issue 12 item 8): 200 different PNG files
// (160x160) beside the ledger, decoded on the picture thread and uploaded (fake textures: no GL)
// before timing; each frame draws the tiles in view (those scrolled out keep their place and draw
// nothing). Counters: picture tiles drawn a frame, and the time from the login tap to every picture
// in view shown (ms, wall clock, the login's frames included).
void BM_SellScreenFramePictures(benchmark::State& state) {
    Harness h(ImVec2(static_cast<float>(state.range(0)), static_cast<float>(state.range(1))));
    const std::string folder = h.path().substr(0, h.path().rfind('/'));
    std::string csv = catalogue_of_200();
    csv.replace(0, csv.find('\n'), "sku,name,price,vat,entrepreneur,category,open_price,picture");
    std::string with;
    std::size_t line_start = csv.find('\n') + 1;
    with = csv.substr(0, line_start);
    for (int i = 0; i < 200; ++i) {
        const std::size_t end = csv.find('\n', line_start);
        const std::string file = "p" + std::to_string(i) + ".png";
        std::vector<unsigned char> rgba(160 * 160 * 4);
        for (std::size_t k = 0; k < rgba.size(); k += 4) {
            const std::size_t x = (k / 4) % 160, y = (k / 4) / 160;
            rgba[k] = static_cast<unsigned char>(i * 37 + x);
            rgba[k + 1] = static_cast<unsigned char>(i * 91 + y);
            rgba[k + 2] = static_cast<unsigned char>(i * 13 + x + y);
            rgba[k + 3] = 255;
        }
        stbi_write_png((folder + "/" + file).c_str(), 160, 160, 4, rgba.data(), 160 * 4);
        with += csv.substr(line_start, end - line_start) + ",0," + file + "\n";
        line_start = end + 1;
    }
    h.till().import_catalogue(h.till().sign_in("Awa", "1234"), with);
    h.settle_pictures = false;  // timed here instead
    const auto start = std::chrono::steady_clock::now();
    h.login("Lucie", "1111");
    if (!h.wait_pictures()) state.SkipWithError("pictures not ready after 10 s");
    const double ready_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    h.tap("tile:MAFE");
    h.tap("tile:COUSC");
    for (auto _ : state) h.frame();
    int pictures = 0;
    for (const auto& [sku, what] : h.app().shown_tiles()) pictures += what == "picture";
    state.counters["picture_tiles"] = pictures;
    state.counters["pictures_ready_ms"] = ready_ms;
}

}  // namespace

BENCHMARK(BM_SellScreenFrame)->Args({1024, 768})->Args({1920, 1080})->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_SellScreenFramePictures)->Args({1024, 768})->Args({1920, 1080})->Unit(benchmark::kMicrosecond);
namespace {

struct Rss {
    long anon_kb = 0, rss_kb = 0;
    long sqlite_kb = 0;  // of the anonymous memory: what SQLite holds (its page caches, bounded by cache_size)
    long file_kb() const { return rss_kb - anon_kb; }  // file-backed (and shared) pages
};

Rss smaps_rollup() {
    std::ifstream in("/proc/self/smaps_rollup");  // a header line, then "Key:   123 kB" lines
    Rss r;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("Rss:", 0) == 0) r.rss_kb = std::strtol(line.c_str() + 4, nullptr, 10);
        else if (line.rfind("Anonymous:", 0) == 0) r.anon_kb = std::strtol(line.c_str() + 10, nullptr, 10);
    }
    sqlite3_int64 used = 0, high = 0;
    sqlite3_status64(SQLITE_STATUS_MEMORY_USED, &used, &high, 0);
    r.sqlite_kb = static_cast<long>(used / 1024);
    return r;
}

double mib(long kb) { return static_cast<double>(kb) / 1024.0; }

int memory_run(int sales) {
    Harness h;
    h.login("Lucie", "1111");
    h.frame();
    const Rss first = smaps_rollup();
    caisse::SellRequest request;
    const caisse::Actor lucie = h.till().sign_in("Lucie", "1111");
    for (const char* sku : {"MAFE", "COUSC", "EAU"}) request.items.push_back(caisse::ItemSpec{sku, 1, std::nullopt});
    request.payments = {caisse::TenderRequest{caisse::TenderMethod::Cash, caisse::Money::cents(5000)}};
    const auto before = h.till().last_ticket();
    for (int i = 0; i < sales; ++i) {
        if (i % 20 == 0) {
            h.tap("tile:MAFE");
            h.tap("tile:COUSC");
            h.tap("tile:EAU");
            h.tap("pay");
            h.tap("cash_exact");
            h.tap("next_sale");
        } else {
            h.till().sell(lucie, request);
            h.frame();
        }
    }
    const auto made = h.till().last_ticket() - before;
    const Rss after = smaps_rollup();
    std::cout << fmt::format("first frame: anonymous {:.1f} MiB (SQLite {:.1f} MiB), file-backed {:.1f} MiB\n", mib(first.anon_kb),
                             mib(first.sqlite_kb), mib(first.file_kb()));
    std::cout << fmt::format("after {} sales: anonymous {:.1f} MiB (SQLite {:.1f} MiB), file-backed {:.1f} MiB\n", made,
                             mib(after.anon_kb), mib(after.sqlite_kb), mib(after.file_kb()));
    if (made != sales) {
        std::cerr << fmt::format("bench_ui: {} sales asked, {} recorded\n", sales, made);
        return 1;
    }
    std::cout << fmt::format("SUMMARY\tthe till's own memory (screens, services, SQLite; no window, no GL driver), anonymous RSS at the "
                             "first frame / after {} sales\t{:.1f} MiB / {:.1f} MiB\t<= 40 MiB\tfile-backed RSS apart: {:.1f} / {:.1f} MiB; SQLite's share of the anonymous: {:.1f} / {:.1f} MiB\t{}\n",
                             made, mib(first.anon_kb), mib(after.anon_kb), mib(first.file_kb()), mib(after.file_kb()), mib(first.sqlite_kb),
                             mib(after.sqlite_kb),
                             mib(std::max(first.anon_kb, after.anon_kb)) <= 40.0 ? "met" : "MISSED");
    std::cout << fmt::format("MEMORY_GROWTH_KB\t{}\n", after.anon_kb - first.anon_kb);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc == 3 && std::string_view(argv[1]) == "--memory") return memory_run(std::atoi(argv[2]));
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
