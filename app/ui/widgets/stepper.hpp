#pragma once
// A quantity stepper: "−", the number, "+", each button a touch target "ID-" and "ID+".
#include <cstdint>
#include <string>

#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

// Draws the stepper `height` high at the cursor; changes `value` within [low, high] when tapped.
// Returns true when it changed.
bool stepper(Kit& k, const std::string& id, std::int64_t& value, std::int64_t low, std::int64_t high, float height);

}  // namespace caisse::ui
