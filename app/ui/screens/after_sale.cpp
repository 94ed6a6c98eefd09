// After the sale: the ticket recorded, the change due in huge green digits, receipt or not.
#include <algorithm>

#include "app/services/printing.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

void after_sale_screen(S& s) {
    const auto& sale = *s.last_sale;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    big_text(s.fonts.large, sale.training ? s.tr("Training ticket {0}: {1} (not a sale)", sale.ticket, sale.priced.total.format())
                                          : s.tr("Ticket {0} recorded: {1}", sale.ticket, sale.priced.total.format()));
    ImGui::Spacing();
    if (sale.settlement.change > Money()) {
        ImGui::TextUnformatted(s.tr("Change due").c_str());
        ImGui::PushFont(s.fonts.huge);
        ImGui::SetWindowFontScale(1.6f);
        ImGui::PushStyleColor(ImGuiCol_Text, kGreen);
        ImGui::TextUnformatted(sale.settlement.change.format().c_str());
        ImGui::PopStyleColor();
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
    } else {
        big_text(s.fonts.huge, s.tr("No change"), kGreen);
    }
    ImGui::Spacing();
    big_text(s.fonts.bold, s.tr("Receipt? (printed only if the customer asks)"));
    const float w = std::min(avail.x, s.px(900));
    const float third = (w - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    if (touch_button(s, "print_receipt", s.tr("Print the receipt"), ImVec2(third, s.px(100)), kWhite, kInk, s.fonts.large)) {
        try {
            auto receipt = receipt_for_sale(*s.till, sale);
            if (s.printer) s.printer->submit(PrintJobKind::receipt, std::move(receipt.doc), sale.ticket);
            say(s, s.tr("Receipt {0} sent to the printer", sale.ticket), false);
            s.screen = Screen::sell;
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    ImGui::SameLine();
    if (touch_button(s, "no_receipt", s.tr("No receipt"), ImVec2(third, s.px(100)))) s.screen = Screen::sell;
    ImGui::SameLine();
    if (touch_button(s, "next_sale", s.tr("Next sale"), ImVec2(third, s.px(100)), kGreen, kWhite, s.fonts.large)) s.screen = Screen::sell;
    // A wrong ticket: cancelled at once by its seller (2 minutes) or a manager, else with a
    // manager's approval; the cancellation's receipt is printed.
    ImGui::Spacing();
    ImGui::Spacing();
    if (touch_button(s, "cancel_ticket", s.tr("Cancel the last ticket"), ImVec2(third, s.px(72)), kWhite, kRed, s.fonts.bold))
        ask_cancel(s, sale.ticket);
}

}  // namespace caisse::ui
