#pragma once
// What one kind of printer can do: paper width, font, code pages, cut, drawer, quirks.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/codepage.hpp"

namespace caisse::drivers {

struct CodePageSlot {
    CodePage page;
    std::uint8_t escpos_number;  // the n of ESC t n on this printer
};

struct PrinterProfile {
    std::string id;             // "generic-58", "generic-80", "epson-tm-t20iii", "pos-5890"
    std::string name;           // shown to people
    int dots_per_line = 384;    // printable width in dots
    int columns = 32;           // font A characters per line
    int char_width_dots = 12;   // font A cell
    int line_height_dots = 24;
    std::vector<CodePageSlot> code_pages;  // in order of preference
    bool can_cut = true;
    bool has_drawer_port = true;
    bool native_qr = true;        // GS ( k
    bool native_barcode = true;   // GS k
    int raster_band_rows = 24;    // rows per GS v 0 command (small bands avoid buffer overruns)
    bool feed_before_cut = true;  // paper must pass the cutter: feed lines before GS V
    int feed_lines_before_cut = 4;
    std::uint16_t usb_vendor = 0, usb_product = 0;  // 0 when generic
};

const std::vector<PrinterProfile>& printer_profiles();
const PrinterProfile* find_profile(std::string_view id);
// The profile for a USB device: its own when known, else the generic 80 mm one.
const PrinterProfile& profile_for_usb(std::uint16_t vendor, std::uint16_t product);

}  // namespace caisse::drivers
