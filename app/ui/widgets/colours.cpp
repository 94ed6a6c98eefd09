// The till's colours: an entrepreneur's "#rrggbb" read, a user's picked from a palette.
#include "app/ui/widgets/colours.hpp"

#include <iterator>

namespace caisse::ui {

ImU32 colour_of(const std::string& hex, ImU32 fallback) {
    if (hex.size() != 7 || hex[0] != '#') return fallback;
    unsigned v = 0;
    for (std::size_t i = 1; i < 7; ++i) {
        const char c = hex[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
        else return fallback;
    }
    return IM_COL32((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF, 255);
}

ImU32 user_colour(std::int64_t id) {
    static const ImU32 palette[] = {IM_COL32(41, 128, 185, 255), IM_COL32(192, 57, 43, 255), IM_COL32(39, 174, 96, 255),
                                    IM_COL32(142, 68, 173, 255), IM_COL32(211, 84, 0, 255),  IM_COL32(22, 160, 133, 255)};
    return palette[static_cast<std::size_t>(id) % std::size(palette)];
}

}  // namespace caisse::ui
