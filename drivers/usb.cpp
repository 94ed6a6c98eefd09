// Placeholder until the implementation lands; replaced in this change set.
#include "drivers/usb.hpp"
#include "drivers/printer_error.hpp"
namespace caisse::drivers {
std::string UsbPrinterInfo::uri() const { return "usb:auto"; }
std::vector<UsbPrinterInfo> list_usb_printers() { return {}; }
UsbSelector parse_usb_selector(const std::string&) { return {}; }
std::unique_ptr<Transport> open_usb(const UsbSelector&, const TransportOptions&) { throw PrinterError(PrinterErrorCode::not_found, "usb not built yet"); }
std::unique_ptr<UsbHotplugWatch> watch_usb_hotplug(std::function<void()>) { return nullptr; }
}
