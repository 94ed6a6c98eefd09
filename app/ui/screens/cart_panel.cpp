// The cart panel of the sell screen: how many items and Park, the lines (entrepreneur's badge,
// quantity steppers, remove with confirmation), the parked tickets when empty, the ticket
// discount, clearing the ticket, what was already paid, the total, and Pay.
#include <algorithm>
#include <optional>

#include "app/ui/screens/sell_parts.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

std::string discount_label(const TicketDiscount& d) {
    if (d.percent_bp == 0) return d.amount.format();
    std::string text = std::to_string(d.percent_bp / 100);
    if (const int rest = d.percent_bp % 100) text += "," + std::string(rest < 10 ? "0" : "") + std::to_string(rest);
    return text + " %";
}

// Runs a cart change, saying why when it is refused.
template <class F>
void change(S& s, F&& f) {
    try {
        f();
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

// One line: name, then either its steppers and remove button, or the question "Remove?".
// Returns false when the line was removed (the list changed under the loop).
bool cart_line(S& s, std::size_t i, float line_h) {
    const auto& line = s.draft.lines()[i];
    const std::string n = std::to_string(i);
    // Whose dish or work it is: their colour with their initials.
    const float d = ImGui::GetFontSize() * 1.3f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const auto who = s.entrepreneur_initials.find(line.product.entrepreneur_id);
    badge(s, ImVec2(at.x, at.y + (ImGui::GetFontSize() - d) / 2), d, colour_of(s.entrepreneur_colour[line.product.entrepreneur_id]),
          who == s.entrepreneur_initials.end() ? "" : who->second);
    ImGui::SetCursorScreenPos(ImVec2(at.x + d + s.px(8), at.y));
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(product_label(s, line.product).c_str());
    ImGui::PopFont();
    if (s.confirm_remove == i) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(s.tr("Remove?").c_str());
        ImGui::SameLine();
        if (touch_button(s, "remove_yes:" + n, s.tr("Yes"), ImVec2(s.px(90), line_h), kRed, kWhite)) {
            s.confirm_remove.reset();
            change(s, [&] { s.draft.remove(i); });
            return false;
        }
        ImGui::SameLine();
        if (touch_button(s, "remove_no:" + n, s.tr("No"), ImVec2(s.px(90), line_h))) s.confirm_remove.reset();
        return true;
    }
    if (touch_button(s, "minus:" + n, "−", ImVec2(line_h, line_h), 0, 0, s.fonts.large) && line.quantity > 1)
        change(s, [&] { s.draft.set_quantity(i, line.quantity - 1); });
    ImGui::SameLine();
    if (touch_button(s, "qty:" + n, std::to_string(line.quantity), ImVec2(s.px(64), line_h), kWhite, kInk, s.fonts.large)) {
        s.keypad_line = i;
        open_keypad(s, KeypadPurpose::quantity);
    }
    ImGui::SameLine();
    if (touch_button(s, "plus:" + n, "+", ImVec2(line_h, line_h), 0, 0, s.fonts.large))
        change(s, [&] { s.draft.set_quantity(i, line.quantity + 1); });
    ImGui::SameLine();
    const std::string amount = (line.unit_price * line.quantity).format();
    const float aw = ImGui::CalcTextSize(amount.c_str()).x;
    const float remove_w = line_h;
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - remove_w - aw - ImGui::GetStyle().ItemSpacing.x);
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (line_h - ImGui::GetFontSize()) / 2);
    ImGui::TextUnformatted(amount.c_str());
    ImGui::SameLine();
    if (touch_button(s, "remove:" + n, "✕", ImVec2(remove_w, line_h), kPaleRed, kRed, s.fonts.bold)) s.confirm_remove = i;
    return true;
}

// Payments already taken stay with the ticket: the cart says so, in red when it fell below them.
void paid_so_far(S& s, bool priced_ok) {
    if (s.draft.payments().empty()) return;
    const Money over = priced_ok ? s.draft.overpaid() : Money();
    if (over > Money())
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kRed), "%s",
                           s.tr("Already paid {0}: {1} more than the ticket", s.draft.paid().format(), over.format()).c_str());
    else
        ImGui::TextUnformatted(s.tr("Already paid {0}", s.draft.paid().format()).c_str());
}

std::string items_label(const S& s, std::int64_t n) { return n == 1 ? s.tr("1 item") : s.tr("{0} items", n); }

