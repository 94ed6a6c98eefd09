#pragma once
// The cart: lines being rung up, their discounts, and the exact priced ticket they make.
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "app/core/catalogue.hpp"
#include "app/core/limits.hpp"  // kMaxQuantity, kMaxUnitPriceCents
#include "app/core/money.hpp"
#include "app/core/vat.hpp"

namespace caisse {


struct TicketDiscount {
    Money amount;               // used when percent_bp == 0
    std::int32_t percent_bp = 0;  // 1000 = 10 %
    static TicketDiscount parse(std::string_view text);  // "2,00" or "10%"
    bool empty() const { return percent_bp == 0 && amount == Money(); }
};

struct CartLine {
    Product product;  // snapshot at the time of the sale
    std::int64_t quantity = 1;
    Money unit_price;  // TTC; the catalogue price or the price typed for an open-price product
    Money line_discount;
};

struct PricedLine {
    CartLine line;
    Money gross;            // quantity * unit_price
    Money discount_share;   // this line's part of the ticket discount
    Money total;            // gross - line_discount - discount_share
};

struct PricedTicket {
    std::vector<PricedLine> lines;
    Money gross;
    Money line_discounts;
    Money ticket_discount;
    Money total;
    VatBreakdown by_vat;                           // rate bp -> {ht, vat, ttc}
    std::map<std::int64_t, Money> by_entrepreneur;  // entrepreneur id -> TTC
};

class Cart {
public:
    // Adds a line; open-price products need a price, others may override it only when given.
    std::size_t add(const Product& product, std::int64_t quantity = 1, std::optional<Money> price = {});
    void set_quantity(std::size_t index, std::int64_t quantity);
    void set_line_discount(std::size_t index, Money discount);
    void remove(std::size_t index);
    void set_ticket_discount(TicketDiscount discount) { discount_ = discount; }
    void clear() { lines_.clear(); discount_ = {}; }

    const std::vector<CartLine>& lines() const { return lines_; }
    bool empty() const { return lines_.empty(); }
    PricedTicket price() const;  // throws InputError when the discount exceeds the total

private:
    CartLine& at(std::size_t index);
    std::vector<CartLine> lines_;
    TicketDiscount discount_;
};

// Spreads `amount` over `weights` in proportion, by the largest-remainder method: the shares add
// up exactly to amount, and ties go to the earlier weight. Requires 0 <= amount <= sum(weights).
std::vector<std::int64_t> spread_largest_remainder(std::int64_t amount, const std::vector<std::int64_t>& weights);

}  // namespace caisse

namespace caisse {
// "SKU", "SKU*3", "SKU@4,50", "SKU*2@4,50": how scripts and the keypad name a line.
struct ItemSpec {
    std::string sku;
    std::int64_t quantity = 1;
    std::optional<Money> price;
    static ItemSpec parse(std::string_view text);
};
}  // namespace caisse
