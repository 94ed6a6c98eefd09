// The catering orders (issue 14 item 8; manager): every quote and order of this till, the newest
// service date first, with its customer, service date, guests, total incl. VAT and status as
// catering_overview reads it (devis, commande, acompte facturé, facturée, payée, en retard...);
// chips filter those to invoice and those unpaid; a tap opens the order (catering_order.cpp). Also
// the tabs shared by the catering screens and the way in from the Caisse menu.
#include <algorithm>

#include "app/services/catering_documents.hpp"
#include "app/ui/navigation.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

std::string catering_day(const std::string& iso) {
    if (iso.size() != 10) return iso;
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string catering_status(S& s, const OrderSummary& o) {
    if (o.status == OrderStatus::overdue) return s.tr("overdue ({0} days late)", o.days_late);
    return s.tr(order_status_name(o.status));
}

namespace {

// The status's colour: what needs doing stands out (late in red, paid in green, lapsed greyed).
ImU32 status_colour(OrderStatus st) {
    switch (st) {
        case OrderStatus::overdue: return kRed;
        case OrderStatus::paid: return kGreen;
        case OrderStatus::quote_expired:
        case OrderStatus::credited: return kMuted;
        default: return kInk;
    }
}

void catering_tabs(S& s, Screen here) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = std::min(s.px(240), (ImGui::GetContentRegionAvail().x - 3 * gap) / 4), h = s.px(64);
    const struct {
        const char* id;
        const char* label;
        Screen screen;
    } tabs[] = {{"catering_tab:orders", "Orders", Screen::catering_orders}, {"catering_tab:customers", "Customers", Screen::catering_customers}};
    for (const auto& t : tabs) {
        // The order shown belongs to the orders' tab.
        const bool on = t.screen == here || (here == Screen::catering_order && t.screen == Screen::catering_orders);
        if (touch_button(s, t.id, s.tr(t.label), ImVec2(w, h), on ? kDark : 0, on ? kWhite : 0, s.fonts.bold) && t.screen != here)
            catering_open(s, t.screen);
        ImGui::SameLine();
    }
    if (touch_button(s, "catering_back", s.tr("Back to the sale"), ImVec2(w, h), kGreen, kWhite, s.fonts.bold)) s.screen = Screen::sell;
}

bool shown(const CateringUi& c, const OrderSummary& o) {
    switch (c.filter) {
        case CateringUi::Filter::all: return true;
        case CateringUi::Filter::to_invoice: return o.order && o.to_invoice;
        case CateringUi::Filter::unpaid: return o.unpaid;
    }
    return true;
}

// Where the list's columns start, as a share of its width: customer, service, guests, total, status.
constexpr float kColumns[] = {0, 0.33f, 0.46f, 0.56f, 0.71f};

// One order as a row: a single touch target the width of the list, its columns drawn over it.
bool order_row(S& s, const OrderSummary& o, float w, float h) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool tapped = touch_button(s, "catering_order:" + std::to_string(o.quote), "", ImVec2(w, h));
    auto* dl = ImGui::GetWindowDrawList();
    const float y = at.y + (h - ImGui::GetTextLineHeight()) / 2;
    const float pad = s.px(12);
    const float x[] = {pad, w * kColumns[1], w * kColumns[2], w * kColumns[3], w * kColumns[4]};
    const float right[] = {w * kColumns[1], w * kColumns[2], w * kColumns[3], w * kColumns[4], w};
    auto cell = [&](int i, const std::string& text, ImU32 colour, ImFont* font) {
        // Clipped to its column: a long customer name never runs over the date.
        dl->PushClipRect(ImVec2(at.x + x[i], at.y), ImVec2(at.x + right[i] - s.px(8), at.y + h), true);
        dl->AddText(font, font->FontSize, ImVec2(at.x + x[i], y), colour, text.c_str());
        dl->PopClipRect();
    };
    const std::string number = o.order ? order_number(*o.order) : quote_number(o.quote);
    cell(0, o.customer, kInk, s.fonts.bold);
    cell(1, catering_day(o.service_date), kInk, ImGui::GetFont());
    cell(2, std::to_string(o.guests), kInk, ImGui::GetFont());
    cell(3, o.total.format(), kInk, s.fonts.bold);
    cell(4, catering_status(s, o) + "  ·  " + number, status_colour(o.status), s.fonts.bold);
    return tapped;
}

