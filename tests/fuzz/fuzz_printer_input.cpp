// What reaches the printer layer from outside: printer URIs typed in settings or on the command
// line (usb:VID:PID:SERIAL, tcp://[v6]:port, file:, ...) and the status bytes a USB or network
// printer sends back (DLE EOT replies). Any bytes give a URI accepted or a PrinterError, and a
// status, never a crash. No device is opened: only check_printer_uri and decode_status run.
#include <cstdint>
#include <optional>
#include <string>

#include "drivers/printer_error.hpp"
#include "drivers/status.hpp"
#include "drivers/transport.hpp"
#include "drivers/usb.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        caisse::drivers::check_printer_uri(text);
    } catch (const caisse::drivers::PrinterError&) {
    }
    try {
        caisse::drivers::parse_usb_selector(text);
    } catch (const caisse::drivers::PrinterError&) {
    }
    // Status replies: each of the three may be missing (timeout) or any byte.
    auto byte = [&](std::size_t i) -> std::optional<std::uint8_t> {
        if (i >= size || (data[i] == 0xFF && i + 1 < size && data[i + 1] == 0xFF)) return std::nullopt;
        return data[i];
    };
    const auto status = caisse::drivers::decode_status(byte(0), byte(1), byte(2));
    if (status.summary().empty()) __builtin_trap();
    return 0;
}
