#include "app/core/vat.hpp"

namespace caisse {

VatRate VatRate::parse_percent(std::string_view text) {
    std::string_view s = text;
    // Spaces, including the no-break spaces percent() writes before '%', are ignored at both ends.
    auto trim = [&s] {
        for (bool again = true; again;) {
            again = false;
            for (std::string_view sp : {std::string_view(" "), std::string_view("\xC2\xA0"), std::string_view("\xE2\x80\xAF")}) {
                while (s.size() >= sp.size() && s.substr(s.size() - sp.size()) == sp) { s.remove_suffix(sp.size()); again = true; }
                while (s.size() >= sp.size() && s.substr(0, sp.size()) == sp) { s.remove_prefix(sp.size()); again = true; }
            }
        }
    };
    trim();
    if (!s.empty() && s.back() == '%') s.remove_suffix(1);
    trim();
    std::int64_t bp = 0;
    int decimals = -1;
    if (s.empty()) throw InputError("empty VAT rate");
    if (s.find_first_of("0123456789") == std::string_view::npos)
        throw InputError("malformed VAT rate \"{0}\"", text);
    for (char c : s) {
        if (c == ',' || c == '.') {
            if (decimals >= 0) throw InputError("malformed VAT rate \"{0}\"", text);
            decimals = 0;
        } else if (c >= '0' && c <= '9') {
            if (decimals >= 2) throw InputError("VAT rate \"{0}\" has more than 2 decimals", text);
            bp = bp * 10 + (c - '0');
            if (decimals >= 0) ++decimals;
            if (bp > 1'000'000) throw InputError("VAT rate \"{0}\" is out of range", text);
        } else {
            throw InputError("malformed VAT rate \"{0}\"", text);
        }
    }
    for (int d = decimals < 0 ? 0 : decimals; d < 2; ++d) bp *= 10;
    if (bp > 10000) throw InputError("VAT rate \"{0}\" is above 100 %", text);
    return VatRate{static_cast<std::int32_t>(bp)};
}

std::string VatRate::percent() const {
    std::string out = std::to_string(bp / 100);
    int frac = bp % 100;
    if (frac != 0) {
        out += ',';
        out += static_cast<char>('0' + frac / 10);
        if (frac % 10) out += static_cast<char>('0' + frac % 10);
    }
    return out + "\xC2\xA0%";
}

VatAmounts split_ttc(Money ttc, VatRate rate) {
    const std::int64_t vat = div_round_half_up(static_cast<__int128>(ttc.value()) * rate.bp, 10000 + rate.bp);
    return VatAmounts{ttc - Money::cents(vat), Money::cents(vat), ttc};
}

}  // namespace caisse
