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

class SaleDraft {
public:
    explicit SaleDraft(Till& till) : till_(till) {}

    // Adds one of the product; a fixed-price product already in the cart gets one more instead.
    // Open-price products need the price typed on the keypad. Throws InputError.
    void add(const std::string& sku, std::optional<Money> price = std::nullopt);
    void set_quantity(std::size_t line, std::int64_t quantity);  // 1..9999
    void remove(std::size_t line);
    // A ticket discount (an amount, or a percentage in basis points); only managers and admins may
    // give one. An empty one removes it. Throws InputError when it exceeds the ticket.
    void set_discount(const TicketDiscount& discount, const User& by);
    const TicketDiscount& discount() const { return discount_; }

    const std::vector<DraftLine>& lines() const { return lines_; }
    bool empty() const { return lines_.empty(); }
    PricedTicket priced() const;
    Money total() const;

    const std::vector<Payment>& payments() const { return payments_; }
    Money paid() const;
    Money remaining() const;  // still due, 0 once covered
    // Adds a payment (none: what is still due). When the payments cover the total, the sale is
    // recorded and returned, and the draft is empty again. A meal voucher, card, cheque or transfer
    // beyond what is due is refused (only cash gives change). If recording fails, the payment is
    // taken back and the cart kept, so nothing is lost; the error propagates.
    std::optional<SellResult> pay(TenderMethod method, std::optional<Money> amount, const std::string& user);
    void clear_payments() { payments_.clear(); }
    void clear();

private:
    void keep_discount_valid(const std::vector<DraftLine>& before);  // undoes a change the discount cannot follow
    Till& till_;
    std::vector<DraftLine> lines_;
    TicketDiscount discount_;
    std::vector<Payment> payments_;
};

}  // namespace caisse
