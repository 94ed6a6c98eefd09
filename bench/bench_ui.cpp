// CPU time to build one frame of the sell screen with 200 products on it (Dear ImGui only: the
// widgets and the draw lists, no OpenGL), at 1024x768 and 1920x1080. Target: <= 1 ms.
#include <benchmark/benchmark.h>

#include <string>

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

}  // namespace

BENCHMARK(BM_SellScreenFrame)->Args({1024, 768})->Args({1920, 1080})->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
