#pragma once
// The parts of the sell screen: filter chips, the product grid, the cart panel (internal to screens/).
#include "app/ui/app_state.hpp"

namespace caisse::ui {

void filters(S& s, float width);
void product_grid(S& s, float width, float height);
void cart_panel(S& s, float width, float height);
void open_keypad(S& s, KeypadPurpose purpose);
// A product just went into the cart (line `line`): its tile flashes, the cart scrolls to the line.
void added(S& s, const std::string& sku, std::size_t line);
inline constexpr double kFlashSeconds = 0.35;

}  // namespace caisse::ui
