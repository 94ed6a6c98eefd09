// Production sheets (issue 14, item 6): the worked example's three cooks, each sheet read as the
// receipt printer lays it out (drivers::preview_lines, 48 and 32 columns).
#include "app/services/production_sheet.hpp"

#include <gtest/gtest.h>

#include "drivers/preview.hpp"
#include "tests/core/invoice_example.hpp"

using namespace caisse;
using namespace caisse::invoice;

namespace {

const std::string kSource = CAISSE_SOURCE_DIR;

i18n::Translator french() { return i18n::Translator::load("fr", kSource + "/assets/i18n"); }

ProductionOrder example_order() {
    return ProductionOrder{example::order(), 60, "Salle des fêtes, Bagnolet", {{1, "Awa Diop"}, {2, "Karim Benali"}, {3, "Lucía Romero"}}};
}

std::string text_of(const drivers::Document& doc, int columns = 48) {
    std::string out;
    for (const auto& l : drivers::preview_lines(doc, columns)) out += l + "\n";
    return out;
}

bool has(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// The sheet's text with its wrapped lines joined and runs of spaces made one: what a reader reads.
std::string flat(const std::string& text) {
    std::string out;
    for (char c : text) {
        if (c == '\n') c = ' ';
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out += c;
    }
    return out;
}

}  // namespace

TEST(ProductionSheet, OneSheetPerCookInOrderOfTheirFirstLine) {
    const auto sheets = production_sheets(example_order(), french());
    ASSERT_EQ(sheets.size(), 3u);
    EXPECT_EQ(sheets[0].first, 1);
    EXPECT_EQ(sheets[1].first, 2);
    EXPECT_EQ(sheets[2].first, 3);
    for (const auto& [id, doc] : sheets) EXPECT_TRUE(std::holds_alternative<drivers::CutBlock>(doc.blocks.back())) << id;
}

TEST(ProductionSheet, SaysWhatTheCookPreparesForHowManyAndWhen) {
    const drivers::Document sheet = production_sheet(example_order(), 1, french());
    ASSERT_TRUE(std::holds_alternative<drivers::TextBlock>(sheet.blocks.front()));
    EXPECT_EQ(std::get<drivers::TextBlock>(sheet.blocks.front()).text, "FICHE DE PRODUCTION");
    const std::string awa = flat(text_of(sheet));
    for (const std::string want : {"Awa Diop", "C-2026-0031", "Mairie de Bagnolet", "12/12/2026",
                                   "Salle des fêtes, Bagnolet", "Convives", "60", "À préparer", "Buffet salé sénégalais",
                                   "1 par convive", "Service en salle, 7,5 heures", "7,5 h",
                                   "Cuisinent aussi pour cette commande : Karim Benali, Lucía Romero"})
        EXPECT_TRUE(has(awa, want)) << "missing \"" << want << "\" in\n" << awa;
    // Only Awa's lines, and no price: the kitchen's sheet.
    EXPECT_FALSE(has(awa, "Mezze")) << awa;
    EXPECT_FALSE(has(awa, "Desserts")) << awa;
    EXPECT_FALSE(has(awa, "€")) << awa;

    const std::string karim = flat(text_of(production_sheet(example_order(), 2, french())));
    EXPECT_TRUE(has(karim, "Mezze et tajine d'agneau")) << karim;
    EXPECT_TRUE(has(karim, "Livraison et installation du buffet")) << karim;
    EXPECT_FALSE(has(karim, "Buffet salé")) << karim;
    EXPECT_TRUE(has(karim, "Awa Diop, Lucía Romero")) << karim;
}

TEST(ProductionSheet, QuantityIsPrintedWithTheDescriptionOnANarrowPrinter) {
    // 58 mm paper: 32 columns; the quantity sits at the right of the line's first row.
    const std::string lucia = text_of(production_sheet(example_order(), 3, french()), 32);
    bool found = false;
    for (std::size_t at = 0, end; (end = lucia.find('\n', at)) != std::string::npos; at = end + 1) {
        const std::string line = lucia.substr(at, end - at);
        if (has(line, "Desserts")) found = line.size() >= 2 && line.substr(line.size() - 2) == "60";
    }
    EXPECT_TRUE(found) << lucia;
}

TEST(ProductionSheet, TwoPortionsPerGuest) {
    ProductionOrder po = example_order();
    po.order.lines[2].quantity_milli = 120'000;
    EXPECT_TRUE(has(text_of(production_sheet(po, 3, french())), "2 par convive"));
    po.order.lines[2].quantity_milli = 90'000;  // not a whole multiple: no per-guest hint
    EXPECT_FALSE(has(text_of(production_sheet(po, 3, french())), "par convive"));
}

TEST(ProductionSheet, RefusesBadInput) {
    ProductionOrder po = example_order();
    EXPECT_THROW(production_sheet(po, 9, french()), InputError);  // nothing to prepare
    po.guests = 0;
    EXPECT_THROW(production_sheets(po, french()), InputError);
    po = example_order();
    po.order.kind = Kind::deposit;
    EXPECT_THROW(production_sheets(po, french()), InputError);
    po = example_order();
    po.order.lines.clear();
    EXPECT_THROW(production_sheets(po, french()), InputError);
}
