#pragma once
// DLE EOT real-time status: the one-byte replies decoded into what the till shows.
#include <cstdint>
#include <optional>
#include <string>

namespace caisse::drivers {

class Transport;

struct PrinterStatus {
    bool known = false;          // false: the transport cannot read back, or the replies were garbage
    bool online = true;
    bool cover_open = false;
    bool paper_near_end = false;
    bool paper_out = false;
    bool error = false;          // cutter jam, unrecoverable or auto-recoverable error
    bool can_print() const { return !known || (online && !cover_open && !paper_out && !error); }
    // "ready", "paper near end", "paper out", "cover open", "error", "offline", "unknown"
    std::string summary() const;
    bool operator==(const PrinterStatus&) const = default;
};

// A reply byte has the fixed pattern 0xx1xx10; anything else is garbage.
bool is_status_byte(std::uint8_t b);
// Decodes the replies to DLE EOT 1 (printer), 2 (offline cause), 4 (paper roll sensor). A missing or
// garbage reply leaves its fields unknown; if all three are unusable the status is !known.
PrinterStatus decode_status(std::optional<std::uint8_t> printer, std::optional<std::uint8_t> offline_cause,
                            std::optional<std::uint8_t> paper);
// Asks the printer (three DLE EOT queries).
PrinterStatus query_status(Transport& transport);

}  // namespace caisse::drivers
