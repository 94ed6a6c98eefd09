#pragma once
// A catering order's documents from the ledger (issue 14, item 5): the quote's PDF, an invoice's
// PDF and its Factur-X (PDF/A-3 with the CII XML, or the XML alone). The drawing is
// app/services/invoice_pdf and facturx_pdf's; this reads the records and names the cooks (this
// till's entrepreneurs). Invoices are drawn from their journaled document, so a copy printed later
// says exactly what was issued. Reads only.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "app/services/i18n.hpp"
#include "app/services/till.hpp"
#include "drivers/document.hpp"

namespace caisse {

// "DEV-12": a quote's number on its PDF.
std::string quote_number(std::int64_t quote);

// The quote's PDF (seller from the settings, as invoices name it: catering.hpp seller_party).
// Throws InputError: unknown quote, no line, no guests, the seller's mentions missing.
std::string quote_pdf_of(Till& till, std::int64_t quote);
// A recorded invoice's PDF, its Factur-X PDF/A-3, its CII XML. Throws InputError: unknown invoice.
std::string invoice_pdf_of(Till& till, const std::string& number);
std::string invoice_facturx_of(Till& till, const std::string& number);

// Each cook's production sheet of an accepted order (issue 14, item 6), to print on the receipt
// printer: (entrepreneur id, sheet), from the order's quote (lines, guests, date and place of
// service), cooks named as this till's entrepreneurs, the order numbered "C-N". Throws InputError:
// unknown order, a quote without guests (production_sheets' refusals).
std::vector<std::pair<std::int64_t, drivers::Document>> production_sheets_of(Till& till, std::int64_t order, const i18n::Translator& t);

}  // namespace caisse
