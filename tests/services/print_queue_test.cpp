// The print queue against a scripted transport: held on paper out, retries, failure, never blocking.
#include "app/services/print_queue.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <mutex>

#include "drivers/printer_error.hpp"

namespace caisse {
namespace {

using namespace std::chrono_literals;
using drivers::PrinterError;
using drivers::PrinterErrorCode;

// What the fake printer does; shared between the test and the transports the queue opens.
struct FakePrinter {
    std::mutex mutex;
    std::uint8_t paper_reply = 0x12;        // DLE EOT 4: 0x12 paper present, 0x72 paper out
    std::optional<std::uint8_t> printer_reply = std::uint8_t{0x16};
    std::uint8_t cause_reply = 0x12;        // DLE EOT 2: no offline cause
    bool plugged = true;
    int fail_writes = 0;                    // next writes that throw "disconnected"
    std::vector<std::uint8_t> received;
    int opens = 0, jobs = 0;
    std::promise<void>* block_write = nullptr;  // write waits on it when set
};

class FakeTransport final : public drivers::Transport {
public:
    explicit FakeTransport(FakePrinter& p) : p_(p) {}
    std::string describe() const override { return "fake:"; }
    void write(std::span<const std::uint8_t> bytes) override {
        std::promise<void>* block = nullptr;
        {
            std::lock_guard lock(p_.mutex);
            block = p_.block_write;
        }
        if (block) block->get_future().wait();
        std::lock_guard lock(p_.mutex);
        if (!p_.plugged || p_.fail_writes > 0) {
            if (p_.fail_writes > 0) --p_.fail_writes;
            throw PrinterError(PrinterErrorCode::disconnected, "fake: device vanished after 0 of " + std::to_string(bytes.size()) + " bytes");
        }
        p_.received.insert(p_.received.end(), bytes.begin(), bytes.end());
        ++p_.jobs;
    }
    std::optional<std::uint8_t> real_time_status(std::uint8_t n) override {
        std::lock_guard lock(p_.mutex);
        if (n == 4) return p_.paper_reply;
        if (n == 1) return p_.printer_reply;
        return p_.cause_reply;
    }
    bool can_read_status() const override { return true; }

private:
    FakePrinter& p_;
};

PrinterConfig fast_config() {
    PrinterConfig c;
    c.uri = "screen:";
    c.profile = "generic-58";
    c.retry_delay = 20ms;
    c.held_poll = 20ms;
    c.idle_poll = 50ms;
    c.max_attempts = 3;
    return c;
}

TransportFactory factory_for(FakePrinter& p) {
    return [&p](const std::string&, const drivers::TransportOptions&) -> std::unique_ptr<drivers::Transport> {
        std::lock_guard lock(p.mutex);
        ++p.opens;
        if (!p.plugged) throw PrinterError(PrinterErrorCode::not_found, "fake: no printer plugged");
        return std::make_unique<FakeTransport>(p);
    };
}

drivers::Document receipt_doc() {
    drivers::Document d;
    d.text("Ticket 1").row("Mafé", "9,50\u00A0€").cut();
    return d;
}

TEST(PrintQueue, PrintsAJobAndReportsDone) {
    FakePrinter printer;
    PrintQueue q(fast_config(), factory_for(printer));
    const auto id = q.submit(PrintJobKind::receipt, receipt_doc(), 1);
    EXPECT_TRUE(q.wait(id, 5s));
    EXPECT_EQ(q.job(id)->state, PrintJobState::done);
    EXPECT_EQ(q.status().summary(), "ready");
    std::lock_guard lock(printer.mutex);
    EXPECT_EQ(printer.jobs, 1);
    EXPECT_EQ(printer.received.front(), 0x1B);
}

TEST(PrintQueue, PaperOutHoldsTheJobThenPrintsWhenPaperIsBack) {
    FakePrinter printer;
    printer.paper_reply = 0x72;
    PrintQueue q(fast_config(), factory_for(printer));
    const auto id = q.submit(PrintJobKind::receipt, receipt_doc(), 1);
    EXPECT_FALSE(q.wait(id, 300ms));
    EXPECT_EQ(q.job(id)->state, PrintJobState::held);
    EXPECT_EQ(q.job(id)->detail, "paper out");
    EXPECT_EQ(q.status().summary(), "paper out");
    {
        std::lock_guard lock(printer.mutex);
        EXPECT_EQ(printer.jobs, 0);
        printer.paper_reply = 0x12;  // a new roll
    }
    EXPECT_TRUE(q.wait(id, 5s));
    EXPECT_EQ(q.job(id)->state, PrintJobState::done);
}

TEST(PrintQueue, TheDrawerOpensWithoutPaperAndAheadOfAHeldReceipt) {
    FakePrinter printer;
    printer.paper_reply = 0x72;
    PrintQueue q(fast_config(), factory_for(printer));
    const auto receipt = q.submit(PrintJobKind::receipt, receipt_doc(), 1);
    drivers::Document pulse;
    pulse.drawer();
    const auto drawer = q.submit(PrintJobKind::drawer, pulse);
    EXPECT_TRUE(q.wait(drawer, 2s)) << q.job(drawer)->detail;
    // The receipt may not have been tried yet when the pulse went out first: give it a moment.
    for (int i = 0; i < 100 && q.job(receipt)->state != PrintJobState::held; ++i) std::this_thread::sleep_for(10ms);
    EXPECT_EQ(q.job(receipt)->state, PrintJobState::held);
    std::lock_guard lock(printer.mutex);
    EXPECT_EQ(printer.jobs, 1);
}

TEST(PrintQueue, AHeldReceiptKeepsLaterOnesInOrder) {
    FakePrinter printer;
    printer.paper_reply = 0x72;
    PrintQueue q(fast_config(), factory_for(printer));
    const auto first = q.submit(PrintJobKind::receipt, receipt_doc(), 1);
    const auto second = q.submit(PrintJobKind::receipt, receipt_doc(), 2);
    EXPECT_FALSE(q.wait(second, 200ms));
    EXPECT_EQ(q.job(second)->state, PrintJobState::queued);
    EXPECT_EQ(q.pending(), 2u);
    {
        std::lock_guard lock(printer.mutex);
        printer.paper_reply = 0x12;
    }
    EXPECT_TRUE(q.wait(second, 5s));
    EXPECT_EQ(q.job(first)->state, PrintJobState::done);
}

TEST(PrintQueue, DeviceVanishingFailsClearlyAndTheJobCanBeRetried) {
    FakePrinter printer;
    printer.fail_writes = 100;
    PrintQueue q(fast_config(), factory_for(printer));
    const auto id = q.submit(PrintJobKind::receipt, receipt_doc(), 1);
    EXPECT_FALSE(q.wait(id, 5s));
    const auto failed = q.job(id).value();
    EXPECT_EQ(failed.state, PrintJobState::failed);
    EXPECT_EQ(failed.attempts, 3);
    EXPECT_NE(failed.detail.find("printer disconnected"), std::string::npos) << failed.detail;
    {
        std::lock_guard lock(printer.mutex);
        printer.fail_writes = 0;  // plugged back
    }
    EXPECT_TRUE(q.retry(id));
    EXPECT_TRUE(q.wait(id, 5s));
    EXPECT_FALSE(q.retry(id));  // a done job is not printed twice
}

TEST(PrintQueue, PrinterUnpluggedBetweenJobs) {
    FakePrinter printer;
    PrintQueue q(fast_config(), factory_for(printer));
    EXPECT_TRUE(q.wait(q.submit(PrintJobKind::receipt, receipt_doc(), 1), 5s));
    {
        std::lock_guard lock(printer.mutex);
        printer.plugged = false;
    }
    const auto id = q.submit(PrintJobKind::receipt, receipt_doc(), 2);
    EXPECT_FALSE(q.wait(id, 5s));
    EXPECT_EQ(q.job(id)->state, PrintJobState::failed);
    EXPECT_NE(q.job(id)->detail.find("printer"), std::string::npos);
    {
        std::lock_guard lock(printer.mutex);
        printer.plugged = true;
    }
    EXPECT_TRUE(q.retry(id));
    EXPECT_TRUE(q.wait(id, 5s));
}

TEST(PrintQueue, GarbageStatusRepliesDoNotStopPrinting) {
    FakePrinter printer;
    printer.printer_reply = 0xFF;  // not a status byte
    printer.paper_reply = 0x00;
    printer.cause_reply = 0x80;
    PrintQueue q(fast_config(), factory_for(printer));
    const auto id = q.submit(PrintJobKind::receipt, receipt_doc(), 1);
    EXPECT_TRUE(q.wait(id, 5s));
    EXPECT_EQ(q.status().summary(), "unknown");
}

TEST(PrintQueue, SubmitNeverWaitsForAStuckPrinter) {
    FakePrinter printer;
    std::promise<void> release;
    printer.block_write = &release;
    PrintQueue q(fast_config(), factory_for(printer));
    q.submit(PrintJobKind::receipt, receipt_doc(), 1);
    std::this_thread::sleep_for(50ms);  // the printing thread is now inside write()
    auto submitted = std::async(std::launch::async, [&] { return q.submit(PrintJobKind::receipt, receipt_doc(), 2); });
    EXPECT_EQ(submitted.wait_for(1s), std::future_status::ready);
    EXPECT_EQ(q.pending(), 2u);
    {
        std::lock_guard lock(printer.mutex);
        printer.block_write = nullptr;
    }
    release.set_value();
    EXPECT_TRUE(q.wait(submitted.get(), 5s));
}

}  // namespace
}  // namespace caisse
