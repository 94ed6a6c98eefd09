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

struct ReceiptInput {
    db::RecordedSale recorded;
    std::string cashier;
    std::map<std::int64_t, std::string> entrepreneurs;  // id -> name
    BusinessIdentity business;
    std::optional<std::int64_t> duplicate_number;  // set on a reprint: "DUPLICATA n° k"
    std::optional<drivers::GreyImage> logo;        // printed above the header
    bool open_drawer = false;                      // a drawer pulse goes first (cash given while printing)
    bool training = false;                         // a training ticket (MODE ÉCOLE): marked, not a receipt
};

drivers::Document receipt_document(const ReceiptInput& input, const i18n::Translator& translator);

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
