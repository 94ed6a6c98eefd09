#pragma once
// Counting a drawer: every euro note (a rectangle with its value) and coin (a disc), each with big
// − and + steppers and the pieces counted. Targets "den-:CENTS", "den+:CENTS"; tapping the
// picture ("den:CENTS") adds one too.
#include <cstdint>

#include <imgui.h>

#include "app/core/cash_count.hpp"
#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

// Draws the notes in one column and the coins in the other, filling `size`. Changes `count`.
void cash_count_pad(Kit& k, CashCount& count, ImVec2 size);
// The colour of a piece (a note's, a coin's rim), and the one under its value (text_on picks the ink).
ImU32 piece_colour(std::int64_t cents);
ImU32 face_background(std::int64_t cents);

}  // namespace caisse::ui
