#pragma once
// What the X report and the Z show alike: totals by tender, VAT rate, entrepreneur and cashier,
// and the cash moves (internal to screens/).
#include <vector>

#include "app/ui/app_state.hpp"
#include "db/records/closure.hpp"

namespace caisse::ui {

// Label and amount on one line, the amount right-aligned in `width`.
void amount_row(const std::string& label, Money amount, float width, ImU32 colour = 0);
// Three columns filling the width: tenders and cash moves; VAT; entrepreneurs and cashiers.
void totals_columns(S& s, const db::ClosureTotals& t, const std::vector<db::CashMoveRecord>& moves, float height);
std::string signed_amount(Money m);  // "+2,00 €", "-2,00 €", "0,00 €"

}  // namespace caisse::ui
