// The "Caisse" menu of the status bar and the entry points of the cash-session screens: each
// screen starts afresh (no half-typed amount or count from last time).
#include "app/ui/navigation.hpp"
#include "app/ui/screens/screens.hpp"

#include <algorithm>

#include <imgui_internal.h>

#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

void start_open_session(S& s) {
    s.float_count = CashCount();
    s.screen = Screen::open_session;
}

void start_cash_move(S& s, bool out) {
    s.move_out = out;
    s.move_amount.clear();
    s.move_reason.clear();
    s.move_typing = false;
    s.move_entrepreneur.reset();
    s.screen = Screen::cash_move;
}

void start_x_report(S& s) {
    try {
        s.x = x_report(*s.till);
        s.screen = Screen::x_report;
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void start_close(S& s) {
    if (!s.till->current_session()) return say(s, s.tr("No session open"), true);
    if (!s.draft.payments().empty())
        return say(s, s.tr("A ticket with payments is still open: finish it, or clear it, before closing the day"), true);
    try {
        refuse_close_with_paid_parked(*s.till);  // the service's rule, said before the count
    } catch (const std::exception& e) {
        return say_error(s, e);
    }
    s.close_step = S::CloseStep::count;
    s.close_count = CashCount();
    s.card_entry.clear();
    s.voucher_entry.clear();
    s.typing_voucher = false;
    s.counts = 1;
    s.check.reset();
    s.close_note.clear();
    s.session_expired = false;
    s.screen = Screen::close;
}

void start_z_view(S& s, db::DayClosure z) {
    s.z = std::move(z);
    s.screen = Screen::z_view;
}

void cash_menu(S& s) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float w = s.px(400);  // "Traiteur : commandes et factures" in bold, whole
    ImGui::SetNextWindowPos(ImVec2(display.x - w - s.px(12), s.px(72)));
    ImGui::SetNextWindowSize(ImVec2(w, 0));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kDark);
    ImGui::Begin("cash_menu", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
    const bool manager = is_manager(s);
    const bool open = s.till->current_session().has_value();
    // Every item on screen, the last one too: lower items when a manager's long list would not fit
    // under the status bar (1024x768), never below the minimum touch target.
    const int items = (open ? 5 : 1) + (manager ? 7 : 0);
    const ImGuiStyle& style = ImGui::GetStyle();
    const float avail = display.y - s.px(72) - s.px(12) - 2 * style.WindowPadding.y;
    // The gaps between items shrink too (never below 2 px) when even minimum items would not fit
    // with them (a manager's twelve items at 1024x768).
    const float gap = std::max(s.px(2), std::min(style.ItemSpacing.y, avail / static_cast<float>(items) - s.px(kMinTarget)));
    const float room = avail - items * gap;
    const float item_h = std::max(s.px(kMinTarget), std::min(s.px(64), room / static_cast<float>(items)));
    const ImVec2 size(w - 2 * style.WindowPadding.x, item_h);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(style.ItemSpacing.x, gap));
    auto item = [&](const char* id, const std::string& label) {
        return touch_button(s, id, label, size, kDarkButton, kWhite, s.fonts.bold);
    };
    bool chosen = false;
    if (open) {
        if (item("menu:cash_in", s.tr("Cash in"))) chosen = true, start_cash_move(s, false);
        // A seller goes too: a manager approves the action itself (screens/approval.cpp).
        if (item("menu:cash_out", s.tr("Cash out"))) chosen = true, start_cash_move(s, true);
        if (item("menu:x", s.tr("X report (totals so far)"))) chosen = true, start_x_report(s);
        // Any ticket of this till, by its number: a seller's refund asks a manager's approval.
        if (item("menu:refund", s.tr("Refund a ticket"))) chosen = true, open_refund(s, std::nullopt);
        if (item("menu:close", s.tr("Close the day"))) chosen = true, start_close(s);
    } else if (item("menu:open", s.tr("Open the session"))) {
        chosen = true, start_open_session(s);
    }
    // Training mode (MODE ÉCOLE): a manager's switch; sellers do not see it (Till::set_training).
    if (manager) {
        const bool training = s.till->training().on;
        if (item("menu:training", training ? s.tr("Leave training mode") : s.tr("Training mode (MODE ÉCOLE)"))) {
            chosen = true;
            // A ticket half rung up would change nature under the cashier's fingers.
            if (!s.draft.empty() || !s.draft.payments().empty()) {
                say(s, s.tr("Finish or clear the ticket before switching training mode"), true);
            } else {
                try {
                    s.till->set_training(*s.actor, !training);
                    say(s, training ? s.tr("Training mode off: sales are real again")
                                    : s.tr("Training mode on: sales are practice, counted nowhere"),
                        false);
                } catch (const std::exception& e) {
                    say_error(s, e);
                }
            }
        }
        if (item("menu:events", s.tr("Event log"))) chosen = true, start_events(s);
        if (item("menu:cape", s.tr("CAPE statement and charges"))) chosen = true, start_cape(s);
        // Products, users, settings: the manager's screens (issue 12 item 13).
        if (item("menu:manage", s.tr("Products, users, settings"))) chosen = true, start_manage(s);
        // Quotes, orders, their invoices and payments (issue 14 item 8).
        if (item("menu:catering", s.tr("Catering: orders and invoices"))) chosen = true, start_catering(s);
        // A catering quote written on screen (issue 14 item 8), back to the screen below once saved.
        if (item("menu:new-quote", s.tr("New catering quote"))) chosen = true, open_quote_editor(s, std::nullopt, std::nullopt, s.screen);
    }
    if (manager && item("menu:last_z", s.tr("Last Z"))) {
        chosen = true;
        try {
            start_z_view(s, find_z(*s.till, std::nullopt, std::nullopt));
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    // A tap anywhere else closes the menu (and does nothing else: the screen below is inert).
    const bool outside = ImGui::IsMouseClicked(0) && !ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
    ImGui::PopStyleVar();
    ImGui::End();
    ImGui::PopStyleColor();
    if (chosen || outside) s.cash_menu = false;
}

}  // namespace caisse::ui
