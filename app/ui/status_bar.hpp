#pragma once
// The bar across the top: who, the session, the printer, and the ways off the current screen.
#include "app/ui/app_state.hpp"

namespace caisse::ui {

void status_bar(S& s, float height);

}  // namespace caisse::ui
