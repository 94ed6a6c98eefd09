#include "app/services/facturx.hpp"

#include <libxml/xmlwriter.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <string_view>

namespace caisse::facturx {

using namespace caisse::invoice;

namespace {

constexpr const char* kRsm = "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100";
constexpr const char* kQdt = "urn:un:unece:uncefact:data:standard:QualifiedDataType:100";
constexpr const char* kRam = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100";
constexpr const char* kUdt = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100";

// Countries of the SEPA scheme (EPC list): an IBAN of one of them is paid by SEPA credit transfer.
constexpr std::array<std::string_view, 41> kSepaCountries = {
    "AD", "AT", "BE", "BG", "CH", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GG", "GI", "GR", "HR", "HU", "IE", "IM",
    "IS", "IT", "JE", "LI", "LT", "LU", "LV", "MC", "MT", "NL", "NO", "PL", "PT", "RO", "SE", "SI", "SK", "SM", "VA", "PM"};

const xmlChar* x(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

std::string money_text(Money m) { return Decimal{m.value(), 2}.text(); }
std::string rate_text(VatRate r) { return Decimal{r.bp, 2}.text(); }

// A thin checked wrapper over xmlTextWriter: every call that fails throws.
class Writer {
public:
    Writer() : buffer_(xmlBufferCreate()) {
        if (!buffer_) throw std::runtime_error("libxml2: cannot allocate a buffer");
        w_ = xmlNewTextWriterMemory(buffer_, 0);
        if (!w_) {
            xmlBufferFree(buffer_);
            throw std::runtime_error("libxml2: cannot create a writer");
        }
        xmlTextWriterSetIndent(w_, 1);
        xmlTextWriterSetIndentString(w_, x("  "));
    }
    ~Writer() {
        if (w_) xmlFreeTextWriter(w_);
        xmlBufferFree(buffer_);
    }
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;

    void start_document() { check(xmlTextWriterStartDocument(w_, "1.0", "UTF-8", nullptr)); }
    // prefix:name; the root also declares the namespaces.
    void open(const char* prefix, const char* name) { check(xmlTextWriterStartElementNS(w_, x(prefix), x(name), nullptr)); }
    void close() { check(xmlTextWriterEndElement(w_)); }
    void attribute(const char* name, const std::string& value) {
        check(xmlTextWriterWriteAttribute(w_, x(name), x(value.c_str())));
    }
    void ns(const char* prefix, const char* uri) {
        check(xmlTextWriterWriteAttributeNS(w_, x("xmlns"), x(prefix), nullptr, x(uri)));
    }
    void text(const std::string& value) { check(xmlTextWriterWriteString(w_, x(value.c_str()))); }
    // <prefix:name attr="v">value</prefix:name>
    void element(const char* prefix, const char* name, const std::string& value, const char* attr = nullptr,
                 const std::string& attr_value = {}) {
        open(prefix, name);
        if (attr) attribute(attr, attr_value);
        text(value);
        close();
    }
    void ram(const char* name, const std::string& value) { element("ram", name, value); }
    void date(const char* prefix, const char* name, const char* inner_prefix, const std::string& iso) {
        open(prefix, name);
        element(inner_prefix, "DateTimeString", date_102(iso), "format", "102");
        close();
    }
    std::string finish() {
        check(xmlTextWriterEndDocument(w_));
        xmlFreeTextWriter(w_);  // flushes into the buffer
        w_ = nullptr;
        return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_)),
                           static_cast<std::size_t>(xmlBufferLength(buffer_)));
    }

private:
    static void check(int rc) {
        if (rc < 0) throw std::runtime_error("libxml2 could not write the Factur-X XML");
    }
    xmlBufferPtr buffer_ = nullptr;
    xmlTextWriterPtr w_ = nullptr;
};

