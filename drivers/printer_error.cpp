#include "drivers/printer_error.hpp"

namespace caisse::drivers {

const char* to_string(PrinterErrorCode code) {
    switch (code) {
        case PrinterErrorCode::bad_uri: return "bad printer URI";
        case PrinterErrorCode::not_found: return "printer not found";
        case PrinterErrorCode::permission: return "permission denied";
        case PrinterErrorCode::busy: return "printer busy";
        case PrinterErrorCode::refused: return "connection refused";
        case PrinterErrorCode::timeout: return "printer timeout";
        case PrinterErrorCode::disconnected: return "printer disconnected";
        case PrinterErrorCode::io: return "printer I/O error";
        case PrinterErrorCode::bad_image: return "not a picture";
        case PrinterErrorCode::no_font: return "no font";
    }
    return "printer error";
}

}  // namespace caisse::drivers
