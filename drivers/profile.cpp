#include "drivers/profile.hpp"

namespace caisse::drivers {
namespace {

std::vector<PrinterProfile> make_profiles() {
    std::vector<PrinterProfile> all;

    PrinterProfile p58;
    p58.id = "generic-58";
    p58.name = "Generic 58 mm";
    p58.dots_per_line = 384;
    p58.columns = 32;
    p58.code_pages = {{CodePage::cp858, 19}, {CodePage::wpc1252, 16}, {CodePage::pc437, 0}};
    all.push_back(p58);

    PrinterProfile p80 = p58;
    p80.id = "generic-80";
    p80.name = "Generic 80 mm";
    p80.dots_per_line = 576;
    p80.columns = 48;
    all.push_back(p80);

    // Epson numbers WPC1252 16 and PC858 19; the TM-T20III cuts without extra feed (auto feed to
    // the cutter with GS V 65) and has a drawer port.
    PrinterProfile tm = p80;
    tm.id = "epson-tm-t20iii";
    tm.name = "Epson TM-T20III";
    tm.code_pages = {{CodePage::wpc1252, 16}, {CodePage::cp858, 19}, {CodePage::pc437, 0}};
    tm.feed_before_cut = false;
    tm.usb_vendor = 0x04b8;
    tm.usb_product = 0x0e28;
    all.push_back(tm);

    // The ubiquitous "POS-5890" clone (0416:5011): 58 mm, no cutter, no drawer port on most units,
    // QR only on recent firmware, and a small input buffer: raster goes out in short bands.
    PrinterProfile clone = p58;
    clone.id = "pos-5890";
    clone.name = "POS-5890 (0416:5011)";
    clone.can_cut = false;
    clone.has_drawer_port = false;
    clone.native_qr = false;
    clone.raster_band_rows = 16;
    clone.feed_lines_before_cut = 3;
    clone.usb_vendor = 0x0416;
    clone.usb_product = 0x5011;
    all.push_back(clone);
    return all;
}

}  // namespace

const std::vector<PrinterProfile>& printer_profiles() {
    static const std::vector<PrinterProfile> all = make_profiles();
    return all;
}

const PrinterProfile* find_profile(std::string_view id) {
    for (const auto& p : printer_profiles())
        if (p.id == id) return &p;
    return nullptr;
}

const PrinterProfile& profile_for_usb(std::uint16_t vendor, std::uint16_t product) {
    for (const auto& p : printer_profiles())
        if (p.usb_vendor == vendor && p.usb_product == product && vendor != 0) return p;
    return *find_profile("generic-80");
}

}  // namespace caisse::drivers
