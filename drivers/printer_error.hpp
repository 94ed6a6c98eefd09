#pragma once
// Errors of the printing drivers. drivers/ knows nothing of app/: services turn a PrinterError into a
// translated message from its code and detail.
#include <stdexcept>
#include <string>

namespace caisse::drivers {

enum class PrinterErrorCode {
    bad_uri,        // the printer URI cannot be understood
    not_found,      // no such device / host / file
    permission,     // the OS refuses access (udev rule missing, file mode)
    busy,           // another driver or program holds the device
    refused,        // TCP connection refused
    timeout,        // the printer stopped accepting data or did not answer
    disconnected,   // the device vanished or the peer closed the connection
    io,             // any other transfer error
    bad_image,      // a picture that cannot be decoded
    no_font,        // no font file could be loaded for raster text
};

// Short English name of a code, stable for logs and JSON ("paper out" is a status, not an error).
const char* to_string(PrinterErrorCode code);

class PrinterError : public std::runtime_error {
public:
    PrinterError(PrinterErrorCode code, const std::string& detail)
        : std::runtime_error(detail), code_(code), detail_(detail) {}
    PrinterErrorCode code() const { return code_; }
    const std::string& detail() const { return detail_; }  // English, names the device or file

private:
    PrinterErrorCode code_;
    std::string detail_;
};

}  // namespace caisse::drivers
