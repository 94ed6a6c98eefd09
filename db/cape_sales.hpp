#pragma once
// What the CAPE statement reads from the ledger (issue 11, item 5; docs/cape.md): for a period of
// business days, over every terminal the ledger holds (its own and imported tills'), each
// entrepreneur's sales and refunds by VAT rate, tickets, products, days and hours, and which
// records of which terminal were counted. Entrepreneurs by (terminal, id); the statement
// (app/services/cape) turns them into members.
#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/sqlite.hpp"
#include "db/verify/snapshot.hpp"

namespace caisse::db {

struct RateAmounts {
    std::int64_t ht = 0, vat = 0, ttc = 0;  // cents; refunds negative
};

struct ProductSales {
    std::string name;
    std::int64_t quantity = 0, ttc = 0;  // refunded units and amounts subtracted
};

struct EntrepreneurPeriod {
    std::map<std::int32_t, RateAmounts> by_rate;  // VAT rate (bp) -> amounts
    std::int64_t tickets = 0;   // sale tickets with at least one line of theirs
    std::int64_t refunds = 0;   // refund records with at least one line of theirs
    std::map<std::string, std::int64_t> by_day;  // business day -> TTC
    std::array<std::int64_t, 24> by_hour{};      // local hour of the record -> TTC
    std::map<std::string, ProductSales, std::less<>> by_sku;
};

// One terminal's part: the records of the period that were counted, and how far its chain goes in
// this ledger (an imported till whose newest record is older than the period's end may have a
// bundle missing).
struct TerminalCoverage {
    std::string terminal;
    std::int64_t first_seq = 0, last_seq = 0;        // of the sale and refund records counted; 0: none
    std::int64_t first_ticket = 0, last_ticket = 0;  // 0: none
    std::int64_t tickets = 0, refunds = 0;
    std::int64_t held_last_seq = 0;                  // newest seq of its chain held here
    std::string held_last_at;                        // at_utc of that record
};

struct PeriodSales {
    // terminal -> entrepreneur id of that terminal -> its figures (ids are per till: terminal T2's
    // entrepreneur 1 is not T1's).
    std::map<std::string, std::map<std::int64_t, EntrepreneurPeriod>> by_terminal;
    std::vector<TerminalCoverage> coverage;  // every terminal of the ledger, by name
    std::int64_t tickets = 0, refunds = 0;
};

// Sales (by their business `day`) and refunds (by theirs) with from <= day <= to ("YYYY-MM-DD").
// VAT rule: a ticket's VAT per rate is the sale's rule (docs/ledger-format.md, "sale") on that
// rate's TTC; shared between the ticket's entrepreneurs of that rate in proportion to their TTC by
// the largest remainder (ties: smaller entrepreneur id), so members' VAT sums to the tickets' VAT.
// A refund's VAT per rate (its record's) is shared the same way among its lines. Hours of the day
// are local time (the process's time zone) of each record's at_utc.
// Read through every connection of `snap` (one commit): each terminal's tickets are cut in
// snap.size() parts read on as many threads. Throws SqliteError.
PeriodSales period_sales(ReadSnapshot& snap, const std::string& from, const std::string& to);

}  // namespace caisse::db
