#include "app/core/vat.hpp"

#include <algorithm>

#include "app/core/limits.hpp"

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

namespace {
std::string dotted(VatRate r) {  // "8.5": the machine form the setting stores
    std::string s = std::to_string(r.bp / 100);
    if (r.bp % 100) {
        s += '.';
        s += static_cast<char>('0' + (r.bp % 100) / 10);
        if (r.bp % 10) s += static_cast<char>('0' + r.bp % 10);
    }
    return s;
}
}  // namespace

void check_known_vat_rate(VatRate rate, std::span<const VatRate> extra) {
    if (std::find(kStandardVatRatesBp.begin(), kStandardVatRatesBp.end(), rate.bp) != kStandardVatRatesBp.end()) return;
    if (std::find(extra.begin(), extra.end(), rate) != extra.end()) return;
    std::vector<std::int32_t> known(kStandardVatRatesBp.begin(), kStandardVatRatesBp.end());
    for (const auto& r : extra) known.push_back(r.bp);
    std::sort(known.begin(), known.end(), std::greater<>());
    std::string list;
    for (auto bp : known) list += (list.empty() ? "" : ", ") + VatRate{bp}.percent();
    throw InputError("VAT rate {0} is not one this till knows ({1}); another rate needs the setting vat.extra_rates",
                     rate.percent(), list);
}

std::vector<VatRate> parse_vat_rate_list(std::string_view text) {
    std::vector<VatRate> rates;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t end = text.find_first_of(",; ", i);
        const std::string_view item = text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
        i = end == std::string_view::npos ? text.size() : end + 1;
        if (item.empty()) continue;
        if (item.find_first_not_of("0123456789.") != std::string_view::npos)
            throw InputError("extra VAT rate \"{0}\" is not a percentage such as 8.5 (decimals with a dot)", item);
        const VatRate r = VatRate::parse_percent(item);
        if (std::find(kStandardVatRatesBp.begin(), kStandardVatRatesBp.end(), r.bp) != kStandardVatRatesBp.end())
            throw InputError("extra VAT rate {0} is already a standard rate", r.percent());
        if (std::find(rates.begin(), rates.end(), r) != rates.end())
            throw InputError("extra VAT rate {0} is given twice", r.percent());
        rates.push_back(r);
        if (rates.size() > kMaxExtraVatRates) throw InputError("at most {0} extra VAT rates", kMaxExtraVatRates);
    }
    return rates;
}

std::string vat_rate_list_text(std::span<const VatRate> rates) {
    std::string out;
    // Appended piece by piece: `"," + std::string` trips GCC 12's -Wrestrict false positive at -O3
    // (GCC bug 105651), and it copies the text once more anyway.
    for (const auto& r : rates) {
        if (!out.empty()) out += ',';
        out += dotted(r);
    }
    return out;
}

}  // namespace caisse
