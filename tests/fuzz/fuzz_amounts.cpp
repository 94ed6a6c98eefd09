// Amounts, VAT rates, discounts, items, tenders and drawer counts typed by people or scripts.
#include <cstdint>
#include <string>
#include <string_view>

#include "app/core/cart.hpp"
#include "app/core/cash_count.hpp"
#include "app/core/money.hpp"
#include "app/core/tender.hpp"
#include "app/core/vat.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        const caisse::Money m = caisse::Money::parse(text);
        // What we print, we read back identically.
        if (caisse::Money::parse(m.plain()) != m || caisse::Money::parse(m.format()) != m) __builtin_trap();
    } catch (const caisse::InputError&) {
    } catch (const caisse::MoneyOverflow&) {
    }
    try {
        const auto r = caisse::VatRate::parse_percent(text);
        if (caisse::VatRate::parse_percent(r.percent()).bp != r.bp) __builtin_trap();
    } catch (const caisse::InputError&) {
    }
    try { caisse::TicketDiscount::parse(text); } catch (const caisse::InputError&) {} catch (const caisse::MoneyOverflow&) {}
    try { caisse::ItemSpec::parse(text); } catch (const caisse::InputError&) {} catch (const caisse::MoneyOverflow&) {}
    try { caisse::TenderRequest::parse(text); } catch (const caisse::InputError&) {} catch (const caisse::MoneyOverflow&) {}
    try {
        // A drawer count (caisse close --count): what we write back, we read back identically.
        const auto count = caisse::CashCount::parse(text);
        if (!count.empty() && caisse::CashCount::parse(count.to_text()).pieces() != count.pieces()) __builtin_trap();
    } catch (const caisse::InputError&) {
    } catch (const caisse::MoneyOverflow&) {
    }
    return 0;
}