void order_list(S& s) {
    auto& c = s.catering;
    // The quote editor (quote_editor.cpp): saved or cancelled, it comes back to this list, read again.
    if (touch_button(s, "catering_new_quote", s.tr("New quote"), ImVec2(s.px(220), s.px(kChipHeight)), kGreen, kWhite, s.fonts.bold))
        return open_quote_editor(s, std::nullopt, std::nullopt, Screen::catering_orders);
    ImGui::SameLine(0, s.px(24));
    const struct {
        const char* id;
        const char* label;
        CateringUi::Filter filter;
    } filters[] = {{"catering_filter:all", "All", CateringUi::Filter::all},
                   {"catering_filter:to_invoice", "To invoice", CateringUi::Filter::to_invoice},
                   {"catering_filter:unpaid", "Unpaid", CateringUi::Filter::unpaid}};
    for (const auto& f : filters) {
        if (f.filter != CateringUi::Filter::all) ImGui::SameLine();
        if (chip(s, f.id, s.tr(f.label), c.filter == f.filter)) c.filter = f.filter;
    }
    ImGui::PushFont(s.fonts.bold);
    const float w0 = ImGui::GetContentRegionAvail().x;
    const float cols[] = {s.px(12), w0 * kColumns[1], w0 * kColumns[2], w0 * kColumns[3], w0 * kColumns[4]};
    const char* heads[] = {"Customer", "Service", "Guests", "Total incl. VAT", "Status"};
    for (int i = 0; i < 5; ++i) {
        if (i) ImGui::SameLine(cols[i]);
        else ImGui::SetCursorPosX(ImGui::GetCursorPosX() + cols[0]);
        ImGui::TextUnformatted(s.tr(heads[i]).c_str());
    }
    ImGui::PopFont();
    ImGui::BeginChild("catering_list", ImVec2(0, 0), false);
    if (dragged_here(s, "catering_list")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float w = ImGui::GetContentRegionAvail().x;
    std::optional<std::int64_t> open;
    int n = 0;
    for (const auto& o : c.orders) {
        if (!shown(c, o)) continue;
        ++n;
        if (order_row(s, o, w, s.px(60))) open = o.quote;
    }
    if (n == 0) {
        ImGui::Spacing();
        ImGui::TextUnformatted(c.orders.empty() ? s.tr("No quote yet.").c_str() : s.tr("No order in this list.").c_str());
    }
    ImGui::EndChild();
    if (open) open_catering_order(s, *open);
}

}  // namespace

void catering_open(S& s, Screen which) {
    auto& c = s.catering;
    try {
        switch (which) {
            case Screen::catering_orders: c.orders = catering_overview(*s.till); break;
            case Screen::catering_customers:
                c.customers = list_customers(*s.till);
                c.customer_form = false;
                c.typing = CateringUi::Field::none;
                break;
            default: break;
        }
        s.screen = which;
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void start_catering(S& s) {
    s.catering.filter = CateringUi::Filter::all;
    catering_open(s, Screen::catering_orders);
}

bool enter_catering_tab(S& s, Screen here) {
    if (!is_manager(s)) {
        s.screen = Screen::sell;
        return false;
    }
    catering_tabs(s, here);
    return s.screen == here;
}

void catering_orders_screen(S& s) {
    // Come back from elsewhere (the quote editor): the list is read again.
    if (s.shown_screen != Screen::catering_orders && s.shown_screen != Screen::catering_customers &&
        s.shown_screen != Screen::catering_order)
        return catering_open(s, Screen::catering_orders);
    if (!enter_catering_tab(s, Screen::catering_orders)) return;
    order_list(s);
}

}  // namespace caisse::ui
