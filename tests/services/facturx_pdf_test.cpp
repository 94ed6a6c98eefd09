// Factur-X PDF/A-3b (issue 14, item 5): the worked example's invoices read back with qpdf: the
// embedded factur-x.xml is cii_xml's bytes and validates against the EN 16931 schemas, its
// relationship, the XMP's PDF/A and Factur-X fields, the sRGB OutputIntent, embedded fonts, the /ID.
#include "app/services/facturx_pdf.hpp"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFEFStreamObjectHelper.hh>
#include <qpdf/QPDFEmbeddedFileDocumentHelper.hh>
#include <qpdf/QPDFFileSpecObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "app/services/facturx.hpp"
#include "tests/services/example_pdf.hpp"
#include "tests/core/invoice_example.hpp"
#include "tests/services/facturx_schema.hpp"

using namespace caisse;
using namespace caisse::invoice;
using caisse::testing::example_deposit_invoice;
using caisse::testing::example_final_invoice;
using caisse::testing::expect_example_pdf;
using caisse::testing::kExampleCooks;

namespace {

std::string stream_bytes(QPDFObjectHandle stream) {
    auto b = stream.getStreamData(qpdf_dl_all);
    return std::string(reinterpret_cast<const char*>(b->getBuffer()), b->getSize());
}

// What a reader of the Factur-X PDF finds in it.
struct ReadBack {
    std::string xml, relationship, xmp, xmp_filter, info_title, intent_s, intent_id, version;
    std::string icc;
    int icc_components = 0;
    bool af_lists_the_file = false, has_id = false, fonts_embedded = true, cid_maps = true;
    int fonts = 0, pages = 0;
};

ReadBack read_back(const std::string& pdf) {
    ReadBack r;
    QPDF q;
    q.processMemoryFile("facturx.pdf", pdf.data(), pdf.size());
    r.version = q.getPDFVersion();
    QPDFObjectHandle root = q.getRoot();
    QPDFEmbeddedFileDocumentHelper files(q);
    if (auto spec = files.getEmbeddedFile(kFacturxFileName)) {
        r.xml = stream_bytes(spec->getEmbeddedFileStream());
        auto rel = spec->getObjectHandle().getKey("/AFRelationship");
        r.relationship = rel.isName() ? rel.getName() : "";
        auto af = root.getKey("/AF");
        if (af.isArray())
            for (auto& item : af.aitems()) r.af_lists_the_file |= item.getObjGen() == spec->getObjectHandle().getObjGen();
    }
    if (auto meta = root.getKey("/Metadata"); meta.isStream()) {
        r.xmp = stream_bytes(meta);
        r.xmp_filter = meta.getDict().getKey("/Filter").isNull() ? "" : meta.getDict().getKey("/Filter").unparse();
    }
    if (auto info = q.getTrailer().getKey("/Info"); info.isDictionary()) r.info_title = info.getKey("/Title").getUTF8Value();
    r.has_id = q.getTrailer().getKey("/ID").isArray();
    if (auto intents = root.getKey("/OutputIntents"); intents.isArray() && intents.getArrayNItems() == 1) {
        auto intent = intents.getArrayItem(0);
        r.intent_s = intent.getKey("/S").isName() ? intent.getKey("/S").getName() : "";
        r.intent_id = intent.getKey("/OutputConditionIdentifier").getUTF8Value();
        auto profile = intent.getKey("/DestOutputProfile");
        if (profile.isStream()) {
            r.icc = stream_bytes(profile);
            r.icc_components = profile.getDict().getKey("/N").isInteger() ? static_cast<int>(profile.getDict().getKey("/N").getIntValue()) : 0;
        }
    }
    for (auto& page : QPDFPageDocumentHelper(q).getAllPages()) {
        ++r.pages;
        for (auto& [name, font] : page.getAttribute("/Resources", false).getKey("/Font").ditems()) {
            ++r.fonts;
            QPDFObjectHandle f = font;
            if (f.getKey("/Subtype").isName() && f.getKey("/Subtype").getName() == "/Type0") f = f.getKey("/DescendantFonts").getArrayItem(0);
            if (f.getKey("/Subtype").isNameAndEquals("/CIDFontType2") && !f.getKey("/CIDToGIDMap").isName()) r.cid_maps = false;
            auto desc = f.getKey("/FontDescriptor");
            const bool embedded = desc.isDictionary() &&
                                  (desc.getKey("/FontFile").isStream() || desc.getKey("/FontFile2").isStream() || desc.getKey("/FontFile3").isStream());
            if (!embedded) r.fonts_embedded = false;
        }
    }
    return r;
}

void expect_facturx(const Document& doc, const std::string& pdf) {
    ASSERT_EQ(pdf.substr(0, 8), "%PDF-1.7");
    const ReadBack r = read_back(pdf);
    const std::string xml = facturx::cii_xml(doc);
    EXPECT_TRUE(r.xml == xml) << "the embedded factur-x.xml is not cii_xml's output:\n" << r.xml.substr(0, 400);
    EXPECT_EQ(facturx_test::facturx_schema_errors(r.xml), "");
    EXPECT_EQ(r.relationship, "/Alternative");
    EXPECT_TRUE(r.af_lists_the_file) << "the catalog's /AF must name the file specification";
    for (const std::string want :
         {"<pdfaid:part>3</pdfaid:part>", "<pdfaid:conformance>B</pdfaid:conformance>", "<fx:DocumentType>INVOICE</fx:DocumentType>",
          "<fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>", "<fx:Version>1.0</fx:Version>",
          "<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>",
          "<pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>",
          "<pdfaSchema:prefix>fx</pdfaSchema:prefix>"})
        EXPECT_NE(r.xmp.find(want), std::string::npos) << want;
    EXPECT_EQ(r.xmp_filter, "") << "PDF/A metadata stays uncompressed";
    EXPECT_NE(r.xmp.find("<rdf:li xml:lang=\"x-default\">" + r.info_title + "</rdf:li>"), std::string::npos)
        << "Info /Title and dc:title must agree: " << r.info_title;
    EXPECT_EQ(r.info_title, document_title(doc));
    EXPECT_EQ(r.intent_s, "/GTS_PDFA1");
    EXPECT_EQ(r.intent_id, "sRGB IEC61966-2.1");
    ASSERT_GT(r.icc.size(), 128u);
    EXPECT_EQ(r.icc.substr(36, 4), "acsp") << "an ICC profile";
    EXPECT_EQ(r.icc.substr(16, 4), "RGB ") << "an RGB profile";
    EXPECT_EQ(r.icc_components, 3);
    EXPECT_TRUE(r.has_id);
    EXPECT_GT(r.fonts, 0);
    EXPECT_TRUE(r.fonts_embedded);
    EXPECT_TRUE(r.cid_maps) << "PDF/A: every CIDFontType2 names its CIDToGIDMap";
    EXPECT_EQ(r.pages, 1);
}


}  // namespace

