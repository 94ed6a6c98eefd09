#pragma once
// Invoiced catering revenue per entrepreneur for the CAPE statement (issue 14, item 7): not counter
// revenue, so it stays out of the Z, but the period's split counts it by the lines' entrepreneurs.
#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "app/core/money.hpp"
#include "db/sqlite.hpp"

namespace caisse {

struct InvoicedAmounts {
    Money ht, vat;  // net (excl. VAT) and its VAT, cents; negative when credit notes give back more
    std::int64_t invoices = 0;  // invoices, deposit invoices and credit notes that counted
};

// Over every terminal's invoices issued in [from, to] ("YYYY-MM-DD", inclusive), keyed by
// (terminal, entrepreneur id): a deposit invoice counts its apportioned revenue (DepositPlan), a
// final invoice its lines' nets minus what its deposits counted (invoice::revenue_after_deposits),
// a credit note its lines' nets negated. Each invoice's VAT that counts (a final invoice's less its
// deposits') is spread over its entrepreneurs in proportion to their nets (largest remainder, ties
// to the lower id), so the parts sum to it exactly. Empty on a ledger without the catering tables.
std::map<std::pair<std::string, std::int64_t>, InvoicedAmounts> invoiced_revenue(db::Database& db, const std::string& from,
                                                                                const std::string& to);

}  // namespace caisse
