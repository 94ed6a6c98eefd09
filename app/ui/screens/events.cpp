// The technical event log (JET) for a manager: newest first, one line per event (time, who, what,
// detail), read from the ledger when the screen opens (Till::event_log, the same list as
// `caisse events`). Records nothing; dragging the list scrolls it.
#include <algorithm>

#include "app/services/event_text.hpp"
#include "app/services/receipt.hpp"
#include "app/ui/navigation.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

// What an event code says to a manager, in their language; a code this screen does not know is
// shown as it is recorded.
std::string code_label(const S& s, const std::string& code) {
    static const std::pair<const char*, const char*> labels[] = {
        {"genesis", "ledger created"},          {"user.add", "user added"},
        {"entrepreneur.add", "entrepreneur added"}, {"category.add", "category added"},
        {"product.set", "product or price"},    {"session.open", "session opened"},
        {"closure.day", "day closed (Z)"},      {"closure.month", "month closed"},
        {"closure.year", "year closed"},        {"receipt.duplicate", "duplicate printed"},
        {"auth.refused", "refused"},            {"auth.override", "manager approval"},
        {"auth.login", "sign-in"},              {"auth.logout", "sign-out"},
        {"pin.failed", "wrong PIN"},            {"pin.locked", "user locked"},
        {"pin.reset", "new PIN given"},        {"user.role", "role changed"},
        {"app.start", "till started"},          {"app.stop", "till stopped"},
        {"training.on", "training mode on"},    {"training.off", "training mode off"},
        {"settings.change", "settings changed"}, {"export", "export"},
        {"archive.export", "archive"},          {"backup.done", "backup"},
        {"backup.failed", "backup failed"},     {"restore.done", "restore"},
        {"printer.error", "printer error"},     {"storage.error", "storage error"},
        {"clock.backwards", "clock went backwards"}, {"bundle.import", "bundle imported"},
        {"bundle.export", "bundle exported"},   {"member.set", "member of the roster"},
    };
    for (const auto& [c, label] : labels)
        if (code == c) return s.tr(label);
    return code;
}

bool alarming(const std::string& code) {
    return code == "auth.refused" || code == "pin.failed" || code == "pin.locked" || code == "printer.error" ||
           code == "storage.error" || code == "clock.backwards" || code == "backup.failed";
}

}  // namespace

void start_events(S& s) {
    try {
        auto log = s.till->event_log();
        std::reverse(log.begin(), log.end());  // newest first
        if (log.size() > 500) log.resize(500);
        s.events = std::move(log);
        s.screen = Screen::events;
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void events_screen(S& s) {
    if (!is_manager(s)) return void(s.screen = Screen::sell);  // the log names users and refusals
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float button_w = s.px(260);
    big_text(s.fonts.large, s.tr("Event log"));
    ImGui::SameLine(avail.x - button_w);
    if (touch_button(s, "events_back", s.tr("Back to the sale"), ImVec2(button_w, s.px(64)), kGreen, kWhite, s.fonts.bold))
        s.screen = Screen::sell;
    ImGui::TextUnformatted(s.tr("Events: {0}, newest first", static_cast<std::int64_t>(s.events.size())).c_str());
    ImGui::BeginChild("events_list", ImVec2(0, 0), false);
    // A finger dragging the list scrolls it (no scroll bar to aim at).
    if (ImGui::IsWindowHovered() && ImGui::IsMouseDragging(0)) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float when_w = s.px(215), who_w = s.px(150), what_w = s.px(250);
    for (const auto& e : s.events) {
        const float y = ImGui::GetCursorPosY();
        // To the second: several events often fall in the same minute.
        const std::string when = local_date_time(e.at_utc) + (e.at_utc.size() >= 19 ? ":" + e.at_utc.substr(17, 2) : "");
        ImGui::TextUnformatted(when.c_str());
        ImGui::SameLine(when_w);
        ImGui::TextUnformatted(e.user_name.empty() ? "-" : e.user_name.c_str());
        ImGui::SameLine(when_w + who_w);
        if (alarming(e.code)) ImGui::PushStyleColor(ImGuiCol_Text, kRed);
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(code_label(s, e.code).c_str());
        ImGui::PopFont();
        if (alarming(e.code)) ImGui::PopStyleColor();
        ImGui::SameLine(when_w + who_w + what_w);
        // The action and the detail are recorded in English ("close the day", "ticket 12"): shown in
        // the manager's language.
        std::string detail = e.action.empty() ? "" : s.tr(e.action);
        if (e.terminal != s.own_terminal) detail = e.terminal + " · " + detail;  // another till's, imported (a coordinator)
        if (!e.detail.empty()) detail += (detail.empty() ? "" : ": ") + s.translator.translate(event_detail_message(e));
        if (!e.approver_name.empty()) detail += "  (" + s.tr("approved by {0}", e.approver_name) + ")";
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(detail.c_str());
        ImGui::PopTextWrapPos();
        ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), y + s.px(34)));
    }
    ImGui::EndChild();
}

}  // namespace caisse::ui
