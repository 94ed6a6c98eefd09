// The questions asked before what cannot be taken back: removing a payment already taken,
// clearing a ticket, logging out while a ticket holds payments, leaving a quote not saved, voting a
// split rule on the what-if, and
// "payment accepted?" before a card, cheque or transfer payment is taken (its answers big, far
// apart, armed after a moment).
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/modal.hpp"

namespace caisse::ui {
namespace {

ModalText text_of(S& s, const Question& q) {
    const auto& payments = s.draft.payments();
    const std::string paid = s.draft.paid().format();
    switch (q.kind) {
        case Question::Kind::remove_payment: {
            const Payment& p = payments.at(q.index);
            return {s.tr("Remove the payment {0} {1}?", method_label(s, p.method), p.amount.format()),
                    s.tr("Only once the customer has it back: the card payment cancelled on the terminal, the cash or "
                         "voucher handed back."),
                    s.tr("Remove the payment"), s.tr("Keep it"), true};
        }
        case Question::Kind::clear_cart:
            if (payments.empty()) return {s.tr("Clear the ticket?"), s.tr("All its lines are removed."), s.tr("Clear"), s.tr("Keep it"), true};
            return {s.tr("Clear the ticket?"),
                    s.tr("{0} was already paid on this ticket: give it back to the customer before clearing.", paid),
                    s.tr("Clear, the customer has it back"), s.tr("Keep it"), true};
        case Question::Kind::confirm_payment: {
            const Money amount = q.amount.value_or(s.draft.remaining());
            ModalText t{s.tr("Payment accepted?"),
                        s.tr("{0} {1}: answer once the payment is accepted (terminal receipt, cheque in hand, transfer received).",
                             method_label(s, q.method), amount.format()),
                        s.tr("Accepted"), s.tr("Not accepted"), false};
            t.big = true;
            t.yes_armed = ImGui::GetTime() - q.asked_at >= kQuestionArmSeconds;
            return t;
        }
        case Question::Kind::log_out:
            return {s.tr("Log out with a ticket paid in part?"),
                    s.tr("{0} was already paid on this ticket. The ticket and its payments stay on the till for whoever "
                         "logs in next.",
                         paid),
                    s.tr("Log out"), s.tr("Stay"), false};
        case Question::Kind::leave_quote:
            return {s.tr("Leave the quote without saving?"), s.tr("The changes made on this screen are lost; nothing is recorded."),
                    s.tr("Leave the quote"), s.tr("Keep writing"), true};
        case Question::Kind::vote_rule: {
            ModalText t{s.tr("Record the rule \"{0}\" as the group's vote?", q.rule ? what_if_rule_label(s, *q.rule) : ""),
                        s.tr("The statement then splits by this rule, with the contribution and charge key in effect. The vote is "
                             "kept in the journal; a later vote replaces it."),
                        s.tr("Record the vote"), s.tr("Not yet"), false};
            t.yes_armed = ImGui::GetTime() - q.asked_at >= kQuestionArmSeconds;
            return t;
        }
    }
    return {};
}

void act(S& s, const Question& q) {
    try {
        switch (q.kind) {
            case Question::Kind::remove_payment:
                s.draft.remove_payment(q.index);
                s.tendered.clear();
                say(s, s.tr("Payment removed"), false);
                break;
            case Question::Kind::clear_cart:
                s.draft.clear();
                s.confirm_remove.reset();
                s.screen = Screen::sell;
                break;
            case Question::Kind::log_out: log_out(s); break;
            case Question::Kind::confirm_payment: record_payment(s, q.method, q.amount); break;
            case Question::Kind::leave_quote: leave_quote_editor(s); break;
            case Question::Kind::vote_rule:
                if (q.rule) vote_rule(s, *q.rule);
                break;
        }
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

}  // namespace

void questions(S& s) {
    if (!s.question) return;
    const Question q = *s.question;
    if (q.kind == Question::Kind::remove_payment && q.index >= s.draft.payments().size()) {
        s.question.reset();  // the payment is gone already (the sale was recorded)
        return;
    }
    if (q.kind == Question::Kind::confirm_payment && s.screen != Screen::pay) {
        s.question.reset();  // the pay screen was left (idle lock, log out): nothing was taken
        return;
    }
    if (q.kind == Question::Kind::vote_rule && s.screen != Screen::cape_what_if) {
        s.question.reset();  // the what-if was left (idle lock, log out): nothing was voted
        return;
    }
    const Answer a = modal(s, q.kind == Question::Kind::confirm_payment ? "pay_confirm" : "confirm", text_of(s, q));
    if (a == Answer::none) return;
    s.question.reset();
    if (a == Answer::yes) act(s, q);
    else if (q.kind == Question::Kind::confirm_payment) say(s, s.tr("Payment not taken: nothing was recorded"), false);
}

}  // namespace caisse::ui
