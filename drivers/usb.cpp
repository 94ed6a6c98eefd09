// USB receipt printers through libusb-1.0: discovery, diagnosis, the usb: transport and hotplug.
#include "drivers/usb.hpp"

#include <fcntl.h>
#include <libusb.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <thread>
#include <tuple>

#include "drivers/printer_error.hpp"

namespace caisse::drivers {
namespace {

using std::chrono::milliseconds;
using Steady = std::chrono::steady_clock;

// One libusb_bulk_transfer per 16 KiB: libusb splits bigger transfers into several URBs, and a partial
// failure in the middle of those is harder to resume from than one URB per call.
constexpr std::size_t max_chunk = 16 * 1024;
// Stale status bytes are answered within a USB frame or two; a longer wait only delays every query.
constexpr unsigned drain_timeout_ms = 10;
// Bounds the drain when a printer keeps streaming (automatic status back): 8 packets is plenty.
constexpr int max_drain_reads = 8;
constexpr std::uint8_t printer_class = LIBUSB_CLASS_PRINTER;        // 7
constexpr std::uint8_t vendor_class = LIBUSB_CLASS_VENDOR_SPEC;      // 0xFF: what cheap clones report

struct ContextDeleter {
    void operator()(libusb_context* context) const { libusb_exit(context); }
};
using ContextPtr = std::unique_ptr<libusb_context, ContextDeleter>;

struct HandleDeleter {
    void operator()(libusb_device_handle* handle) const { libusb_close(handle); }
};
using HandlePtr = std::unique_ptr<libusb_device_handle, HandleDeleter>;

struct ConfigDeleter {
    void operator()(libusb_config_descriptor* config) const { libusb_free_config_descriptor(config); }
};

// The device list owns one reference per device; candidates borrow them while the list lives.
class DeviceList {
public:
    explicit DeviceList(libusb_context* context) {
        const ssize_t count = libusb_get_device_list(context, &devices_);
        count_ = count < 0 ? 0 : static_cast<std::size_t>(count);
    }
    ~DeviceList() { if (devices_) libusb_free_device_list(devices_, 1); }
    DeviceList(const DeviceList&) = delete;
    DeviceList& operator=(const DeviceList&) = delete;
    std::span<libusb_device*> devices() const { return {devices_, count_}; }

private:
    libusb_device** devices_ = nullptr;
    std::size_t count_ = 0;
};

ContextPtr make_context() {
    libusb_context* raw = nullptr;
    if (const int rc = libusb_init(&raw); rc != 0)
        throw PrinterError(PrinterErrorCode::io, std::string("libusb cannot start: ") + libusb_strerror(rc));
    return ContextPtr(raw);
}

std::string hex4(std::uint16_t value) {
    char text[5];
    std::snprintf(text, sizeof text, "%04x", static_cast<unsigned>(value));
    return text;
}

std::string three_digits(int value) {
    char text[12];
    std::snprintf(text, sizeof text, "%03d", value);
    return text;
}

std::string libusb_message(int rc) { return std::string(libusb_strerror(rc)) + " (" + libusb_error_name(rc) + ")"; }

// Receipt printers seen in the field (docs: escpos-usb.md). A missing product matches the whole vendor:
// 0483 and 28e9 are generic microcontroller vendors whose printer product IDs vary by batch.
struct KnownPrinterId {
    std::uint16_t vendor;
    std::optional<std::uint16_t> product;
};
constexpr std::array known_printer_ids{
    KnownPrinterId{0x0416, 0x5011},  // generic POS-58/80 clones
    KnownPrinterId{0x04b8, 0x0e03},  // Epson TM-T20
    KnownPrinterId{0x04b8, 0x0e15},  // Epson TM-T20II
    KnownPrinterId{0x04b8, 0x0e28},  // Epson TM-T20III
    KnownPrinterId{0x04b8, 0x0e32},  // Epson TM-m30III
    KnownPrinterId{0x04b8, 0x0202},  // Epson TM-T88
    KnownPrinterId{0x0519, 0x0003},  // Star TSP143
    KnownPrinterId{0x0483, std::nullopt},  // Xprinter-type (STM32 based)
    KnownPrinterId{0x28e9, std::nullopt},  // Xprinter-type (GD32 based)
    KnownPrinterId{0x1504, 0x0006},  // Bixolon
    KnownPrinterId{0x0fe6, 0x811e},
    KnownPrinterId{0x6868, 0x0500},
};

bool is_known_printer_id(std::uint16_t vendor, std::uint16_t product) {
    return std::any_of(known_printer_ids.begin(), known_printer_ids.end(), [&](const KnownPrinterId& id) {
        return id.vendor == vendor && (!id.product || *id.product == product);
    });
}

// The interface the bytes go to: printer class or vendor-specific (never mass storage, HID, CDC...: a
// mistyped ID must not detach usb-storage from a USB stick), with the first bulk OUT endpoint of its first
// alternate setting (the one active after configuration; switching needs SET_INTERFACE, which clones
// handle badly).
struct BulkInterface {
    int number = -1;
    int interface_class = 0;
    std::uint8_t endpoint_out = 0;
    std::uint8_t endpoint_in = 0;
    std::uint16_t in_packet_size = 0;
    std::uint8_t configuration = 1;
};

std::optional<BulkInterface> find_bulk_interface(libusb_device* device) {
    libusb_config_descriptor* raw = nullptr;
    // An unconfigured device has no active configuration: its first one is what it will run.
    if (libusb_get_active_config_descriptor(device, &raw) != 0 && libusb_get_config_descriptor(device, 0, &raw) != 0)
        return std::nullopt;
    const std::unique_ptr<libusb_config_descriptor, ConfigDeleter> config(raw);
    const auto rank = [](const BulkInterface& c) { return (c.interface_class == printer_class ? 2 : 0) + (c.endpoint_in ? 1 : 0); };
    std::optional<BulkInterface> best;
    for (int i = 0; i < config->bNumInterfaces; ++i) {
        const libusb_interface& interface = config->interface[i];
        if (interface.num_altsetting < 1) continue;
        const libusb_interface_descriptor& setting = interface.altsetting[0];
        if (setting.bInterfaceClass != printer_class && setting.bInterfaceClass != vendor_class) continue;
        BulkInterface candidate;
        candidate.number = setting.bInterfaceNumber;
        candidate.interface_class = setting.bInterfaceClass;
        candidate.configuration = config->bConfigurationValue;
        for (int e = 0; e < setting.bNumEndpoints; ++e) {
            const libusb_endpoint_descriptor& endpoint = setting.endpoint[e];
            if ((endpoint.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK) != LIBUSB_TRANSFER_TYPE_BULK) continue;
            if ((endpoint.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN) {
                if (!candidate.endpoint_in) {
                    candidate.endpoint_in = endpoint.bEndpointAddress;
                    candidate.in_packet_size = static_cast<std::uint16_t>(endpoint.wMaxPacketSize & 0x7FF);
                }
            } else if (!candidate.endpoint_out) {
                candidate.endpoint_out = endpoint.bEndpointAddress;
            }
        }
        if (!candidate.endpoint_out) continue;
        if (!best || rank(candidate) > rank(*best)) best = candidate;
    }
    return best;
}

// sysfs names a USB device "BUS-PORT.PORT..."; its attributes and interface drivers are readable without
// opening the device, which is what tells a missing udev rule from a missing device.
std::string sysfs_name(libusb_device* device) {
    std::array<std::uint8_t, 8> ports{};
    const int depth = libusb_get_port_numbers(device, ports.data(), static_cast<int>(ports.size()));
    const int bus = libusb_get_bus_number(device);
    if (depth <= 0) return "usb" + std::to_string(bus);
    std::string name = std::to_string(bus) + "-";
    for (int i = 0; i < depth; ++i) name += (i ? "." : "") + std::to_string(ports[static_cast<std::size_t>(i)]);
    return name;
}

std::string read_sysfs_attribute(const std::string& device_name, const char* attribute) {
    const std::string path = "/sys/bus/usb/devices/" + device_name + "/" + attribute;
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    std::array<char, 256> buffer{};
    const ssize_t length = ::read(fd, buffer.data(), buffer.size() - 1);
    ::close(fd);
    if (length <= 0) return {};
    std::string value(buffer.data(), static_cast<std::size_t>(length));
    while (!value.empty() && (value.back() == '\n' || value.back() == ' ' || value.back() == '\0')) value.pop_back();
    return value;
}

// Name of the kernel driver bound to an interface ("usblp"), from the sysfs driver link.
std::string interface_driver(const std::string& device_name, const BulkInterface& interface) {
    const std::string link = "/sys/bus/usb/devices/" + device_name + ":" + std::to_string(interface.configuration) + "." +
                             std::to_string(interface.number) + "/driver";
    std::array<char, 256> target{};
    const ssize_t length = ::readlink(link.c_str(), target.data(), target.size() - 1);
    if (length <= 0) return {};
    const std::string path(target.data(), static_cast<std::size_t>(length));
    const auto slash = path.rfind('/');
    return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string read_string_descriptor(libusb_device_handle* handle, std::uint8_t index) {
    if (index == 0) return {};
    std::array<unsigned char, 256> text{};
    const int length = libusb_get_string_descriptor_ascii(handle, index, text.data(), static_cast<int>(text.size()));
    if (length <= 0) return {};
    return std::string(reinterpret_cast<const char*>(text.data()), static_cast<std::size_t>(length));
}

std::string udev_rule(std::uint16_t vendor, std::uint16_t product) {
    return "SUBSYSTEM==\"usb\", ATTRS{idVendor}==\"" + hex4(vendor) + "\", ATTRS{idProduct}==\"" + hex4(product) +
           "\", MODE=\"0660\", GROUP=\"lp\", TAG+=\"uaccess\"";
}

// One USB device that can take print data, with what is known before opening it.
struct Candidate {
    libusb_device* device = nullptr;  // borrowed from the DeviceList
    UsbPrinterInfo info;
    BulkInterface interface;
    std::uint8_t serial_index = 0;
    std::string sysfs;

    std::string node() const { return "/dev/bus/usb/" + three_digits(info.bus) + "/" + three_digits(info.address); }
    std::string model() const { return "USB printer " + hex4(info.vendor) + ":" + hex4(info.product); }
    std::string label() const {
        return model() + " (bus " + three_digits(info.bus) + ", device " + three_digits(info.address) + ")";
    }
    bool is_receipt_printer() const {
        return interface.interface_class == printer_class || is_known_printer_id(info.vendor, info.product);
    }
};

// Every device with a printer-like bulk OUT interface, in bus/address order; strings from sysfs only.
std::vector<Candidate> bulk_out_devices(const DeviceList& list) {
    std::vector<Candidate> found;
    for (libusb_device* device : list.devices()) {
        libusb_device_descriptor descriptor{};
        if (libusb_get_device_descriptor(device, &descriptor) != 0) continue;
        const auto interface = find_bulk_interface(device);
        if (!interface) continue;
        Candidate candidate;
        candidate.device = device;
        candidate.interface = *interface;
        candidate.serial_index = descriptor.iSerialNumber;
        candidate.sysfs = sysfs_name(device);
        UsbPrinterInfo& info = candidate.info;
        info.vendor = descriptor.idVendor;
        info.product = descriptor.idProduct;
        info.bus = libusb_get_bus_number(device);
        info.address = libusb_get_device_address(device);
        info.interface_number = interface->number;
        info.interface_class = interface->interface_class;
        info.endpoint_out = interface->endpoint_out;
        info.endpoint_in = interface->endpoint_in;
        info.manufacturer = read_sysfs_attribute(candidate.sysfs, "manufacturer");
        info.product_name = read_sysfs_attribute(candidate.sysfs, "product");
        info.serial = read_sysfs_attribute(candidate.sysfs, "serial");
        found.push_back(std::move(candidate));
    }
    std::sort(found.begin(), found.end(), [](const Candidate& a, const Candidate& b) {
        return std::tie(a.info.bus, a.info.address) < std::tie(b.info.bus, b.info.address);
    });
    return found;
}

// Printer-class interfaces first (what usb:auto and the auto URI take), then bus/address order.
void sort_class_seven_first(std::vector<Candidate>& candidates) {
    std::stable_sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        return (a.interface.interface_class == printer_class) > (b.interface.interface_class == printer_class);
    });
}

PrinterErrorCode code_of(int rc) {
    switch (rc) {
        case LIBUSB_ERROR_ACCESS: return PrinterErrorCode::permission;
        case LIBUSB_ERROR_BUSY: return PrinterErrorCode::busy;
        case LIBUSB_ERROR_NO_DEVICE: return PrinterErrorCode::disconnected;
        case LIBUSB_ERROR_NOT_FOUND: return PrinterErrorCode::not_found;
        case LIBUSB_ERROR_TIMEOUT: return PrinterErrorCode::timeout;
        default: return PrinterErrorCode::io;
    }
}

// The English detail of a libusb failure, naming the device and what the user can do about it.
PrinterError usb_error(int rc, const Candidate& device, const std::string& doing, const std::string& driver = {}) {
    const std::string what = device.label() + ": " + doing;
    switch (rc) {
        case LIBUSB_ERROR_ACCESS:
            return PrinterError(PrinterErrorCode::permission,
                                "permission denied on " + device.node() + " (" + device.model() +
                                    "): a udev rule is needed; put this line in /etc/udev/rules.d/60-caisse-printer.rules "
                                    "and plug the printer in again: " + udev_rule(device.info.vendor, device.info.product));
        case LIBUSB_ERROR_BUSY:
            if (!driver.empty() && driver != "usbfs")
                return PrinterError(PrinterErrorCode::busy, what + ": the " + driver + " kernel driver holds interface " +
                                                                std::to_string(device.interface.number) +
                                                                " and could not be detached (run `sudo rmmod " + driver + "`)");
            return PrinterError(PrinterErrorCode::busy, what + ": another program holds interface " +
                                                            std::to_string(device.interface.number) +
                                                            " (CUPS's usb backend or another till?)");
        case LIBUSB_ERROR_NO_DEVICE:
            return PrinterError(PrinterErrorCode::disconnected, what + ": the printer was disconnected");
        default: return PrinterError(code_of(rc), what + ": " + libusb_message(rc));
    }
}

unsigned timeout_ms(milliseconds timeout) {
    // libusb takes 0 as "wait forever": the shortest real wait is 1 ms.
    return timeout.count() < 1 ? 1u : static_cast<unsigned>(std::min<long long>(timeout.count(), 0x7FFFFFFF));
}

class UsbTransport final : public Transport {
public:
    UsbTransport(ContextPtr context, HandlePtr handle, Candidate device, bool detached, const TransportOptions& options)
        : context_(std::move(context)), handle_(std::move(handle)), device_(std::move(device)), detached_(detached),
          options_(options) {
        device_.device = nullptr;  // borrowed from a device list that is gone; the handle holds its own reference
        const std::uint16_t packet = device_.interface.in_packet_size;
        in_buffer_.resize(packet ? packet : 64);
    }

