// Catalogue CSV: separators, quoting, French numbers, BOM, CRLF, line-numbered errors, round trip.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/core/catalogue.hpp"

namespace caisse {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const std::string kHeader = "sku,name,price,vat,entrepreneur,category\n";

// The message of the InputError the CSV raises, or "<no error>".
std::string error_of(const std::string& csv) {
    try {
        parse_catalogue_csv(csv);
    } catch (const InputError& e) {
        return e.what();
    }
    return "<no error>";
}

TEST(CatalogueCsv, CommaSeparated) {
    const auto rows = parse_catalogue_csv(
        "sku,name,price,vat,entrepreneur,category\n"
        "MAFE,Mafé poulet,8.50,10,Awa,Plats\n"
        "JUS,Jus de bissap,2.50,5.5,Awa,Boissons\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].line, 2);
    EXPECT_EQ(rows[0].sku, "MAFE");
    EXPECT_EQ(rows[0].name, "Mafé poulet");
    EXPECT_EQ(rows[0].price, Money::cents(850));
    EXPECT_EQ(rows[0].vat.bp, 1000);
    EXPECT_EQ(rows[0].entrepreneur, "Awa");
    EXPECT_EQ(rows[0].category, "Plats");
    EXPECT_EQ(rows[0].picture, "");
    EXPECT_FALSE(rows[0].open_price);
    EXPECT_TRUE(rows[0].active);
    EXPECT_EQ(rows[1].line, 3);
    EXPECT_EQ(rows[1].price, Money::cents(250));
    EXPECT_EQ(rows[1].vat.bp, 550);
}

TEST(CatalogueCsv, SemicolonSeparatedWithFrenchNumbers) {
    const auto rows = parse_catalogue_csv(
        "sku;name;price;vat;entrepreneur;category\n"
        "MAFE;Mafé, poulet;8,50;10;Awa;Plats\n"
        "JUS;Jus;2,5;5,5;Awa;Boissons\n"
        "TAPIS;Tapis;1 234,50;20;Karim;Textile\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].name, "Mafé, poulet");  // a comma is plain text with ';' separators
    EXPECT_EQ(rows[0].price, Money::cents(850));
    EXPECT_EQ(rows[1].price, Money::cents(250));
    EXPECT_EQ(rows[1].vat.bp, 550);
    EXPECT_EQ(rows[2].price, Money::cents(123450));
    EXPECT_EQ(rows[2].vat.bp, 2000);
}

TEST(CatalogueCsv, QuotedFields) {
    const auto rows = parse_catalogue_csv(
        kHeader +
        "MAFE,\"Mafé, sauce \"\"maison\"\"\",\"8,50\",\"5,5\",\"Awa, la cheffe\",Plats\n"
        "PAIN,\"Pain au maïs\",1,5.5,Awa,Plats\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].name, "Mafé, sauce \"maison\"");
    EXPECT_EQ(rows[0].price, Money::cents(850));
    EXPECT_EQ(rows[0].vat.bp, 550);
    EXPECT_EQ(rows[0].entrepreneur, "Awa, la cheffe");
    EXPECT_EQ(rows[1].name, "Pain au maïs");
    EXPECT_EQ(rows[1].line, 3);
    // A quoted newline stays in its field (the picture column is not a name)...
    const auto pic = parse_catalogue_csv("sku,name,price,vat,entrepreneur,category,picture\nA,a,1,10,E,C,\"p\nq\"\n");
    EXPECT_EQ(pic.at(0).picture, "p\nq");
    try {  // and lines are counted across it
        parse_catalogue_csv("sku,name,price,vat,entrepreneur,category,picture\nA,a,1,10,E,C,\"p\nq\"\nB,b,x,10,E,C,\n");
        ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("line 4:", 0), 0u) << e.what();
    }
    // ...but a name is one line (issue 10: names refuse control characters).
    try {
        parse_catalogue_csv(kHeader + "MAFE,Mafé,1,10,E,C\nPAIN,\"Pain\nau maïs\",1,5.5,Awa,Plats\n");
        ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
        EXPECT_STREQ(e.what(), "line 3: the product name contains a control character (U+000A)");
    }
}

TEST(CatalogueCsv, PriceWithDotOrComma) {
    const auto rows = parse_catalogue_csv(kHeader + "A,a,8.50,10,E,C\nB,b,\"8,50\",10,E,C\nC,c,8,10,E,C\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].price, Money::cents(850));
    EXPECT_EQ(rows[1].price, Money::cents(850));
    EXPECT_EQ(rows[2].price, Money::cents(800));
}

TEST(CatalogueCsv, BomSkippedAndCrlfLineEndings) {
    const auto rows = parse_catalogue_csv(
        "\xEF\xBB\xBFsku;name;price;vat;entrepreneur;category\r\n"
        "MAFE;Mafé;8,50;5,5;Awa;Plats\r\n"
        "\"JUS\";\"Jus\";2,50;5,5;Awa;Boissons\r\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].sku, "MAFE");  // the header's first column was found despite the BOM
    EXPECT_EQ(rows[0].category, "Plats");  // no stray '\r' at the end of the row
    EXPECT_EQ(rows[0].vat.bp, 550);
    EXPECT_EQ(rows[1].sku, "JUS");
    EXPECT_EQ(rows[1].category, "Boissons");
    EXPECT_EQ(rows[1].line, 3);
}

TEST(CatalogueCsv, NoTrailingNewlineAndBlankLines) {
    const auto rows = parse_catalogue_csv(kHeader + "\nA,a,1,10,E,C\n\n\nB,b,2,10,E,C");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].line, 3);
    EXPECT_EQ(rows[1].line, 6);
}

TEST(CatalogueCsv, HeaderIsCaseAndOrderInsensitiveAndOptionalColumnsWork) {
    const auto rows = parse_catalogue_csv(
        " Category ,PRICE,Sku,Name,VAT,Entrepreneur,open_price,active,picture\n"
        "Plats,,DIVERS,Divers,10,Awa,oui,,divers.png\n"
        "Plats,3,OLD,Ancien,10,Awa,non,0,\n");
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].sku, "DIVERS");
    EXPECT_TRUE(rows[0].open_price);
    EXPECT_EQ(rows[0].price, Money());  // an open-price product may leave the price empty
    EXPECT_TRUE(rows[0].active);
    EXPECT_EQ(rows[0].picture, "divers.png");
    EXPECT_FALSE(rows[1].open_price);
    EXPECT_FALSE(rows[1].active);
    EXPECT_EQ(rows[1].price, Money::cents(300));
}

