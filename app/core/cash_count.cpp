#include "app/core/cash_count.hpp"

#include <algorithm>
#include <charconv>

#include "app/core/message.hpp"

namespace caisse {

bool is_euro_denomination(std::int64_t cents) {
    return std::find(kEuroDenominations.begin(), kEuroDenominations.end(), cents) != kEuroDenominations.end();
}

void CashCount::set(std::int64_t denomination, std::int64_t quantity) {
    if (!is_euro_denomination(denomination))
        throw InputError("{0} is not a euro note or coin (500, 200, 100, 50, 20, 10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01)",
                         Money::cents(denomination).plain());
    if (quantity < 0 || quantity > kMaxPiecesPerDenomination)
        throw InputError("{0} pieces of {1} is not a count: between 0 and {2}", quantity, Money::cents(denomination).plain(),
                         kMaxPiecesPerDenomination);
    if (quantity == 0) pieces_.erase(denomination);
    else pieces_[denomination] = quantity;
}

std::int64_t CashCount::quantity(std::int64_t denomination) const {
    auto it = pieces_.find(denomination);
    return it == pieces_.end() ? 0 : it->second;
}

Money CashCount::total() const {
    Money sum;
    for (const auto& [d, q] : pieces_) sum += Money::cents(d) * q;
    return sum;
}

CashCount CashCount::parse(std::string_view text) {
    CashCount count;
    std::map<std::int64_t, bool> seen;
    std::size_t start = 0;
    if (text.find_first_not_of(" ") == std::string_view::npos) throw InputError("the count is empty: write it as 50x2,20x3,0.5x4");
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(',', start), text.size());
        std::string_view entry = text.substr(start, end - start);
        while (!entry.empty() && entry.front() == ' ') entry.remove_prefix(1);
        while (!entry.empty() && entry.back() == ' ') entry.remove_suffix(1);
        const std::string shown(entry);
        const auto x = entry.find_first_of("xX*");
        if (x == std::string_view::npos || x == 0 || x + 1 == entry.size())
            throw InputError("count entry \"{0}\" is not DENOMINATIONxQUANTITY, e.g. 20x3", shown);
        std::int64_t cents = 0;
        try {
            cents = Money::parse(entry.substr(0, x)).value();
        } catch (const InputError&) {
            throw InputError("count entry \"{0}\": \"{1}\" is not a note or coin", shown, std::string(entry.substr(0, x)));
        }
        const std::string_view q = entry.substr(x + 1);
        std::int64_t qty = 0;
        auto [p, ec] = std::from_chars(q.data(), q.data() + q.size(), qty);
        if (ec != std::errc() || p != q.data() + q.size())
            throw InputError("count entry \"{0}\": \"{1}\" is not a whole number of pieces", shown, std::string(q));
        if (seen[cents]) throw InputError("count entry \"{0}\": {1} is counted twice", shown, Money::cents(cents).plain());
        seen[cents] = true;
        try {
            count.set(cents, qty);
        } catch (const InputError& e) {
            throw InputError("count entry \"{0}\": {1}", shown, e.message());
        }
        start = end + 1;
    }
    return count;
}

std::string CashCount::to_text() const {
    std::string out;
    for (auto it = pieces_.rbegin(); it != pieces_.rend(); ++it) {
        if (!out.empty()) out += ',';
        std::string d = Money::cents(it->first).plain();
        out += d + "x" + std::to_string(it->second);
    }
    return out;
}

}  // namespace caisse
