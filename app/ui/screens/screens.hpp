#pragma once
// The screens, one function each (one file each in this folder), drawn inside the main window
// between the status bar and the message strip; and the overlays drawn over them.
#include "app/ui/app_state.hpp"

namespace caisse::ui {

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

// Overlays, drawn after the main window.
void sell_keypad(S& s);  // open price, ticket discount, quantity
void questions(S& s);    // confirmations before removing a payment, clearing or leaving a ticket

}  // namespace caisse::ui
