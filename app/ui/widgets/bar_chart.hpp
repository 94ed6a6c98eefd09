#pragma once
// Charts of amounts (the CAPE statement, issue 11 item 5): horizontal bars, one row each, and a
// column per day. Lengths come from cents by integer arithmetic (app/core/bar_scale.hpp); pixels
// are the last step. Draw-only: no touch target.
#include <cstdint>
#include <string>
#include <vector>

#include <imgui.h>

#include "app/services/cape_view.hpp"
#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

struct Bar {
    std::string label;
    std::int64_t cents = 0;
    ImU32 colour = 0;
};

// One row per bar at the cursor, `width` wide: label, bar scaled to `max` cents, amount after it.
// A negative amount draws no bar (its amount shows, in red).
void bar_rows(Kit& k, const std::vector<Bar>& bars, std::int64_t max, float width, float row_h, float label_w);
// A column per day, `size` in pixels, the largest day's amount at the top left, a day label
// ("dd/mm") every few columns.
void day_columns(Kit& k, const std::vector<DaySales>& days, ImVec2 size, ImU32 colour);

}  // namespace caisse::ui