    ~UsbTransport() override {
        // Errors are ignored: the printer may be gone, and the kernel releases everything on close anyway.
        libusb_release_interface(handle_.get(), device_.interface.number);
        if (detached_) libusb_attach_kernel_driver(handle_.get(), device_.interface.number);
        handle_.reset();
        context_.reset();
    }

    std::string describe() const override { return device_.info.uri(); }

    void write(std::span<const std::uint8_t> bytes) override {
        std::size_t sent = 0;
        auto last_progress = Steady::now();
        while (sent < bytes.size()) {
            const auto waited = std::chrono::duration_cast<milliseconds>(Steady::now() - last_progress);
            const std::size_t chunk = std::min(max_chunk, bytes.size() - sent);
            int transferred = 0;
            // libusb never writes to an OUT buffer; its API is just not const-correct.
            auto* data = const_cast<unsigned char*>(bytes.data() + sent);
            const int rc = libusb_bulk_transfer(handle_.get(), device_.interface.endpoint_out, data,
                                                static_cast<int>(chunk), &transferred,
                                                timeout_ms(options_.write_timeout - waited));
            if (transferred > 0) {
                sent += std::min(static_cast<std::size_t>(transferred), chunk);
                last_progress = Steady::now();
            }
            if (rc != 0 && rc != LIBUSB_ERROR_TIMEOUT && rc != LIBUSB_ERROR_INTERRUPTED)
                throw usb_error(rc, device_, "writing failed after " + std::to_string(sent) + " of " +
                                                 std::to_string(bytes.size()) + " bytes");
            // Complete, partial (a slow printer, not a stuck one) or nothing: resume from what went
            // through, until write_timeout passes without a byte taken.
            if (transferred <= 0 && Steady::now() - last_progress >= options_.write_timeout)
                throw no_progress(sent, bytes.size());
        }
    }

