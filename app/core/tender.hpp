#pragma once
// Tenders: how a ticket is paid, and the change due. Only cash gives change.
#include <optional>
#include <string_view>
#include <vector>

#include "app/core/money.hpp"

namespace caisse {

enum class TenderMethod { Cash, Card, Cheque, Voucher, Transfer };

std::string_view method_name(TenderMethod m);  // "cash", "card", "cheque", "voucher", "transfer"
std::optional<TenderMethod> parse_method(std::string_view name);

struct TenderRequest {
    TenderMethod method = TenderMethod::Cash;
    std::optional<Money> amount;  // none: whatever is still due
    static TenderRequest parse(std::string_view text);  // "cash", "cash:20", "voucher:9,50"
};

struct Payment {
    TenderMethod method;
    Money amount;  // tendered; for cash this includes the change handed back
    bool operator==(const Payment&) const = default;
};

struct Settlement {
    std::vector<Payment> payments;
    Money change;
};

// Checks the tenders against the total. Refuses: nothing tendered, short payment, a non-cash
// tender beyond what is due (a meal voucher never gives change), change larger than the cash given,
// change above kMaxCashChangeCents (500 €: a mistyped amount, app/core/limits.hpp).
Settlement settle(Money total, const std::vector<TenderRequest>& requests);

}  // namespace caisse
