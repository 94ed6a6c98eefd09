#pragma once
// The ways into the screens of the cash session: the "Caisse" menu the status bar opens (cash in
// and out, X report, close), and the functions that start each screen afresh.
#include "app/ui/app_state.hpp"

namespace caisse::ui {

void cash_menu(S& s);  // the menu overlay, while s.cash_menu
void start_open_session(S& s);
void start_cash_move(S& s, bool out);
void start_x_report(S& s);
void start_close(S& s);
void start_z_view(S& s, db::DayClosure z);
void start_events(S& s);  // screens/events.cpp: the event log, read now
void start_cape(S& s);    // screens/cape_tabs.cpp: the CAPE statement of this month, read now
void start_manage(S& s);  // screens/manage_products.cpp: the products, read now (manager)
void start_catering(S& s);  // screens/catering_orders.cpp: the catering orders, read now (manager)

}  // namespace caisse::ui
