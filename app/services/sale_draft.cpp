#include "app/services/sale_draft.hpp"

#include <cstdio>
#include <random>

namespace caisse {

std::size_t SaleDraft::add(const std::string& sku, std::optional<Money> price) {
    auto product = till_.product(sku);
    if (!product || !product->active) throw InputError("unknown SKU \"{0}\"", sku);
    if (product->open_price && !price) throw InputError("{0} has no fixed price: type its price", product->name);
    if (!product->open_price) {
        for (auto& l : lines_)
            if (l.product.sku == sku) {
                const auto index = static_cast<std::size_t>(&l - lines_.data());
                set_quantity(index, l.quantity + 1);
                return index;
            }
    }
    const Money unit = product->open_price ? *price : product->price;
    if (unit <= Money() || unit.value() > kMaxUnitPriceCents)
        throw InputError("price {0} is out of range for {1}", unit.format(), product->name);
    if (lines_.size() >= 200) throw InputError("a ticket has at most {0} lines", 200);
    lines_.push_back(DraftLine{*product, 1, unit});
    return lines_.size() - 1;
}

void SaleDraft::set_quantity(std::size_t line, std::int64_t quantity) {
    if (line >= lines_.size()) throw InputError("no line {0} in the cart", static_cast<std::int64_t>(line + 1));
    if (quantity < 1 || quantity > kMaxQuantity) throw InputError("quantity must be between 1 and {0}", kMaxQuantity);
    const auto before = lines_;
    lines_[line].quantity = quantity;
    keep_discount_valid(before);
}

void SaleDraft::remove(std::size_t line) {
    if (line >= lines_.size()) throw InputError("no line {0} in the cart", static_cast<std::int64_t>(line + 1));
    const auto before = lines_;
    lines_.erase(lines_.begin() + static_cast<std::ptrdiff_t>(line));
    keep_discount_valid(before);
}

void SaleDraft::keep_discount_valid(const std::vector<DraftLine>& before) {
    if (discount_.empty() || lines_.empty()) {
        if (lines_.empty()) discount_ = {};
        return;
    }
    try {
        priced();
    } catch (const InputError&) {  // a fixed discount now larger than the ticket: undo, say why
        lines_ = before;
        throw InputError("the discount {0} would exceed the ticket: change or remove the discount first",
                         discount_.amount.format());
    }
}

void SaleDraft::set_discount(const TicketDiscount& discount, const Actor& by) {
    if (!discount.empty() && !role_allows(by.role(), Role::Manager))
        throw InputError("only a manager or an admin can give a ticket discount: ask one to approve it");
    if (discount.percent_bp < 0 || discount.percent_bp > 10000)
        throw InputError("a discount percentage must be between 0 and 100 %");
    if (discount.amount < Money()) throw InputError("a discount cannot be negative");
    if (!discount.empty()) {
        Cart cart;
        for (const auto& l : lines_) cart.add(l.product, l.quantity, l.product.open_price ? std::optional(l.unit_price) : std::nullopt);
        cart.set_ticket_discount(discount);
        cart.price();  // throws when the discount exceeds the total
    }
    discount_ = discount;
    if (by.approver()) approval_ = by;  // the sale is recorded with the manager's approval
}

PricedTicket SaleDraft::priced() const {
    Cart cart;
    for (const auto& l : lines_) cart.add(l.product, l.quantity, l.product.open_price ? std::optional(l.unit_price) : std::nullopt);
    cart.set_ticket_discount(discount_);
    return cart.price();
}

Money SaleDraft::total() const { return lines_.empty() ? Money() : priced().total; }

Money SaleDraft::paid() const {
    Money sum;
    for (const auto& p : payments_) sum += p.amount;
    return sum;
}

Money SaleDraft::remaining() const {
    const Money due = total() - paid();
    return due > Money() ? due : Money();
}

Money SaleDraft::overpaid() const {
    const Money over = paid() - total();
    return over > Money() ? over : Money();
}

std::optional<Settlement> SaleDraft::settlement() const {
    if (lines_.empty() || payments_.empty()) return std::nullopt;
    std::vector<TenderRequest> requests;
    for (const auto& p : payments_) requests.push_back(TenderRequest{p.method, p.amount});
    try {
        return settle(total(), requests);  // the same rules as the sale: short, vouchers, non-cash beyond the total
    } catch (const InputError&) {
        return std::nullopt;
    }
}

bool SaleDraft::can_record() const { return settlement().has_value(); }

std::optional<SellResult> SaleDraft::pay(TenderMethod method, std::optional<Money> amount, const Actor& by) {
    if (lines_.empty()) throw InputError("the cart is empty: add an item before paying");
    const Money due = remaining();
    if (due == Money() && !payments_.empty())
        throw InputError("nothing is left to pay: record the sale, or remove a payment first");
    const Money tendered = amount.value_or(due);
    if (tendered <= Money()) throw InputError("a payment must be more than zero");
    // A meal voucher beyond what is due is kept without change (the excess, settle()); card, cheque
    // and transfer never go beyond what is due.
    if (method != TenderMethod::Cash && method != TenderMethod::Voucher && tendered > due)
        throw InputError("only cash gives change: at most {0} can be paid by {1}", due.format(), std::string(method_name(method)));
    payments_.push_back(Payment{method, tendered});
    if (paid() < total()) return std::nullopt;
    try {
        return record_now(by);
    } catch (...) {
        payments_.pop_back();  // the cart and earlier payments stay: the cashier can try again
        throw;
    }
}

SellResult SaleDraft::record(const Actor& by) {
    if (lines_.empty()) throw InputError("the cart is empty: add an item before paying");
    if (paid() < total()) throw InputError("payment short: {0} given for {1} due ({2} missing)", paid().format(),
                                           total().format(), remaining().format());
    if (!can_record())
        throw InputError("card, cheque and transfer payments exceed what is due: only cash gives change (remove a payment)");
    return record_now(by);
}

SellResult SaleDraft::record_now(const Actor& by) {
    SellRequest request;
    // One idempotency key per cart: recording again after an error that came after the commit
    // gives back the same ticket instead of a second sale.
    if (request_id_.empty()) request_id_ = new_request_id();
    request.request_id = request_id_;
    for (const auto& l : lines_)
        request.items.push_back(ItemSpec{l.product.sku, l.quantity, l.product.open_price ? std::optional(l.unit_price) : std::nullopt});
    request.discount = discount_;
    for (const auto& p : payments_) request.payments.push_back(TenderRequest{p.method, p.amount});
    const bool approved = approval_ && approval_->user().id == by.user().id && !discount_.empty();
    auto result = till_.sell(approved ? *approval_ : by, request);
    clear();
    return result;
}

Money SaleDraft::cash_paid() const {
    Money sum;
    for (const auto& p : payments_)
        if (p.method == TenderMethod::Cash) sum += p.amount;
    return sum;
}

void SaleDraft::remove_payment(std::size_t index) {
    if (index >= payments_.size()) throw InputError("no payment {0} on the ticket", static_cast<std::int64_t>(index + 1));
    payments_.erase(payments_.begin() + static_cast<std::ptrdiff_t>(index));
}

void SaleDraft::clear() {
    lines_.clear();
    discount_ = {};
    payments_.clear();
    approval_.reset();
    request_id_.clear();
}

DraftContents SaleDraft::release() {
    DraftContents c{std::move(lines_), discount_, std::move(payments_), std::move(approval_), std::move(request_id_)};
    clear();
    return c;
}

void SaleDraft::restore(DraftContents contents) {
    if (!lines_.empty() || !payments_.empty())
        throw InputError("a ticket is open: park it or finish it before taking another back");
    if (contents.lines.empty()) throw InputError("a ticket without lines cannot be taken back");
    lines_ = std::move(contents.lines);
    discount_ = contents.discount;
    payments_ = std::move(contents.payments);
    approval_ = std::move(contents.approval);
    request_id_ = std::move(contents.request_id);
}

std::string SaleDraft::new_request_id() {
    std::random_device rd;
    char buf[40];
    std::snprintf(buf, sizeof buf, "ui-%08x%08x%08x%08x", rd(), rd(), rd(), rd());
    return buf;
}

}  // namespace caisse
