#pragma once
// The steps of the close screen (internal to screens/): count, declared totals, result and note.
#include "app/ui/app_state.hpp"
#include "app/ui/screens/report_parts.hpp"
#include "app/ui/screens/screens.hpp"

namespace caisse::ui {

CloseRequest close_request(const S& s);  // what was counted, typed and noted so far
void close_count_step(S& s);
void close_declared_step(S& s);
void close_result_step(S& s);

}  // namespace caisse::ui
