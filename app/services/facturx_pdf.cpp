// Factur-X PDF/A-3b (see facturx_pdf.hpp): cairo draws, qpdf adds what PDF/A-3 and Factur-X need.
#include "app/services/facturx_pdf.hpp"

#include <stdexcept>
#include <string_view>

#include "app/services/facturx.hpp"
#include "app/services/pdfa3.hpp"

namespace caisse {

namespace pdf {
std::string_view srgb_icc_profile();  // generated at build time (cmake/embed_binary.cmake)
}

namespace {

std::string xml_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            default: out += c;
        }
    }
    return out;
}

// "2026-12-14" -> the PDF date "D:20261214000000+00'00'" and the XMP date "2026-12-14T00:00:00+00:00",
// which PDF/A wants equal.
std::string pdf_date(const std::string& d) { return "D:" + d.substr(0, 4) + d.substr(5, 2) + d.substr(8, 2) + "000000+00'00'"; }
std::string xmp_date(const std::string& d) { return d + "T00:00:00+00:00"; }

constexpr const char* kProducer = "Caisse Commune (cairo, qpdf)";

std::string fx_property(const char* name, const char* description) {
    return std::string("          <rdf:li rdf:parseType=\"Resource\">\n") + "            <pdfaProperty:name>" + name +
           "</pdfaProperty:name>\n            <pdfaProperty:valueType>Text</pdfaProperty:valueType>\n"
           "            <pdfaProperty:category>external</pdfaProperty:category>\n"
           "            <pdfaProperty:description>" +
           description + "</pdfaProperty:description>\n          </rdf:li>\n";
}

}  // namespace

std::string facturx_xmp(const std::string& title, const std::string& author, const std::string& subject, const std::string& date) {
    std::string x = "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                    " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\">\n"
                    "   <pdfaid:part>3</pdfaid:part>\n"
                    "   <pdfaid:conformance>B</pdfaid:conformance>\n"
                    "  </rdf:Description>\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                    "   <dc:format>application/pdf</dc:format>\n"
                    "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
                    xml_escape(title) +
                    "</rdf:li></rdf:Alt></dc:title>\n"
                    "   <dc:creator><rdf:Seq><rdf:li>" +
                    xml_escape(author) +
                    "</rdf:li></rdf:Seq></dc:creator>\n"
                    "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" +
                    xml_escape(subject) +
                    "</rdf:li></rdf:Alt></dc:description>\n"
                    "  </rdf:Description>\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                    "   <pdf:Producer>" +
                    std::string(kProducer) +
                    "</pdf:Producer>\n"
                    "  </rdf:Description>\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n"
                    "   <xmp:CreatorTool>Caisse Commune</xmp:CreatorTool>\n"
                    "   <xmp:CreateDate>" +
                    xmp_date(date) + "</xmp:CreateDate>\n   <xmp:ModifyDate>" + xmp_date(date) +
                    "</xmp:ModifyDate>\n"
                    "  </rdf:Description>\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\"\n"
                    "    xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\" xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\">\n"
                    "   <pdfaExtension:schemas>\n"
                    "    <rdf:Bag>\n"
                    "     <rdf:li rdf:parseType=\"Resource\">\n"
                    "      <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>\n"
                    "      <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>\n"
                    "      <pdfaSchema:prefix>fx</pdfaSchema:prefix>\n"
                    "      <pdfaSchema:property>\n"
                    "       <rdf:Seq>\n" +
                    fx_property("DocumentFileName", "name of the embedded XML invoice file") +
                    fx_property("DocumentType", "INVOICE") +
                    fx_property("Version", "The actual version of the Factur-X XML schema") +
                    fx_property("ConformanceLevel", "The conformance level of the embedded Factur-X data") +
                    "       </rdf:Seq>\n"
                    "      </pdfaSchema:property>\n"
                    "     </rdf:li>\n"
                    "    </rdf:Bag>\n"
                    "   </pdfaExtension:schemas>\n"
                    "  </rdf:Description>\n"
                    "  <rdf:Description rdf:about=\"\" xmlns:fx=\"urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#\">\n"
                    "   <fx:DocumentType>INVOICE</fx:DocumentType>\n"
                    "   <fx:DocumentFileName>" +
                    std::string(kFacturxFileName) +
                    "</fx:DocumentFileName>\n"
                    "   <fx:Version>1.0</fx:Version>\n"
                    "   <fx:ConformanceLevel>" +
                    std::string(kFacturxConformance) +
                    "</fx:ConformanceLevel>\n"
                    "  </rdf:Description>\n"
                    " </rdf:RDF>\n"
                    "</x:xmpmeta>\n"
                    "<?xpacket end=\"w\"?>";
    return x;
}

std::string facturx_pdf(const invoice::Document& doc, const EntrepreneurNames& names, std::span<const VatRate> extra_rates) {
    const std::string xml = facturx::cii_xml(doc, extra_rates);  // validates the document first
    const std::string visible = invoice_pdf(doc, names, extra_rates);
    const std::string title = document_title(doc);
    const std::string subject = "Factur-X " + std::string(kFacturxConformance) + " " + doc.number + ", " + doc.customer.party.name;
    PdfaParts parts;
    parts.pdf = visible;
    parts.attachment = xml;
    parts.attachment_name = kFacturxFileName;
    parts.attachment_description = "Factur-X invoice (CII, EN 16931)";
    parts.xmp = facturx_xmp(title, doc.seller.name, subject, doc.issue_date);
    parts.icc = std::string(pdf::srgb_icc_profile());
    parts.title = title;
    parts.author = doc.seller.name;
    parts.subject = subject;
    parts.producer = kProducer;
    parts.pdf_date = pdf_date(doc.issue_date);
    return pdfa3_with_attachment(parts);
}

}  // namespace caisse
