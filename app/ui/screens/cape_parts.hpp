#pragma once
// The CAPE screens' shared state and parts (internal to screens/; issue 11, items 3 and 5): the
// period chosen, the statement read for it, the what-if's rules, the charge and hours forms; the
// tabs between the four screens and the period bar. Every figure comes from the services
// (app/services/cape, cape_view); the screens only show them.
#include <functional>
#include <future>
#include <optional>
#include <string>
#include <vector>

#include "app/core/amount_entry.hpp"
#include "app/services/cape.hpp"
#include "app/services/cape_view.hpp"
#include "app/services/members.hpp"

namespace caisse::ui {

struct CapeUi {
    std::string from, to;                   // the period, business days
    std::optional<CapeStatement> statement; // read when the period changes
    // The statement and the what-if are read off the UI thread (a half-year of two tills takes most
    // of a second): cape_poll takes a job's result when it is ready; until then the screens say so.
    std::future<CapeStatement> statement_job;
    std::future<std::vector<CapeStatement>> compared_job;
    // Jobs of a period left before they finished: dropped once done (dropping one still running
    // would wait for it on the UI thread).
    std::vector<std::future<CapeStatement>> stale_statements;
    std::vector<std::future<std::vector<CapeStatement>>> stale_compared;
    std::function<void()> read_gate;  // run on the reading thread before it reads (tests hold it there)
    std::string selected;                   // the member whose details are shown (member id)
    std::vector<cape::SplitRule> rules = what_if_rules();  // the what-if's columns, 1 to 3
    std::vector<CapeStatement> compared;    // one per rule
    std::vector<ChargeLine> charges;
    std::vector<HoursLine> hours;
    // Every member of the roster and of every till's catalogue (app/services/members), read when the
    // charges or hours open: whom a charge or hours may be for, as on the CLI.
    std::vector<Member> roster;
    // The charge form
    bool charge_form = false;
    AmountEntry charge_ttc;
    std::int32_t charge_vat_bp = 2000;
    std::string charge_category, charge_supplier, charge_day;
    std::optional<std::string> charge_member;  // a member's name; none: the group
    enum class Typing { none, category, supplier } typing = Typing::none;
    // The hours form
    std::optional<std::string> hours_member;
    std::string hours_day;
    std::int64_t hours_minutes = 0;
};

}  // namespace caisse::ui
