#pragma once
// The French receipt: a recorded sale laid out as a printer-neutral Document (drivers/ encodes it).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/services/i18n.hpp"
#include "db/ledger.hpp"
#include "db/records/refund.hpp"
#include "db/reports.hpp"
#include "drivers/document.hpp"

namespace caisse {

// Who sells, as printed at the top of every receipt (settings business.*, receipt.footer).
struct BusinessIdentity {
    std::string legal_name;  // the CAE
    std::string brand;       // the group's trading name
    std::string siret;
    std::string address;     // may hold several lines separated by '\n'
    std::string footer;
};

// An entrepreneur's own header on receipts (app/services/receipt_brand.hpp sets it).
struct ReceiptBrand {
    std::string header;  // the brand name, printed large; never empty in a stored brand
    std::string line;    // a short line under it (a trade, a phone number); may be empty
    bool operator==(const ReceiptBrand&) const = default;
};

struct ReceiptInput {
    db::RecordedSale recorded;
    std::string cashier;
    std::map<std::int64_t, std::string> entrepreneurs;  // id -> name
    // id -> brand: printed at the top when every line is that entrepreneur's; otherwise the lines are
    // grouped by entrepreneur (first one first), each group under its brand or its name in bold.
    // Empty (no brand on the ticket): lines in the order sold, as always.
    std::map<std::int64_t, ReceiptBrand> brands;
    BusinessIdentity business;
    std::optional<std::int64_t> duplicate_number;  // set on a reprint: "DUPLICATA n° k"
    std::optional<drivers::GreyImage> logo;        // printed above the header
    bool open_drawer = false;                      // a drawer pulse goes first (cash given while printing)
    bool training = false;                         // a training ticket (MODE ÉCOLE): marked, not a receipt
    bool qr = true;                                // the QR of receipt_qr_text() above the cut
};

// The receipt of a sale as a Document: logo, business header, date, ticket and cashier, the lines
// (with brands, see `brands`), total, VAT table, tenders, who sold what, the fingerprint, the
// footer, then (qr) a QR code holding the receipt's own text (receipt_qr_text) and the cut.
drivers::Document receipt_document(const ReceiptInput& input, const i18n::Translator& translator);

// What the receipt's QR code holds, so that a customer keeps the receipt on a phone with no network:
// the receipt as plain UTF-8 text, one line a block (text as printed, "label  amount" rows, "--" for
// rules; no picture), then a last line "SHA-256 <the sale record's whole hash, hex>" (the printed
// fingerprint is its start). When that is longer than kMaxReceiptQrBytes (a QR of about version 28
// at level M, still read from a 80 mm printout or a screen), a shortened form instead: the header,
// date and till, ticket number, one "qty x name  amount" per line, the total and the hash line;
// past that (hundreds of lines) the lines that fit, then "...".
inline constexpr std::size_t kMaxReceiptQrBytes = 1200;
std::string receipt_qr_text(const drivers::Document& receipt_without_qr, const ReceiptInput& input,
                            const i18n::Translator& translator);

// The receipt of a refund or cancellation (always printed, fiscal-fr.md): "ANNULATION" or
// "REMBOURSEMENT" with its number and the original ticket's, the lines and VAT given back (negative
// amounts), the money given back per tender, the fingerprint of the sale.refund record.
struct RefundReceiptInput {
    db::RecordedRefund recorded;
    std::string cashier;
    std::map<std::int64_t, std::string> entrepreneurs;  // id -> name
    BusinessIdentity business;
};
drivers::Document refund_document(const RefundReceiptInput& input, const i18n::Translator& translator);

// Short, unique marks for entrepreneurs ("Aminata Diop" -> "AD"), printed after each line.
std::map<std::int64_t, std::string> entrepreneur_marks(const std::map<std::int64_t, std::string>& names);

// "2026-11-27T13:05:09.120Z" -> local "27/11/2026 14:05".
std::string local_date_time(const std::string& at_utc);

// The day's takings on paper (per entrepreneur, VAT rate and tender), for the coordinator.
// voucher_excess_account: the setting accounting.voucher_excess_account, printed beside the excess.
drivers::Document day_report_document(const db::DayReport& report, const BusinessIdentity& business,
                                      const std::string& terminal, const i18n::Translator& translator,
                                      const std::string& voucher_excess_account);

// The Z on paper (fiscal-fr.md, "Conservation"): the closure's totals by tender, VAT rate,
// entrepreneur and cashier, the count and over/short, grand totals, and its fingerprint (the start
// of the record's hash) so that the paper copy witnesses the ledger's state. Names by id.
struct ZNames {
    std::map<std::int64_t, std::string> entrepreneurs, users;
    std::string voucher_excess_account = "758";  // the setting accounting.voucher_excess_account
};
drivers::Document z_document(const db::DayClosure& z, const ZNames& names, const BusinessIdentity& business,
                             const std::string& terminal, const i18n::Translator& translator);

// The test page: code pages, styles, raster text for names no code page shows, QR, cut.
drivers::Document test_page_document(const BusinessIdentity& business, const std::string& printer,
                                     const i18n::Translator& translator);

}  // namespace caisse
