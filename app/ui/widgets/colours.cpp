// The till's colours: an entrepreneur's "#rrggbb" read, a user's picked from a palette, and the
// WCAG contrast rule (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
#include "app/ui/widgets/colours.hpp"

#include <cmath>
#include <iterator>

namespace caisse::ui {
namespace {

// The users' palette: each carries white initials at 4.5:1 or more.
constexpr ImU32 kPalette[] = {IM_COL32(31, 97, 141, 255),  IM_COL32(169, 50, 38, 255), IM_COL32(28, 115, 64, 255),
                              IM_COL32(125, 60, 152, 255), IM_COL32(166, 66, 0, 255),  IM_COL32(17, 120, 101, 255)};

double channel(unsigned v) {
    const double c = v / 255.0;
    return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

double luminance(ImU32 c) {
    return 0.2126 * channel((c >> IM_COL32_R_SHIFT) & 0xFF) + 0.7152 * channel((c >> IM_COL32_G_SHIFT) & 0xFF) +
           0.0722 * channel((c >> IM_COL32_B_SHIFT) & 0xFF);
}

ImU32 scaled(ImU32 c, float f) {
    const auto ch = [&](unsigned shift) { return static_cast<int>(static_cast<float>((c >> shift) & 0xFF) * f); };
    return IM_COL32(ch(IM_COL32_R_SHIFT), ch(IM_COL32_G_SHIFT), ch(IM_COL32_B_SHIFT), (c >> IM_COL32_A_SHIFT) & 0xFF);
}

}  // namespace

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

ImU32 user_colour(std::int64_t id) { return kPalette[static_cast<std::size_t>(id) % std::size(kPalette)]; }

double contrast_ratio(ImU32 a, ImU32 b) {
    double la = luminance(a), lb = luminance(b);
    if (la < lb) std::swap(la, lb);
    return (la + 0.05) / (lb + 0.05);
}

ImU32 text_on(ImU32 background) { return contrast_ratio(kWhite, background) >= contrast_ratio(kInk, background) ? kWhite : kInk; }

ImU32 pressed_fill(ImU32 fill, ImU32 text) {
    // A light label gains contrast as the fill darkens. A dark one loses some: a little darker while
    // it stays readable, else a quarter lighter (a light fill with barely enough contrast).
    if (luminance(text) > luminance(fill)) return scaled(fill, 0.8f);
    const ImU32 darker = scaled(fill, 0.9f);
    if (contrast_ratio(text, darker) >= kMinTextContrast) return darker;
    const auto ch = [&](unsigned shift) {
        const unsigned v = (fill >> shift) & 0xFF;
        return static_cast<int>(v + (255 - v) / 4);
    };
    return IM_COL32(ch(IM_COL32_R_SHIFT), ch(IM_COL32_G_SHIFT), ch(IM_COL32_B_SHIFT), (fill >> IM_COL32_A_SHIFT) & 0xFF);
}

const std::vector<TextPair>& text_pairs() {
    static const std::vector<TextPair> pairs = [] {
        std::vector<TextPair> p = {
            {"screen text", kThemeText, kWindowBg},
            {"buttons", kThemeText, kButton, true},
            {"keypad and approval overlays", kThemeText, kOverlayBg},
            {"questions", kThemeText, kModalBg},
            {"tiles, quantities", kInk, kWhite, true},
            {"muted values (zero counts)", kMuted, kWhite},
            {"muted values on the screen", kMuted, kWindowBg},
            {"status bar", kWhite, kDark},
            {"status bar buttons", kWhite, kDarkButton, true},
            {"chosen chip", kWhite, kDark, true},
            {"green buttons (Pay, OK, Yes)", kWhite, kGreen, true},
            {"red buttons, error strip", kWhite, kRed, true},
            {"message strip", kWhite, kGreen},
            {"remove, clear the ticket", kRed, kPaleRed, true},
            {"red text (overpaid, alarms)", kRed, kWindowBg},
            {"green amounts (change due)", kGreen, kWindowBg},
            {"training band", kInk, kTraining},
        };
        for (const ImU32 c : kPalette) p.push_back({"user avatars", kWhite, c, true});
        return p;
    }();
    return pairs;
}

}  // namespace caisse::ui