TEST(CatalogueCsv, BrokenRowNamesItsLine) {
    struct Case {
        std::string rows;  // after the header (line 1)
        int line;
        std::string also;  // another part of the message
    };
    const std::vector<Case> cases = {
        {"A,a,1,10,E,C\nB,b,abc,10,E,C\n", 3, "abc"},                 // bad price
        {"A,a,1,10,E,C\nB,b,8.505,10,E,C\n", 3, "8.505"},             // three decimals
        {"A,a,1,10,E,C\nB,b,1,10,E,C\nC,c,1,10,E\n", 4, "fields"},  // missing field
        {"A,a,1,10,E,C,extra\n", 2, "fields"},                       // extra field
        {"A,a,1,10,E,C\nB,b,1,10,E,C\nA,x,1,10,E,C\n", 4, "twice"},  // duplicate SKU
        {"A,a,1,abc,E,C\n", 2, "VAT"},                               // bad vat
        {"A,a,1,150,E,C\n", 2, "VAT"},                               // vat above 100 %
        {"A,a,1,5,555,E,C\n", 2, "fields"},                          // unquoted French vat splits the row
        {"A,a,-1,10,E,C\n", 2, "negative"},                          // negative price
        {"A,a,,10,E,C\n", 2, "empty"},                               // price missing, not open price
        {"A,,1,10,E,C\n", 2, "name"},                                // empty name
        {"A,a,1,10,,C\n", 2, "entrepreneur"},                        // empty entrepreneur
        {"A,a,1,10,E,\n", 2, "category"},                            // empty category
        {",a,1,10,E,C\n", 2, "SKU"},                                 // empty SKU
        {"A B,a,1,10,E,C\n", 2, "SKU"},                              // SKU with a space
        {"\n\nA,a,1,10,E,C\nB,b,x,10,E,C\n", 5, "x"},                // line counts blank lines
        {"A,\"a\"b,1,10,E,C\n", 2, "quote"},                         // text after a closing quote
    };
    for (const auto& k : cases) {
        const std::string m = error_of(kHeader + k.rows);
        EXPECT_THAT(m, HasSubstr("line " + std::to_string(k.line) + ":")) << k.rows;
        EXPECT_THAT(m, HasSubstr(k.also)) << k.rows;
    }
}