    std::optional<std::uint8_t> real_time_status(std::uint8_t n) override {
        if (!device_.interface.endpoint_in) return std::nullopt;
        drain_stale_input();
        std::array<unsigned char, 3> query{0x10, 0x04, n};
        int sent = 0;
        const int rc = libusb_bulk_transfer(handle_.get(), device_.interface.endpoint_out, query.data(),
                                            static_cast<int>(query.size()), &sent, timeout_ms(options_.status_timeout));
        if (rc == LIBUSB_ERROR_TIMEOUT) return std::nullopt;
        if (rc != 0) throw usb_error(rc, device_, "sending DLE EOT " + std::to_string(n));
        const auto deadline = Steady::now() + options_.status_timeout;
        for (;;) {
            const auto left = std::chrono::duration_cast<milliseconds>(deadline - Steady::now());
            if (left.count() <= 0) return std::nullopt;
            int received = 0;
            const int read = libusb_bulk_transfer(handle_.get(), device_.interface.endpoint_in, in_buffer_.data(),
                                                  static_cast<int>(in_buffer_.size()), &received, timeout_ms(left));
            // Should older bytes arrive in the same packet, the newest one answers this query.
            if (received > 0) return in_buffer_[static_cast<std::size_t>(received) - 1];
            if (read == 0) continue;  // a zero-length packet: keep waiting for the byte
            if (read == LIBUSB_ERROR_TIMEOUT || read == LIBUSB_ERROR_PIPE) return std::nullopt;
            throw usb_error(read, device_, "reading the DLE EOT " + std::to_string(n) + " reply");
        }
    }

