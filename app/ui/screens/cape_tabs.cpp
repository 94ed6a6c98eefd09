// The CAPE screens' tabs, period bar and reads (see cape_tabs.hpp).
#include "app/ui/screens/cape_tabs.hpp"

#include <algorithm>
#include <chrono>
#include <future>

#include "app/core/calendar_day.hpp"
#include "app/ui/navigation.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

void start_cape(S& s) {
    const std::string today = s.till->today();
    s.cape.from = month_first(today);
    s.cape.to = month_last(today);
    s.cape.selected.clear();
    s.cape.charge_form = false;
    cape_open(s, Screen::cape_statement);
}

namespace {

// Runs `read` on a thread of its own and wakes the window loop when it is done. The services it
// calls read through a snapshot of their own connections (cape_statement), never the till's.
template <class Read>
auto in_background(S& s, Read read) {
    return std::async(std::launch::async, [&s, gate = s.cape.read_gate, read = std::move(read)] {
        struct Wake {
            S& s;
            ~Wake() {
                std::lock_guard lock(s.wake_mutex);
                if (s.wake) s.wake();
            }
        } wake{s};
        if (gate) gate();
        return read();
    });
}

template <class T>
bool ready(const std::future<T>& f) {
    return f.valid() && f.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
}

}  // namespace

void cape_poll(S& s) {
    auto& c = s.cape;
    std::erase_if(c.stale_statements, [](const auto& f) { return ready(f); });
    std::erase_if(c.stale_compared, [](const auto& f) { return ready(f); });
    try {
        if (ready(c.statement_job)) c.statement = c.statement_job.get();
    } catch (const std::exception& e) {
        say_error(s, e);
    }
    try {
        if (ready(c.compared_job)) c.compared = c.compared_job.get();
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

bool cape_reading(const S& s) { return s.cape.statement_job.valid() || s.cape.compared_job.valid(); }

void cape_reading_note(S& s) {
    if (cape_reading(s)) big_text(s.fonts.bold, s.tr("Reading the ledger…"), kDark);
}

void cape_open(S& s, Screen screen) {
    try {
        auto& c = s.cape;
        switch (screen) {
            case Screen::cape_statement:
                if (c.statement_job.valid()) c.stale_statements.push_back(std::move(c.statement_job));
                c.statement.reset();  // never the figures of another period under this one's dates
                c.statement_job = in_background(s, [till = s.till.get(), from = c.from, to = c.to] { return cape_statement(*till, from, to); });
                break;
            case Screen::cape_what_if:
                if (c.compared_job.valid()) c.stale_compared.push_back(std::move(c.compared_job));
                c.compared.clear();
                c.compared_job = in_background(s, [till = s.till.get(), from = c.from, to = c.to, rules = c.rules] {
                    return compare_rules(*till, from, to, rules);
                });
                break;
            case Screen::cape_charges:
                c.charges = list_charges(*s.till, c.from, c.to);
                c.roster = members(*s.till);
                break;
            case Screen::cape_hours:
                c.hours = list_hours(*s.till, c.from, c.to);
                c.roster = members(*s.till);
                break;
            default: break;
        }
        s.screen = screen;
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void cape_tabs(S& s, Screen here) {
    // The tabs are the title: the chosen one is dark. Five across the width, "Back" the last.
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = std::min(s.px(240), (ImGui::GetContentRegionAvail().x - 4 * gap) / 5), h = s.px(64);
    const struct {
        const char* id;
        const char* label;
        Screen screen;
    } tabs[] = {{"cape_tab:statement", "Statement", Screen::cape_statement},
                {"cape_tab:what_if", "What if…", Screen::cape_what_if},
                {"cape_tab:charges", "Charges", Screen::cape_charges},
                {"cape_tab:hours", "Hours", Screen::cape_hours}};
    for (const auto& t : tabs) {
        const bool on = t.screen == here;
        if (touch_button(s, t.id, s.tr(t.label), ImVec2(w, h), on ? kDark : 0, on ? kWhite : 0, s.fonts.bold) && !on)
            cape_open(s, t.screen);
        ImGui::SameLine();
    }
    if (touch_button(s, "cape_back", s.tr("Back to the sale"), ImVec2(w, h), kGreen, kWhite, s.fonts.bold)) s.screen = Screen::sell;
}

bool cape_period_bar(S& s) {
    auto& c = s.cape;
    const std::string before_from = c.from, before_to = c.to;
    try {
        const std::string today = s.till->today();
        const bool month = c.from == month_first(today) && c.to == month_last(today);
        const bool last = c.from == month_first(today, -1) && c.to == month_last(today, -1);
        const bool year = c.from == today.substr(0, 4) + "-01-01" && c.to == today.substr(0, 4) + "-12-31";
        if (chip(s, "cape_period:month", s.tr("This month"), month)) c.from = month_first(today), c.to = month_last(today);
        ImGui::SameLine();
        if (chip(s, "cape_period:last_month", s.tr("Last month"), last)) c.from = month_first(today, -1), c.to = month_last(today, -1);
        ImGui::SameLine();
        if (chip(s, "cape_period:year", s.tr("This year"), year)) c.from = today.substr(0, 4) + "-01-01", c.to = today.substr(0, 4) + "-12-31";
        const ImVec2 step(s.px(48), s.px(kChipHeight));
        auto day = [&](const char* id, const std::string& label, std::string& d) {
            ImGui::SameLine(0, s.px(14));
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(label.c_str());
            ImGui::SameLine();
            if (touch_button(s, std::string(id) + "-", "-", step, 0, 0, s.fonts.bold)) d = add_days(d, -1);
            ImGui::SameLine();
            ImGui::PushFont(s.fonts.bold);
            ImGui::TextUnformatted(d.c_str());
            ImGui::PopFont();
            ImGui::SameLine();
            if (touch_button(s, std::string(id) + "+", "+", step, 0, 0, s.fonts.bold)) d = add_days(d, 1);
        };
        day("cape_from", s.tr("From"), c.from);
        day("cape_to", s.tr("to"), c.to);
        // A period cannot end before it starts: the other end follows.
        if (c.to < c.from) {
            if (c.from != before_from) c.to = c.from;
            else c.from = c.to;
        }
    } catch (const std::exception& e) {
        say_error(s, e);
    }
    return c.from != before_from || c.to != before_to;
}

}  // namespace caisse::ui
