#pragma once
// The state of the quote editor (issue 14 item 8, screens/quote_editor.cpp): the quote being
// written or changed, all on screen until "Save" records it in one commit (save_quote); the panel
// open over its right-hand side (a keypad, the keyboard, the catalogue, the free line's form).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/amount_entry.hpp"
#include "app/core/invoice.hpp"
#include "app/core/money.hpp"
#include "app/core/vat.hpp"
#include "app/ui/till_app.hpp"
#include "db/records/catering.hpp"

namespace caisse::ui {

// One line of the draft, as save_quote will take it. Quantities in thousandths of a unit (60 guests
// = 60'000), the unit price in cents by the quote's basis.
struct QuoteDraftLine {
    std::string sku;  // empty: a free line
    std::string description;
    std::int64_t quantity_milli = 1000;
    std::string unit_code = "C62";
    Money unit_price;
    VatRate rate;
    std::int64_t entrepreneur = 0;  // catalogue Entrepreneur id
    bool operator==(const QuoteDraftLine&) const = default;
};

// The quote as on screen. Dates "YYYY-MM-DD".
struct QuoteDraft {
    std::int64_t customer = 0;  // 0: none chosen yet
    invoice::PriceBasis basis = invoice::PriceBasis::incl_vat;
    std::int64_t guests = 0;
    std::string service_date, valid_until, place, note;
    std::vector<QuoteDraftLine> lines;
    bool operator==(const QuoteDraft&) const = default;
};

struct QuoteEditorUi {
    std::optional<std::int64_t> quote;  // none: a new quote
    Screen back = Screen::sell;         // where Save and Cancel return
    QuoteDraft draft;
    QuoteDraft opened;  // the draft as opened: Cancel asks first when they differ
    std::vector<db::CustomerRecord> customers;
    std::vector<VatRate> rates;  // the rates the till knows (5,5 / 10 / 20 % and vat.extra_rates)
    std::vector<VatRate> extra_rates;
    std::string today;  // when it was opened: a date of service before it is shown in red

    // What the right-hand side shows instead of the lines.
    enum class Panel { none, guests, quantity, place, note, catalogue, free_line, free_description };
    Panel panel = Panel::none;
    std::size_t line = 0;  // Panel::quantity: the line the keypad types
    AmountEntry entry;     // the guests, a quantity (whole and hundredths)
    // The catalogue: the search typed and the category chosen (0: all).
    std::string search;
    std::int64_t category = 0;
    // The free line being written: description typed, price on the keypad, rate and entrepreneur.
    QuoteDraftLine free;
    AmountEntry free_price;
    std::optional<std::size_t> scroll_to;  // a line just added: scrolled into view
};

}  // namespace caisse::ui