    bool can_read_status() const override { return device_.interface.endpoint_in != 0; }

private:
    // Bytes left in the IN pipe (a late reply, automatic status back) would be taken for the next answer.
    void drain_stale_input() {
        for (int i = 0; i < max_drain_reads; ++i) {
            int received = 0;
            const int rc = libusb_bulk_transfer(handle_.get(), device_.interface.endpoint_in, in_buffer_.data(),
                                                static_cast<int>(in_buffer_.size()), &received, drain_timeout_ms);
            if (rc == LIBUSB_ERROR_NO_DEVICE) throw usb_error(rc, device_, "reading stale status bytes");
            if (rc != 0 || received == 0) return;
        }
    }

    PrinterError no_progress(std::size_t sent, std::size_t total) const {
        return PrinterError(PrinterErrorCode::timeout,
                            device_.label() + ": the printer accepted no data for " +
                                std::to_string(options_.write_timeout.count()) + " ms after " + std::to_string(sent) +
                                " of " + std::to_string(total) + " bytes (paper out, cover open or offline?)");
    }

    ContextPtr context_;  // declared first: destroyed after the handle
    HandlePtr handle_;
    Candidate device_;
    bool detached_;
    TransportOptions options_;
    std::vector<unsigned char> in_buffer_;
};

// Opens and claims one device; throws the PrinterError that explains why not. The context moves into the
// transport only on success: the other candidates' devices belong to it.
std::unique_ptr<Transport> open_candidate(ContextPtr& context, Candidate device, const TransportOptions& options) {
    libusb_device_handle* raw = nullptr;
    if (const int rc = libusb_open(device.device, &raw); rc != 0) throw usb_error(rc, device, "cannot open " + device.node());
    HandlePtr handle(raw);
    if (device.info.serial.empty()) device.info.serial = read_string_descriptor(handle.get(), device.serial_index);

    const int interface = device.interface.number;
    std::string driver;
    bool detached = false;
    if (libusb_kernel_driver_active(handle.get(), interface) == 1) {
        driver = interface_driver(device.sysfs, device.interface);
        // A failed detach is not fatal (umockdev and some kernels refuse it): the claim below tells.
        detached = libusb_detach_kernel_driver(handle.get(), interface) == 0;
    }
    // Never set_configuration or reset a configured printer: it may drop the job in its buffer. Only an
    // unconfigured device gets its first configuration.
    int configuration = -1;
    if (libusb_get_configuration(handle.get(), &configuration) == 0 && configuration == 0)
        libusb_set_configuration(handle.get(), device.interface.configuration);

    if (const int rc = libusb_claim_interface(handle.get(), interface); rc != 0) {
        if (driver.empty()) driver = interface_driver(device.sysfs, device.interface);
        if (detached) libusb_attach_kernel_driver(handle.get(), interface);
        throw usb_error(rc, device, "cannot claim interface " + std::to_string(interface), driver);
    }
    return std::make_unique<UsbTransport>(std::move(context), std::move(handle), std::move(device), detached, options);
}

std::string selector_text(const UsbSelector& selector) {
    if (selector.any) return "usb:auto";
    return "usb:" + hex4(selector.vendor) + ":" + hex4(selector.product) + (selector.serial ? ":" + *selector.serial : "");
}

bool is_hex_id(const std::string& text) {
    return text.size() == 4 && text.find_first_not_of("0123456789abcdefABCDEF") == std::string::npos;
}

// Calls on_change from the libusb event thread; stops and joins it on destruction.
class LibusbHotplugWatch final : public UsbHotplugWatch {
public:
    explicit LibusbHotplugWatch(std::function<void()> on_change) : on_change_(std::move(on_change)), context_(make_context()) {
        const int rc = libusb_hotplug_register_callback(
            context_.get(),
            static_cast<libusb_hotplug_event>(LIBUSB_HOTPLUG_EVENT_DEVICE_ARRIVED | LIBUSB_HOTPLUG_EVENT_DEVICE_LEFT),
            static_cast<libusb_hotplug_flag>(0), LIBUSB_HOTPLUG_MATCH_ANY, LIBUSB_HOTPLUG_MATCH_ANY,
            LIBUSB_HOTPLUG_MATCH_ANY, &LibusbHotplugWatch::on_event, this, &callback_);
        if (rc != LIBUSB_SUCCESS)
            throw PrinterError(PrinterErrorCode::io, std::string("cannot watch USB devices: ") + libusb_message(rc));
        events_ = std::thread([this] {
            while (!stop_.load()) {
                timeval tick{0, 200'000};  // how long stop() may wait if the deregistration wake-up is missed
                libusb_handle_events_timeout_completed(context_.get(), &tick, nullptr);
            }
        });
    }

    ~LibusbHotplugWatch() override {
        stop_.store(true);
        libusb_hotplug_deregister_callback(context_.get(), callback_);  // also wakes the event thread
        if (events_.joinable()) events_.join();
    }

private:
    static int LIBUSB_CALL on_event(libusb_context*, libusb_device*, libusb_hotplug_event, void* self) {
        auto* watch = static_cast<LibusbHotplugWatch*>(self);
        try {
            if (!watch->stop_.load() && watch->on_change_) watch->on_change_();
        } catch (...) {
            // An exception must not unwind through libusb's C frames.
        }
        return 0;  // stay registered
    }

    std::function<void()> on_change_;
    ContextPtr context_;
    libusb_hotplug_callback_handle callback_ = 0;
    std::atomic<bool> stop_{false};
    std::thread events_;
};

}  // namespace

std::string UsbPrinterInfo::uri() const {
    return "usb:" + hex4(vendor) + ":" + hex4(product) + (serial.empty() ? "" : ":" + serial);
}

UsbSelector parse_usb_selector(const std::string& text) {
    const auto bad = [&](const std::string& why) {
        return PrinterError(PrinterErrorCode::bad_uri, "\"usb:" + text + "\": " + why +
                                                           " (expected usb:auto or usb:VID:PID[:SERIAL], IDs as four hex "
                                                           "digits like lsusb shows them, e.g. usb:0416:5011)");
    };
    if (text == "auto") return {};
    const auto first = text.find(':');
    if (first == std::string::npos) throw bad("no product ID");
    const auto second = text.find(':', first + 1);
    const std::string vendor = text.substr(0, first);
    const std::string product = text.substr(first + 1, second == std::string::npos ? std::string::npos : second - first - 1);
    if (!is_hex_id(vendor)) throw bad("the vendor ID \"" + vendor + "\" is not four hex digits");
    if (!is_hex_id(product)) throw bad("the product ID \"" + product + "\" is not four hex digits");
    UsbSelector selector;
    selector.any = false;
    selector.vendor = static_cast<std::uint16_t>(std::stoul(vendor, nullptr, 16));
    selector.product = static_cast<std::uint16_t>(std::stoul(product, nullptr, 16));
    if (second != std::string::npos) {
        const std::string serial = text.substr(second + 1);
        if (serial.empty()) throw bad("empty serial number after the last colon");
        if (std::any_of(serial.begin(), serial.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
            throw bad("control character in the serial number");
        selector.serial = serial;
    }
    return selector;
}

std::vector<UsbPrinterInfo> list_usb_printers() {
    std::vector<UsbPrinterInfo> printers;
    try {
        const ContextPtr context = make_context();
        const DeviceList list(context.get());
        std::vector<Candidate> candidates = bulk_out_devices(list);
        std::erase_if(candidates, [](const Candidate& c) { return !c.is_receipt_printer(); });
        sort_class_seven_first(candidates);
        for (Candidate& candidate : candidates) {
            UsbPrinterInfo& info = candidate.info;
            libusb_device_handle* raw = nullptr;
            const int rc = libusb_open(candidate.device, &raw);
            if (rc == LIBUSB_ERROR_ACCESS) {
                info.problem = "permission denied on " + candidate.node();
                info.fix = udev_rule(info.vendor, info.product);
            } else if (rc != 0) {
                info.problem = "cannot open " + candidate.node() + ": " + libusb_message(rc);
                info.fix = "unplug the printer and plug it in again";
            } else {
                const HandlePtr handle(raw);
                libusb_device_descriptor descriptor{};
                libusb_get_device_descriptor(candidate.device, &descriptor);
                // sysfs already gave the strings on Linux; the descriptors are the fallback elsewhere.
                if (info.manufacturer.empty()) info.manufacturer = read_string_descriptor(raw, descriptor.iManufacturer);
                if (info.product_name.empty()) info.product_name = read_string_descriptor(raw, descriptor.iProduct);
                if (info.serial.empty()) info.serial = read_string_descriptor(raw, descriptor.iSerialNumber);
                info.can_open = true;
                const int interface = candidate.interface.number;
                if (libusb_kernel_driver_active(raw, interface) == 1) {
                    // Still usable: opening the printer detaches the driver. Said because it explains a "busy"
                    // when the detach is refused.
                    std::string driver = interface_driver(candidate.sysfs, candidate.interface);
                    if (driver.empty()) driver = "usblp";
                    info.problem = "the " + driver + " kernel driver holds interface " + std::to_string(interface);
                    info.fix = "the till detaches it automatically, or run `sudo rmmod " + driver + "`";
                } else if (const int claim = libusb_claim_interface(raw, interface); claim == 0) {
                    libusb_release_interface(raw, interface);
                } else if (claim == LIBUSB_ERROR_BUSY) {
                    // No kernel driver but the claim fails: another program has it through usbfs.
                    info.can_open = false;
                    info.problem = "another program holds interface " + std::to_string(interface) + " of " + candidate.node();
                    info.fix = "close the program that uses the printer (CUPS's usb backend, another till), or unplug "
                               "the printer and plug it in again";
                }
            }
            printers.push_back(std::move(info));
        }
    } catch (const std::exception&) {
        // No usable libusb (no /dev/bus/usb in a container): no USB printers.
    }
    return printers;
}

std::unique_ptr<Transport> open_usb(const UsbSelector& selector, const TransportOptions& options) {
    ContextPtr context = make_context();
    std::vector<Candidate> candidates;
    std::vector<std::string> other_serials;
    {
        const DeviceList list(context.get());
        for (Candidate& candidate : bulk_out_devices(list)) {
            if (selector.any ? !candidate.is_receipt_printer()
                             : candidate.info.vendor != selector.vendor || candidate.info.product != selector.product)
                continue;
            // Reference the device past the list's lifetime; the transport keeps the handle only.
            libusb_ref_device(candidate.device);
            candidates.push_back(std::move(candidate));
        }
    }
    const auto unref_all = [&] {
        for (Candidate& candidate : candidates) libusb_unref_device(candidate.device);
    };
    if (selector.serial) {
        std::vector<Candidate> matching;
        for (Candidate& candidate : candidates) {
            if (candidate.info.serial.empty()) {  // not in sysfs: ask the device
                libusb_device_handle* raw = nullptr;
                if (libusb_open(candidate.device, &raw) == 0) {
                    candidate.info.serial = read_string_descriptor(raw, candidate.serial_index);
                    libusb_close(raw);
                }
            }
            if (candidate.info.serial == *selector.serial) {
                matching.push_back(candidate);
            } else {
                other_serials.push_back(candidate.info.serial.empty() ? "one without serial" : "serial " + candidate.info.serial);
                libusb_unref_device(candidate.device);
            }
        }
        candidates = std::move(matching);
    }
    if (selector.any) sort_class_seven_first(candidates);
    if (candidates.empty()) {
        std::string detail = selector.any ? "no USB receipt printer is connected (none with a printer-class interface or a "
                                            "known printer ID; `lsusb` lists what is)"
                                          : "no USB printer " + hex4(selector.vendor) + ":" + hex4(selector.product) +
                                                " is connected (check its cable and power; `lsusb` lists the IDs)";
        if (!other_serials.empty()) {
            detail = "no USB printer " + hex4(selector.vendor) + ":" + hex4(selector.product) + " with serial " +
                     *selector.serial + " is connected (found instead:";
            for (std::size_t i = 0; i < other_serials.size(); ++i) detail += (i ? ", " : " ") + other_serials[i];
            detail += ")";
        }
        throw PrinterError(PrinterErrorCode::not_found, selector_text(selector) + ": " + detail);
    }
    // Two identical printers without serials: take the first that opens, report the first failure.
    std::optional<PrinterError> first_failure;
    for (const Candidate& candidate : candidates) {
        try {
            auto transport = open_candidate(context, candidate, options);
            unref_all();
            return transport;
        } catch (const PrinterError& error) {
            if (!first_failure) first_failure = error;
        }
    }
    unref_all();
    throw *first_failure;
}

std::unique_ptr<UsbHotplugWatch> watch_usb_hotplug(std::function<void()> on_change) {
    if (!libusb_has_capability(LIBUSB_CAP_HAS_HOTPLUG)) return nullptr;
    try {
        return std::make_unique<LibusbHotplugWatch>(std::move(on_change));
    } catch (const PrinterError&) {
        return nullptr;
    }
}

}  // namespace caisse::drivers
