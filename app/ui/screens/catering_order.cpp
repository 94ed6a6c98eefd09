// One catering quote or order (issue 14 item 8; manager): its lines (description, cook, quantity,
// net amount), totals and status (order_summary), its invoices; on the right what its state
// allows: accept the quote, a deposit (30 %, 50 % or an amount on the keypad), the final invoice,
// the cooks' production sheets on the till's printer; for the invoice chosen in the list: a payment
// (transfer or cheque, the amount on the keypad, what remains by default), its PDF and Factur-X
// saved beside the ledger, a whole credit note. Each action that cannot be taken back is asked
// first (catering_question); every rule and refusal is the services'.
#include <algorithm>
#include <cfloat>
#include <map>

#include "app/services/catering_documents.hpp"
#include "app/services/invoice_pdf.hpp"
#include "app/services/printing.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/modal.hpp"
#include "app/ui/widgets/touch_button.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

namespace caisse::ui {
namespace {

using Action = CateringUi::Action;
using Panel = CateringUi::Panel;

// The deposit the panel asks for: its percentage chip, or the amount typed.
invoice::DepositAsk deposit_ask(const CateringUi& c) {
    invoice::DepositAsk ask{c.deposit_bp, Money()};
    if (c.deposit_bp == 0) ask.amount = c.amount.value().value_or(Money());
    return ask;
}

void ask(S& s, Action a) {
    auto& c = s.catering;
    // A deposit or an invoice is named with its amount, as the service will compute it, before it
    // is issued; read once here, not every frame the question is shown.
    c.asked_amount = Money();
    try {
        if (a == Action::deposit && c.summary && c.summary->order)
            c.asked_amount = deposit_to_issue(*s.till, *c.summary->order, deposit_ask(c));
        else if (a == Action::invoice && c.summary && c.summary->order)
            c.asked_amount = final_invoice_due(*s.till, *c.summary->order);
        else if (a == Action::credit_note)
            c.asked_amount = credit_note_to_issue(*s.till, c.invoice);
    } catch (const std::exception& e) {
        return say_error(s, e);  // a bad ask is named now, and nothing is asked
    }
    c.confirm = a;
    c.asked_at = ImGui::GetTime();
}

// Reads the order again (after an action); the invoice chosen stays chosen.
void reload(S& s) {
    auto& c = s.catering;
    c.summary = order_summary(*s.till, c.quote);
    c.view = quote_view(*s.till, c.quote);
}

const InvoiceStatus* chosen_invoice(const CateringUi& c) {
    if (!c.summary) return nullptr;
    for (const auto& i : c.summary->invoices)
        if (i.invoice.number == c.invoice) return &i;
    return nullptr;
}

std::string kind_label(S& s, const std::string& kind) {
    if (kind == "deposit") return s.tr("deposit invoice");
    if (kind == "credit_note") return s.tr("credit note");
    return s.tr("invoice");
}

void label(S& s, const std::string& t) {
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(t.c_str());
    ImGui::PopFont();
}

// Text clipped at `to_x` (window x): a long name never runs into the next column.
void clipped(const std::string& text, float to_x) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::PushClipRect(p, ImVec2(ImGui::GetWindowPos().x + to_x, p.y + ImGui::GetTextLineHeightWithSpacing()), true);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopClipRect();
}

void lines_table(S& s, float w) {
    auto& c = s.catering;
    std::map<std::int64_t, std::string> cooks;
    for (const auto& e : s.entrepreneurs) cooks[e.id] = e.name;
    const float gap = s.px(8);
    const float x[] = {0, w * 0.44f, w * 0.70f, w * 0.79f, w};
    ImGui::PushFont(s.fonts.bold);
    const char* heads[] = {"Description", "Cook", "Qty", "Excl. VAT"};
    for (int i = 0; i < 4; ++i) {
        if (i) ImGui::SameLine(x[i]);
        clipped(s.tr(heads[i]), x[i + 1] - gap);
    }
    ImGui::PopFont();
    ImGui::Separator();
    const auto& totals = c.view->totals;
    for (std::size_t i = 0; i < c.view->lines.size(); ++i) {
        const auto& l = c.view->lines[i];
        // The description wraps within its column; the other cells on its first line.
        const float top = ImGui::GetCursorPosY();
        ImGui::PushTextWrapPos(x[1] - gap);
        text_wrapped(l.description.c_str());
        ImGui::PopTextWrapPos();
        const float bottom = ImGui::GetCursorPosY();
        ImGui::SameLine(x[1]);
        ImGui::SetCursorPosY(top);
        clipped(cooks.count(l.entrepreneur) ? cooks[l.entrepreneur] : "", x[2] - gap);
        ImGui::SameLine(x[2]);
        clipped(quantity_text(l.quantity_milli), x[3] - gap);
        ImGui::SameLine(x[3]);
        clipped(totals && i < totals->line_net.size() ? totals->line_net[i].format() : "", x[4]);
        ImGui::SetCursorPosY(std::max(bottom, ImGui::GetCursorPosY()));
    }
    if (c.view->lines.empty()) ImGui::TextUnformatted(s.tr("No line yet.").c_str());
    ImGui::Separator();
    if (totals) {
        auto row = [&](const std::string& name, Money m, bool bold) {
            if (bold) ImGui::PushFont(s.fonts.bold);
            ImGui::TextUnformatted(name.c_str());
            ImGui::SameLine(x[3]);
            ImGui::TextUnformatted(m.format().c_str());
            if (bold) ImGui::PopFont();
        };
        row(s.tr("Total excl. VAT"), totals->line_total, false);
        row(s.tr("VAT"), totals->tax_total, false);
        row(s.tr("Total incl. VAT"), totals->agreed_total, true);
    }
}

// One invoice as a row of two lines: its number, kind and amount; the day issued and where it stands.
bool invoice_row(S& s, const InvoiceStatus& i, bool on, float w) {
    const auto& r = i.invoice;
    const float h = s.px(64);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool tapped = touch_button(s, "co_invoice:" + r.number, "", ImVec2(w, h), on ? kDark : 0);
    auto* dl = ImGui::GetWindowDrawList();
    const float pad = s.px(12);
    const ImU32 ink = on ? kWhite : kInk;
    ImFont* bold = s.fonts.bold;
    const std::string amount = Money::cents(r.grand_total + r.rounding).format();
    const float amount_w = bold->CalcTextSizeA(bold->FontSize, FLT_MAX, 0, amount.c_str()).x;
    const float y1 = at.y + s.px(8), y2 = at.y + h / 2 + s.px(2);
    dl->PushClipRect(at, ImVec2(at.x + w - amount_w - 2 * pad, at.y + h), true);
    dl->AddText(bold, bold->FontSize, ImVec2(at.x + pad, y1), ink, (r.number + "  ·  " + kind_label(s, r.kind)).c_str());
    dl->PopClipRect();
    dl->AddText(bold, bold->FontSize, ImVec2(at.x + w - pad - amount_w, y1), ink, amount.c_str());
    std::string state = s.tr("issued {0}", catering_day(r.issue_date));
    ImU32 state_ink = ink;
    if (r.kind == "credit_note") {
        state += "  ·  " + s.tr("corrects {0}", r.corrects);
    } else if (i.remaining > Money{}) {
        state += "  ·  " + s.tr("{0} to pay", i.remaining.format());
        if (i.overdue) state += "  ·  " + s.tr("{0} days late", i.days_late), state_ink = on ? kWhite : kRed;
    } else {
        state += "  ·  " + (i.credited > Money{} ? s.tr("given back") : s.tr("paid"));
    }
    dl->PushClipRect(at, ImVec2(at.x + w - pad, at.y + h), true);
    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(at.x + pad, y2), state_ink, state.c_str());
    dl->PopClipRect();
    return tapped;
}

