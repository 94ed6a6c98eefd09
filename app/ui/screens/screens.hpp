#pragma once
// The screens, one function each (one file each in this folder), drawn inside the main window
// between the status bar and the message strip; and the overlays drawn over them.
#include "app/ui/app_state.hpp"

namespace caisse::ui {

// Columns of the paper the screen printer shows (after_sale.cpp), as the recent tickets' preview.
inline constexpr int kScreenReceiptColumns = 42;

void login_screen(S& s);
void open_session_screen(S& s);
void sell_screen(S& s);
void pay_screen(S& s);
void after_sale_screen(S& s);
void recent_screen(S& s);
void cash_move_screen(S& s);  // cash in or out
void x_report_screen(S& s);
void close_screen(S& s);      // blind count, declared totals, check, recount, note, close
void z_screen(S& s);          // the recorded Z
void events_screen(S& s);     // the technical event log (JET), manager
void refund_screen(S& s);     // find a ticket, pick lines with steppers, the tender, refund
// The CAPE roll-up (manager; issue 11): the statement of a period with its charts, the what-if of
// two or three rules side by side, the charges (list, add), the hours (list, add).
void cape_statement_screen(S& s);  // cape_statement.cpp
void cape_what_if_screen(S& s);    // cape_what_if.cpp
// Records `split` as the group's rule (contribution and charge key as in effect), after the question.
void vote_rule(S& s, const cape::SplitRule& split);                // cape_what_if.cpp
std::string what_if_rule_label(const S& s, const cape::SplitRule& r);  // cape_what_if.cpp: "Hybrid, 30 % pooled"...
void cape_charges_screen(S& s);    // cape_charges.cpp
void cape_hours_screen(S& s);      // cape_hours.cpp
// The manager's screens (issue 12 item 13), each behind enter_manage_tab (guard and tabs): products (list;
// edit or add: price on the keypad, VAT, entrepreneur, category, on sale or withdrawn; each save a
// new product version), users (add: name, role, PIN twice; a new PIN), settings (business
// identity, printer URI, test print).
void manage_products_screen(S& s);  // manage_products.cpp
void manage_users_screen(S& s);     // manage_users.cpp
void manage_entrepreneurs_screen(S& s);  // manage_entrepreneurs.cpp
void manage_settings_screen(S& s);  // manage_settings.cpp
// The guard and tabs over them (manage_products.cpp): a non-manager is sent back to the sale; the tabs
// Products, Entrepreneurs, Users, Settings, Back are drawn (opening one reads it). True when `here`
// is still the screen after the tabs, so the caller draws its body.
bool enter_manage_tab(S& s, Screen here);
void manage_open(S& s, Screen which);
void manage_entrepreneurs_read(S& s);  // manage_entrepreneurs.cpp: the list and brands, the form closed
void manage_settings_read(S& s);  // manage_settings.cpp: every field from the till's settings
// The catering screens (manager; issue 14 item 8), behind enter_catering_tab (guard and tabs
// Orders, Customers, Back): the orders with their status and a filter (catering_orders.cpp), the
// customers and the form adding one (catering_customers.cpp), one order: its lines, totals,
// invoices, and the actions its state allows, each confirmed first (catering_order.cpp).
void catering_orders_screen(S& s);     // catering_orders.cpp
void catering_customers_screen(S& s);  // catering_customers.cpp
void catering_order_screen(S& s);      // catering_order.cpp
bool enter_catering_tab(S& s, Screen here);  // catering_orders.cpp: as enter_manage_tab
void catering_open(S& s, Screen which);      // the list or the customers, read now
void open_catering_order(S& s, std::int64_t quote);  // catering_order.cpp: one quote or order, read now
std::string catering_day(const std::string& iso);    // "2026-12-12" -> "12/12/2026"
std::string catering_status(S& s, const OrderSummary& o);  // translated, "en retard (3 j)"...
// The quote editor (issue 14 item 8, manager; quote_editor.cpp): a catering quote written or changed
// on screen, recorded whole by "Save" (save_quote). open_quote_editor: quote none = a new quote
// (`customer` preselected when given), else that quote loaded (InputError said when it is unknown
// or accepted); Save and Cancel return to `back`. A seller is told a manager writes quotes.
void open_quote_editor(S& s, std::optional<std::int64_t> quote, std::optional<std::int64_t> customer, Screen back);
void quote_editor_screen(S& s);
void leave_quote_editor(S& s);  // back to where the editor was opened from, the draft dropped

// Overlays, drawn after the main window.
void sell_keypad(S& s);  // open price, ticket discount, quantity
void questions(S& s);    // confirmations before removing a payment, clearing or leaving a ticket
void approval(S& s);     // a manager's PIN approving one action a seller asked for (s.approval)
void catering_question(S& s);  // catering_order.cpp: the confirmation of s.catering.confirm

// The manager actions, run with an actor allowed to (a manager, or a seller with an approval).
// Errors are said on screen.
void run_approved(S& s, const PendingApproval& action, const Actor& by);
void open_session_as(S& s, const Actor& by);                             // open_session.cpp
void cash_move_as(S& s, const Actor& by);                                // cash_move.cpp
void close_day_as(S& s, const Actor& by);                                // close_result.cpp
void discount_as(S& s, const TicketDiscount& discount, const Actor& by); // sell_keypad.cpp
void duplicate_as(S& s, std::int64_t ticket, const Actor& by);          // recent.cpp
void cancel_as(S& s, std::int64_t ticket, const Actor& by);             // refund.cpp
void refund_as(S& s, const Actor& by);                                   // refund.cpp
// "Cancel the ticket": at once when the actor may (a manager; the seller of the ticket within 2
// minutes), after a manager's approval for another seller; refusals of the ticket's state are said.
void ask_cancel(S& s, std::int64_t ticket);                             // refund.cpp
// A payment on the ticket (none: the payments taken, the cart having changed after them); the sale
// is recorded once they cover the total, and the after-sale screen follows. Errors said on screen.
void record_payment(S& s, std::optional<TenderMethod> method, std::optional<Money> amount);  // pay.cpp
// Card, cheque and transfer ask "payment accepted?" first (questions.cpp); cash and vouchers,
// which the cashier holds in hand, are recorded at once.
void tender(S& s, TenderMethod method, std::optional<Money> amount);                     // pay.cpp
void open_refund(S& s, std::optional<std::int64_t> ticket);              // refund.cpp

}  // namespace caisse::ui
