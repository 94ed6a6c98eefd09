#pragma once
// Production sheets of a catering order (issue 14, item 6): for each cook (the entrepreneur of the
// order's lines), what they prepare, in what quantity for the number of guests, for which day and
// place, as a printer-neutral drivers::Document that prints on the till's receipt printer (80 or
// 58 mm) and shows on the screen printer. No prices: the sheet is for the kitchen. Text through the
// reader's translator (a member's language), like receipts.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/core/invoice.hpp"
#include "app/services/i18n.hpp"
#include "app/services/invoice_pdf.hpp"
#include "drivers/document.hpp"

namespace caisse {

struct ProductionOrder {
    invoice::Document order;   // the accepted order (Kind::invoice): number, customer, delivery_date, lines
    std::int64_t guests = 0;   // > 0
    std::string place;         // where the buffet is served; may be empty
    EntrepreneurNames names;   // entrepreneur id -> name printed at the top of their sheet
};

// The sheet of one cook: title, the cook's name, the order number, the customer, the date of
// service, the place and the number of guests; then each of the cook's lines in the order's order:
// its description and quantity ("60", "7,5 h"), with "1 per guest" (or "2 per guest"...) when the
// quantity is a whole multiple of the guests; the other cooks of the order by name; a cut.
// Throws InputError when guests <= 0, the order is a deposit invoice or a credit note, or the cook
// has no line in the order.
drivers::Document production_sheet(const ProductionOrder& po, std::int64_t entrepreneur_id, const i18n::Translator& t);

// Every cook's sheet, in the order their first line appears in the order: (entrepreneur id, sheet).
// Throws InputError as production_sheet, and when the order has no line.
std::vector<std::pair<std::int64_t, drivers::Document>> production_sheets(const ProductionOrder& po, const i18n::Translator& t);

}  // namespace caisse
