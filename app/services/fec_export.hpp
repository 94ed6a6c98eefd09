#pragma once
// The FEC (Fichier des Écritures Comptables, LPF art. A47 A-1; reference/fiscal-fr.md, "FEC";
// issue 11, item 6): the till's sales as accounting entries for the CAE's accountant.
//
// Format: a header line with the 18 field names, then one line per entry line; fields separated by
// a tab (or '|'), lines by CRLF; ISO 8859-15; amounts with a decimal comma and no grouping, in
// Debit or Credit (the other "0,00"), never negative; dates YYYYMMDD. Each entry (EcritureNum) is
// balanced. One entry per Z (default: aggregated entries are tolerated when the detail stays in
// the till) or per ticket (a sale, or a refund counted negative: its amounts change sides).
//
// Catering invoices and the payments received on them are entries of their own whatever the grain
// (app/services/fec_invoices.hpp): journal VE per invoice, BQ per payment.
//
// An entry: each tender method debited on its account (cash net of change), each VAT rate's HT
// credited on its sales account and its VAT on its VAT account. Refunds are in the Zs already
// (as negatives); with per ticket, a refund is an entry of its own on the other sides.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/ledger.hpp"

namespace caisse {

// The accounts (plan comptable général). Defaults: cash 53, card 512, cheque 5112, voucher 5115,
// transfer 512; sales 706 + rate code, VAT 44571 + rate code, the rate code being the rate in
// tenths of a percent on 3 digits (5.5 % -> 055: 706055, 44571055; 20 % -> 200).
struct FecAccounts {
    std::map<std::string, std::string> tender;  // method ("cash"...) -> account
    std::map<std::int64_t, std::string> sales, vat;  // rate bp -> account (overrides of the default)
    std::string voucher_excess = "758";  // meal vouchers kept above the bill (setting accounting.voucher_excess_account)
    // Catering invoices (issue 14 item 7): customers (one auxiliary account each), deposits invoiced
    // (acomptes reçus), an invoice's rounding to its agreed total (BT-114).
    std::string customer = "411", deposit = "4191", rounding = "758";
    std::string tender_account(const std::string& method) const;
    std::string sales_account(std::int64_t rate_bp) const;
    std::string vat_account(std::int64_t rate_bp) const;
};

// The accounts of this till: defaults, overridden by the settings fec.account.cash, .card, .cheque,
// .voucher, .transfer, .customer, .deposit, .rounding (an account) and fec.accounts.sales, fec.accounts.vat ("5.5:7071,20:7072":
// rate in percent, account); accounting.voucher_excess_account for vouchers kept above the bill. Throws InputError for a malformed setting.
FecAccounts fec_accounts(db::Ledger& ledger);
// Checks one fec.* setting's value (settings service): an account is 1 to 20 letters or digits;
// a list is RATE:ACCOUNT pairs separated by commas. Returns the value as stored. Throws InputError.
std::string checked_fec_setting(const std::string& key, const std::string& value);

enum class FecGrain { per_z, per_ticket };

struct FecRequest {
    std::string from, to;  // "YYYY-MM-DD", both included: business days (a Z's date, a ticket's day)
    FecGrain grain = FecGrain::per_z;
    char separator = '\t';  // '\t' or '|'
};

struct FecExport {
    std::string bytes;  // the file, ISO 8859-15
    std::int64_t entries = 0, lines = 0;
    std::int64_t debit = 0, credit = 0;              // sums of the columns, cents (equal)
    std::map<std::int64_t, std::int64_t> sales_ht;   // rate bp -> net credit of the sales account (HT, refunds less)
    std::map<std::int64_t, std::int64_t> vat;        // rate bp -> net VAT collected
    std::map<std::string, std::int64_t> tenders;     // method -> net debit (vouchers at their face value)
    std::int64_t voucher_excess = 0;                 // credit of the voucher excess account (issue 12 item 2)
    std::int64_t invoices = 0, invoice_payments = 0; // catering entries: invoices (credit notes included), payments
    std::int64_t customers = 0;                      // net debit of the customer accounts (411: invoiced less received)
    std::int64_t deposits = 0;                       // net credit of the deposit account (4191: deposits not yet deducted)
};

// Builds the FEC of every terminal in the file for the period. Reads only (works on a read-only
// copy). Throws InputError: bad dates, from after to, a separator other than tab or '|', a Z or
// ticket whose entry does not balance (a damaged ledger: run verify).
FecExport export_fec(db::Ledger& ledger, const FecRequest& request);

// The file name the reference asks for: SIREN (the first 9 digits of business.siret, "000000000"
// when not set) + "FEC" + the closing date YYYYMMDD.
std::string fec_file_name(db::Ledger& ledger, const std::string& closing_date);

}  // namespace caisse
