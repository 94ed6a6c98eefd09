#include "app/services/catering_revenue.hpp"

#include <algorithm>
#include <vector>

#include "app/core/invoice.hpp"
#include "db/records/catering.hpp"

namespace caisse {

namespace {

std::map<std::int64_t, Money> money_map(const std::map<std::int64_t, std::int64_t>& m) {
    std::map<std::int64_t, Money> out;
    for (const auto& [id, cents] : m) out[id] = Money::cents(cents);
    return out;
}

// total spread over the keys of weights in proportion to their values (largest remainder, ties to
// the lower key); all to the first key when the weights sum to zero.
std::map<std::int64_t, Money> spread(Money total, const std::map<std::int64_t, Money>& weights) {
    std::map<std::int64_t, Money> out;
    if (weights.empty()) return out;
    __int128 sum = 0;
    for (const auto& [id, w] : weights) sum += w.value();
    if (sum == 0) {
        out[weights.begin()->first] = total;
        for (const auto& [id, w] : weights) out.try_emplace(id, Money());
        return out;
    }
    std::vector<std::pair<__int128, std::int64_t>> rest;  // remainder, id
    std::int64_t given = 0;
    for (const auto& [id, w] : weights) {
        const __int128 num = static_cast<__int128>(total.value()) * w.value();
        __int128 q = num / sum, r = num % sum;
        if (r < 0) r = -r;  // magnitudes: the remainders rank the same whatever the signs
        out[id] = Money::cents(static_cast<std::int64_t>(q));
        given += static_cast<std::int64_t>(q);
        rest.emplace_back(r, id);
    }
    std::stable_sort(rest.begin(), rest.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    const std::int64_t left = total.value() - given, step = left < 0 ? -1 : 1;
    for (std::int64_t i = 0; i < (left < 0 ? -left : left) && !rest.empty(); ++i)
        out[rest[static_cast<std::size_t>(i) % rest.size()].second] += Money::cents(step);
    return out;
}

}  // namespace

std::map<std::pair<std::string, std::int64_t>, InvoicedAmounts> invoiced_revenue(db::Database& db, const std::string& from,
                                                                                const std::string& to) {
    std::map<std::pair<std::string, std::int64_t>, InvoicedAmounts> out;
    for (const auto& i : db::invoices_between(db, from, to)) {
        std::map<std::int64_t, Money> net = money_map(i.revenue);
        Money vat = Money::cents(i.tax_total);
        // A final invoice counts what its deposits did not; so does the credit note giving it back
        // whole (it deducts the same deposits), negated below.
        if ((i.kind == "invoice" || i.kind == "credit_note") && !i.document.deposits.empty()) {
            std::vector<std::map<std::int64_t, Money>> deposits;
            for (const auto& d : i.document.deposits)
                if (const auto dep = db::find_invoice(db, i.terminal, d.invoice.number)) {
                    deposits.push_back(money_map(dep->revenue));
                    vat -= Money::cents(dep->tax_total);
                }
            net = invoice::revenue_after_deposits(net, deposits);
        }
        if (i.kind == "credit_note") {
            for (auto& [id, m] : net) m = -m;
            vat = -vat;
        }
        const auto vat_parts = spread(vat, net);
        for (const auto& [id, m] : net) {
            auto& a = out[{i.terminal, id}];
            a.ht += m;
            a.vat += vat_parts.at(id);
            ++a.invoices;
        }
    }
    return out;
}

}  // namespace caisse
