#pragma once
// A receipt on screen as the paper shows it (the screen printer, issue 12 item 12): black monospace
// text on a white strip, the QR code drawn for real where the paper has it, a phone can read it.
#include <string>
#include <vector>

#include "app/services/printing.hpp"
#include "app/ui/widgets/kit.hpp"

namespace caisse::ui {

// The width of the paper for `columns` columns of the monospace font, padding included (pixels).
float receipt_paper_width(const Kit& k, int columns);

// Draws the items in a scrolling child `id` of `size` (dragged with a finger). The first QR code is
// a touch target named `id` + ":qr" while wholly visible (tests look for it), and its data is
// returned in `shown_qr` ("" when none). When `scroll_to_qr` is true the strip scrolls once so
// that the QR code is in view (set to false after).
void receipt_paper(Kit& k, const char* id, const std::vector<ScreenReceiptItem>& items, ImVec2 size, bool& scroll_to_qr,
                   std::string& shown_qr);

}  // namespace caisse::ui
