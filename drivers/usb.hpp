#pragma once
// USB receipt printers through libusb-1.0: discovery, diagnosis, and the usb: transport.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "drivers/transport.hpp"

namespace caisse::drivers {

struct UsbPrinterInfo {
    std::uint16_t vendor = 0, product = 0;
    std::string manufacturer, product_name, serial;  // empty when the device cannot be opened
    int bus = 0, address = 0;
    int interface_number = -1;
    int interface_class = 0;          // 7 = printer class, 0xFF = vendor-specific
    std::uint8_t endpoint_out = 0;    // bulk OUT address
    std::uint8_t endpoint_in = 0;     // bulk IN address, 0 when none
    bool can_open = false;
    std::string problem;              // English, when !can_open: "permission denied on /dev/bus/usb/001/004"
    std::string fix;                  // the exact fix: the udev rule line, or the kernel driver to detach
    std::string uri() const;          // "usb:0416:5011[:SERIAL]"
};

// Devices with an interface that has a bulk OUT endpoint and is printer class (7), or a known
// receipt printer ID. Never throws for one bad device; an unusable libusb gives an empty list.
std::vector<UsbPrinterInfo> list_usb_printers();

struct UsbSelector {
    bool any = true;  // usb:auto
    std::uint16_t vendor = 0, product = 0;
    std::optional<std::string> serial;
};
// "auto" or "VID:PID[:SERIAL]" (the part after "usb:"); throws PrinterError(bad_uri).
UsbSelector parse_usb_selector(const std::string& text);

// Opens the printer: picks the interface with a bulk OUT endpoint (class 7 preferred), detaches a
// kernel driver (tolerating failure), claims it. Releases and re-attaches on destruction.
std::unique_ptr<Transport> open_usb(const UsbSelector& selector, const TransportOptions& options);

// Calls on_change (on a libusb event thread) when a USB device arrives or leaves, where libusb
// supports hotplug; returns nullptr otherwise. Destroying the handle stops the watch.
class UsbHotplugWatch {
public:
    virtual ~UsbHotplugWatch() = default;
};
std::unique_ptr<UsbHotplugWatch> watch_usb_hotplug(std::function<void()> on_change);

}  // namespace caisse::drivers
