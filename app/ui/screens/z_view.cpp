// The Z just recorded (or the last one): number, date, tickets, totals, over/short, grand totals
// and the hash fingerprint; printed through the print queue on request; "Done" goes on.
#include <algorithm>

#include "app/services/printing.hpp"
#include "app/ui/navigation.hpp"
#include "app/ui/screens/report_parts.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"
#include "db/crypto.hpp"

namespace caisse::ui {
namespace {

// The fingerprint in groups of four, as it is printed on paper for an outside witness.
std::string fingerprint(const db::Hash& h) {
    const std::string hex = db::to_hex(h);
    std::string out;
    for (std::size_t i = 0; i < hex.size(); i += 4) out += (i ? " " : "") + hex.substr(i, 4);
    return out;
}

void summary(S& s, const db::DayClosure& z, float w) {
    const Money over = Money::cents(z.over_short);
    amount_row(s.tr("Float"), Money::cents(z.float_cents), w);
    amount_row(s.tr("Cash expected"), Money::cents(z.expected_cash), w);
    amount_row(s.tr("Cash counted"), Money::cents(z.counted_cash), w);
    const std::string verdict = over == Money() ? s.tr("Balanced") : over > Money() ? s.tr("Over by {0}", over.format())
                                                                                  : s.tr("Short by {0}", (-over).format());
    big_text(s.fonts.bold, verdict, over == Money() ? kGreen : kRed);
    if (!z.note.empty()) text_wrapped(s.tr("Note: {0}", z.note).c_str());
    ImGui::TextUnformatted(s.tr("Counted {0} time(s)", z.counts).c_str());
    ImGui::Separator();
    amount_row(s.tr("Month to date"), Money::cents(z.month_total), w);
    amount_row(s.tr("Year to date"), Money::cents(z.year_total), w);
    amount_row(s.tr("Grand total"), Money::cents(z.grand_total), w);
    amount_row(s.tr("Grand total (absolute)"), Money::cents(z.grand_total_abs), w);
}

void print_z(S& s, const db::DayClosure& z) {
    try {
        if (!s.printer) throw InputError("no printer is set up on this till");
        s.printer->submit(PrintJobKind::z_report, z_printout(*s.till, z));
        say(s, s.tr("Z {0} sent to the printer", z.z), false);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

}  // namespace

void z_screen(S& s) {
    if (!s.z) return void(s.screen = Screen::login);
    const db::DayClosure& z = *s.z;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float button_w = s.px(220);
    ImGui::BeginGroup();
    big_text(s.fonts.large, s.tr("Z {0} · {1}", z.z, z.date));
    ImGui::TextUnformatted((z.first_ticket ? s.tr("Tickets {0} to {1}", z.first_ticket, z.last_ticket) : s.tr("No ticket.")).c_str());
    ImGui::SameLine(0, s.px(30));
    ImGui::TextUnformatted(s.tr("Total {0}", Money::cents(z.totals.total).format()).c_str());
    ImGui::EndGroup();
    ImGui::SameLine(avail.x - 2 * button_w - ImGui::GetStyle().ItemSpacing.x);
    if (touch_button(s, "z_print", s.tr("Print"), ImVec2(button_w, s.px(64)), kWhite, kInk, s.fonts.bold)) print_z(s, z);
    ImGui::SameLine();
    if (touch_button(s, "z_done", s.tr("Done"), ImVec2(button_w, s.px(64)), kGreen, kWhite, s.fonts.bold)) {
        s.z.reset();
        if (s.user && !s.till->current_session()) start_open_session(s);
        else s.screen = s.user ? Screen::sell : Screen::login;
        return;
    }
    ImGui::PushFont(s.fonts.mono ? s.fonts.mono : s.fonts.body);
    ImGui::TextUnformatted(s.tr("Fingerprint {0}", fingerprint(z.hash)).c_str());
    ImGui::PopFont();
    const float h = ImGui::GetContentRegionAvail().y;
    const float left_w = std::min(s.px(380), avail.x * 0.3f);
    ImGui::BeginChild("z_summary", ImVec2(left_w, h), true);
    summary(s, z, left_w - 2 * ImGui::GetStyle().WindowPadding.x);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginGroup();
    totals_columns(s, z.totals, z.cash_moves, h);
    ImGui::EndGroup();
}

}  // namespace caisse::ui
