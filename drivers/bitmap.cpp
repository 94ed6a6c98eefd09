#include "drivers/bitmap.hpp"

namespace caisse::drivers {

void Bitmap::blit(const Bitmap& src, int x, int y) {
    for (int sy = 0; sy < src.height; ++sy) {
        const int dy = y + sy;
        if (dy < 0 || dy >= height) continue;
        for (int sx = 0; sx < src.width; ++sx) {
            const int dx = x + sx;
            if (dx < 0 || dx >= width) continue;
            if (src.get(sx, sy)) set(dx, dy);
        }
    }
}

void Bitmap::invert() {
    for (auto& b : bits) b = static_cast<std::uint8_t>(~b);
    // Keep the padding bits of each row white so that a later blit or encode sees no stray dots.
    const int pad = stride() * 8 - width;
    if (pad == 0) return;
    const auto keep = static_cast<std::uint8_t>(0xFF << pad);
    for (int y = 0; y < height; ++y) bits[static_cast<std::size_t>(y * stride() + stride() - 1)] &= keep;
}

}  // namespace caisse::drivers
