#pragma once
// Tenders: how a ticket is paid, and the change due. Only cash gives change; meal vouchers beyond
// the bill are kept without change (the excess, recorded apart from the sale).
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
    // Meal vouchers beyond the total: the customer leaves them (French practice, no change on
    // vouchers); not part of the sale, recorded as its own figure. paid - change - excess = total.
    Money voucher_excess;
};

// Checks the tenders against the total. Vouchers count first: voucher_excess = max(0, vouchers -
// total), and card, cheque and transfer may only pay what the vouchers left due (never beyond the
// bill); cash beyond what is left is change. Refuses: nothing tendered, short payment, card/cheque/
// transfer beyond what is due, change above kMaxCashChangeCents (500 €) or a voucher excess above
// kMaxVoucherExcessCents (25 €): mistyped amounts (app/core/limits.hpp). Throws InputError.
Settlement settle(Money total, const std::vector<TenderRequest>& requests);

}  // namespace caisse
