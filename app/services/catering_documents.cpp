#include "app/services/catering_documents.hpp"

#include <vector>

#include "app/services/catering.hpp"
#include "app/services/facturx_pdf.hpp"
#include "app/services/invoice_pdf.hpp"
#include "app/services/production_sheet.hpp"
#include "db/records/catalogue.hpp"

namespace caisse {

namespace {

EntrepreneurNames names_of(Till& till) {
    EntrepreneurNames names;
    for (const auto& e : db::entrepreneurs(till.ledger())) names[e.id] = e.name;
    return names;
}

db::InvoiceRecord invoice_or_throw(Till& till, const std::string& number) {
    auto i = db::find_invoice(till.ledger().db(), till.ledger().terminal(), number);
    if (!i) throw InputError("invoice {0} is unknown", number);
    return *i;
}

// The rates a document was issued with: a rate later taken out of vat.extra_rates stays valid on it.
std::vector<VatRate> rates_of(const invoice::Document& d) {
    std::vector<VatRate> out;
    for (const auto& l : d.lines) out.push_back(l.rate);
    return out;
}

}  // namespace

std::string quote_number(std::int64_t quote) { return "DEV-" + std::to_string(quote); }

std::string quote_pdf_of(Till& till, std::int64_t quote) {
    const QuoteView v = quote_view(till, quote);
    if (v.lines.empty()) throw InputError("quote {0} has no line", quote);
    invoice::Document doc = v.document;
    // The quote's own line says the service's date, guests and place: not its note a second time.
    if (!doc.notes.empty()) doc.notes.erase(doc.notes.begin());
    doc.number = quote_number(quote);
    doc.seller = seller_party(till);
    doc.payment = seller_payment(till);
    const auto rates = rates_of(doc);
    return quote_pdf(doc, QuoteDetails{v.quote.guests, v.quote.service_date, v.quote.place, v.quote.valid_until}, names_of(till), rates);
}

std::string invoice_pdf_of(Till& till, const std::string& number) {
    const auto i = invoice_or_throw(till, number);
    const auto rates = rates_of(i.document);
    return invoice_pdf(i.document, names_of(till), rates);
}

std::string invoice_facturx_of(Till& till, const std::string& number) {
    const auto i = invoice_or_throw(till, number);
    const auto rates = rates_of(i.document);
    return facturx_pdf(i.document, names_of(till), rates);
}

std::vector<std::pair<std::int64_t, drivers::Document>> production_sheets_of(Till& till, std::int64_t order, const i18n::Translator& t) {
    const auto o = db::find_order(till.ledger().db(), till.ledger().terminal(), order);
    if (!o) throw InputError("order {0} is unknown", order);
    const QuoteView v = quote_view(till, o->quote);
    ProductionOrder po{v.document, v.quote.guests, v.quote.place, names_of(till)};
    po.order.number = order_number(order);
    return production_sheets(po, t);
}

}  // namespace caisse
