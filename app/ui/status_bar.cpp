// The status bar and the navigation it offers: language, the cash menu ("Caisse"), recent
// tickets, switching user.
#include "app/ui/status_bar.hpp"

#include <algorithm>
#include <ctime>

#include "app/services/backup.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

std::string clock_text() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[8];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

// Printer: a coloured dot, its state, and the jobs waiting; without its "printer:" label when the
// bar is too narrow (the dot and the state are what a cashier looks at).
void printer_state(S& s, float max_x) {
    std::string printer_text = s.tr("no printer");
    ImU32 dot = IM_COL32(150, 150, 150, 255);
    if (s.printer) {
        const auto st = s.printer->status();
        const std::string where = s.printer->printer();
        const auto pending = s.printer->pending();
        if (where.rfind("screen:", 0) == 0) {
            printer_text = s.tr("printer: screen");
        } else if (!st.known) {
            printer_text = s.tr("printer: {0}", where);
        } else {
            printer_text = s.tr("printer: {0}", s.tr(st.summary()));
            dot = st.can_print() ? (st.paper_near_end ? IM_COL32(230, 160, 0, 255) : IM_COL32(60, 200, 90, 255)) : kRed;
        }
        if (pending > 0) printer_text += "  " + s.tr("{0} waiting", static_cast<std::int64_t>(pending));
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = s.px(7);
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetFontSize() / 2), r, dot);
    ImGui::Dummy(ImVec2(2 * r + s.px(2), ImGui::GetFontSize()));
    ImGui::SameLine();
    const auto colon = printer_text.find(": ");
    if (ImGui::GetCursorScreenPos().x + ImGui::CalcTextSize(printer_text.c_str()).x > max_x && colon != std::string::npos)
        printer_text.erase(0, colon + 2);
    ImGui::TextUnformatted(printer_text.c_str());
}

// Backups (setting backup.dir): shown only when configured, before the printer (a missing stick is
// the more urgent news on a narrow bar). Red when the folder is missing (the
// USB stick is not plugged in: the next Z cannot be backed up) or the last backup failed. Read at
// each frame (a setting and a stat()): frames are drawn on input or once a second.
void backup_state(S& s, float max_x) {
    const BackupStatus cached = backup_status(*s.till);
    if (!cached.configured) return;
    std::string text = s.tr("backup: ready");
    ImU32 dot = IM_COL32(60, 200, 90, 255);
    if (cached.folder_missing) {
        text = s.tr("backup: USB stick missing");
        dot = kRed;
    } else if (cached.running) {
        text = s.tr("backup: in progress");
        dot = IM_COL32(230, 160, 0, 255);
    } else if (cached.last_ok && !*cached.last_ok) {
        text = s.tr("backup: FAILED");
        dot = kRed;
    } else if (cached.last_ok) {
        text = s.tr("backup: done");
    }
    ImGui::SameLine(0, s.px(24));
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = s.px(7);
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetFontSize() / 2), r, dot);
    ImGui::Dummy(ImVec2(2 * r + s.px(2), ImGui::GetFontSize()));
    ImGui::SameLine();
    // Narrow screens: without the "backup:" label, as the printer does.
    const auto colon = text.find(": ");
    if (ImGui::GetCursorScreenPos().x + ImGui::CalcTextSize(text.c_str()).x > max_x && colon != std::string::npos) {
        if (cached.folder_missing) text = s.tr("USB stick?");  // the red dot says the rest
        else text.erase(0, colon + 2);
    }
    ImGui::TextUnformatted(text.c_str());
}

}  // namespace

void status_bar(S& s, float height) {
    const ImVec2 size(ImGui::GetIO().DisplaySize.x, height);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kDark);
    ImGui::PushStyleColor(ImGuiCol_Text, kWhite);
    ImGui::Begin("status", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollWithMouse |
                     (s.modal() ? ImGuiWindowFlags_NoInputs : 0));
    const float button_h = height - 2 * ImGui::GetStyle().WindowPadding.y;
    // The buttons on the right first: the texts on the left are clipped to what remains.
    const ImGuiStyle& style = ImGui::GetStyle();
    const bool logged = s.user.has_value();
    const std::string lang_label = s.language == "fr" ? "EN" : "FR";
    const std::string recent_label = s.tr("Tickets"), switch_label = s.tr("Switch user"), cash_label = s.tr("Till");
    auto button_w = [&](const std::string& label) {
        return std::max(s.px(kMinTarget + 16), ImGui::CalcTextSize(label.c_str()).x + 2 * style.FramePadding.x);
    };
    const std::string clock = clock_text();
    float right = button_w(lang_label) + style.ItemSpacing.x + ImGui::CalcTextSize(clock.c_str()).x + style.ItemSpacing.x;
    if (logged) right += button_w(cash_label) + button_w(recent_label) + button_w(switch_label) + 3 * style.ItemSpacing.x;
    const float right_x = size.x - style.WindowPadding.x - right;

    ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(right_x - style.ItemSpacing.x, size.y), true);
    ImGui::SetCursorPosY((height - ImGui::GetFontSize()) / 2);
    if (s.user) {
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(s.user->name.c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::TextUnformatted(role_label(s, s.user->role).c_str());
    } else {
        ImGui::TextUnformatted("Caisse Commune");
    }
    ImGui::SameLine(0, s.px(24));
    if (const auto session = s.till->current_session())
        ImGui::TextUnformatted(s.tr("Session {0} · {1}", session->id, session->day).c_str());
    else
        ImGui::TextUnformatted(s.tr("No session open").c_str());
    backup_state(s, right_x - style.ItemSpacing.x);  // before the printer, whose label shortens itself when space runs out
    ImGui::SameLine(0, s.px(24));
    printer_state(s, right_x - style.ItemSpacing.x);
    ImGui::PopClipRect();

    ImGui::SameLine(right_x);
    ImGui::SetCursorPosY(style.WindowPadding.y);
    if (touch_button(s, "lang", lang_label, ImVec2(button_w(lang_label), button_h), kDarkButton, kWhite)) {
        try {
            set_language(s, s.language == "fr" ? "en" : "fr");
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    if (logged) {
        ImGui::SameLine();
        // The cash session: cash in and out, X, close (the menu shows what the user's role allows).
        if (touch_button(s, "cash", cash_label, ImVec2(button_w(cash_label), button_h), s.cash_menu ? kGreen : kDarkButton, kWhite))
            s.cash_menu = !s.cash_menu;
        ImGui::SameLine();
        if (touch_button(s, "recent", recent_label, ImVec2(button_w(recent_label), button_h), kDarkButton, kWhite)) {
            s.screen = Screen::recent;
            s.recent_ticket.reset();
        }
        ImGui::SameLine();
        if (touch_button(s, "switch_user", switch_label, ImVec2(button_w(switch_label), button_h), kDarkButton, kWhite)) {
            // Payments already taken stay with the ticket; leaving it asks first.
            if (!s.draft.payments().empty()) s.question = Question{Question::Kind::log_out};
            else log_out(s);
        }
    }
    ImGui::SameLine();
    ImGui::SetCursorPosY((height - ImGui::GetFontSize()) / 2);
    ImGui::TextUnformatted(clock.c_str());
    ImGui::End();
    ImGui::PopStyleColor(2);
}

}  // namespace caisse::ui
