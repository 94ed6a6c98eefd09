// Placeholder until the window loop lands in this change set.
#include "app/ui/window.hpp"

namespace caisse::ui {
int run_window(const WindowOptions&) { return 4; }
}  // namespace caisse::ui
