// Pay: what is due, the payments taken, the amount tendered on the keypad; quick cash notes and
// a button per tender method.
#include <algorithm>
#include <cmath>

#include "app/services/printing.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

void record_payment(S& s, TenderMethod method, std::optional<Money> amount) {
    if (s.committing) return;  // a second tap while the sale is being recorded
    s.committing = true;
    try {
        const std::string user = s.user->name;
        if (auto sale = s.draft.pay(method, amount, user)) {
            s.last_sale = std::move(sale);
            s.screen = Screen::after_sale;
            s.message.clear();
            // The sale is recorded: a drawer problem is said as such, never as a lost sale.
            try {
                if (auto pulse = drawer_for_sale(*s.till, *s.last_sale); pulse && s.printer)
                    s.printer->submit(PrintJobKind::drawer, std::move(*pulse));
            } catch (const std::exception& e) {
                say(s, s.tr("the cash drawer did not open ({0}); the sale is recorded", std::string(e.what())), true);
            }
        }
        s.tendered.clear();
    } catch (const InputError& e) {
        say_error(s, e);
    } catch (const std::exception& e) {
        say(s, s.tr("The sale could not be recorded ({0}). Nothing was lost: the cart is kept, try again.", std::string(e.what())),
            true);
    }
    s.committing = false;
}

// The next bank notes above what is due: 5, 10, 20, 50 € multiples, each shown once (never empty).
std::vector<Money> quick_cash(Money due) {
    std::vector<Money> out;
    for (std::int64_t note : {500, 1000, 2000, 5000}) {
        const Money m = Money::cents((due.value() / note + 1) * note);  // the smallest multiple above what is due
        if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    }
    return out;
}

void due_panel(S& s, float width, float height, Money total, Money due) {
    ImGui::BeginChild("due", ImVec2(width, height), true);
    ImGui::TextUnformatted(s.tr("Total").c_str());
    big_text(s.fonts.huge, total.format());
    for (const auto& p : s.draft.payments())
        ImGui::TextUnformatted((method_label(s, p.method) + "  " + p.amount.format()).c_str());
    ImGui::Spacing();
    ImGui::TextUnformatted(s.tr("Still due").c_str());
    big_text(s.fonts.huge, due.format(), kRed);
    ImGui::Spacing();
    ImGui::TextUnformatted(s.tr("Amount tendered (empty: what is due)").c_str());
    big_text(s.fonts.large, (s.tendered.empty() ? due.format() : s.tendered.text() + " €"));
    if (const auto given = s.tendered.value(); given && *given > due) {
        ImGui::SameLine(0, s.px(30));
        big_text(s.fonts.large, s.tr("Change due: {0}", (*given - due).format()), kGreen);
    }
    const ImGuiStyle& style = ImGui::GetStyle();
    const float key_w = (width - 2 * style.WindowPadding.x - 2 * style.ItemSpacing.x) / 3;
    const char key = keypad_grid(s, "tender", key_w, s.px(64), ',');
    if (key) {
        if (auto refused = s.tendered.press(key)) say(s, s.translator.translate(*refused), true);
    }
    ImGui::EndChild();
}

void tenders_panel(S& s, float height, Money due) {
    ImGui::BeginChild("tenders", ImVec2(0, height), false);
    const float w = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Cash").c_str());
    ImGui::PopFont();
    if (touch_button(s, "cash_exact", s.tr("Exact") + "  " + due.format(), ImVec2(w, s.px(84)), kGreen, kWhite, s.fonts.large))
        record_payment(s, TenderMethod::Cash, due);
    const auto notes = quick_cash(due);
    const float note_w = (w - spacing * static_cast<float>(notes.size() - 1)) / static_cast<float>(notes.size());
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        if (touch_button(s, "cash:" + std::to_string(notes[i].value() / 100), notes[i].format(), ImVec2(note_w, s.px(84)), kGreen,
                         kWhite, s.fonts.large))
            record_payment(s, TenderMethod::Cash, notes[i]);
    }
    ImGui::Spacing();
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Pay the amount tendered by:").c_str());
    ImGui::PopFont();
    const float half = (w - spacing) / 2;
    int n = 0;
    for (auto m : {TenderMethod::Cash, TenderMethod::Card, TenderMethod::Cheque, TenderMethod::Voucher, TenderMethod::Transfer}) {
        if (n++ % 2 == 1) ImGui::SameLine();
        if (touch_button(s, std::string("tender:") + std::string(method_name(m)), method_label(s, m), ImVec2(half, s.px(80)), kWhite,
                         kInk, s.fonts.large))
            record_payment(s, m, s.tendered.value());
    }
    ImGui::TextWrapped("%s", s.tr("Meal vouchers never give change.").c_str());
    ImGui::Spacing();
    if (touch_button(s, "back_to_cart", s.tr("Back to the cart"), ImVec2(w, s.px(64)))) {
        s.draft.clear_payments();
        s.screen = Screen::sell;
    }
    ImGui::EndChild();
}

}  // namespace

void pay_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::floor(avail.x * 0.45f);
    Money total, due;
    try {
        total = s.draft.total();
        due = s.draft.remaining();
    } catch (const std::exception& e) {  // the cart changed under the pay screen: back to it
        say_error(s, e);
        s.screen = Screen::sell;
        return;
    }
    due_panel(s, left_w, avail.y, total, due);
    ImGui::SameLine();
    tenders_panel(s, avail.y, due);
}

}  // namespace caisse::ui
