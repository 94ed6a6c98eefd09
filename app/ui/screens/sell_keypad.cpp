// The keypad over the sell screen: the price of an open-price product, the ticket discount (in
// euros or percent, built here as a TicketDiscount), a line's quantity.
#include <imgui_internal.h>

#include <algorithm>

#include "app/ui/screens/screens.hpp"
#include "app/ui/screens/sell_parts.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

std::string title(S& s) {
    if (s.keypad == KeypadPurpose::open_price) {
        const auto p = s.till->product(s.keypad_sku);
        return s.tr("Price of {0}", p ? p->name : s.keypad_sku);
    }
    if (s.keypad == KeypadPurpose::discount) return s.tr("Ticket discount");
    return s.tr("Quantity");
}

// What the keypad typed, given to the draft. Throws InputError.
void apply(S& s) {
    if (!s.actor) throw InputError("log in first");
    const auto value = s.entry.value();
    if (s.keypad == KeypadPurpose::open_price) {
        if (!value) throw InputError("type a price first");
        added(s, s.keypad_sku, s.draft.add(s.keypad_sku, *value));
    } else if (s.keypad == KeypadPurpose::discount) {
        TicketDiscount discount;  // nothing typed, or zero: no discount
        if (value && *value > Money()) {
            // Percent: the keypad's euros and cents are the percentage's whole and hundredths (basis points).
            if (s.keypad_percent) discount.percent_bp = value->value() > 10000 ? 10001 : static_cast<std::int32_t>(value->value());
            else discount.amount = *value;
        }
        // Removing a discount needs nobody; giving one needs a manager (approval asked for a seller).
        if (discount.empty() || is_manager(s)) s.draft.set_discount(discount, *s.actor);
        else as_manager(s, PendingApproval{PendingApproval::Action::discount, discount, 0});
    } else if (s.keypad_line) {
        // The keypad gives euros and cents; a quantity is the whole part.
        const std::int64_t quantity = value ? value->value() / 100 : 0;
        s.draft.set_quantity(*s.keypad_line, quantity);
    }
}

}  // namespace

void discount_as(S& s, const TicketDiscount& discount, const Actor& by) {
    try {
        s.draft.set_discount(discount, by);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void open_keypad(S& s, KeypadPurpose purpose) {
    s.keypad = purpose;
    s.entry.clear();
    s.keypad_percent = false;
}

void sell_keypad(S& s) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 size(s.px(420), s.px(600));
    // Over the product grid, never over the cart: the total stays in sight while typing (issue 12
    // item 6). Centred on the screen only when the grid is narrower than the keypad.
    const float left = s.cart_left > size.x + s.px(8) ? (s.cart_left - size.x) / 2 : (display.x - size.x) / 2;
    ImGui::SetNextWindowPos(ImVec2(left, std::max(0.0f, (display.y - size.y) / 2)));
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kOverlayBg);
    ImGui::Begin("keypad", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    ImGui::PushFont(s.fonts.bold);
    text_wrapped(title(s).c_str());
    ImGui::PopFont();
    const std::string unit = s.keypad == KeypadPurpose::quantity ? "" : s.keypad_percent ? " %" : " €";
    big_text(s.fonts.huge, (s.entry.empty() ? "0" : s.entry.text()) + unit);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float key_w = (size.x - 2 * style.WindowPadding.x - 2 * style.ItemSpacing.x) / 3;
    const char key = keypad_grid(s, "key", key_w, s.px(70), s.keypad == KeypadPurpose::quantity ? 'C' : ',');
    if (key == 'C') s.entry.clear();
    else if (key) {
        if (auto refused = s.entry.press(key)) say(s, s.translator.translate(*refused), true);
    }
    if (s.keypad == KeypadPurpose::discount) {
        if (touch_button(s, "percent", s.keypad_percent ? s.tr("in euros") : s.tr("in percent"), ImVec2(-1, s.px(52))))
            s.keypad_percent = !s.keypad_percent;
    }
    const float half = (size.x - 2 * style.WindowPadding.x - style.ItemSpacing.x) / 2;
    if (touch_button(s, "keypad_cancel", s.tr("Cancel"), ImVec2(half, s.px(70)))) s.keypad = KeypadPurpose::none;
    ImGui::SameLine();
    if (touch_button(s, "keypad_ok", s.tr("OK"), ImVec2(half, s.px(70)), kGreen, kWhite, s.fonts.large)) {
        try {
            apply(s);
            s.keypad = KeypadPurpose::none;
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace caisse::ui
