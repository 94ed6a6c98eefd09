#pragma once
// QR codes made here (libqrencode), for the screen (the receipt shown with its QR) and for printers
// without GS ( k. Knows nothing of receipts: bytes in, a square of modules out.
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace caisse::drivers {

// A QR symbol: `size` x `size` modules, row-major, true = dark. No quiet zone: a drawer leaves
// 4 modules of white around it (kQrQuietZone).
struct QrMatrix {
    int size = 0;
    int version = 0;  // 1..40
    std::vector<bool> modules;
    bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)]; }
};
inline constexpr int kQrQuietZone = 4;

// Encodes `data` as 8-bit bytes (UTF-8 text stays as it is) at error level 'L', 'M', 'Q' or 'H'
// (anything else is 'M'), in the smallest version that holds it. std::nullopt when no version
// (up to 40) holds it: at level M about 2,300 bytes. Throws std::bad_alloc only.
std::optional<QrMatrix> encode_qr(std::string_view data, char error_level = 'M');

// The symbol as an 8-bit grey picture (0 black, 255 white), `scale` pixels a module, with the quiet
// zone: (size + 8) * scale pixels a side. For tests (decoded by zbarimg) and pictures.
struct QrPicture {
    int side = 0;
    std::vector<std::uint8_t> grey;
};
QrPicture qr_picture(const QrMatrix& qr, int scale);

}  // namespace caisse::drivers
