#include "app/services/printing.hpp"

#include "app/services/fec_export.hpp"

#include <sys/stat.h>

#include <algorithm>

#include "app/core/invoice.hpp"
#include "app/core/limits.hpp"
#include "app/core/text.hpp"
#include "app/core/vat.hpp"

#include "app/services/i18n.hpp"
#include "app/services/printer_target.hpp"
#include "app/services/receipt_brand.hpp"
#include "drivers/image.hpp"
#include "drivers/preview.hpp"
#include "drivers/printer_error.hpp"
#include "drivers/profile.hpp"

namespace caisse {

i18n::Translator receipt_translator(Till& till) {
    return i18n::Translator::load(till.ledger().setting("receipt.lang").value_or("fr"));
}

namespace {

std::string digits_of(const std::string& s) {
    std::string d;
    for (char c : s)
        if (c >= '0' && c <= '9') d += c;
    return d;
}

ReceiptInput receipt_input(Till& till, std::int64_t ticket, bool training = false) {
    auto& ledger = till.ledger();
    auto recorded = training ? db::recorded_training_sale(ledger, ticket) : db::recorded_sale(ledger, ticket);
    if (!recorded && training) throw InputError("no training ticket {0} on this till", ticket);
    if (!recorded) {
        const auto last = db::last_ticket(ledger);
        if (last == 0) throw InputError("no ticket {0}: this till has recorded no sale yet", ticket);
        throw InputError("no ticket {0} on this till (tickets run from 1 to {1})", ticket, last);
    }
    ReceiptInput in;
    in.training = training;
    in.recorded = std::move(*recorded);
    in.cashier = db::user_name(ledger, in.recorded.sale.user).value_or("?");
    for (const auto& e : db::entrepreneurs(ledger)) in.entrepreneurs[e.id] = e.name;
    in.brands = entrepreneur_brands(till);
    in.business = business_identity(till);
    // A logo that went missing or bad since it was set is left out: the receipt still prints.
    if (const auto logo = ledger.setting("receipt.logo"); logo && !logo->empty()) {
        try {
            in.logo = drivers::fit_width(drivers::load_image(*logo), 576);
        } catch (const drivers::PrinterError&) {
            in.logo.reset();
        }
    }
    return in;
}

}  // namespace

const std::map<std::string, std::string>& setting_keys() {
    static const std::map<std::string, std::string> keys = {
        {"business.name", "legal name of the cooperative (CAE), printed on receipts"},
        {"business.brand", "the group's trading name, printed large at the top"},
        {"business.siret", "SIRET: 14 digits"},
        {"business.address", "address; \\n separates lines"},
        {"business.postcode", "postcode of the address, on invoices"},
        {"business.city", "city of the address, on invoices"},
        {"business.vat_number", "intra-community VAT number, on invoices (e.g. FR10854123767)"},
        {"invoice.iban", "IBAN customers pay invoices to (spaces dropped)"},
        {"invoice.bic", "BIC of that account (8 or 11 characters), optional"},
        {"invoice.terms", "payment terms printed on invoices: penalties and the 40 EUR indemnity"},
        {"invoice.due_days", "days from an invoice's date to its due date, 0 to 60 (30 by default)"},
        {"receipt.footer", "text at the bottom of receipts"},
        {"receipt.lang", "language of receipts (fr by default)"},
        {"receipt.logo", "picture printed at the top of receipts (PNG, JPEG, BMP, GIF)"},
        {"printer.uri", "usb:auto, usb:VID:PID[:SERIAL], tcp://HOST[:PORT], file:PATH, screen: or auto"},
        {"printer.profile", "generic-58, generic-80, epson-tm-t20iii or pos-5890"},
        {"printer.drawer", "cash drawer on the printer: none, pin2 or pin5"},
        {"printer.receipts_dir", "folder where a file: printer may write receipt files (none outside it)"},
        {"vat.extra_rates", "VAT rates besides 20, 10, 5.5, 2.1 and 0, e.g. 8.5,13 (overseas)"},
        {"backup.dir", "folder (a USB stick) where a backup is made after each Z; empty: none"},
        {"backup.keep", "backups kept in backup.dir, 1 to 366 (7 by default); older ones are removed"},
        {"ui.lock_after_seconds", "seconds without use before the screen locks: 0 (never) to 3600, 120 by default"},
        {"fec.account.cash", "FEC account of cash (53 by default)"},
        {"fec.account.card", "FEC account of card payments (512 by default)"},
        {"fec.account.cheque", "FEC account of cheques (5112 by default)"},
        {"fec.account.voucher", "FEC account of meal vouchers (5115 by default)"},
        {"fec.account.transfer", "FEC account of transfers (512 by default)"},
        {"fec.account.customer", "FEC account of catering customers, each its auxiliary account (411 by default)"},
        {"fec.account.deposit", "FEC account of deposits invoiced on catering orders (4191 by default)"},
        {"fec.account.rounding", "FEC account of an invoice's rounding to its agreed total (758 by default)"},
        {"fec.accounts.sales", "FEC sales accounts per VAT rate, e.g. 5.5:7071,10:7061 (706 + rate code by default)"},
        {"fec.accounts.vat", "FEC VAT accounts per rate, e.g. 5.5:445711,20:445712 (44571 + rate code by default)"},
        {"accounting.voucher_excess_account", "accounting account of meal vouchers left above the bill (758 by default)"},
    };
    return keys;
}

namespace {
// An identifier typed as paper prints it ("FR76 3000 6000 ...", "agri frpp"): spaces dropped, letters
// in capitals, as invoices and the Factur-X carry it.
std::string packed_capitals(const std::string& typed) {
    std::string packed;
    for (char c : typed)
        if (c != ' ') packed += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
    return packed;
}

// The value as stored, or InputError naming what is wrong. printer.uri is checked apart
// (checked_printer_uri): where it may write depends on printer.receipts_dir.
std::string checked_setting(const std::string& key, const std::string& raw) {
    if (!setting_keys().count(key)) {
        std::string known;
        for (const auto& entry : setting_keys()) {
            if (!known.empty()) known += ", ";
            known += entry.first;
        }
        throw InputError("unknown setting \"{0}\" (known: {1})", key, known);
    }
    std::string value = raw;
    if (key.rfind("fec.", 0) == 0) {
        value = checked_fec_setting(key, raw);
    } else if (key == "business.siret") {
        // 14 digits whose keys are right (the SIRET's, Luhn or La Poste's own rule, and its
        // SIREN's, Luhn): one digit mistyped would otherwise be printed on every legal receipt and
        // refused on the first invoice (newcomer trials).
        if (digits_of(value).size() != 14 || value.find_first_not_of("0123456789 ") != std::string::npos)
            throw InputError("SIRET \"{0}\" must be 14 digits", value);
        if (const std::string d = digits_of(value); !invoice::valid_siret(d) || !invoice::valid_siren(d.substr(0, 9)))
            throw InputError("SIRET \"{0}\" has a wrong check digit: a digit is mistyped (copy it from the Kbis or the INSEE notice)",
                             value);
    } else if (key == "business.address") {
        std::string lines;  // "\n" typed in a shell separates address lines
        for (std::size_t i = 0; i < raw.size(); ++i) {
            if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == 'n') {
                lines += '\n';
                ++i;
            } else {
                lines += raw[i];
            }
        }
        value = lines;
        check_display_text(value, "the business address", kMaxBusinessFieldChars, TextLines::multi);
    } else if (key == "business.postcode") {
        check_display_text(value, "the postcode", kMaxBusinessFieldChars);
    } else if (key == "business.city") {
        check_display_text(value, "the city", kMaxBusinessFieldChars);
    } else if (key == "invoice.terms") {
        check_display_text(value, "the payment terms", kMaxBusinessFieldChars);
    } else if (key == "business.vat_number") {
        value = packed_capitals(value);
        if (value.size() < 4 || value.size() > 14 || value.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos)
            throw InputError("VAT number \"{0}\" is not valid (e.g. FR12345678901)", raw);
    } else if (key == "invoice.iban") {
        // Typed as a bank slip prints it ("FR76 3000 6000 ..."): stored without spaces, in capitals.
        const std::string packed = packed_capitals(value);
        if (!invoice::valid_iban(packed)) throw InputError("IBAN \"{0}\" is not valid (letters and digits, no spaces, correct key)", value);
        value = packed;
    } else if (key == "invoice.bic") {
        const std::string packed = packed_capitals(value);  // the IBAN's rule: a BIC is written in capitals
        if (!packed.empty() && ((packed.size() != 8 && packed.size() != 11) ||
                                packed.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos))
            throw InputError("BIC \"{0}\" is not valid (8 or 11 characters)", value);
        value = packed;
    } else if (key == "invoice.due_days") {
        if (value.empty() || value.size() > 2 || value.find_first_not_of("0123456789") != std::string::npos || std::stoi(value) > 60)
            throw InputError("invoice.due_days must be a whole number of days from 0 to 60, not \"{0}\"", value);
    } else if (key == "business.name") {
        check_display_text(value, "the business name", kMaxBusinessFieldChars);
    } else if (key == "business.brand") {
        check_display_text(value, "the trading name", kMaxBusinessFieldChars);
    } else if (key == "receipt.footer") {
        // Empty: no footer. Otherwise printed text like the business fields.
        if (!value.empty()) check_display_text(value, "the receipt footer", kMaxBusinessFieldChars, TextLines::multi);
    } else if (key == "printer.receipts_dir") {
        value = checked_receipts_dir(value);
    } else if (key == "vat.extra_rates") {
        value = vat_rate_list_text(parse_vat_rate_list(value));
    } else if (key == "printer.uri") {
        try {
            drivers::check_printer_uri(value);
        } catch (const drivers::PrinterError& e) {
            throw InputError("unknown printer URI {0}", e.detail());
        }
    } else if (key == "printer.profile") {
        if (!drivers::find_profile(value)) throw InputError("unknown printer profile \"{0}\" (known: generic-58, generic-80, epson-tm-t20iii, pos-5890)", value);
    } else if (key == "printer.drawer") {
        if (value != "none" && value != "pin2" && value != "pin5")
            throw InputError("printer.drawer must be none, pin2 or pin5, not \"{0}\"", value);
    } else if (key == "receipt.logo") {
        if (!value.empty()) {
            // A FIFO or a device would block or never end: only a regular file is read.
            struct stat st {};
            if (::stat(value.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
                throw InputError("the logo {0} is not a regular file", value);
            try {
                drivers::load_image(value);
            } catch (const drivers::PrinterError& e) {
                throw InputError("the logo cannot be used: {0}", e.detail());
            }
        }
    } else if (key == "ui.lock_after_seconds") {
        if (value.empty() || value.size() > 4 || value.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(value) > 3600)
            throw InputError("ui.lock_after_seconds must be a whole number of seconds from 0 to 3600, not \"{0}\"", value);
    } else if (key == "backup.dir") {
        // Empty turns the backup after each Z off. A folder that is not there yet is fine (the
        // stick is plugged in at night); a file is not.
        if (!value.empty()) {
            check_display_text(value, "the backup folder", kMaxBusinessFieldChars);
            struct stat st {};
            if (value.front() != '/') throw InputError("the backup folder must be a full path starting with /, not \"{0}\"", value);
            if (::stat(value.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) throw InputError("{0} is not a folder", value);
        }
    } else if (key == "backup.keep") {
        if (value.empty() || value.size() > 3 || value.find_first_not_of("0123456789") != std::string::npos ||
            std::stoi(value) < 1 || std::stoi(value) > 366)
            throw InputError("backup.keep must be a whole number from 1 to 366, not \"{0}\"", value);
    } else if (key == "accounting.voucher_excess_account") {
        // An account number of the chart of accounts (PCG), as the accountant's export names it.
        if (value.empty() || value.size() > 20 ||
            value.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != std::string::npos)
            throw InputError("accounting.voucher_excess_account must be an account number of 1 to 20 letters or digits, not \"{0}\"", value);
    } else if (key == "receipt.lang") {
        if (!i18n::normalize_language(value)) throw InputError("\"{0}\" is not a language such as fr or en", value);
    }
    if (value.size() > 500) throw InputError("setting {0} is longer than 500 characters", key);
    return value;
}
}  // namespace

void set_till_setting(Till& till, const Actor& by, const std::string& key, const std::string& value) {
    set_till_settings(till, by, {{key, value}});
}

void set_till_settings(Till& till, const Actor& by, const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::vector<std::pair<std::string, std::string>> checked;
    for (const auto& [k, v] : pairs) checked.emplace_back(k, checked_setting(k, v));
    if (checked.empty()) return;
    // Where the printer writes, with the receipts folder as it will be after this batch: a new
    // printer.uri, or a new folder that would leave the printer file outside, is refused.
    auto after = [&](const std::string& key) {
        std::optional<std::string> v = till.ledger().setting(key);
        for (const auto& [k, value] : checked)
            if (k == key) v = value;
        return v;
    };
    const bool printer_changes = std::any_of(checked.begin(), checked.end(), [](const auto& kv) {
        return kv.first == "printer.uri" || kv.first == "printer.receipts_dir";
    });
    if (const auto uri = after("printer.uri"); printer_changes && uri)
        check_printer_target(*uri, till.ledger().path(), after("printer.receipts_dir"));
    till.authorise(by, Role::Manager, "change the settings");
    till.ledger().write([&] {
        for (const auto& [k, v] : checked) till.ledger().set_setting(k, v);
        std::string keys, pairs;
        for (const auto& [k, v] : checked) {
            keys += (keys.empty() ? "" : ",") + k;
            pairs += (pairs.empty() ? "" : ",") + k + "=" + v;
        }
        till.journal_override(by, Role::Manager, "change the settings", keys);
        // JET: settings are local state, not records; the change itself is journaled here.
        till.journal_in_commit(db::event_code::settings, by, "change the settings", pairs);
    });
}

std::map<std::string, std::string> till_settings(Till& till) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : till.ledger().settings())
        if (k == "terminal" || setting_keys().count(k)) out[k] = v;
    return out;
}

int screen_lock_seconds(Till& till) {
    const auto v = till.ledger().setting("ui.lock_after_seconds");
    if (!v) return 120;
    try {
        return std::stoi(checked_setting("ui.lock_after_seconds", *v));
    } catch (const InputError&) {
        return 120;  // stored without the check (an older till): the default rather than never
    }
}

std::string voucher_excess_account(Till& till) {
    const auto v = till.ledger().setting("accounting.voucher_excess_account");
    if (!v) return kDefaultVoucherExcessAccount;
    try {
        return checked_setting("accounting.voucher_excess_account", *v);
    } catch (const InputError&) {
        return kDefaultVoucherExcessAccount;  // stored without the check: the default rather than garbage in an export
    }
}

BusinessIdentity business_identity(Till& till) {
    auto& l = till.ledger();
    return BusinessIdentity{l.setting("business.name").value_or(""), l.setting("business.brand").value_or(""),
                            l.setting("business.siret").value_or(""), l.setting("business.address").value_or(""),
                            l.setting("receipt.footer").value_or("")};
}

bool drawer_configured(Till& till) {
    const auto d = till.ledger().setting("printer.drawer");
    return d && *d != "none";
}

PrinterConfig printer_config(Till& till, const std::optional<std::string>& uri, const std::optional<std::string>& profile) {
    PrinterConfig config = printer_config_without_till(uri.value_or(till.ledger().setting("printer.uri").value_or("auto")),
                                                       profile.value_or(till.ledger().setting("printer.profile").value_or("")));
    // Checked each time, not only when set: the folder or the files may have changed since.
    check_printer_target(config.uri, till.ledger().path(), till.ledger().setting("printer.receipts_dir"));
    config.transport.screen_dir = till.ledger().path() + ".receipts";
    return config;
}

std::vector<drivers::UsbPrinterInfo> usb_printers() { return drivers::list_usb_printers(); }

PrinterConfig printer_config_without_till(const std::optional<std::string>& uri, const std::optional<std::string>& profile) {
    PrinterConfig config;
    config.uri = uri.value_or("auto");
    config.profile = profile.value_or("");
    try {
        drivers::check_printer_uri(config.uri);
    } catch (const drivers::PrinterError& e) {
        throw InputError("unknown printer URI {0}", e.detail());
    }
    if (!config.profile.empty() && !drivers::find_profile(config.profile))
        throw InputError("unknown printer profile \"{0}\" (known: generic-58, generic-80, epson-tm-t20iii, pos-5890)", config.profile);
    return config;
}

PreparedReceipt customer_receipt(Till& till, std::int64_t ticket) {
    const ReceiptInput in = receipt_input(till, ticket);
    return PreparedReceipt{receipt_document(in, receipt_translator(till)), ticket, std::nullopt};
}

PreparedReceipt training_receipt(Till& till, std::int64_t ticket) {
    const ReceiptInput in = receipt_input(till, ticket, true);
    return PreparedReceipt{receipt_document(in, receipt_translator(till)), ticket, std::nullopt};
}

void PrinterErrorJournal::journal_failures(Till& till, const PrintQueue& queue) {
    for (const auto& job : queue.jobs()) {
        if (job.state != PrintJobState::failed || done_.count(job.id)) continue;
        std::string detail = std::string(to_string(job.kind)) + (job.ticket ? " ticket " + std::to_string(*job.ticket) : "") + ": " + job.detail;
        try {
            till.journal(db::event_code::printer_error, std::nullopt, "print", detail);
            done_.insert(job.id);
        } catch (const std::exception&) {
            return;  // nothing can be written now (InputError, StorageError): the next frame tries again
        }
    }
}

PreparedReceipt receipt_for_sale(Till& till, const SellResult& sale) {
    return sale.training ? training_receipt(till, sale.ticket) : customer_receipt(till, sale.ticket);
}

PreparedReceipt duplicate_receipt(Till& till, const Actor& by, std::int64_t ticket) {
    ReceiptInput in = receipt_input(till, ticket);  // refuses unknown tickets before anything is recorded
    till.authorise(by, Role::Manager, "reprint a ticket");
    std::int64_t number = 0;
    till.ledger().write([&] {
        number = db::record_duplicate(till.ledger(), ticket, till.now_utc());
        till.journal_override(by, Role::Manager, "reprint a ticket", "ticket " + std::to_string(ticket));
    });
    in.duplicate_number = number;
    return PreparedReceipt{receipt_document(in, receipt_translator(till)), ticket, number};
}

drivers::Document refund_receipt(Till& till, std::int64_t refund) {
    auto& ledger = till.ledger();
    auto recorded = db::recorded_refund(ledger, refund);
    if (!recorded) throw InputError("no refund {0} on this till", refund);
    RefundReceiptInput in;
    in.recorded = std::move(*recorded);
    in.cashier = db::user_name(ledger, in.recorded.refund.user).value_or("?");
    for (const auto& e : db::entrepreneurs(ledger)) in.entrepreneurs[e.id] = e.name;
    in.business = business_identity(till);
    return refund_document(in, receipt_translator(till));
}

std::vector<std::string> refund_receipt_preview(Till& till, std::int64_t refund, int columns) {
    return drivers::preview_lines(refund_receipt(till, refund), columns);
}

drivers::Document test_page(Till* till, const std::string& printer) {
    const auto translator = till ? receipt_translator(*till) : i18n::Translator::load("fr");
    return test_page_document(till ? business_identity(*till) : BusinessIdentity{"Caisse Commune", "", "", "", ""}, printer,
                              translator);
}

std::vector<std::string> receipt_preview(Till& till, std::int64_t ticket, int columns) {
    return drivers::preview_lines(customer_receipt(till, ticket).doc, columns);
}

std::vector<ScreenReceiptItem> screen_receipt(const drivers::Document& doc, int columns) {
    std::vector<ScreenReceiptItem> out;
    for (auto& item : drivers::preview_items(doc, columns)) {
        ScreenReceiptItem shown;
        if (item.qr) {
            shown.qr = drivers::encode_qr(item.qr->data, item.qr->error_level);
            if (shown.qr)
                shown.qr_data = item.qr->data;
            else
                shown.line = "[QR]";
        } else {
            shown.line = std::move(item.line);
        }
        out.push_back(std::move(shown));
    }
    return out;
}

bool prints_to_screen(const PrintQueue& queue) { return queue.printer().rfind("screen:", 0) == 0; }

drivers::Document day_report_printout(Till& till, const db::DayReport& report) {
    return day_report_document(report, business_identity(till), till.ledger().terminal(), receipt_translator(till),
                               voucher_excess_account(till));
}

drivers::Document z_printout(Till& till, const db::DayClosure& z) {
    ZNames names;
    for (const auto& e : till.entrepreneurs()) names.entrepreneurs[e.id] = e.name;
    for (const auto& u : till.users()) names.users[u.id] = u.name;
    names.voucher_excess_account = voucher_excess_account(till);
    return z_document(z, names, business_identity(till), till.ledger().terminal(), receipt_translator(till));
}

drivers::Document drawer_pulse(int pin) {
    drivers::Document doc;
    doc.drawer(pin);
    return doc;
}

std::optional<drivers::Document> drawer_for_sale(Till& till, const SellResult& sale) {
    const auto drawer = till.ledger().setting("printer.drawer").value_or("none");
    if (drawer == "none" || sale.training) return std::nullopt;  // no real cash in training
    const bool cash = std::any_of(sale.settlement.payments.begin(), sale.settlement.payments.end(),
                                  [](const auto& p) { return p.method == TenderMethod::Cash && p.amount > Money(); });
    if (!cash) return std::nullopt;
    return drawer_pulse(drawer == "pin5" ? 5 : 2);
}

}  // namespace caisse
