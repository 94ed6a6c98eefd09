#pragma once
// What the CAPE statement's screens and printed document show beyond the statement itself (issue
// 11, item 5): the group's sales per day for the chart, which terminals may lack a bundle, and the
// side-by-side what-if of a few rules before the vote. Reads only; the UI and the PDF call these
// instead of summing anything themselves.
#include <cstdint>
#include <string>
#include <vector>

#include "app/services/cape.hpp"

namespace caisse {

struct DaySales {
    std::string day;      // "YYYY-MM-DD"
    std::int64_t ttc = 0; // cents, every member, refunds subtracted
};
// Every day of the statement's period when it is a year or less, else from the first to the last
// day with sales (days without any at 0); at most the last 366 (a chart of a year). Empty when
// nothing was sold.
std::vector<DaySales> group_sales_by_day(const CapeStatement& st);

struct CoverageView {
    db::TerminalCoverage terminal;
    // Its chain held here stops before the period's end and before the newest of the other
    // terminals (or nothing of it is held): a bundle of that till is probably not imported yet.
    bool bundle_may_be_missing = false;
};
std::vector<CoverageView> coverage_view(const CapeStatement& st);

// The rules a what-if compares by default: equal shares, pro rata to own net, hybrid 30 % pooled.
std::vector<cape::SplitRule> what_if_rules();

// The statement of [from, to] under each split (recording nothing), in the order given; the rest
// of the rule (contribution, charge key) is the one in effect. 1 to 3 rules, else InputError; the
// statement's own errors otherwise (cape_statement).
std::vector<CapeStatement> compare_rules(Till& till, const std::string& from, const std::string& to,
                                         const std::vector<cape::SplitRule>& rules);

// The VAT in a charge of `ttc` at one rate (bp: 2000 = 20 %), by the sale's rule (app/core/vat,
// split_ttc; a credit note's is negative): the screen has the rate chosen, not the VAT typed.
Money charge_vat(Money ttc, std::int32_t rate_bp);

}  // namespace caisse