void invoice_list(S& s, float w) {
    auto& c = s.catering;
    if (c.summary->invoices.empty()) return;
    ImGui::Spacing();
    ImGui::PushTextWrapPos(0.0f);
    ImGui::PushFont(s.fonts.bold);
    text_wrapped(s.tr("Invoices: tap one for its payment, PDF or credit note").c_str());
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    for (const auto& i : c.summary->invoices) {
        const bool on = i.invoice.number == c.invoice;
        if (invoice_row(s, i, on, w)) {
            c.invoice = on ? "" : i.invoice.number;
            c.panel = Panel::none;
        }
    }
}

void open_panel(S& s, Panel p) {
    auto& c = s.catering;
    c.panel = p;
    c.amount.clear();
    c.amount_fresh = true;
    if (p == Panel::deposit) c.deposit_bp = 3000;
    if (p == Panel::payment) {
        c.method = PaymentMethod::transfer;
        if (const auto* i = chosen_invoice(c)) c.amount = AmountEntry::of(i->remaining);
    }
}

// The amount typed, in large figures.
void amount_text(S& s) {
    auto& c = s.catering;
    big_text(s.fonts.large, (c.amount.empty() ? "0" : c.amount.text()) + " €");
}

// The keypad of a panel: the first key replaces an amount filled in for the user.
void amount_pad(S& s, float w) {
    auto& c = s.catering;
    const float key_w = (w - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    if (const char key = keypad_grid(s, "co_pad", key_w, s.px(52), ',')) {
        if (c.amount_fresh && key != '<') c.amount.clear();
        c.amount_fresh = false;
        if (auto refused = c.amount.press(key)) say(s, s.translator.translate(*refused), true);
    }
}

void deposit_panel(S& s, float w) {
    auto& c = s.catering;
    label(s, s.tr("Deposit invoice"));
    // A second deposit is asked knowing the first.
    if (c.summary->deposits > Money()) {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        text_wrapped(s.tr("{0} already in deposits", c.summary->deposits.format()).c_str());
        ImGui::PopTextWrapPos();
    }
    for (const std::int32_t bp : {3000, 5000}) {
        if (bp != 3000) ImGui::SameLine();
        if (chip(s, "co_deposit_pct:" + std::to_string(bp), VatRate{bp}.percent(), c.deposit_bp == bp)) c.deposit_bp = bp, c.amount.clear();
    }
    ImGui::SameLine();
    if (chip(s, "co_deposit_amount", s.tr("An amount"), c.deposit_bp == 0)) c.deposit_bp = 0;
    if (c.deposit_bp == 0) {
        amount_text(s);
        amount_pad(s, w);
    } else {
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
        text_wrapped(s.tr("{0} of the order's total incl. VAT, split by VAT rate as the order.", VatRate{c.deposit_bp}.percent()).c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::Spacing();
    const float half = (w - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (touch_button(s, "co_panel_cancel", s.tr("Cancel"), ImVec2(half, s.px(64)))) c.panel = Panel::none;
    ImGui::SameLine();
    if (touch_button(s, "co_deposit_issue", s.tr("Issue the deposit"), ImVec2(half, s.px(64)), kGreen, kWhite, s.fonts.bold)) {
        if (c.deposit_bp == 0 && !c.amount.value()) return say(s, s.tr("Type the deposit's amount"), true);
        ask(s, Action::deposit);
    }
}

void payment_panel(S& s, float w) {
    auto& c = s.catering;
    const auto* i = chosen_invoice(c);
    if (!i) return void(c.panel = Panel::none);
    label(s, s.tr("Payment received for {0}", i->invoice.number));
    // The method and the amount on one row: the keypad and its buttons fit under them at 1024x768.
    if (chip(s, "co_method:transfer", s.tr("Transfer"), c.method == PaymentMethod::transfer)) c.method = PaymentMethod::transfer;
    ImGui::SameLine();
    if (chip(s, "co_method:cheque", s.tr("Cheque"), c.method == PaymentMethod::cheque)) c.method = PaymentMethod::cheque;
    ImGui::SameLine(0, s.px(20));
    amount_text(s);
    amount_pad(s, w);
    ImGui::Spacing();
    const float half = (w - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (touch_button(s, "co_panel_cancel", s.tr("Cancel"), ImVec2(half, s.px(64)))) c.panel = Panel::none;
    ImGui::SameLine();
    if (touch_button(s, "co_pay_record", s.tr("Record"), ImVec2(half, s.px(64)), kGreen, kWhite, s.fonts.bold)) {
        if (!c.amount.value()) return say(s, s.tr("Type the amount received"), true);
        try {
            // Refused before the question, not after it (an amount above what is left, found by a newcomer's trial).
            check_invoice_payment(*s.till, PaymentRequest{c.invoice, *c.amount.value(), c.method, "", ""});
        } catch (const std::exception& e) {
            return say_error(s, e);
        }
        ask(s, Action::payment);
    }
}

void print_sheets(S& s) {
    auto& c = s.catering;
    if (!s.printer) return say(s, s.tr("No printer on this till"), true);
    try {
        auto sheets = production_sheets_of(*s.till, *c.summary->order, receipt_translator(*s.till));
        for (auto& [cook, sheet] : sheets) s.printer->submit(PrintJobKind::production_sheet, std::move(sheet));
        say(s, s.tr("Production sheets sent to the printer: {0}", static_cast<std::int64_t>(sheets.size())), false);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void save_files(S& s) {
    try {
        const std::string folder = save_invoice_files(*s.till, s.catering.invoice);
        say(s, s.tr("{0}: PDF and Factur-X saved in {1}", s.catering.invoice, folder), false);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

// What the order's state allows, two buttons a row.
void actions(S& s, float w) {
    auto& c = s.catering;
    const OrderSummary& o = *c.summary;
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float half = (w - gap) / 2, h = s.px(64);
    int n = 0;
    auto next = [&] {
        if (n++ % 2) ImGui::SameLine();
    };
    if (!o.order) {
        next();
        // The quote editor (quote_editor.cpp) comes back here; the order is read again then.
        if (touch_button(s, "co_edit", s.tr("Edit the quote"), ImVec2(half, h), 0, 0, s.fonts.bold))
            return open_quote_editor(s, c.quote, std::nullopt, Screen::catering_order);
        next();
        if (touch_button(s, "co_accept", s.tr("Accept the quote"), ImVec2(half, h), kGreen, kWhite, s.fonts.bold)) ask(s, Action::accept);
        // The quote to send the customer (newcomer trial: it was CLI-only).
        if (touch_button(s, "co_quote_pdf", s.tr("Save the quote as PDF"), ImVec2(w, h), 0, 0, s.fonts.bold)) {
            try {
                say(s, s.tr("Quote saved: {0}", save_quote_file(*s.till, c.quote)), false);
            } catch (const std::exception& e) {
                say_error(s, e);
            }
        }
    } else {
        if (o.to_invoice) {
            next();
            if (touch_button(s, "co_deposit", s.tr("Deposit…"), ImVec2(half, h), 0, 0, s.fonts.bold)) open_panel(s, Panel::deposit);
            next();
            if (touch_button(s, "co_final", s.tr("Final invoice"), ImVec2(half, h), kGreen, kWhite, s.fonts.bold)) ask(s, Action::invoice);
        }
        // A row of its own, the whole width: its label is too long for half of it at 1024x768.
        if (touch_button(s, "co_sheets", s.tr("Production sheets"), ImVec2(w, h), 0, 0, s.fonts.bold)) print_sheets(s);
    }
    const auto* i = chosen_invoice(c);
    if (!i) return;
    ImGui::Spacing();
    ImGui::Separator();
    const auto& r = i->invoice;
    label(s, s.tr("{0}, {1}", r.number, kind_label(s, r.kind)));
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    if (r.kind == "credit_note") {
        text_wrapped(s.tr("Gives back {0} of {1}", Money::cents(r.grand_total + r.rounding).format(), r.corrects).c_str());
    } else {
        text_wrapped(s.tr("Due {0} by {1}: paid {2}, given back {3}, {4} to pay", i->due.format(), catering_day(r.due_date),
                                      i->paid.format(), i->credited.format(), i->remaining.format())
                                     .c_str());
        if (i->overdue) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(kRed), "%s", s.tr("{0} days late", i->days_late).c_str());
    }
    ImGui::PopTextWrapPos();
    n = 0;
    if (r.kind != "credit_note" && i->remaining > Money{}) {
        next();
        if (touch_button(s, "co_pay", s.tr("Payment received…"), ImVec2(half, h), kGreen, kWhite, s.fonts.bold)) open_panel(s, Panel::payment);
    }
    if (r.kind != "credit_note" && i->credited < Money::cents(r.due)) {
        next();
        if (touch_button(s, "co_credit", s.tr("Credit note…"), ImVec2(half, h), kRed, kWhite, s.fonts.bold)) ask(s, Action::credit_note);
    }
    if (touch_button(s, "co_files", s.tr("Save PDF and Factur-X"), ImVec2(w, h), 0, 0, s.fonts.bold)) save_files(s);
}

void run(S& s, Action a) {
    auto& c = s.catering;
    if (!c.summary) return;
    try {
        switch (a) {
            case Action::accept: {
                const auto order = accept_quote(*s.till, *s.actor, c.quote);
                say(s, s.tr("Quote accepted: order {0}", order_number(order.id)), false);
                break;
            }
            case Action::deposit: {
                const auto d = issue_deposit(*s.till, *s.actor, *c.summary->order, deposit_ask(c));
                c.invoice = d.number;
                c.panel = Panel::none;
                say(s, s.tr("Deposit invoice {0} issued: {1}", d.number, Money::cents(d.due).format()), false);
                break;
            }
            case Action::invoice: {
                const auto f = issue_invoice(*s.till, *s.actor, *c.summary->order);
                c.invoice = f.number;
                say(s, s.tr("Invoice {0} issued: {1} to pay", f.number, Money::cents(f.due).format()), false);
                break;
            }
            case Action::payment: {
                const PaymentRequest r{c.invoice, c.amount.value().value_or(Money()), c.method, "", ""};
                record_invoice_payment(*s.till, *s.actor, r);
                c.panel = Panel::none;
                say(s, s.tr("Payment of {0} recorded on {1}", r.amount.format(), r.invoice), false);
                break;
            }
            case Action::credit_note: {
                const auto n = issue_credit_note(*s.till, *s.actor, c.invoice);
                say(s, s.tr("Credit note {0} issued: {1} given back", n.number, Money::cents(n.grand_total + n.rounding).format()), false);
                c.invoice = n.number;
                break;
            }
        }
    } catch (const std::exception& e) {
        say_error(s, e);  // the panel stays as typed
    }
    try {
        reload(s);
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

ModalText question_text(S& s, Action a) {
    auto& c = s.catering;
    const OrderSummary& o = *c.summary;
    switch (a) {
        case Action::accept:
            return {s.tr("Accept the quote?"), s.tr("The customer agreed to {0} for {1}: the quote becomes an order and its lines can no longer change.",
                                                    o.total.format(), o.customer),
                    s.tr("Accept"), s.tr("Not yet")};
        case Action::deposit: {
            const std::string question = c.deposit_bp ? s.tr("Issue a deposit invoice of {0} ({1} of the order)?", c.asked_amount.format(),
                                                             VatRate{c.deposit_bp}.percent())
                                                      : s.tr("Issue a deposit invoice of {0}?", c.asked_amount.format());
            return {question,
                    s.tr("An invoice is numbered and kept for good: only a credit note can give it back."), s.tr("Issue"), s.tr("Cancel")};
        }
        case Action::invoice:
            return {s.tr("Issue the final invoice?"),
                    s.tr("{0} for {1}, {2} to pay once deposits are deducted. An invoice is numbered and kept for good: only a "
                         "credit note can give it back.",
                         o.total.format(), o.customer, c.asked_amount.format()),
                    s.tr("Issue"), s.tr("Cancel")};
        case Action::payment:
            return {s.tr("Record {0} received on {1}?", c.amount.value().value_or(Money()).format(), c.invoice),
                    s.tr("Only once the money is there: the transfer on the account, the cheque in hand."), s.tr("Record"), s.tr("Cancel")};
        case Action::credit_note:
            return {s.tr("Give {0} back whole with a credit note?", c.invoice),
                    s.tr("A credit note of {0}. It cannot be taken back: the invoice is cancelled for good and a new one has to be issued.",
                         c.asked_amount.format()),
                    s.tr("Issue the credit note"), s.tr("Keep the invoice"), true};
    }
    return {};
}

}  // namespace

void open_catering_order(S& s, std::int64_t quote) {
    auto& c = s.catering;
    c.quote = quote;
    c.invoice.clear();
    c.panel = Panel::none;
    c.confirm.reset();
    try {
        reload(s);
        s.screen = Screen::catering_order;
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void catering_order_screen(S& s) {
    auto& c = s.catering;
    // Back from the quote editor: the quote may have changed.
    if (s.shown_screen == Screen::quote_editor && c.summary) {
        try {
            reload(s);
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    if (!enter_catering_tab(s, Screen::catering_order)) return;
    if (!c.summary || !c.view) return catering_open(s, Screen::catering_orders);
    const OrderSummary& o = *c.summary;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float right_w = std::min(s.px(460), avail.x * 0.42f);
    const float left_w = avail.x - right_w - s.px(24);

    ImGui::BeginChild("co_left", ImVec2(left_w, 0), false);
    if (dragged_here(s, "co_left")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const std::string number = o.order ? order_number(*o.order) + "  ·  " + quote_number(o.quote) : quote_number(o.quote);
    ImGui::PushTextWrapPos(0.0f);  // the column's edge, left of its scrollbar when it has one
    ImGui::PushFont(s.fonts.large);
    text_wrapped(o.customer.c_str());
    ImGui::PopFont();
    // The line breaks between its parts, not inside one ("Salle des / fêtes"), unless a part is too long to hold.
    const auto whole = [](std::string part) {
        if (part.size() > 32) return part;
        std::string out;
        for (char ch : part) out += ch == ' ' ? std::string("\u00A0") : std::string(1, ch);
        return out;
    };
    std::string about = number + "  ·  " + whole(s.tr("served {0}", catering_day(o.service_date))) + "  ·  " +
                        whole(s.tr("{0} guests", o.guests));
    if (!c.view->quote.place.empty()) about += "  ·  " + whole(c.view->quote.place);
    if (!o.order) about += "  ·  " + whole(s.tr("valid until {0}", catering_day(o.valid_until)));
    text_wrapped(about.c_str());
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    lines_table(s, ImGui::GetContentRegionAvail().x);
    invoice_list(s, ImGui::GetContentRegionAvail().x);
    ImGui::EndChild();

    ImGui::SameLine(0, s.px(24));
    ImGui::BeginChild("co_right", ImVec2(right_w, 0), false);
    if (dragged_here(s, "co_right")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    // The status, and what remains to pay, on one line: the panels' keypads need the height.
    ImGui::PushFont(c.panel != Panel::none ? s.fonts.bold : s.fonts.large);
    ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(o.status == OrderStatus::overdue ? kRed : o.status == OrderStatus::paid ? kGreen : kInk), "%s",
                       catering_status(s, o).c_str());
    ImGui::PopFont();
    if (o.unpaid) {
        if (c.panel != Panel::none) ImGui::SameLine(0, s.px(16));
        ImGui::TextUnformatted(s.tr("{0} still to pay", o.remaining.format()).c_str());
    }
    ImGui::Spacing();
    if (c.panel == Panel::deposit) deposit_panel(s, right_w);
    else if (c.panel == Panel::payment) payment_panel(s, right_w);
    else actions(s, right_w);
    ImGui::EndChild();
}

void catering_question(S& s) {
    auto& c = s.catering;
    if (!c.confirm) return;
    if (s.screen != Screen::catering_order || !c.summary) {
        c.confirm.reset();  // the order was left (idle lock, log out): nothing was done
        return;
    }
    const Action a = *c.confirm;
    ModalText text = question_text(s, a);
    text.yes_armed = ImGui::GetTime() - c.asked_at >= kQuestionArmSeconds;
    const Answer answer = modal(s, "catering_confirm", text);
    if (answer == Answer::none) return;
    c.confirm.reset();
    if (answer == Answer::yes) run(s, a);
}

}  // namespace caisse::ui
