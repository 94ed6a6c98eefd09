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
// an error is said and the screen stays. The statement and the what-if are read in the background
// (cape_poll takes them; an error is said when it arrives); charges and hours are small reads.
void cape_open(S& s, Screen screen);
// Takes the result of a background read that has finished (each frame, before drawing).
void cape_poll(S& s);
// A background read is still running (the window keeps drawing frames until it is taken).
bool cape_reading(const S& s);
// "Reading the statement…" where the figures will be.
void cape_reading_note(S& s);

}  // namespace caisse::ui
