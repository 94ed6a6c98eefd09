#pragma once
// The message strip at the bottom: the last thing said to the user, red for an error, for 8 s.
#include "app/ui/app_state.hpp"

namespace caisse::ui {

void message_strip(S& s, float height);

}  // namespace caisse::ui
