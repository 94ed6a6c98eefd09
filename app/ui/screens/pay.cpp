// Pay: what is due, the payments already taken (kept with the ticket, removable one by one after
// a question), the amount tendered on the keypad; quick cash notes and a button per tender method
// (card, cheque and transfer ask "payment accepted?" first). A meal voucher above what is due is
// taken without change: the screen says what the customer leaves. When the cart fell below what
// was paid, it says so and records only what cash and vouchers can settle.
#include <algorithm>
#include <array>
#include <optional>
#include <cmath>

#include "app/services/printing.hpp"
#include "app/ui/navigation.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

void recorded(S& s, SellResult sale) {
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

}  // namespace

void record_payment(S& s, std::optional<TenderMethod> method, std::optional<Money> amount) {
    if (s.committing) return;  // a second tap while the sale is being recorded
    s.committing = true;
    try {
        const Actor& by = *s.actor;
        if (!method) recorded(s, s.draft.record(by));
        else if (auto sale = s.draft.pay(*method, amount, by)) recorded(s, std::move(*sale));
        s.tendered.clear();
    } catch (const InputError& e) {
        // A session opened more than 24 h ago takes no sale (daily closing): offer the close.
        if (e.message().msgid.rfind("session {0} was opened more than", 0) == 0) s.session_expired = true;
        say_error(s, e);
    } catch (const std::exception& e) {
        // A full or failing disk says so in the user's language (StorageError); anything else as it came.
        const auto m = i18n::user_message(e);
        say(s, s.tr("The sale could not be recorded ({0}). Nothing was lost: the cart is kept, try again.",
                    m ? s.translator.translate(*m) : std::string(e.what())),
            true);
    }
    s.committing = false;
}

void tender(S& s, TenderMethod method, std::optional<Money> amount) {
    if (method == TenderMethod::Cash || method == TenderMethod::Voucher) {
        record_payment(s, method, amount);
        return;
    }
    Question q{Question::Kind::confirm_payment};
    q.method = method;
    q.amount = amount;
    q.asked_at = ImGui::GetTime();
    s.question = q;
}

namespace {

// The next bank notes above what is due, one slot per note (5, 10, 20, 50 €): slot i holds the
// smallest multiple of note i above what is due, and a slot is left empty when the next one holds
// the same amount. Each
// note keeps its place from one sale to the next, so the hand learns where "20 €" is (newcomer
// trial: with 3 or 4 buttons sharing the row, 20 € moved 86 px between sales).
std::array<std::optional<Money>, 4> quick_cash(Money due) {
    std::array<std::optional<Money>, 4> out;
    const std::array<std::int64_t, 4> notes{500, 1000, 2000, 5000};
    for (std::size_t i = 0; i < notes.size(); ++i) {
        const Money m = Money::cents((due.value() / notes[i] + 1) * notes[i]);  // the smallest multiple above what is due
        // An amount shown for a smaller note moves to the bigger note's slot (20 € is always in
        // the 20 € slot; 45 € due: 50 € in the 50 € slot, not the 5 € one).
        for (std::size_t j = 0; j < i; ++j)
            if (out[j] == m) out[j].reset();
        out[i] = m;
    }
    return out;
}

// The payments already taken on this ticket, each removable (after a question).
void payments_taken(S& s) {
    const auto& payments = s.draft.payments();
    if (payments.empty()) return;
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Already paid").c_str());
    ImGui::PopFont();
    const float h = s.px(kMinTarget);
    for (std::size_t i = 0; i < payments.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        ImGui::AlignTextToFramePadding();
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (h - ImGui::GetFrameHeight()) / 2);
        ImGui::PushFont(s.fonts.large);
        ImGui::TextUnformatted((method_label(s, payments[i].method) + "  " + payments[i].amount.format()).c_str());
        ImGui::PopFont();
        ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - h);
        ImGui::SetCursorPosY(ImGui::GetCursorPosY() - (h - ImGui::GetFrameHeight()) / 2);
        if (touch_button(s, "payment_remove:" + std::to_string(i), "✕", ImVec2(h, h), kPaleRed, kRed, s.fonts.bold))
            s.question = Question{Question::Kind::remove_payment, i};
        ImGui::PopID();
    }
    ImGui::Separator();
}

