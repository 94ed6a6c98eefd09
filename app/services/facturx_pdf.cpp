// Factur-X PDF/A-3b (see facturx_pdf.hpp): cairo draws, qpdf adds what PDF/A-3 and Factur-X need.
#include "app/services/facturx_pdf.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFWriter.hh>

#include <stdexcept>
#include <string_view>

#include "app/services/facturx.hpp"

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
    try {
        QPDF q;
        q.setSuppressWarnings(true);
        q.processMemoryFile("invoice.pdf", visible.data(), visible.size());
        QPDFObjectHandle root = q.getRoot();

        // The XML, embedded.
        auto ef = QPDFEFStreamObjectHelper::createEFStream(q, xml);
        ef.setSubtype("text/xml").setModDate(pdf_date(doc.issue_date)).setCreationDate(pdf_date(doc.issue_date));
        auto spec = QPDFFileSpecObjectHelper::createFileSpec(q, kFacturxFileName, ef);
        spec.setDescription("Factur-X invoice (CII, EN 16931)").setFilename(kFacturxFileName, kFacturxFileName);
        spec.getObjectHandle().replaceKey("/AFRelationship", QPDFObjectHandle::newName("/Alternative"));
        QPDFEmbeddedFileDocumentHelper(q).replaceEmbeddedFile(kFacturxFileName, spec);
        root.replaceKey("/AF", QPDFObjectHandle::newArray({spec.getObjectHandle()}));

        // XMP metadata.
        QPDFObjectHandle meta = QPDFObjectHandle::newStream(&q, facturx_xmp(title, doc.seller.name, subject, doc.issue_date));
        meta.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
        meta.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
        root.replaceKey("/Metadata", meta);

        // The output intent: sRGB.
        const std::string_view icc = pdf::srgb_icc_profile();
        QPDFObjectHandle profile = QPDFObjectHandle::newStream(&q, std::string(icc));
        profile.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
        QPDFObjectHandle intent = QPDFObjectHandle::newDictionary();
        intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
        intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));
        intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
        intent.replaceKey("/Info", QPDFObjectHandle::newString("sRGB IEC61966-2.1"));
        intent.replaceKey("/DestOutputProfile", profile);
        root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray({q.makeIndirectObject(intent)}));

        // PDF/A-2/3 (ISO 19005-3, 6.2.11.3.2) wants a CIDToGIDMap in every CIDFontType2 font; cairo
        // leaves it out, meaning the default, Identity: say it.
        for (auto& object : q.getAllObjects()) {
            if (!object.isDictionary() || !object.getKey("/Subtype").isNameAndEquals("/CIDFontType2")) continue;
            if (!object.hasKey("/CIDToGIDMap")) object.replaceKey("/CIDToGIDMap", QPDFObjectHandle::newName("/Identity"));
        }

        // The Info dictionary, saying what the XMP says.
        QPDFObjectHandle info = QPDFObjectHandle::newDictionary();
        info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(title));
        info.replaceKey("/Author", QPDFObjectHandle::newUnicodeString(doc.seller.name));
        info.replaceKey("/Subject", QPDFObjectHandle::newUnicodeString(subject));
        info.replaceKey("/Creator", QPDFObjectHandle::newString("Caisse Commune"));
        info.replaceKey("/Producer", QPDFObjectHandle::newString(kProducer));
        info.replaceKey("/CreationDate", QPDFObjectHandle::newString(pdf_date(doc.issue_date)));
        info.replaceKey("/ModDate", QPDFObjectHandle::newString(pdf_date(doc.issue_date)));
        q.getTrailer().replaceKey("/Info", q.makeIndirectObject(info));

        QPDFWriter w(q);
        w.setOutputMemory();
        w.setDeterministicID(true);
        w.setMinimumPDFVersion("1.7");
        w.setObjectStreamMode(qpdf_o_disable);  // plain cross-reference table: readable by every checker
        w.setQDFMode(false);
        w.write();
        auto buffer = w.getBufferSharedPointer();
        return std::string(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
    } catch (const std::exception& e) {
        throw std::runtime_error(std::string("Factur-X PDF: qpdf failed: ") + e.what());
    }
}

}  // namespace caisse