void party(Writer& w, const char* element, const Party& p) {
    w.open("ram", element);
    w.ram("Name", p.name);
    if (!p.siret.empty() || !p.siren.empty()) {
        w.open("ram", "SpecifiedLegalOrganization");
        // ISO 6523 ICD: 0009 SIRET, 0002 SIREN (the schemes Chorus Pro and the French reform use).
        if (!p.siret.empty()) w.element("ram", "ID", p.siret, "schemeID", "0009");
        else w.element("ram", "ID", p.siren, "schemeID", "0002");
        w.close();
    }
    w.open("ram", "PostalTradeAddress");
    w.ram("PostcodeCode", p.postcode);
    w.ram("LineOne", p.address);
    w.ram("CityName", p.city);
    w.ram("CountryID", p.country);
    w.close();
    if (!p.vat_number.empty()) {
        w.open("ram", "SpecifiedTaxRegistration");
        w.element("ram", "ID", p.vat_number, "schemeID", "VA");
        w.close();
    }
    w.close();
}

void referenced_invoice(Writer& w, const InvoiceRef& ref) {
    w.open("ram", "InvoiceReferencedDocument");
    w.ram("IssuerAssignedID", ref.number);
    w.date("ram", "FormattedIssueDateTime", "qdt", ref.issue_date);
    w.close();
}

}  // namespace

std::string date_102(const std::string& iso_date) {
    if (iso_date.size() != 10) throw InputError("\"{0}\" is not a date (YYYY-MM-DD)", iso_date);
    return iso_date.substr(0, 4) + iso_date.substr(5, 2) + iso_date.substr(8, 2);
}

