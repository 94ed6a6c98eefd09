#include "drivers/qr.hpp"

#include <qrencode.h>

#include <cerrno>
#include <memory>
#include <new>
#include <string>

namespace caisse::drivers {

std::optional<QrMatrix> encode_qr(std::string_view data, char error_level) {
    const QRecLevel level = error_level == 'L'   ? QR_ECLEVEL_L
                            : error_level == 'Q' ? QR_ECLEVEL_Q
                            : error_level == 'H' ? QR_ECLEVEL_H
                                                 : QR_ECLEVEL_M;
    // QRcode_encodeData takes bytes with their length: a NUL inside the data is kept.
    const std::string copy(data);
    errno = 0;
    std::unique_ptr<QRcode, void (*)(QRcode*)> code(
        QRcode_encodeData(static_cast<int>(copy.size()), reinterpret_cast<const unsigned char*>(copy.data()), 0, level),
        QRcode_free);
    if (!code) {
        if (errno == ENOMEM) throw std::bad_alloc();
        return std::nullopt;  // ERANGE: too long for version 40; EINVAL: empty
    }
    QrMatrix m;
    m.size = code->width;
    m.version = code->version;
    m.modules.resize(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
    for (std::size_t i = 0; i < m.modules.size(); ++i) m.modules[i] = (code->data[i] & 1) != 0;  // bit 0: dark
    return m;
}

QrPicture qr_picture(const QrMatrix& qr, int scale) {
    QrPicture p;
    if (scale < 1) scale = 1;
    p.side = (qr.size + 2 * kQrQuietZone) * scale;
    p.grey.assign(static_cast<std::size_t>(p.side) * static_cast<std::size_t>(p.side), 255);
    for (int y = 0; y < qr.size; ++y)
        for (int x = 0; x < qr.size; ++x) {
            if (!qr.dark(x, y)) continue;
            for (int dy = 0; dy < scale; ++dy)
                for (int dx = 0; dx < scale; ++dx) {
                    const int px = (x + kQrQuietZone) * scale + dx, py = (y + kQrQuietZone) * scale + dy;
                    p.grey[static_cast<std::size_t>(py) * static_cast<std::size_t>(p.side) + static_cast<std::size_t>(px)] = 0;
                }
        }
    return p;
}

}  // namespace caisse::drivers
