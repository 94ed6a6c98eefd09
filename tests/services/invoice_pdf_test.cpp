// Catering documents on paper (issue 14, item 5): the worked example's invoices and quote as PDF,
// read back with poppler's pdftotext, so the mentions the law requires are checked as printed text.
#include "app/services/invoice_pdf.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "tests/services/example_pdf.hpp"
#include "tests/core/invoice_example.hpp"

using namespace caisse;
using namespace caisse::invoice;
using caisse::testing::example_deposit_invoice;
using caisse::testing::example_final_invoice;
using caisse::testing::expect_example_pdf;
using caisse::testing::kExampleCooks;

namespace {

// poppler-utils' pdftotext reads the PDFs back (tools/install-deps.sh installs it); without it the
// text checks are skipped, visibly.
bool have_pdftotext() { return std::system("pdftotext -v >/dev/null 2>&1") == 0; }
#define REQUIRE_PDFTOTEXT() \
    if (!have_pdftotext()) GTEST_SKIP() << "pdftotext (poppler-utils) not found: the printed text is not checked"

// The text of a PDF as pdftotext reads it (its layout mode keeps each line's cells in order).
std::string pdf_text(const std::string& pdf, bool layout = true) {
    const auto dir = std::filesystem::temp_directory_path() / ("invoice_pdf_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto file = dir / "doc.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    const std::string cmd = std::string("pdftotext ") + (layout ? "-layout " : "") + "'" + file.string() + "' - 2>&1";
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    std::string out;
    char buf[4096];
    std::size_t n;
    while (pipe && (n = std::fread(buf, 1, sizeof buf, pipe.get())) > 0) out.append(buf, n);
    std::filesystem::remove_all(dir);
    return out;
}

// pdftotext turns the narrow no-break space of amounts into a plain or no-break space: compare
// without them.
std::string squeeze(std::string s) {
    for (const std::string nb : {"\xE2\x80\xAF", "\xC2\xA0"}) {
        for (std::size_t i; (i = s.find(nb)) != std::string::npos;) s.replace(i, nb.size(), " ");
    }
    return s;
}

// CAISSE_PDF_DUMP_DIR=/some/folder keeps the PDFs the tests draw, to look at them.
const std::string& dumped(const std::string& name, const std::string& pdf) {
    if (const char* dir = std::getenv("CAISSE_PDF_DUMP_DIR"); dir && *dir) std::ofstream(std::string(dir) + "/" + name, std::ios::binary) << pdf;
    return pdf;
}

}  // namespace

TEST(InvoicePdf, IsAPdfOfOnePage) {
    REQUIRE_PDFTOTEXT();
    const std::string pdf = invoice_pdf(example_final_invoice(), kExampleCooks);
    ASSERT_GT(pdf.size(), 1000u);
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    EXPECT_EQ(pdf_text(pdf).find('\f'), pdf_text(pdf).rfind('\f')) << "more than one page";
}

TEST(InvoicePdf, FinalInvoiceCarriesEveryMention) {
    REQUIRE_PDFTOTEXT();
    const Document doc = example_final_invoice();
    const std::string text = squeeze(pdf_text(invoice_pdf(doc, kExampleCooks)));
    for (const std::string want : {
             "Facture", "N° F-2026-0012", "14/12/2026", "13/01/2027",                       // number, dates, due date
             "Les Fourneaux Communs (CAE)", "12 rue des Cuisines", "93100 Montreuil",        // seller
             "SIRET 854 123 767 00014", "TVA intracommunautaire FR10854123767",
             "Mairie de Bagnolet", "Place Salvador Allende", "93170 Bagnolet",              // customer
             "SIRET 219 300 480 00015", "FR19219300480",
             "Code service : FETES-CEREMONIES", "N° d'engagement : EJ-2026-004512",        // public buyer
             "Commande C-2026-0031, prestation du 12/12/2026",
             "Mezze et tajine d'agneau, par personne", "réalisé par Karim Benali",         // a line, its cook
             "réalisé par Lucía Romero", "réalisé par Awa Diop",
             "7,5 h", "26,50 €", "10 %", "20 %",
             "Total HT", "Total TVA", "Total TTC", "1 869,75 €",                             // totals
             "Arrondi au prix convenu", "Total convenu TTC",                                 // BT-114
             "Acompte facture D-2026-0007 du 02/12/2026", "-560,93 €",                      // the deposit
             "Net à payer", "1 308,82 €",
             "Pénalités de retard", "40 €",                                                  // late payment
             "FR76 3000 6000 0112 3456 7890 189", "AGRIFRPP"}) {
        EXPECT_NE(text.find(want), std::string::npos) << "missing \"" << want << "\" in\n" << text;
    }
    // Each VAT rate's taxable amount and tax as compute_totals has them.
    const Totals t = compute_totals(doc);
    for (const auto& v : t.vat) {
        EXPECT_NE(text.find(squeeze(v.taxable.format())), std::string::npos) << v.rate.percent();
        EXPECT_NE(text.find(squeeze(v.tax.format())), std::string::npos) << v.rate.percent();
    }
    EXPECT_NE(text.find(squeeze(t.tax_basis.format())), std::string::npos);
}

TEST(InvoicePdf, DepositInvoiceAndCreditNote) {
    REQUIRE_PDFTOTEXT();
    const std::string dep = squeeze(pdf_text(invoice_pdf(example_deposit_invoice(), kExampleCooks)));
    EXPECT_NE(dep.find("Facture d'acompte"), std::string::npos) << dep;
    EXPECT_NE(dep.find("Acompte 30 % sur la commande C-2026-0031"), std::string::npos) << dep;
    EXPECT_NE(dep.find("560,93 €"), std::string::npos) << dep;
    EXPECT_EQ(dep.find("réalisé par"), std::string::npos) << "a deposit's lines have no cook";

    Document credit = example::base(Kind::credit_note, "A-2026-0002", "2026-12-20", "2026-12-20");
    credit.lines = {Line{"Desserts non servis, par personne", 10'000, "C62", Money::cents(435), VatRate{1000}, 3}};
    credit.corrects = InvoiceRef{"F-2026-0012", "2026-12-14"};
    const std::string cn = squeeze(pdf_text(dumped("credit-note.pdf", invoice_pdf(credit, kExampleCooks))));
    EXPECT_NE(cn.find("Avoir"), std::string::npos) << cn;
    EXPECT_NE(cn.find("Avoir sur la facture F-2026-0012 du 14/12/2026"), std::string::npos) << cn;
    EXPECT_NE(cn.find("Montant de l'avoir"), std::string::npos) << cn;
    EXPECT_NE(cn.find("43,50 €"), std::string::npos) << cn;
    EXPECT_EQ(cn.find("Pénalités"), std::string::npos) << "nothing to pay late on a credit note";
    EXPECT_EQ(cn.find("IBAN"), std::string::npos) << cn;
}

TEST(InvoicePdf, AddsTheLegalLatePaymentMentionsWhenTheTermsLackThem) {
    REQUIRE_PDFTOTEXT();
    Document doc = example_final_invoice();
    doc.payment.terms = "Virement à 40 jours.";  // a 40 that is not the indemnity
    doc.customer = example::city_hall();
    std::string text = squeeze(pdf_text(invoice_pdf(doc, kExampleCooks), false));
    EXPECT_NE(text.find("R2192-31"), std::string::npos) << text;   // a public buyer's default interest
    EXPECT_NE(text.find("D441-5"), std::string::npos) << text;     // the 40 € indemnity
    doc.customer.public_buyer = false;
    text = squeeze(pdf_text(invoice_pdf(doc, kExampleCooks), false));
    EXPECT_NE(text.find("L441-10"), std::string::npos) << text;
    EXPECT_EQ(text.find("Code service"), std::string::npos);
}

TEST(InvoicePdf, RefusesADocumentMissingAMention) {
    Document doc = example_final_invoice();
    doc.customer.commitment_number.clear();
    EXPECT_THROW(invoice_pdf(doc, kExampleCooks), InputError);
    doc = example_final_invoice();
    doc.seller.vat_number.clear();
    EXPECT_THROW(invoice_pdf(doc, kExampleCooks), InputError);
}

TEST(InvoicePdf, ManyLinesGoOnSeveralPagesWithTheirFooter) {
    REQUIRE_PDFTOTEXT();
    Document doc = example_final_invoice();
    doc.deposits.clear();
    for (int i = 0; i < 60; ++i) doc.lines.push_back(Line{"Plat n° " + std::to_string(i), 1'000, "C62", Money::cents(100), VatRate{1000}, 1});
    const std::string text = pdf_text(dumped("many-lines.pdf", invoice_pdf(doc, kExampleCooks)));
    EXPECT_NE(text.find("Plat n° 59"), std::string::npos);
    EXPECT_NE(text.find("page 2"), std::string::npos) << text;
    EXPECT_NE(text.find("Net à payer"), std::string::npos);
}

TEST(QuotePdf, StatesGuestsDatePlaceAndValidity) {
    REQUIRE_PDFTOTEXT();
    Document doc = example::order();
    doc.number = "DV-2026-0019";
    doc.issue_date = "2026-11-20";
    const QuoteDetails q{60, "2026-12-12", "Salle des fêtes, Bagnolet", "2026-12-20"};
    const std::string text = squeeze(pdf_text(quote_pdf(doc, q, kExampleCooks)));
    for (const std::string want : {"Devis", "N° DV-2026-0019", "20/11/2026", "Valable jusqu'au", "Prestation du 12/12/2026 pour 60 personnes",
                                   "Salle des fêtes, Bagnolet", "réalisé par Awa Diop", "Total TTC", "1 869,75 €", "Bon pour accord"}) {
        EXPECT_NE(text.find(want), std::string::npos) << "missing \"" << want << "\" in\n" << text;
    }
    EXPECT_EQ(text.find("Net à payer"), std::string::npos);
}

TEST(QuotePdf, RefusesBadDetails) {
    Document doc = example::order();
    EXPECT_THROW(quote_pdf(doc, QuoteDetails{-1, "2026-12-12", "Salle", "2026-12-20"}), InputError);
    EXPECT_THROW(quote_pdf(doc, QuoteDetails{60, "12/12/2026", "Salle", "2026-12-20"}), InputError);
    EXPECT_THROW(quote_pdf(doc, QuoteDetails{60, "2026-12-12", "", "2026-12-20"}), InputError);
    EXPECT_THROW(quote_pdf(doc, QuoteDetails{60, "2026-12-12", "Salle", "2026-11-01"}), InputError);  // before its date
    doc.lines[0].entrepreneur_id = 0;
    EXPECT_THROW(quote_pdf(doc, QuoteDetails{60, "2026-12-12", "Salle", "2026-12-20"}), InputError);
}

TEST(InvoicePdf, Helpers) {
    EXPECT_EQ(french_date("2026-12-14"), "14/12/2026");
    EXPECT_EQ(quantity_text(7'500), "7,5");
    EXPECT_EQ(quantity_text(60'000), "60");
    EXPECT_EQ(quantity_text(1'250), "1,25");
}

namespace {

Document example_quote() {
    Document doc = example::order();
    doc.number = "DV-2026-0019";
    doc.issue_date = "2026-11-20";
    return doc;
}
const QuoteDetails kQuote{60, "2026-12-12", "Salle des fêtes Jean-Moulin, Bagnolet", "2026-12-20"};

}  // namespace

TEST(InvoicePdf, SameDocumentSameBytes) {
    EXPECT_TRUE(invoice_pdf(example_final_invoice(), kExampleCooks) == invoice_pdf(example_final_invoice(), kExampleCooks));
}

TEST(InvoicePdf, ExamplesInDocsAreCurrent) {
    expect_example_pdf("invoice-final.pdf", invoice_pdf(example_final_invoice(), kExampleCooks));
    expect_example_pdf("invoice-deposit.pdf", invoice_pdf(example_deposit_invoice(), kExampleCooks));
    expect_example_pdf("quote.pdf", quote_pdf(example_quote(), kQuote, kExampleCooks));
}
