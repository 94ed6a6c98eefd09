#include "app/core/tender.hpp"

#include <string>

#include "app/core/limits.hpp"

namespace caisse {

namespace {
constexpr std::string_view kNames[] = {"cash", "card", "cheque", "voucher", "transfer"};
}

std::string_view method_name(TenderMethod m) { return kNames[static_cast<int>(m)]; }

std::optional<TenderMethod> parse_method(std::string_view name) {
    for (int i = 0; i < 5; ++i)
        if (kNames[i] == name) return static_cast<TenderMethod>(i);
    return std::nullopt;
}

TenderRequest TenderRequest::parse(std::string_view text) {
    auto colon = text.find(':');
    std::string_view name = text.substr(0, colon);
    auto method = parse_method(name);
    if (!method)
        throw InputError("unknown payment method \"{0}\" (expected cash, card, cheque, voucher or transfer)", name);
    TenderRequest r{*method, std::nullopt};
    if (colon != std::string_view::npos) {
        r.amount = Money::parse(text.substr(colon + 1));
        if (*r.amount <= Money())
            throw InputError("payment \"{0}\" must be a positive amount", text);
    }
    return r;
}

Settlement settle(Money total, const std::vector<TenderRequest>& requests) {
    if (requests.empty()) throw InputError("no payment given");
    Money fixed, cash, non_cash, voucher;
    int open = 0;
    for (const auto& r : requests) {
        if (r.amount) fixed += *r.amount;
        else ++open;
    }
    if (open > 1) throw InputError("only one payment may omit its amount");
    Settlement s;
    for (const auto& r : requests) {
        Money a;
        if (r.amount) {
            a = *r.amount;
        } else {
            a = total - fixed;
            if (a == Money() && total == Money()) continue;  // a fully discounted ticket: nothing to take
            if (a <= Money())
                throw InputError("payment {0} has nothing left to pay", Message{std::string(method_name(r.method)), {}});
        }
        s.payments.push_back(Payment{r.method, a});
        if (r.method == TenderMethod::Cash) cash += a;
        else non_cash += a;
        if (r.method == TenderMethod::Voucher) voucher += a;
    }
    const Money paid = cash + non_cash;
    if (paid < total)
        throw InputError("payment short: {0} given for {1} due ({2} missing)", paid.format(), total.format(),
                         (total - paid).format());
    // Vouchers first: what they exceed the bill by is left by the customer, never given back.
    const Money others = non_cash - voucher;
    const Money by_voucher = voucher < total ? voucher : total;
    if (others > total - by_voucher)
        throw InputError("card, cheque and transfer payments ({0}) exceed the {1} left due after vouchers: only cash gives change",
                         others.format(), (total - by_voucher).format());
    s.voucher_excess = voucher - by_voucher;
    if (s.voucher_excess.value() > kMaxVoucherExcessCents)
        throw InputError("meal vouchers {0} for {1} due would leave {2} unused: the amount looks mistyped", voucher.format(),
                         total.format(), s.voucher_excess.format());
    s.change = paid - total - s.voucher_excess;
    if (s.change.value() > kMaxCashChangeCents)
        throw InputError("cash {0} for {1} due would give {2} change: the amount looks mistyped", cash.format(),
                         total.format(), s.change.format());
    return s;
}

}  // namespace caisse