// The head of the cart: how many items, and "Park" for a ticket whose customer stepped away.
void park(S& s) {
    try {
        const bool paid = !s.draft.payments().empty();
        const auto number = s.parked->park(s.draft, *s.actor);
        s.confirm_remove.reset();
        say(s, paid ? s.tr("Ticket parked with its payments as number {0}: take it back from the empty cart", number)
                    : s.tr("Ticket parked as number {0}: take it back from the empty cart", number),
            false);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void cart_head(S& s, float line_h) {
    std::int64_t items = 0;
    for (const auto& l : s.draft.lines()) items += l.quantity;
    const float y0 = ImGui::GetCursorPosY();
    ImGui::SetCursorPosY(y0 + (line_h - ImGui::GetFontSize()) / 2);
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.draft.empty() ? s.tr("New ticket").c_str() : items_label(s, items).c_str());
    ImGui::PopFont();
    if (!s.draft.empty() && s.actor) {
        const std::string label = s.tr("Park");
        const float w = std::max(s.px(kMinTarget * 2), ImGui::CalcTextSize(label.c_str()).x + 2 * ImGui::GetStyle().FramePadding.x);
        ImGui::SameLine();
        ImGui::SetCursorPos(ImVec2(ImGui::GetWindowContentRegionMax().x - w, y0));
        if (touch_button(s, "park", label, ImVec2(w, line_h))) park(s);
    }
    // The row is as high with or without its button: the lines below do not jump.
    ImGui::SetCursorPosY(y0 + line_h + ImGui::GetStyle().ItemSpacing.y);
}

// An empty cart lists the parked tickets: a tap takes one back, payments and all.
void parked_list(S& s) {
    if (s.parked->list().empty()) return;
    ImGui::Spacing();
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Parked tickets").c_str());
    ImGui::PopFont();
    std::optional<std::int64_t> take;
    for (const auto& t : s.parked->list()) {
        std::string label = s.tr("Parked {0} · {1} · {2}", t.number, items_label(s, t.items), t.total.format()) + "\n";
        if (t.paid > Money()) label += s.tr("Already paid {0}", t.paid.format()) + " · ";
        label += t.by;
        if (t.training) label += " · " + s.tr("TRAINING MODE");
        ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.0f, 0.5f));
        if (touch_button(s, "parked:" + std::to_string(t.number), label, ImVec2(-1, s.px(72)), kWhite, kInk)) take = t.number;
        ImGui::PopStyleVar();
    }
    if (!take) return;
    try {
        s.parked->take_back(*take, s.draft);
        s.scroll_to_line = s.draft.lines().size() - 1;
        say(s, s.tr("Parked ticket {0} taken back", *take), false);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

}  // namespace

void cart_panel(S& s, float width, float height) {
    ImGui::BeginChild("cart", ImVec2(width, height), true);
    const float line_h = s.px(56);
    PricedTicket priced;
    bool priced_ok = true;
    try {
        priced = s.draft.priced();
    } catch (const std::exception&) {
        priced_ok = false;
    }
    // The bottom of the panel (discount, total, Pay) is sized first; the lines get the rest.
    const ImGuiStyle& style = ImGui::GetStyle();
    float bottom = s.px(84) + s.fonts.huge->FontSize + ImGui::GetFontSize() + 4 * style.ItemSpacing.y + 2 * style.WindowPadding.y;
    const bool ticket_open = !s.draft.empty() || !s.draft.payments().empty();
    bottom += s.px(52) + style.ItemSpacing.y;  // the discount (a seller's asks for a manager's approval)
    if (!s.draft.discount().empty()) bottom += ImGui::GetFontSize() + style.ItemSpacing.y;
    if (!s.draft.payments().empty()) bottom += ImGui::GetFontSize() + style.ItemSpacing.y;
    const float head_h = s.px(kMinTarget);
    bottom += head_h + style.ItemSpacing.y;
    const float list_h = std::max(s.px(120), height - bottom);
    cart_head(s, head_h);
    ImGui::BeginChild("lines", ImVec2(0, list_h), false);
    if (s.draft.empty()) {
        text_wrapped(s.tr("Tap a product to add it.").c_str());
        parked_list(s);
    }
    for (std::size_t i = 0; i < s.draft.lines().size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        const bool kept = cart_line(s, i, line_h);
        ImGui::Separator();
        ImGui::PopID();
        if (!kept) break;
        // The line just added or grown is brought into view (issue 12 item 6).
        if (s.scroll_to_line == i) ImGui::SetScrollHereY(1.0f);
    }
    s.scroll_to_line.reset();
    ImGui::EndChild();

    if (!s.draft.discount().empty() && priced_ok)
        ImGui::TextUnformatted(
            s.tr("Discount {0}: -{1}", discount_label(s.draft.discount()), priced.ticket_discount.format()).c_str());
    // The discount and the clearing share a row: half of the panel each (short labels: 1024 px).
    const float half = std::min(s.px(220), (ImGui::GetContentRegionAvail().x - style.ItemSpacing.x) / 2);
    if (touch_button(s, "discount", s.tr("Discount"), ImVec2(half, s.px(52)))) open_keypad(s, KeypadPurpose::discount);
    if (ticket_open) ImGui::SameLine();
    // A new ticket: always asked first (the question says when payments were taken on it).
    if (ticket_open && touch_button(s, "clear_cart", s.tr("Clear the ticket"), ImVec2(half, s.px(52)), kPaleRed, kRed))
        s.question = Question{Question::Kind::clear_cart};
    paid_so_far(s, priced_ok);
    ImGui::TextUnformatted(s.tr("Total").c_str());
    big_text(s.fonts.huge, priced_ok && !s.draft.empty() ? priced.total.format() : Money().format());
    if (touch_button(s, "pay", s.tr("Pay"), ImVec2(-1, s.px(84)), kGreen, kWhite, s.fonts.large)) {
        if (s.draft.empty()) {
            say(s, s.tr("The cart is empty: tap a product first"), true);
        } else if (!priced_ok) {
            say(s, s.tr("The ticket cannot be priced: check the discount"), true);
        } else {
            s.tendered.clear();
            s.screen = Screen::pay;
        }
    }
    ImGui::EndChild();
}

}  // namespace caisse::ui
