#pragma once
// The print queue: one thread owns the printer. Sales are committed before anything is queued, and
// submit() only takes a lock: the till never waits for, or fails because of, the printer.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "drivers/document.hpp"
#include "drivers/profile.hpp"
#include "drivers/status.hpp"
#include "drivers/transport.hpp"

namespace caisse::drivers {
class TextRasteriser;
}  // namespace caisse::drivers

namespace caisse {

enum class PrintJobKind { receipt, duplicate, z_report, test_page, drawer, production_sheet };
// queued -> printing -> done; held while the printer reports paper out, cover open or offline
// (resumes by itself); failed after the last attempt (retry() queues it again).
enum class PrintJobState { queued, printing, held, done, failed };
const char* to_string(PrintJobKind kind);
const char* to_string(PrintJobState state);

struct PrintJobInfo {
    std::uint64_t id = 0;
    PrintJobKind kind = PrintJobKind::receipt;
    PrintJobState state = PrintJobState::queued;
    std::string detail;     // English: why held or failed ("paper out", "printer disconnected: ...")
    int attempts = 0;
    std::optional<std::int64_t> ticket;
    std::vector<std::string> preview;  // the receipt as text, for the screen printer
    std::string printed_to;            // transport description once printed
};

struct PrinterConfig {
    std::string uri = "auto";
    std::string profile;          // profile id; empty: from the USB IDs, else generic-80
    drivers::TransportOptions transport;
    int max_attempts = 3;
    std::chrono::milliseconds retry_delay{1000};
    std::chrono::milliseconds idle_poll{5000};   // status poll when idle (gentle)
    std::chrono::milliseconds held_poll{1000};   // status poll while a job is held
    bool watch_usb_hotplug = true;               // reopen and re-ask the status when a USB device comes or goes
};

using TransportFactory = std::function<std::unique_ptr<drivers::Transport>(const std::string&, const drivers::TransportOptions&)>;

class PrintQueue {
public:
    explicit PrintQueue(PrinterConfig config, TransportFactory factory = {});
    ~PrintQueue();  // finishes the job in hand, keeps the rest unprinted
    PrintQueue(const PrintQueue&) = delete;
    PrintQueue& operator=(const PrintQueue&) = delete;

    std::uint64_t submit(PrintJobKind kind, drivers::Document doc, std::optional<std::int64_t> ticket = std::nullopt);
    bool retry(std::uint64_t id);  // a failed or held job goes back to the queue
    std::optional<PrintJobInfo> job(std::uint64_t id) const;
    std::vector<PrintJobInfo> jobs() const;
    std::size_t pending() const;   // queued, printing or held

    drivers::PrinterStatus status() const;
    std::string printer() const;   // what was opened, or the configured URI
    const drivers::PrinterProfile& profile() const;

    // Waits until the job is done or failed (true when done), or held for longer than `timeout`.
    bool wait(std::uint64_t id, std::chrono::milliseconds timeout) const;
    // Called on the printing thread after any job or status change (the screen wakes its loop).
    void on_change(std::function<void()> callback);
    // Asks for a status refresh now (USB hotplug, or the user tapping the printer icon).
    void refresh_status();

private:
    struct Job {
        PrintJobInfo info;
        drivers::Document doc;
        std::chrono::steady_clock::time_point submitted;
    };
    void run();
    void ensure_open();
    void print(Job& job);
    void close_transport();
    void notify();
    Job* next_job();

    PrinterConfig config_;
    TransportFactory factory_;
    mutable std::mutex mutex_;
    mutable std::condition_variable changed_;
    std::deque<Job> jobs_;
    std::uint64_t next_id_ = 1;
    bool stop_ = false, refresh_ = false;
    drivers::PrinterStatus status_;
    std::string printer_;
    const drivers::PrinterProfile* profile_ = nullptr;
    std::function<void()> on_change_;
    // Owned by the printing thread only.
    std::unique_ptr<drivers::Transport> transport_;
    std::unique_ptr<drivers::TextRasteriser> raster_;
    std::thread thread_;
};

}  // namespace caisse
