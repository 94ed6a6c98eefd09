#pragma once
// Catering documents on paper (issue 14, item 5): an invoice, a deposit invoice or a credit note,
// and a quote, as A4 PDFs drawn with cairo (app/services/pdf_draw). Always in French, whatever the
// process's language: the customer is a French business or public body (msgids in English, the
// text from assets/i18n/fr.po through a French translator). Amounts as Money::format ("1 234,56 €").
//
// The mentions printed (CGI annexe II art. 242 nonies A; Code de commerce L441-9, L441-10, D441-5;
// ../shared/reference/fiscal-fr.md "Invoices"): the seller's name, address, SIREN/SIRET and VAT
// number; the document's title, number and date; the customer's name, address, SIREN/SIRET, VAT
// number, and for a public buyer the Chorus Pro service code and commitment number; our order
// number and the date of the service; per line the description, the entrepreneur who made it, the
// quantity, the net unit price excl. VAT (BT-146; with the agreed price incl. VAT when the document
// is priced incl. VAT), the VAT rate and the line net; the VAT per rate (taxable, tax, total), the
// totals excl. VAT, VAT and incl. VAT, the rounding amount when there is one, each deposit
// deducted (its invoice number and date), the amount due; the due date, the payment terms, the
// late-payment penalties and the 40 € fixed recovery indemnity (printed from the terms; when the
// terms say nothing of penalties ("pénalité", "intérêts moratoires") the legal default is added:
// ECB rate + 10 points, Code de commerce L441-10, or for a public buyer ECB rate + 8 points, Code de
// la commande publique R2192-31; when they do not state "40 €" / "40 EUR" the indemnity is added,
// D441-5), the bank details (none of the payment part on a credit note); the VAT exemption reason of 0 % lines; "TVA
// acquittée sur les encaissements" when Document::vat_on_receipts; a credit note names the invoice
// it corrects. Not printed, as invoice::Document does not hold them: the seller's legal form and
// capital, the delivery address when different, and whether the operation is goods or services.
#include <cstdint>
#include <map>
#include <span>
#include <string>

#include "app/core/invoice.hpp"

namespace caisse {

// Entrepreneur id (catalogue Entrepreneur, as on invoice::Line) -> the name printed on their lines.
// An id without a name prints "n° {id}".
using EntrepreneurNames = std::map<std::int64_t, std::string>;

// The PDF bytes of `doc` (an invoice, deposit invoice or credit note: invoice::Kind). The document is
// checked first with invoice::validate(doc, extra_rates): a document missing a mention the law
// requires is refused (InputError naming it), nothing drawn. Figures from invoice::compute_totals.
// Throws std::runtime_error when cairo fails.
std::string invoice_pdf(const invoice::Document& doc, const EntrepreneurNames& names = {},
                        std::span<const VatRate> extra_rates = {});

// What a quote (devis) states besides its lines: the number of guests (>= 0; 0: not counted per person), the date of the
// service ("YYYY-MM-DD"), the place (display text), and the last day the offer holds ("YYYY-MM-DD",
// not before the quote's date).
struct QuoteDetails {
    std::int64_t guests = 0;
    std::string service_date;
    std::string place;
    std::string valid_until;
};

// The PDF bytes of a quote: doc.number is the quote's number, doc.issue_date its date; the seller,
// the customer and the lines as on an invoice (doc.kind must be Kind::invoice; deposits, due date
// and payment are not used), the totals, the validity, and a box for the customer's "Bon pour
// accord". Throws InputError on bad details (guests, dates, place), on lines invalid for
// invoice::validate_lines, or without a number or a seller/customer name; std::runtime_error when
// cairo fails.
std::string quote_pdf(const invoice::Document& doc, const QuoteDetails& details, const EntrepreneurNames& names = {},
                      std::span<const VatRate> extra_rates = {});

// The document's title as its PDF's metadata states it: "Facture F-2026-0012", "Facture d'acompte
// D-2026-0007", "Avoir A-2026-0002".
std::string document_title(const invoice::Document& doc);

// Shown helpers (tests, the production sheet): "2026-12-14" -> "14/12/2026" (text returned as is
// when it is not a date); 7'500 -> "7,5", 60'000 -> "60".
std::string french_date(const std::string& iso_date);
std::string quantity_text(std::int64_t quantity_milli);

}  // namespace caisse
