#include "app/services/print_queue.hpp"

#include <cstdio>

#include "drivers/escpos.hpp"
#include "drivers/preview.hpp"
#include "drivers/printer_error.hpp"
#include "drivers/profile.hpp"
#include "drivers/text_raster.hpp"
#include "drivers/usb.hpp"

namespace caisse {

const char* to_string(PrintJobKind kind) {
    switch (kind) {
        case PrintJobKind::receipt: return "receipt";
        case PrintJobKind::duplicate: return "duplicate";
        case PrintJobKind::z_report: return "z report";
        case PrintJobKind::test_page: return "test page";
        case PrintJobKind::drawer: return "drawer";
        case PrintJobKind::production_sheet: return "production sheet";
    }
    return "job";
}

const char* to_string(PrintJobState state) {
    switch (state) {
        case PrintJobState::queued: return "queued";
        case PrintJobState::printing: return "printing";
        case PrintJobState::held: return "held";
        case PrintJobState::done: return "done";
        case PrintJobState::failed: return "failed";
    }
    return "?";
}

namespace {

bool finished(PrintJobState s) { return s == PrintJobState::done || s == PrintJobState::failed; }

// The profile named in the configuration, else the one of the USB printer opened, else 80 mm.
const drivers::PrinterProfile& pick_profile(const std::string& id, const std::string& opened) {
    if (!id.empty())
        if (const auto* p = drivers::find_profile(id)) return *p;
    unsigned vendor = 0, product = 0;
    if (std::sscanf(opened.c_str(), "usb:%4x:%4x", &vendor, &product) == 2)
        return drivers::profile_for_usb(static_cast<std::uint16_t>(vendor), static_cast<std::uint16_t>(product));
    return *drivers::find_profile("generic-80");
}

constexpr std::size_t kHistory = 200;  // finished jobs kept for the screen

}  // namespace

PrintQueue::PrintQueue(PrinterConfig config, TransportFactory factory)
    : config_(std::move(config)), factory_(std::move(factory)) {
    if (!factory_) factory_ = [](const std::string& uri, const drivers::TransportOptions& o) { return drivers::open_transport(uri, o); };
    printer_ = config_.uri;
    profile_ = &pick_profile(config_.profile, config_.uri);
    thread_ = std::thread([this] { run(); });
}

PrintQueue::~PrintQueue() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    changed_.notify_all();
    thread_.join();
}

std::uint64_t PrintQueue::submit(PrintJobKind kind, drivers::Document doc, std::optional<std::int64_t> ticket) {
    std::uint64_t id;
    {
        std::lock_guard lock(mutex_);
        id = next_id_++;
        Job job;
        job.info.id = id;
        job.info.kind = kind;
        job.info.ticket = ticket;
        job.doc = std::move(doc);
        job.submitted = std::chrono::steady_clock::now();
        jobs_.push_back(std::move(job));
    }
    changed_.notify_all();
    return id;
}

bool PrintQueue::retry(std::uint64_t id) {
    bool found = false;
    {
        std::lock_guard lock(mutex_);
        for (auto& j : jobs_)
            if (j.info.id == id && (j.info.state == PrintJobState::failed || j.info.state == PrintJobState::held)) {
                j.info.state = PrintJobState::queued;
                j.info.attempts = 0;
                j.info.detail.clear();
                refresh_ = true;  // reopen: the printer was probably plugged back in or refilled
                found = true;
            }
    }
    if (found) changed_.notify_all();
    return found;
}

std::optional<PrintJobInfo> PrintQueue::job(std::uint64_t id) const {
    std::lock_guard lock(mutex_);
    for (const auto& j : jobs_)
        if (j.info.id == id) return j.info;
    return std::nullopt;
}

std::vector<PrintJobInfo> PrintQueue::jobs() const {
    std::lock_guard lock(mutex_);
    std::vector<PrintJobInfo> out;
    for (const auto& j : jobs_) out.push_back(j.info);
    return out;
}

std::size_t PrintQueue::pending() const {
    std::lock_guard lock(mutex_);
    std::size_t n = 0;
    for (const auto& j : jobs_) n += finished(j.info.state) ? 0 : 1;
    return n;
}

drivers::PrinterStatus PrintQueue::status() const {
    std::lock_guard lock(mutex_);
    return status_;
}

std::string PrintQueue::printer() const {
    std::lock_guard lock(mutex_);
    return printer_;
}

const drivers::PrinterProfile& PrintQueue::profile() const {
    std::lock_guard lock(mutex_);
    return *profile_;
}

bool PrintQueue::wait(std::uint64_t id, std::chrono::milliseconds timeout) const {
    std::unique_lock lock(mutex_);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        const Job* found = nullptr;
        for (const auto& j : jobs_)
            if (j.info.id == id) found = &j;
        if (!found) return false;
        if (finished(found->info.state)) return found->info.state == PrintJobState::done;
        if (changed_.wait_until(lock, deadline) == std::cv_status::timeout) return false;
    }
}

void PrintQueue::on_change(std::function<void()> callback) {
    std::lock_guard lock(mutex_);
    on_change_ = std::move(callback);
}

void PrintQueue::refresh_status() {
    {
        std::lock_guard lock(mutex_);
        refresh_ = true;
    }
    changed_.notify_all();
}

