// The statement's charts and coverage flags, and the what-if comparison (see cape_view.hpp).
#include "app/services/cape_view.hpp"

#include <algorithm>
#include <map>

#include "app/core/calendar_day.hpp"
#include "app/core/money.hpp"
#include "app/core/vat.hpp"

namespace caisse {

std::vector<DaySales> group_sales_by_day(const CapeStatement& st) {
    std::map<std::string, std::int64_t> sum;
    for (const auto& m : st.members)
        for (const auto& [day, ttc] : m.by_day) sum[day] += ttc;
    std::vector<DaySales> out;
    if (sum.empty()) return out;
    std::string first = sum.begin()->first, last = sum.rbegin()->first;
    try {
        // The whole period when it is a year or less (a month shows its 30 days, sold or not).
        if (st.to >= st.from && add_days(st.from, 365) >= st.to) first = std::min(first, st.from), last = std::max(last, st.to);
    } catch (const InputError&) {
        // No valid period given: the days with sales bound the chart.
    }
    // A year at most: the chart would be unreadable beyond, and the table has every figure.
    const std::string year_before = add_days(last, -365);
    if (first < year_before) first = year_before;
    for (std::string d = first; d <= last; d = add_days(d, 1)) {
        const auto it = sum.find(d);
        out.push_back({d, it == sum.end() ? 0 : it->second});
    }
    return out;
}

std::vector<CoverageView> coverage_view(const CapeStatement& st) {
    std::string newest;
    for (const auto& c : st.coverage) newest = std::max(newest, c.held_last_at.substr(0, 10));
    const std::string horizon = std::min(newest, st.to);
    std::vector<CoverageView> out;
    for (const auto& c : st.coverage) {
        const bool none = c.held_last_seq == 0;
        out.push_back({c, none || c.held_last_at.substr(0, 10) < horizon});
    }
    return out;
}

std::vector<cape::SplitRule> what_if_rules() {
    return {cape::SplitRule{cape::SplitMethod::equal, 0}, cape::SplitRule{cape::SplitMethod::own_net, 0},
            cape::SplitRule{cape::SplitMethod::hybrid, 3000}};
}

std::vector<CapeStatement> compare_rules(Till& till, const std::string& from, const std::string& to,
                                         const std::vector<cape::SplitRule>& rules) {
    if (rules.empty() || rules.size() > 3) throw InputError("a what-if compares one to three rules, not {0}", static_cast<std::int64_t>(rules.size()));
    return cape_statements(till, from, to, rules);
}

Money charge_vat(Money ttc, std::int32_t rate_bp) {
    if (ttc < Money{}) return -split_ttc(-ttc, VatRate{rate_bp}).vat;
    return split_ttc(ttc, VatRate{rate_bp}).vat;
}

}  // namespace caisse