TEST(FacturxPdf, SchemaIsThere) {
    if (!facturx_test::have_facturx_schema()) GTEST_SKIP() << "no Factur-X schema at " << facturx_test::facturx_schema_path() << ": XML not validated";
    EXPECT_NE(facturx_test::facturx_schema_errors("<not-an-invoice/>"), "");
}

TEST(FacturxPdf, FinalInvoiceCarriesItsXml) { expect_facturx(example_final_invoice(), facturx_pdf(example_final_invoice(), kExampleCooks)); }

TEST(FacturxPdf, DepositInvoiceCarriesItsXml) { expect_facturx(example_deposit_invoice(), facturx_pdf(example_deposit_invoice(), kExampleCooks)); }

TEST(FacturxPdf, CreditNoteCarriesItsXml) {
    Document credit = example::base(Kind::credit_note, "A-2026-0002", "2026-12-20", "2026-12-20");
    credit.lines = {Line{"Desserts non servis, par personne", 10'000, "C62", Money::cents(435), VatRate{1000}, 3}};
    credit.corrects = InvoiceRef{"F-2026-0012", "2026-12-14"};
    expect_facturx(credit, facturx_pdf(credit, kExampleCooks));
}

TEST(FacturxPdf, RefusesWhatTheXmlRefuses) {
    Document doc = example_final_invoice();
    doc.customer.service_code.clear();
    EXPECT_THROW(facturx_pdf(doc, kExampleCooks), InputError);
}

TEST(FacturxPdf, SameDocumentSameBytes) { EXPECT_TRUE(facturx_pdf(example_final_invoice(), kExampleCooks) == facturx_pdf(example_final_invoice(), kExampleCooks)); }

TEST(FacturxPdf, ExamplesInDocsAreCurrent) {
    expect_example_pdf("facturx-final-invoice.pdf", facturx_pdf(example_final_invoice(), kExampleCooks));
    expect_example_pdf("facturx-deposit-invoice.pdf", facturx_pdf(example_deposit_invoice(), kExampleCooks));
}