TEST(CatalogueCsv, BadFlagNamesLineAndColumn) {
    const std::string m = error_of(
        "sku,name,price,vat,entrepreneur,category,active\nA,a,1,10,E,C,1\nB,b,1,10,E,C,peut-être\n");
    EXPECT_THAT(m, HasSubstr("line 3:"));
    EXPECT_THAT(m, HasSubstr("active"));
    EXPECT_THAT(m, Not(HasSubstr("line 3: line 3")));
}

TEST(CatalogueCsv, UnclosedQuoteNamesTheLineWhereItOpened) {
    const std::string m = error_of(kHeader + "A,a,1,10,E,C\nB,\"b,1,10,E,C\nC,c,1,10,E,C\n");
    EXPECT_THAT(m, HasSubstr("line 3:"));
    EXPECT_THAT(m, HasSubstr("never closed"));
}

TEST(CatalogueCsv, MissingRequiredColumnThrows) {
    for (const char* column : {"sku", "name", "price", "vat", "entrepreneur", "category"}) {
        std::string header;
        for (const char* c : {"sku", "name", "price", "vat", "entrepreneur", "category"}) {
            if (std::string(c) == column) continue;
            header += header.empty() ? "" : ",";
            header += c;
        }
        const std::string m = error_of(header + "\n");
        EXPECT_THAT(m, HasSubstr("line 1:")) << column;
        EXPECT_THAT(m, HasSubstr(std::string("\"") + column + "\"")) << column;
    }
}

TEST(CatalogueCsv, DuplicateColumnEmptyFileAndNonUtf8Throw) {
    EXPECT_THAT(error_of("sku,name,price,vat,entrepreneur,category,SKU\n"), HasSubstr("twice"));
    EXPECT_THROW(parse_catalogue_csv(""), InputError);
    EXPECT_THROW(parse_catalogue_csv("\xEF\xBB\xBF"), InputError);
    EXPECT_THROW(parse_catalogue_csv("\n\n"), InputError);
    EXPECT_THAT(error_of(kHeader + "A,Caf\xE9,1,10,E,C\n"), HasSubstr("UTF-8"));  // Latin-1 export
}

TEST(CatalogueCsv, HeaderOnlyGivesNoRows) { EXPECT_TRUE(parse_catalogue_csv(kHeader).empty()); }

