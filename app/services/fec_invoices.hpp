#pragma once
// The FEC entries of catering invoices (issue 14 item 7; reference/fiscal-fr.md, "FEC" and
// "Invoices"): invoiced revenue is not counter revenue, so it has entries of its own beside the Zs.
//
// Journal VE "Ventes sur factures", one entry per invoice on its issue date (PieceRef its number):
//  - final invoice: the customer (411, auxiliary account TERMINAL-C<id>, the customer's name)
//    debited BT-112 + BT-114; each VAT rate's net credited on its sales account (706 + rate code)
//    and its VAT on 44571 + rate code; the rounding BT-114 on the rounding account (758); each
//    deposit it deducts taken back: the deposit account (4191) debited the deposit's nets, its VAT
//    debited per rate (declared when the deposit was invoiced), the customer credited the deposit's
//    amount due. So the customer's account holds what the invoice leaves to pay (BT-115).
//  - deposit invoice: as a final invoice, its nets credited on the deposit account (4191) rather
//    than sales: a deposit is not yet revenue.
//  - credit note: the entry of what it corrects with the sides swapped (a deposit's credit note on
//    the deposit account; a final invoice's gives back the deposits it deducted as well).
// Journal BQ "Encaissements factures", one entry per payment received on its day: the method's
// account (transfer 512, cheque 5112: fec.account.*) debited, the customer credited.
#include <string>
#include <vector>

#include "app/services/fec_entry.hpp"
#include "app/services/fec_export.hpp"
#include "db/sqlite.hpp"

namespace caisse {

// The entries of every terminal's invoices issued and payments received from `from` to `to`
// ("YYYY-MM-DD", inclusive), amounts in cents; adds them to out's sums (invoices, invoice_payments,
// customers, deposits, sales_ht, vat, tenders). Reads only. Throws InputError for an invoice whose
// document is not readable or a deposit it deducts that is missing (a damaged ledger: run verify).
std::vector<fec::Entry> invoice_entries(db::Database& db, const FecAccounts& accounts, const std::string& from, const std::string& to,
                                        FecExport& out);

}  // namespace caisse
