#pragma once
// The sale being rung up on the screen: lines, discount, payments. Nothing is recorded until the
// payments cover the total; then Till::sell records it in one commit, and the draft starts afresh.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/cart.hpp"
#include "app/core/tender.hpp"
#include "app/services/till.hpp"

namespace caisse {

struct DraftLine {
    Product product;
    std::int64_t quantity = 1;
    Money unit_price;
};

// Everything a ticket on screen holds, handed over whole when it is parked and taken back
// (ParkedTickets, issue 12 item 14): the payments and the manager's approval go with the lines.
struct DraftContents {
    std::vector<DraftLine> lines;
    TicketDiscount discount;
    std::vector<Payment> payments;
    std::optional<Actor> approval;  // a manager's approval of the discount (never written to disk)
    std::string request_id;         // the idempotency key, if recording was tried already
};

class SaleDraft {
public:
    explicit SaleDraft(Till& till) : till_(till) {}

    // Adds one of the product; a fixed-price product already in the cart gets one more instead.
    // Open-price products need the price typed on the keypad. Returns the index of the line added
    // or grown (the screen scrolls to it). Throws InputError.
    std::size_t add(const std::string& sku, std::optional<Money> price = std::nullopt);
    void set_quantity(std::size_t line, std::int64_t quantity);  // 1..9999
    void remove(std::size_t line);
    // A ticket discount (an amount, or a percentage in basis points); only managers and admins may
    // give one, or a seller with a manager's approval (Till::approve), which the sale then carries.
    // An empty one removes it. Throws InputError when it exceeds the ticket or the role falls short.
    void set_discount(const TicketDiscount& discount, const Actor& by);
    const TicketDiscount& discount() const { return discount_; }

    const std::vector<DraftLine>& lines() const { return lines_; }
    bool empty() const { return lines_.empty(); }
    PricedTicket priced() const;
    Money total() const;

    // Payments already taken stay with the ticket whatever happens to the cart: only
    // remove_payment (after the customer got the money back) or clear() drops them.
    const std::vector<Payment>& payments() const { return payments_; }
    Money paid() const;
    Money remaining() const;  // still due, 0 once covered
    Money overpaid() const;   // paid beyond the total (the cart shrank after a payment), else 0
    Money cash_paid() const;  // of which cash (what can be given back as change)
    // The payments cover the total and only cash (given back as change) or meal vouchers (kept,
    // the voucher excess) are beyond it: the sale can be recorded. False with nothing paid, a short
    // payment, or card, cheque or transfer payments above what is due (remove one first).
    bool can_record() const;
    // What recording now would give: change and voucher excess (settle()); none when !can_record().
    std::optional<Settlement> settlement() const;
    // Adds a payment (none: what is still due). When the payments cover the total, the sale is
    // recorded and returned, and the draft is empty again. A card, cheque or transfer beyond what is
    // due is refused (only cash gives change), and so is any payment once nothing is due; a meal
    // voucher beyond it is kept without change (settle(): voucher excess, at most 25 €). If recording fails, the payment is taken back and the cart kept, so nothing is
    // lost; the error propagates.
    std::optional<SellResult> pay(TenderMethod method, std::optional<Money> amount, const Actor& by);
    // Records the sale with the payments already taken, when can_record() (the cart changed after
    // they covered it). Throws InputError otherwise, or the recording error (the draft is kept).
    SellResult record(const Actor& by);
    // Drops one payment: the customer was given it back. Throws InputError for no such payment.
    void remove_payment(std::size_t index);
    void clear();  // lines, discount and payments: a new ticket
    // Hands the whole ticket over (parking it) and leaves the draft empty, as clear() does.
    DraftContents release();
    // Takes a ticket back into an empty draft. Throws InputError when the draft holds a ticket
    // (it would be lost) or the contents have no line.
    void restore(DraftContents contents);

private:
    SellResult record_now(const Actor& by);
    static std::string new_request_id();
    void keep_discount_valid(const std::vector<DraftLine>& before);  // undoes a change the discount cannot follow
    Till& till_;
    std::vector<DraftLine> lines_;
    TicketDiscount discount_;
    std::vector<Payment> payments_;
    std::optional<Actor> approval_;  // a manager's approval of the discount
    std::string request_id_;         // the cart's idempotency key, made when it is first recorded
};

}  // namespace caisse
