#pragma once
// A 1-bit picture as the printer takes it: rows of bytes, most significant bit leftmost, 1 = black.
#include <cstdint>
#include <vector>

namespace caisse::drivers {

struct Bitmap {
    int width = 0, height = 0;
    std::vector<std::uint8_t> bits;  // height * stride() bytes

    Bitmap() = default;
    Bitmap(int w, int h) : width(w), height(h), bits(static_cast<std::size_t>(stride()) * static_cast<std::size_t>(h), 0) {}
    int stride() const { return (width + 7) / 8; }
    bool get(int x, int y) const {
        return (bits[static_cast<std::size_t>(y * stride() + x / 8)] >> (7 - x % 8)) & 1;
    }
    void set(int x, int y, bool black = true) {
        auto& b = bits[static_cast<std::size_t>(y * stride() + x / 8)];
        const auto mask = static_cast<std::uint8_t>(0x80 >> (x % 8));
        b = black ? static_cast<std::uint8_t>(b | mask) : static_cast<std::uint8_t>(b & ~mask);
    }
    // Copies src into this bitmap with its top-left corner at (x, y), clipped; black pixels win.
    void blit(const Bitmap& src, int x, int y);
    void invert();
};

}  // namespace caisse::drivers
