#pragma once
// Where the bytes go. One interface for usb:, tcp://, file: and screen:.
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>

namespace caisse::drivers {

struct TransportOptions {
    std::chrono::milliseconds connect_timeout{3000};
    std::chrono::milliseconds write_timeout{5000};   // without progress; then PrinterError(timeout)
    std::chrono::milliseconds status_timeout{500};   // for one DLE EOT reply
    std::string screen_dir;                          // where screen: keeps its jobs ("" = $TMPDIR)
};

class Transport {
public:
    virtual ~Transport() = default;
    // What was actually opened, e.g. "usb:0416:5011:SN123", "tcp://10.0.0.5:9100", "file:/dev/usb/lp0".
    virtual std::string describe() const = 0;
    // Sends every byte or throws PrinterError; resumes after a partial write, never sends an empty
    // packet, gives up after write_timeout without progress.
    virtual void write(std::span<const std::uint8_t> bytes) = 0;
    // Sends DLE EOT n (after draining stale input) and returns the printer's one-byte reply; nothing
    // when this transport cannot read back or no byte came within status_timeout.
    virtual std::optional<std::uint8_t> real_time_status(std::uint8_t n) = 0;
    virtual bool can_read_status() const = 0;
};

// Parses and opens a printer URI:
//   usb:auto | usb:VID:PID[:SERIAL]   (hex IDs)   tcp://HOST[:PORT] (9100)   file:PATH   screen:   auto
// "auto" is the first USB printer found, else screen:. Throws PrinterError (bad_uri names the URI).
std::unique_ptr<Transport> open_transport(const std::string& uri, const TransportOptions& options = {});

// Checks the URI's syntax without opening anything; throws PrinterError(bad_uri).
void check_printer_uri(const std::string& uri);

// The path a file: URI writes to, as the transport opens it ("file:///dev/usb/lp0" -> "/dev/usb/lp0");
// nothing for the other kinds. Throws PrinterError(bad_uri) like check_printer_uri.
std::optional<std::string> printer_file_path(const std::string& uri);

}  // namespace caisse::drivers
