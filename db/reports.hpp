#pragma once
// Read models over the projections (refunds and cancellations count as negatives). Each query's cost grows with the period, not the ledger.
#include <cstdint>
#include <map>
#include <string>

#include "db/ledger.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

struct DayReport {
    std::string date;
    std::int64_t tickets = 0;
    std::int64_t total = 0;                               // sales less refunds
    std::int64_t refunds = 0, refunds_total = 0;          // refunds and cancellations of the day; total <= 0
    std::map<std::string, std::int64_t> by_entrepreneur;  // name -> cents TTC
    std::map<std::int64_t, VatRecord> by_vat;             // rate bp -> {ht, vat, ttc}
    std::map<std::string, std::int64_t> by_tender;        // method -> cents of sales (cash net of change, vouchers of excess)
    std::int64_t voucher_excess = 0;                      // vouchers beyond their tickets: kept, not a sale
};

// The day of one terminal (this till's): a coordinator's ledger also holds other tills' chains
// (bundles), whose sales are theirs, and whose entrepreneur ids are their own (names come from
// this till's entrepreneurs).
DayReport day_report(Database& db, const std::string& date, const std::string& terminal);

}  // namespace caisse::db
