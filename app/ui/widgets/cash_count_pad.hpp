#pragma once
// Counting a drawer: every euro note (a rectangle with its value) and coin (a disc), each with big
// − and + steppers and the pieces counted. Targets "den-:CENTS", "den+:CENTS"; tapping the
// picture ("den:CENTS") adds one too.
#include "app/core/cash_count.hpp"
#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

// Draws the notes in one column and the coins in the other, filling `size`. Changes `count`.
void cash_count_pad(Kit& k, CashCount& count, ImVec2 size);

}  // namespace caisse::ui