// The cart fell below what was paid: said plainly, with the way out.
void overpaid_warning(S& s) {
    const Money over = s.draft.overpaid();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, kPaleRed);
    ImGui::BeginChild("overpaid", ImVec2(0, 0), true);
    big_text(s.fonts.large, s.tr("Paid {0} more than the ticket", over.format()), kRed);
    ImGui::PushTextWrapPos(0);
    const auto settled = s.draft.settlement();
    if (settled && settled->voucher_excess > Money())
        text_wrapped(s.tr("Meal vouchers give no change: the customer leaves {0}.", settled->voucher_excess.format()).c_str());
    if (settled && settled->change > Money())
        text_wrapped(s.tr("The extra {0} is cash: give it back as change, or remove a payment.", settled->change.format()).c_str());
    else if (!settled)
        text_wrapped(s.tr("The sale cannot be recorded: card, cheque, voucher and transfer payments give no change. "
                                      "Give a payment back to the customer and remove it.")
                                     .c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void due_panel(S& s, float width, float height, Money total, Money due) {
    ImGui::BeginChild("due", ImVec2(width, height), true);
    const bool paid_some = !s.draft.payments().empty();
    ImGui::TextUnformatted(s.tr("Total").c_str());
    if (paid_some) ImGui::SameLine();  // room for the payments: the total gets one line
    big_text(paid_some ? s.fonts.large : s.fonts.huge, total.format());
    payments_taken(s);
    if (s.draft.overpaid() > Money()) {
        overpaid_warning(s);
        ImGui::EndChild();
        return;
    }
    ImGui::TextUnformatted(s.tr("Still due").c_str());
    big_text(s.fonts.huge, due.format(), kRed);
    ImGui::TextUnformatted(s.tr("Amount tendered (empty: what is due)").c_str());
    big_text(s.fonts.large, (s.tendered.empty() ? due.format() : s.tendered.text() + " €"));
    // Room for what an amount above the bill means is kept whether or not it is shown, so the keypad
    // below never moves while the amount is typed (newcomer trial: it slid 30 px under the finger).
    const float above_top = ImGui::GetCursorPosY();
    const float above_room = ImGui::GetTextLineHeightWithSpacing() * 2;
    if (const auto given = s.tendered.value(); given && *given > due) {
        // What happens to the difference depends on the tender: cash gives it back, a meal voucher
        // does not (the customer leaves it), card, cheque and transfer are refused above the bill.
        // Neither is said louder than the other until the tender is chosen: a big green "change due"
        // here had a cashier about to give change for a voucher.
        const std::string over = (*given - due).format();
        ImGui::PushTextWrapPos(0);
        text_wrapped((s.tr("In cash: give back {0}.", over) + "  " +
                                  s.tr("By meal voucher: no change, the customer leaves {0}.", over)).c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::SetCursorPosY(std::max(ImGui::GetCursorPosY(), above_top + above_room));
    // The keypad takes what is left, keys between the smallest target and 64 px high.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float key_w = (ImGui::GetContentRegionAvail().x - 2 * style.ItemSpacing.x) / 3;
    const float key_h = std::clamp((ImGui::GetContentRegionAvail().y - 3 * style.ItemSpacing.y) / 4, s.px(kMinTarget), s.px(64));
    const char key = keypad_grid(s, "tender", key_w, key_h, ',');
    if (key) {
        if (auto refused = s.tendered.press(key)) say(s, s.translator.translate(*refused), true);
    }
    ImGui::EndChild();
}

// Back to the cart: the payments taken stay with the ticket.
void back_to_cart(S& s, float w) {
    ImGui::Spacing();
    if (touch_button(s, "back_to_cart", s.tr("Back to the cart"), ImVec2(w, s.px(64)))) s.screen = Screen::sell;
}

// Nothing is due any more but the sale is not recorded (the cart shrank after the payments).
void settle_panel(S& s, float w) {
    if (const auto settled = s.draft.settlement()) {
        const Money change = settled->change;
        const std::string label = change > Money() ? s.tr("Give {0} change and record the sale", change.format())
                                                   : s.tr("Record the sale");
        if (touch_button(s, "settle", label, ImVec2(w, s.px(100)), kGreen, kWhite, s.fonts.large)) record_payment(s, std::nullopt, {});
    } else {
        disabled_button(s.tr("Record the sale"), ImVec2(w, s.px(100)), s.fonts.large);
        text_wrapped(s.tr("Remove a payment first.").c_str());
    }
}

// The service refused the sale because the session is too old: the day must be closed first.
void session_expired(S& s, float w) {
    ImGui::PushStyleColor(ImGuiCol_Text, kRed);
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::PushFont(s.fonts.bold);
    text_wrapped(s.tr("This session is more than 24 hours old: close the day, then open a new session to sell.").c_str());
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    // A seller closes with a manager's approval, asked at the end of the count.
    if (touch_button(s, "expired_close", s.tr("Close the day"), ImVec2(w, s.px(80)), kRed, kWhite, s.fonts.large)) start_close(s);
}

void tenders_panel(S& s, float height, Money due) {
    ImGui::BeginChild("tenders", ImVec2(0, height), false);
    const float w = ImGui::GetContentRegionAvail().x;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    if (s.session_expired) {
        session_expired(s, w);
        back_to_cart(s, w);
        ImGui::EndChild();
        return;
    }
    if (due == Money() && !s.draft.payments().empty()) {
        settle_panel(s, w);
        back_to_cart(s, w);
        ImGui::EndChild();
        return;
    }
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Cash").c_str());
    ImGui::PopFont();
    if (touch_button(s, "cash_exact", s.tr("Exact") + "  " + due.format(), ImVec2(w, s.px(84)), kGreen, kWhite, s.fonts.large))
        record_payment(s, TenderMethod::Cash, due);
    const auto notes = quick_cash(due);
    const float note_w = (w - spacing * static_cast<float>(notes.size() - 1)) / static_cast<float>(notes.size());
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        if (!notes[i]) {
            ImGui::Dummy(ImVec2(note_w, s.px(84)));  // the slot stays, empty
            continue;
        }
        if (touch_button(s, "cash:" + std::to_string(notes[i]->value() / 100), notes[i]->format(), ImVec2(note_w, s.px(84)), kGreen,
                         kWhite, s.fonts.large))
            record_payment(s, TenderMethod::Cash, *notes[i]);
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
            tender(s, m, s.tendered.value());
    }
    text_wrapped(s.tr("Meal vouchers give no change: above the bill, the customer leaves the difference.").c_str());
    back_to_cart(s, w);
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
