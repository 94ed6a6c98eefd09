#pragma once
// The Factur-X XML of an invoice (issue 14): UN/CEFACT Cross Industry Invoice (CII D16B) in the
// EN 16931 profile ("urn:cen.eu:en16931:2017"), the file a Factur-X PDF/A-3 embeds as
// factur-x.xml. Written with libxml2's xmlTextWriter; validated by the tests against the published
// schemas (../shared/reference/facturx-en16931/). Knows no ledger: it turns a checked
// invoice::Document and its totals into bytes.
//
// What goes where (EN 16931 business terms):
//   BT-1 number, BT-3 type code (380 invoice, 386 deposit, 381 credit note), BT-2 issue date,
//   BT-22 notes; per line BT-126 line id, BT-153 name, BT-146 net unit price, BT-129/130 quantity and
//   unit, BT-151/152 VAT category (S, or E at 0 %) and rate, BT-131 line net;
//   BT-10 buyer reference = the Chorus Pro service code, BT-13 purchase order = the commitment
//   number, BT-14 sales order = our order number; seller and buyer (BT-27/44 name, BT-30/47 legal
//   id: SIRET with scheme 0009, else SIREN with 0002, BT-31/48 VAT number with scheme VA, address);
//   BT-72 date of service; BT-83 remittance = the invoice number, BT-5 EUR, BG-16 payment means
//   (58 SEPA credit transfer for an IBAN of the SEPA area, else 30 credit transfer; BT-84 IBAN,
//   BT-85 account name, BT-86 BIC); BG-23 VAT breakdown (BT-116/117/118/119, BT-120 exemption reason
//   for E, BT-8 = 72 "paid to date" when Document::vat_on_receipts: VAT on services is due on payment
//   in France); BT-20 terms,
//   BT-9 due date; BG-22 totals BT-106, 109, 110, 114, 112, 113, 115; BG-3 preceding invoices: the
//   deposits deducted (final invoice) or the invoice corrected (credit note).
#include <span>
#include <string>

#include "app/core/invoice.hpp"

namespace caisse::facturx {

// The profile's guideline id (BT-24).
inline constexpr const char* kEn16931Guideline = "urn:cen.eu:en16931:2017";

// The CII XML of `doc` (UTF-8, with an XML declaration), after invoice::validate(doc, extra_rates)
// and with invoice::compute_totals' figures. Throws InputError when the document is refused,
// std::runtime_error if libxml2 fails to write (out of memory).
std::string cii_xml(const invoice::Document& doc, std::span<const VatRate> extra_rates = {});

// "2026-12-14" -> "20261214": the date format 102 of CII. The date is checked by validate().
std::string date_102(const std::string& iso_date);

}  // namespace caisse::facturx
