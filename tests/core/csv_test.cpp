// Issue 11, item 7: no exported cell runs as a formula; French Excel's CSV shape. Item 6: the FEC's
// ISO 8859-15. Item 1: names one letter apart.
#include <gtest/gtest.h>

#include <climits>

#include "app/core/catalogue.hpp"
#include "app/core/csv.hpp"
#include "app/core/latin9.hpp"
#include "app/core/money.hpp"
#include "app/core/text.hpp"

namespace caisse {
namespace {

TEST(FormulaGuard, EveryDangerousFirstCharacterIsNeutralised) {
    for (const std::string v : {"=1+1", "+33 6 12", "-2+3", "@SUM(A1)", "\tx", "\rx", "=HYPERLINK(\"http://x\")"}) {
        EXPECT_TRUE(starts_like_formula(v)) << v;
        EXPECT_EQ(neutralise_formula(v), "'" + v);
        EXPECT_EQ(strip_formula_guard(neutralise_formula(v)), v);
    }
    for (const std::string v : {"", "Mafé", "1=1", "'=x", "a-b", " =x"}) {
        EXPECT_FALSE(starts_like_formula(v)) << v;
        EXPECT_EQ(neutralise_formula(v), v);
    }
    EXPECT_EQ(strip_formula_guard("'abc"), "'abc");  // an apostrophe the guard did not add stays
}

TEST(FrenchCsv, SemicolonsDecimalCommaBomCrlfQuotes) {
    FrenchCsv csv;
    csv.text("Produit").text("Prix").end_row();
    csv.text("Thé; \"vert\"").money(-850).end_row();
    csv.text("=1+1").money(Money::cents(123456)).rate(VatRate{550}).integer(-3).end_row();
    EXPECT_EQ(csv.str(), "\xEF\xBB\xBFProduit;Prix\r\n\"Thé; \"\"vert\"\"\";-8,50\r\n'=1+1;1234,56;5,5;-3\r\n");
}

TEST(FrenchCsv, NumbersAreExact) {
    EXPECT_EQ(decimal_comma(0), "0,00");
    EXPECT_EQ(decimal_comma(5), "0,05");
    EXPECT_EQ(decimal_comma(-5), "-0,05");
    EXPECT_EQ(decimal_comma(100000000), "1000000,00");
    EXPECT_EQ(decimal_comma(INT64_MIN), "-92233720368547758,08");
    EXPECT_EQ(percent_comma(VatRate{2000}), "20");
    EXPECT_EQ(percent_comma(VatRate{210}), "2,1");
    EXPECT_EQ(percent_comma(VatRate{850}), "8,5");
}

TEST(CatalogueCsv, ExportIsGuardedAndReadsBackTheSame) {
    CatalogueRow r;
    r.sku = "-X1";
    r.name = "=HYPERLINK(\"http://evil\",\"clic\")";
    r.entrepreneur = "@Awa";
    r.category = "+Plats";
    r.price = Money::cents(950);
    r.vat = VatRate{1000};
    const std::string csv = write_catalogue_csv({r});
    EXPECT_NE(csv.find("'-X1,"), std::string::npos) << csv;
    EXPECT_NE(csv.find("\"'=HYPERLINK"), std::string::npos) << csv;
    EXPECT_NE(csv.find(",'@Awa,'+Plats,"), std::string::npos) << csv;
    const auto back = parse_catalogue_csv(csv);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_EQ(back[0].sku, r.sku);
    EXPECT_EQ(back[0].name, r.name);
    EXPECT_EQ(back[0].entrepreneur, r.entrepreneur);
    EXPECT_EQ(back[0].category, r.category);
}

TEST(Latin9, EuroLigaturesAccentsAndWhatItLacks) {
    EXPECT_EQ(to_latin9("Café 5 €"), "Caf\xE9 5 \xA4");
    EXPECT_EQ(to_latin9("Œuf Ÿ šŽ"), "\xBCuf \xBE \xA8\xB4");
    EXPECT_EQ(to_latin9("Leïla"), "Le\xEFla");
    EXPECT_EQ(to_latin9("Le\xCC\x88"), "Le?");    // a lone combining mark has no place
    EXPECT_EQ(to_latin9("Ștefan"), "Stefan");      // S with comma below: its base letter
    EXPECT_EQ(to_latin9("Łódź"), "?\xF3" "dz");    // Ł has no decomposition; ź -> z
    EXPECT_EQ(to_latin9("李"), "?");
    EXPECT_THROW(to_latin9("\xFF"), InputError);
}

TEST(SimilarNames, OneEditApartOnTheNameKey) {
    EXPECT_TRUE(names_one_edit_apart("Léa", "Lea"));        // replaced
    EXPECT_TRUE(names_one_edit_apart("Awa", "Awaa"));       // inserted
    EXPECT_TRUE(names_one_edit_apart("Karim", "Krim"));     // removed
    EXPECT_TRUE(names_one_edit_apart("LÉA", "lea"));        // after case folding
    EXPECT_FALSE(names_one_edit_apart("Léa", "LÉA"));       // the same name, not a lookalike
    EXPECT_FALSE(names_one_edit_apart("Le\xCC\x81" "a", "Léa"));  // NFD and NFC: the same name
    EXPECT_FALSE(names_one_edit_apart("Leïla  Haddad", "Leïla Haddad"));  // spaces collapse: the same
    EXPECT_FALSE(names_one_edit_apart("Léa", "Lise"));      // three edits
    EXPECT_FALSE(names_one_edit_apart("Awa", "Ewaa"));      // two edits
}

}  // namespace
}  // namespace caisse
