// Printing speed: encoding a 30-line receipt, rasterising one non-Latin line, and the time from
// "print" requested to the first byte handed to the transport (queue idle). Figures go to README.
#include <benchmark/benchmark.h>

#include <condition_variable>
#include <mutex>

#include "app/services/print_queue.hpp"
#include "app/services/receipt.hpp"
#include "drivers/escpos.hpp"
#include "drivers/text_raster.hpp"

namespace {

using namespace caisse;

ReceiptInput receipt_of(int lines) {
    ReceiptInput in;
    in.business = {"Coopérative Commune SCOP SA", "Le Buffet Commun", "123 456 789 00012", "12 rue des Artisans\n75011 Paris",
                   "Merci et à bientôt !"};
    in.cashier = "Lucie";
    in.entrepreneurs = {{1, "Aminata Diop"}, {2, "Fatima Benali"}, {3, "Jeanne Morel"}};
    in.recorded.terminal = "T1";
    in.recorded.at_utc = "2026-11-27T12:30:00.000Z";
    auto& s = in.recorded.sale;
    s.ticket = 42;
    const char* names[] = {"Mafé poulet", "Couscous légumes", "Écharpe tissée main en laine mérinos teinte à l'indigo"};
    for (int i = 0; i < lines; ++i) {
        db::SaleLineRecord l;
        l.name = names[i % 3];
        l.entrepreneur = 1 + i % 3;
        l.vat_bp = i % 3 == 2 ? 2000 : 1000;
        l.quantity = 1 + i % 2;
        l.unit_price = 950;
        l.total = l.quantity * l.unit_price;
        s.total += l.total;
        s.lines.push_back(l);
    }
    s.vat = {{1000, 0, 0, 0}, {2000, 0, 0, 0}};
    s.payments = {{"cash", s.total + 500}};
    s.change = 500;
    return in;
}

const drivers::TextRasteriser& raster() {
    static const drivers::TextRasteriser r(drivers::TextRasteriser::default_font_files());
    return r;
}

void BM_EncodeReceipt30Lines(benchmark::State& state) {
    const auto doc = receipt_document(receipt_of(30), i18n::Translator::load("fr"));
    const auto& profile = *drivers::find_profile("generic-80");
    std::size_t bytes = 0;
    for (auto _ : state) {
        auto out = drivers::encode_escpos(doc, profile, &raster());
        bytes = out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["bytes"] = static_cast<double>(bytes);
}

void BM_RasteriseNonLatinLine(benchmark::State& state) {
    const std::string line = state.range(0) == 0 ? "كسكس بالخضار واللحم — طبق اليوم" : "தோசை சாம்பார் சட்னி — இன்றைய உணவு";
    for (auto _ : state) {
        auto strip = raster().render_line(line, 576, 24);
        benchmark::DoNotOptimize(strip.bits.data());
    }
}

void BM_EncodeNonLatinRow(benchmark::State& state) {
    drivers::Document doc;
    doc.row("كسكس بالخضار واللحم — طبق اليوم", "12,50\u00A0€");
    const auto& profile = *drivers::find_profile("generic-80");
    for (auto _ : state) benchmark::DoNotOptimize(drivers::encode_escpos(doc, profile, &raster()).data());
}

// A printer that answers status at once and notes when the first byte of a job arrives.
struct Stopwatch {
    std::mutex m;
    std::condition_variable cv;
    bool got = false;
    std::chrono::steady_clock::time_point first_byte;
};
class TimedTransport final : public drivers::Transport {
public:
    explicit TimedTransport(Stopwatch& w) : w_(w) {}
    std::string describe() const override { return "bench:"; }
    void write(std::span<const std::uint8_t>) override {
        const auto now = std::chrono::steady_clock::now();
        std::lock_guard lock(w_.m);
        w_.first_byte = now;
        w_.got = true;
        w_.cv.notify_all();
    }
    std::optional<std::uint8_t> real_time_status(std::uint8_t) override { return std::uint8_t{0x12}; }
    bool can_read_status() const override { return true; }

private:
    Stopwatch& w_;
};

void BM_PrintToFirstByte(benchmark::State& state) {
    Stopwatch watch;
    PrinterConfig config;
    config.uri = "screen:";
    config.profile = "generic-80";
    PrintQueue queue(config, [&](const std::string&, const drivers::TransportOptions&) {
        return std::make_unique<TimedTransport>(watch);
    });
    const auto doc = receipt_document(receipt_of(9), i18n::Translator::load("fr"));
    queue.wait(queue.submit(PrintJobKind::receipt, doc), std::chrono::seconds(5));  // fonts loaded, printer open
    for (auto _ : state) {
        {
            std::lock_guard lock(watch.m);
            watch.got = false;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(2));  // the queue is idle, waiting
        const auto start = std::chrono::steady_clock::now();
        const auto id = queue.submit(PrintJobKind::receipt, doc);
        std::unique_lock lock(watch.m);
        watch.cv.wait(lock, [&] { return watch.got; });
        state.SetIterationTime(std::chrono::duration<double>(watch.first_byte - start).count());
        lock.unlock();
        queue.wait(id, std::chrono::seconds(5));
    }
}

}  // namespace

BENCHMARK(BM_EncodeReceipt30Lines)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RasteriseNonLatinLine)->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_EncodeNonLatinRow)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_PrintToFirstByte)->UseManualTime()->Iterations(200)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
