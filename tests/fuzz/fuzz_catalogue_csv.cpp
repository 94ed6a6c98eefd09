// The catalogue CSV comes from a spreadsheet: any bytes must give rows or an InputError, never a crash,
// and what it accepts must survive a write/parse round trip.
#include <cstdint>
#include <string_view>

#include "app/core/catalogue.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        auto rows = caisse::parse_catalogue_csv(text);
        auto again = caisse::parse_catalogue_csv(caisse::write_catalogue_csv(rows));
        if (again.size() != rows.size()) __builtin_trap();
        for (std::size_t i = 0; i < rows.size(); ++i)
            if (again[i].sku != rows[i].sku || again[i].name != rows[i].name || again[i].price != rows[i].price ||
                again[i].vat.bp != rows[i].vat.bp || again[i].entrepreneur != rows[i].entrepreneur)
                __builtin_trap();
    } catch (const caisse::InputError&) {
    } catch (const caisse::MoneyOverflow&) {
    }
    return 0;
}
