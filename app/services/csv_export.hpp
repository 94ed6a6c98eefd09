#pragma once
// CSV exports for French spreadsheets (issue 11, item 7): tickets, ticket lines and the catalogue,
// written with app/core/csv.hpp's FrenchCsv (';', decimal comma, UTF-8 with BOM, CRLF), every text
// cell neutralised against formulas. Refunds and cancellations are rows of their own with negative
// amounts, so a column's sum is the period's net takings.
#include <string>

#include "app/services/till.hpp"

namespace caisse {

// One row per sale and per refund whose business day is in [from, to] ("YYYY-MM-DD", both
// included), every terminal of the file: terminal, number, type (vente / remboursement /
// annulation), the ticket it gives back, day, UTC time, session, seller, TTC, HT, VAT, discount, one
// column per tender method (cash net of change), change. Throws InputError for bad dates.
std::string export_tickets_csv(Till& till, const std::string& from, const std::string& to);
// One row per line of those tickets: terminal, ticket, type, day, line, SKU, product, entrepreneur,
// member id (app/services/members.hpp), category, VAT %, quantity, unit price, line discount, share
// of the ticket discount, line TTC.
std::string export_lines_csv(Till& till, const std::string& from, const std::string& to);
// The current catalogue (one row per product), for a spreadsheet; `caisse catalog export` remains
// the file `catalog import` reads.
std::string export_catalogue_french_csv(Till& till);

// Journals an `export` event (JET: data left the till) when this till can write; a read-only copy
// exports without a trace (it cannot hold one).
void journal_export(Till& till, const std::string& what);

}  // namespace caisse