TEST(CatalogueCsv, WriteThenParseGivesTheSameRows) {
    std::vector<CatalogueRow> rows(5);
    rows[0] = {0, "MAFE", "Mafé poulet", "Awa", "Plats", "mafe.png", Money::cents(850), VatRate{1000}, false, true};
    rows[1] = {0, "JUS", "Jus \"bissap\", frais; maison", "Awa; Fatou", "Boissons, froides", "", Money::cents(250),
               VatRate{550}, false, true};
    rows[2] = {0, "DIVERS", "Divers", "Karim", "Textile", "", Money::cents(0), VatRate{2000}, true, true};
    rows[3] = {0, "OLD", "Ancien produit", "Karim", "Textile", "a\nb.png", Money::cents(9999999), VatRate{850}, false,
               false};
    rows[4] = {0, "X-1", "\"Le\" mafé", "E", "C", "", Money::cents(5), VatRate{210}, true, false};
    const std::string csv = write_catalogue_csv(rows);
    const VatRate overseas[] = {VatRate{850}};
    const auto back = parse_catalogue_csv(csv, overseas);
    ASSERT_EQ(back.size(), rows.size()) << csv;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        SCOPED_TRACE("row " + std::to_string(i));
        EXPECT_EQ(back[i].sku, rows[i].sku);
        EXPECT_EQ(back[i].name, rows[i].name);
        EXPECT_EQ(back[i].entrepreneur, rows[i].entrepreneur);
        EXPECT_EQ(back[i].category, rows[i].category);
        EXPECT_EQ(back[i].picture, rows[i].picture);
        EXPECT_EQ(back[i].price, rows[i].price);
        EXPECT_EQ(back[i].vat, rows[i].vat);
        EXPECT_EQ(back[i].open_price, rows[i].open_price);
        EXPECT_EQ(back[i].active, rows[i].active);
    }
    // Writing what was read gives the same text.
    EXPECT_EQ(write_catalogue_csv(back), csv);
}

TEST(CatalogueCsv, WriteFormat) {
    const std::vector<CatalogueRow> rows = {
        {0, "JUS", "Jus, frais", "Awa", "Boissons", "", Money::cents(250), VatRate{550}, false, true}};
    EXPECT_EQ(write_catalogue_csv(rows),
              "sku,name,price,vat,entrepreneur,category,open_price,active,picture\n"
              "JUS,\"Jus, frais\",2.50,5.5,Awa,Boissons,0,1,\n");
    // Separators of either kind, quotes and line breaks are quoted, so the file reads back in a
    // spreadsheet set to ';' as well as to ','.
    const std::vector<CatalogueRow> tricky = {
        {0, "A", "a;b", "say \"hi\"", "x\ny", "p\rq", Money::cents(-5), VatRate{2000}, true, false}};
    EXPECT_EQ(write_catalogue_csv(tricky),
              "sku,name,price,vat,entrepreneur,category,open_price,active,picture\n"
              "A,\"a;b\",-0.05,20,\"say \"\"hi\"\"\",\"x\ny\",1,0,\"p\rq\"\n");
}

TEST(ValidColour, HexOnly) {
    EXPECT_TRUE(valid_colour("#a1B2c3"));
    EXPECT_TRUE(valid_colour("#000000"));
    EXPECT_FALSE(valid_colour("a1b2c3"));
    EXPECT_FALSE(valid_colour("#a1b2c"));
    EXPECT_FALSE(valid_colour("#a1b2c3d"));
    EXPECT_FALSE(valid_colour("#g1b2c3"));
    EXPECT_FALSE(valid_colour(""));
}

TEST(CheckSku, Rules) {
    EXPECT_NO_THROW(check_sku("MAFE"));
    EXPECT_NO_THROW(check_sku("X-1_b.2"));
    EXPECT_NO_THROW(check_sku(std::string(64, 'A')));
    EXPECT_THROW(check_sku(std::string(65, 'A')), InputError);
    EXPECT_THROW(check_sku(""), InputError);
    EXPECT_THROW(check_sku("A B"), InputError);
    EXPECT_THROW(check_sku("A*B"), InputError);
    EXPECT_THROW(check_sku("A@B"), InputError);
    EXPECT_THROW(check_sku("A\tB"), InputError);
}

}  // namespace
}  // namespace caisse
