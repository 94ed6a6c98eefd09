#include "drivers/status.hpp"

#include "drivers/transport.hpp"

namespace caisse::drivers {

std::string PrinterStatus::summary() const {
    if (!known) return "unknown";
    if (paper_out) return "paper out";
    if (cover_open) return "cover open";
    if (error) return "error";
    if (!online) return "offline";
    if (paper_near_end) return "paper near end";
    return "ready";
}

bool is_status_byte(std::uint8_t b) { return (b & 0x93) == 0x12; }

PrinterStatus decode_status(std::optional<std::uint8_t> printer, std::optional<std::uint8_t> offline_cause,
                            std::optional<std::uint8_t> paper) {
    PrinterStatus s;
    if (printer && is_status_byte(*printer)) {
        s.known = true;
        s.online = (*printer & 0x08) == 0;
    }
    if (offline_cause && is_status_byte(*offline_cause)) {
        s.known = true;
        s.cover_open = (*offline_cause & 0x04) != 0;
        s.paper_out = (*offline_cause & 0x20) != 0;  // printing stopped at paper end
        s.error = (*offline_cause & 0x40) != 0;
    }
    if (paper && is_status_byte(*paper)) {
        s.known = true;
        s.paper_near_end = (*paper & 0x0C) != 0;
        s.paper_out = s.paper_out || (*paper & 0x60) != 0;
    }
    return s;
}

PrinterStatus query_status(Transport& transport) {
    if (!transport.can_read_status()) return {};
    const auto printer = transport.real_time_status(1);
    if (!printer) return {};  // a printer that does not answer the first query will not answer the others
    const auto cause = transport.real_time_status(2);
    const auto paper = transport.real_time_status(4);
    return decode_status(printer, cause, paper);
}

}  // namespace caisse::drivers