std::string cii_xml(const Document& doc, std::span<const VatRate> extra_rates) {
    validate(doc, extra_rates);
    const Totals t = compute_totals(doc, extra_rates);

    Writer w;
    w.start_document();
    w.open("rsm", "CrossIndustryInvoice");
    w.ns("rsm", kRsm);
    w.ns("qdt", kQdt);
    w.ns("ram", kRam);
    w.ns("udt", kUdt);

    w.open("rsm", "ExchangedDocumentContext");
    w.open("ram", "GuidelineSpecifiedDocumentContextParameter");
    w.ram("ID", kEn16931Guideline);
    w.close();
    w.close();

    w.open("rsm", "ExchangedDocument");
    w.ram("ID", doc.number);
    w.ram("TypeCode", std::to_string(type_code(doc.kind)));
    w.date("ram", "IssueDateTime", "udt", doc.issue_date);
    for (const auto& note : doc.notes) {
        w.open("ram", "IncludedNote");
        w.ram("Content", note);
        w.close();
    }
    w.close();

    w.open("rsm", "SupplyChainTradeTransaction");
    for (std::size_t i = 0; i < doc.lines.size(); ++i) {
        const Line& l = doc.lines[i];
        w.open("ram", "IncludedSupplyChainTradeLineItem");
        w.open("ram", "AssociatedDocumentLineDocument");
        w.ram("LineID", std::to_string(i + 1));
        w.close();
        w.open("ram", "SpecifiedTradeProduct");
        w.ram("Name", l.description);
        w.close();
        w.open("ram", "SpecifiedLineTradeAgreement");
        w.open("ram", "NetPriceProductTradePrice");
        w.ram("ChargeAmount", t.net_unit_price[i].text());
        w.close();
        w.close();
        w.open("ram", "SpecifiedLineTradeDelivery");
        w.element("ram", "BilledQuantity", Decimal{l.quantity_milli, 3}.text(), "unitCode", l.unit_code);
        w.close();
        w.open("ram", "SpecifiedLineTradeSettlement");
        w.open("ram", "ApplicableTradeTax");
        w.ram("TypeCode", "VAT");
        w.ram("CategoryCode", l.rate.bp == 0 ? "E" : "S");
        w.ram("RateApplicablePercent", rate_text(l.rate));
        w.close();
        w.open("ram", "SpecifiedTradeSettlementLineMonetarySummation");
        w.ram("LineTotalAmount", money_text(t.line_net[i]));
        w.close();
        w.close();
        w.close();
    }

    w.open("ram", "ApplicableHeaderTradeAgreement");
    if (!doc.customer.service_code.empty()) w.ram("BuyerReference", doc.customer.service_code);
    party(w, "SellerTradeParty", doc.seller);
    party(w, "BuyerTradeParty", doc.customer.party);
    if (!doc.order_number.empty()) {
        w.open("ram", "SellerOrderReferencedDocument");
        w.ram("IssuerAssignedID", doc.order_number);
        w.close();
    }
    if (!doc.customer.commitment_number.empty()) {
        w.open("ram", "BuyerOrderReferencedDocument");
        w.ram("IssuerAssignedID", doc.customer.commitment_number);
        w.close();
    }
    w.close();

    w.open("ram", "ApplicableHeaderTradeDelivery");
    w.open("ram", "ActualDeliverySupplyChainEvent");
    w.date("ram", "OccurrenceDateTime", "udt", doc.delivery_date);
    w.close();
    w.close();

    w.open("ram", "ApplicableHeaderTradeSettlement");
    w.ram("PaymentReference", doc.number);
    w.ram("InvoiceCurrencyCode", "EUR");
    w.open("ram", "SpecifiedTradeSettlementPaymentMeans");
    const std::string_view country = std::string_view(doc.payment.iban).substr(0, 2);
    const bool sepa = std::find(kSepaCountries.begin(), kSepaCountries.end(), country) != kSepaCountries.end();
    w.ram("TypeCode", sepa ? "58" : "30");
    w.open("ram", "PayeePartyCreditorFinancialAccount");
    w.ram("IBANID", doc.payment.iban);
    if (!doc.payment.account_name.empty()) w.ram("AccountName", doc.payment.account_name);
    w.close();
    if (!doc.payment.bic.empty()) {
        w.open("ram", "PayeeSpecifiedCreditorFinancialInstitution");
        w.ram("BICID", doc.payment.bic);
        w.close();
    }
    w.close();
    for (const auto& v : t.vat) {
        w.open("ram", "ApplicableTradeTax");
        w.ram("CalculatedAmount", money_text(v.tax));
        w.ram("TypeCode", "VAT");
        if (v.category == 'E') w.ram("ExemptionReason", doc.vat_exemption_reason);
        w.ram("BasisAmount", money_text(v.taxable));
        w.ram("CategoryCode", std::string(1, v.category));
        if (v.category == 'S' && doc.vat_on_receipts) w.ram("DueDateTypeCode", "72");
        w.ram("RateApplicablePercent", rate_text(v.rate));
        w.close();
    }
    w.open("ram", "SpecifiedTradePaymentTerms");
    if (!doc.payment.terms.empty()) w.ram("Description", doc.payment.terms);
    w.date("ram", "DueDateDateTime", "udt", doc.due_date);
    w.close();
    w.open("ram", "SpecifiedTradeSettlementHeaderMonetarySummation");
    w.ram("LineTotalAmount", money_text(t.line_total));
    w.ram("TaxBasisTotalAmount", money_text(t.tax_basis));
    w.element("ram", "TaxTotalAmount", money_text(t.tax_total), "currencyID", "EUR");
    if (t.rounding != Money()) w.ram("RoundingAmount", money_text(t.rounding));
    w.ram("GrandTotalAmount", money_text(t.grand_total));
    if (t.prepaid != Money()) w.ram("TotalPrepaidAmount", money_text(t.prepaid));
    w.ram("DuePayableAmount", money_text(t.due));
    w.close();
    for (const auto& d : doc.deposits) referenced_invoice(w, d.invoice);
    if (doc.corrects) referenced_invoice(w, *doc.corrects);
    w.close();  // ApplicableHeaderTradeSettlement

    w.close();  // SupplyChainTradeTransaction
    w.close();  // CrossIndustryInvoice
    return w.finish();
}

}  // namespace caisse::facturx
