#pragma once
// What the four CAPE screens share (internal to screens/): the row of tabs at the top, the period
// bar, and reading the services again when the period or the records change.
#include "app/ui/app_state.hpp"

namespace caisse::ui {

// Tabs to the four screens and "Back to the sale" across the top; `here`, the screen drawn, shows
// chosen (the tabs are the title). Targets "cape_tab:statement|what_if|charges|hours",
// "cape_back".
void cape_tabs(S& s, Screen here);
// This month, last month, this year; from and to a day back or on. Targets "cape_period:month",
// "cape_period:last_month", "cape_period:year", "cape_from-", "cape_from+", "cape_to-", "cape_to+".
// Returns true when the period changed (the caller reads again).
bool cape_period_bar(S& s);
// Reads what `screen` shows for the period (statement, what-if, charges or hours) and goes there;
// an error is said and the screen stays.
void cape_open(S& s, Screen screen);

}  // namespace caisse::ui
