#pragma once
// Printing use cases of a till: settings that feed receipts and the printer, customer receipts,
// duplicates (journaled before they print), test page, drawer.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "app/services/print_queue.hpp"
#include "app/services/receipt.hpp"
#include "app/services/till.hpp"
#include "drivers/qr.hpp"
#include "drivers/usb.hpp"

namespace caisse {

// Keys a coordinator may set (caisse settings --set KEY=VALUE), each checked before it is stored.
const std::map<std::string, std::string>& setting_keys();  // key -> English description
// Setting needs the manager role (or a manager's approval). Throws InputError.
void set_till_setting(Till& till, const Actor& by, const std::string& key, const std::string& value);
// Checks every pair first, then stores them all in one transaction: all or nothing. Names and
// business fields pass check_display_text (app/core/text.hpp); printer.uri and
// printer.receipts_dir are checked together (app/services/printer_target.hpp).
void set_till_settings(Till& till, const Actor& by, const std::vector<std::pair<std::string, std::string>>& pairs);
std::map<std::string, std::string> till_settings(Till& till);  // terminal and the keys above that are set
// Setting ui.lock_after_seconds: seconds without input before the screen locks, 0 never, 120 when
// unset (issue 10 item 1). Always 0..3600.
int screen_lock_seconds(Till& till);
// Setting accounting.voucher_excess_account: the account (chart of accounts, PCG) the meal vouchers
// left above their tickets go to in the accountant's books; shown beside voucher_excess in every
// report and export. 758 (produits divers de gestion courante) when unset (issue 12 item 2).
inline constexpr const char* kDefaultVoucherExcessAccount = "758";
std::string voucher_excess_account(Till& till);

BusinessIdentity business_identity(Till& till);
// The language of what the till prints (setting receipt.lang, French by default).
i18n::Translator receipt_translator(Till& till);
bool drawer_configured(Till& till);
// The printer of this till: the URI given, else setting printer.uri, else "auto"; the profile given,
// else setting printer.profile, else chosen from the USB IDs. Checks both (InputError), and where
// the URI may write (check_printer_target: never the ledger's files, files only in printer.receipts_dir).
PrinterConfig printer_config(Till& till, const std::optional<std::string>& uri, const std::optional<std::string>& profile);
PrinterConfig printer_config_without_till(const std::optional<std::string>& uri, const std::optional<std::string>& profile);
std::vector<drivers::UsbPrinterInfo> usb_printers();

struct PreparedReceipt {
    drivers::Document doc;
    std::int64_t ticket = 0;
    std::optional<std::int64_t> duplicate_number;
};
// The customer asked for the receipt of a sale just made (or still at the counter).
PreparedReceipt customer_receipt(Till& till, std::int64_t ticket);
// A training ticket (MODE ÉCOLE): marked at top and bottom as not a valid receipt. Throws InputError
// for an unknown training ticket.
PreparedReceipt training_receipt(Till& till, std::int64_t ticket);
// The receipt of a sale just made: a training ticket's when it was rung up in training.
PreparedReceipt receipt_for_sale(Till& till, const SellResult& sale);
// A copy: records a receipt.duplicate (its number) in one commit, then lays out "DUPLICATA n° k".
PreparedReceipt duplicate_receipt(Till& till, const Actor& by, std::int64_t ticket);  // manager role
// The receipt of refund (or cancellation) number `refund`, always printed. Throws InputError for an
// unknown number.
drivers::Document refund_receipt(Till& till, std::int64_t refund);
std::vector<std::string> refund_receipt_preview(Till& till, std::int64_t refund, int columns);
drivers::Document test_page(Till* till, const std::string& printer);
// A ticket's receipt as the printer would lay it out on `columns` (the screen shows it).
std::vector<std::string> receipt_preview(Till& till, std::int64_t ticket, int columns);
// The screen printer (`screen:`, issue 12 item 12): a Document as the paper shows it on `columns`
// columns, each item a line of text or a QR code ready to draw (qr_data: what it holds). A QR
// that no symbol can hold (the encoder's limit) is a "[QR]" line.
struct ScreenReceiptItem {
    std::string line;
    std::optional<drivers::QrMatrix> qr;
    std::string qr_data;
};
std::vector<ScreenReceiptItem> screen_receipt(const drivers::Document& doc, int columns);
// True when the queue prints to the screen (its URI or the transport it opened is screen:).
bool prints_to_screen(const PrintQueue& queue);
drivers::Document day_report_printout(Till& till, const db::DayReport& report);
drivers::Document z_printout(Till& till, const db::DayClosure& z);
drivers::Document drawer_pulse(int pin = 2);
// Printer errors in the technical event log (JET printer.error): each failed job of the queue
// journaled once, with its kind, ticket and reason. The screen calls it every frame; a till that
// cannot write (storage gone) skips it and tries again on the next frame.
class PrinterErrorJournal {
public:
    void journal_failures(Till& till, const PrintQueue& queue);

private:
    std::set<std::uint64_t> done_;
};

// The drawer pulse for a sale just recorded: when cash was tendered and a drawer is configured.
std::optional<drivers::Document> drawer_for_sale(Till& till, const SellResult& sale);

}  // namespace caisse