void PrintQueue::notify() {
    changed_.notify_all();
    std::function<void()> callback;
    {
        std::lock_guard lock(mutex_);
        callback = on_change_;
    }
    if (callback) callback();
}

PrintQueue::Job* PrintQueue::next_job() {
    // A drawer pulse goes first: the cashier is waiting to give change, and it needs no paper. A
    // pulse not sent within a few seconds is dropped: a drawer opening long after its sale, by
    // itself, is worse than one that did not open.
    for (auto& j : jobs_) {
        if (j.info.kind != PrintJobKind::drawer || finished(j.info.state)) continue;
        if (std::chrono::steady_clock::now() - j.submitted > std::chrono::seconds(10)) {
            j.info.state = PrintJobState::failed;
            j.info.detail = "drawer pulse dropped: not sent within 10 s";
            continue;
        }
        return &j;
    }
    // Then in order: a held receipt keeps the ones behind it waiting, so paper comes out in sale order.
    for (auto& j : jobs_)
        if (!finished(j.info.state)) return &j;
    return nullptr;
}

void PrintQueue::close_transport() { transport_.reset(); }

void PrintQueue::ensure_open() {
    if (transport_) return;
    transport_ = factory_(config_.uri, config_.transport);
    std::lock_guard lock(mutex_);
    printer_ = transport_->describe();
    profile_ = &pick_profile(config_.profile, printer_);
}

void PrintQueue::print(Job& job) {
    try {
        ensure_open();
        const auto status = drivers::query_status(*transport_);
        {
            std::lock_guard lock(mutex_);
            status_ = status;
            if (!status.can_print() && job.info.kind != PrintJobKind::drawer) {  // a pulse needs no paper
                job.info.state = PrintJobState::held;
                job.info.detail = status.summary();
                return;
            }
            job.info.state = PrintJobState::printing;
            job.info.detail.clear();
            ++job.info.attempts;
        }
        notify();
        const auto bytes = drivers::encode_escpos(job.doc, *profile_, raster_.get());
        transport_->write(bytes);
        std::lock_guard lock(mutex_);
        job.info.state = PrintJobState::done;
        job.info.printed_to = printer_;
        if (printer_.rfind("screen:", 0) == 0) job.info.preview = drivers::preview_lines(job.doc, profile_->columns);
    } catch (const drivers::PrinterError& e) {
        close_transport();
        std::lock_guard lock(mutex_);
        if (job.info.state != PrintJobState::printing) ++job.info.attempts;  // failed before printing
        job.info.detail = std::string(drivers::to_string(e.code())) + ": " + e.detail();
        job.info.state = job.info.attempts >= config_.max_attempts ? PrintJobState::failed : PrintJobState::queued;
        status_ = drivers::PrinterStatus{};
    }
}

void PrintQueue::run() {
    try {
        raster_ = std::make_unique<drivers::TextRasteriser>(drivers::TextRasteriser::default_font_files());
    } catch (const drivers::PrinterError&) {
        raster_.reset();  // no fonts: unprintable characters become boxes
    }
    std::unique_ptr<drivers::UsbHotplugWatch> hotplug;
    if (config_.watch_usb_hotplug && (config_.uri == "auto" || config_.uri.rfind("usb:", 0) == 0))
        hotplug = drivers::watch_usb_hotplug([this] { refresh_status(); });

    std::unique_lock lock(mutex_);
    while (!stop_) {
        Job* job = next_job();
        if (refresh_) {
            refresh_ = false;
            lock.unlock();
            close_transport();  // a plugged or unplugged device: open afresh
            lock.lock();
            if (!job) {
                lock.unlock();
                try {
                    ensure_open();
                    const auto s = drivers::query_status(*transport_);
                    lock.lock();
                    status_ = s;
                } catch (const drivers::PrinterError&) {
                    close_transport();
                    lock.lock();
                    status_ = drivers::PrinterStatus{};
                }
                lock.unlock();
                notify();
                lock.lock();
                continue;
            }
        }
        if (job && job->info.state == PrintJobState::queued) {
            const bool retrying = job->info.attempts > 0;
            if (retrying) {
                changed_.wait_for(lock, config_.retry_delay, [this] { return stop_; });
                if (stop_) break;
            }
            lock.unlock();
            print(*job);
            lock.lock();
            while (jobs_.size() > kHistory && finished(jobs_.front().info.state)) jobs_.pop_front();
            lock.unlock();
            notify();
            lock.lock();
            continue;
        }
        // Held or idle: poll the status gently, wake early on a new job, a retry or a refresh.
        const auto period = job ? config_.held_poll : config_.idle_poll;
        const bool woke = changed_.wait_for(lock, period, [&] {
            return stop_ || refresh_ || (next_job() && next_job()->info.state == PrintJobState::queued);
        });
        if (woke || stop_) continue;
        if (job && job->info.state == PrintJobState::held) {
            // Ask the printer again; the job stays "held" until its status allows printing.
            lock.unlock();
            print(*job);
            notify();
            lock.lock();
            continue;
        }
        if (transport_ && transport_->can_read_status()) {
            lock.unlock();
            drivers::PrinterStatus s;
            try {
                s = drivers::query_status(*transport_);
            } catch (const drivers::PrinterError&) {
                close_transport();
            }
            lock.lock();
            const bool moved = !(s == status_);
            status_ = s;
            if (moved) {
                lock.unlock();
                notify();
                lock.lock();
            }
        }
    }
}

}  // namespace caisse
