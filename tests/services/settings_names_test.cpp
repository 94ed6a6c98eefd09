// Issue 10, item 3 at the service level: names unique after NFKC and case folding, settings
// validated (business text, printer targets, extra VAT rates); a refusal stores nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "app/services/printing.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

using ::testing::HasSubstr;

std::string error_of(auto&& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(accepted)";
}

class SettingsAndNames : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path);
        receipts = dir.file("receipts");
        std::filesystem::create_directory(receipts);
    }
    std::string set(const std::string& key, const std::string& value) {
        return error_of([&] { set_till_setting(*till, testing::as(*till, "Karim"), key, value); });
    }
    testing::TempDir dir;
    std::string path, receipts;
    std::unique_ptr<Till> till;
};

TEST_F(SettingsAndNames, UserNamesCollideAfterFolding) {
    const auto before = till->users().size();
    EXPECT_THAT(error_of([&] { till->add_user(testing::as(*till, "Awa"), "AWA", "seller", "4321"); }), HasSubstr("already exists (as \"Awa\")"));
    EXPECT_THAT(error_of([&] { till->add_user(testing::as(*till, "Awa"), "\xEF\xBC\xA1\xEF\xBD\x97\xEF\xBD\x81", "seller", "4321"); }),
                HasSubstr("already exists"));
    EXPECT_NO_THROW(till->add_user(testing::as(*till, "Awa"), "L\xC3\xA9" "a", "seller", "4321"));
    EXPECT_THAT(error_of([&] { till->add_user(testing::as(*till, "Awa"), "LE\xCC\x81" "A", "seller", "4321"); }), HasSubstr("already exists"));
    EXPECT_THAT(error_of([&] { till->add_user(testing::as(*till, "Awa"), "Awa\xE2\x80\x8F", "seller", "4321"); }), HasSubstr("invisible"));
    EXPECT_EQ(till->users().size(), before + 1);
}

TEST_F(SettingsAndNames, CatalogueNamesResolveByKey) {
    const auto ents = till->entrepreneurs().size(), cats = till->categories().size();
    const auto s = till->import_catalogue(testing::as(*till, "Karim"), 
        "sku,name,price,vat,entrepreneur,category\nNEW1,Nouveau,2.00,10,AMINATA  DIOP,plats\n");
    EXPECT_EQ(s.entrepreneurs_created, 0);
    EXPECT_EQ(s.categories_created, 0);
    EXPECT_EQ(till->entrepreneurs().size(), ents);
    EXPECT_EQ(till->categories().size(), cats);
    // Two spellings of one new name in one file make one entrepreneur.
    const auto t = till->import_catalogue(testing::as(*till, "Karim"), 
        "sku,name,price,vat,entrepreneur,category\nN2,a,2.00,10,Zo\xC3\xA9,Neuf\nN3,b,2.00,10,ZOE\xCC\x81,NEUF\n");
    EXPECT_EQ(t.entrepreneurs_created, 1);
    EXPECT_EQ(t.categories_created, 1);
    EXPECT_EQ(till->product("N2")->entrepreneur_id, till->product("N3")->entrepreneur_id);
}

TEST_F(SettingsAndNames, BusinessFieldsRefuseInvisibleAndEmpty) {
    const auto name_before = till->ledger().setting("business.name");
    EXPECT_THAT(set("business.name", "Caisse \xE2\x80\xAE" "abc"), HasSubstr("the business name contains an invisible"));
    EXPECT_THAT(set("business.brand", ""), HasSubstr("the trading name is empty"));
    EXPECT_THAT(set("business.name", "A\x1B[2J"), HasSubstr("control character"));
    EXPECT_THAT(set("business.address", "1 rue X\\n\xE2\x81\xA6" "75000"), HasSubstr("invisible"));
    EXPECT_EQ(set("business.address", "1 rue X\\n75000 Paris"), "(accepted)");
    EXPECT_EQ(set("receipt.footer", ""), "(accepted)");  // no footer
    EXPECT_EQ(till->ledger().setting("business.name"), name_before);
}

TEST_F(SettingsAndNames, PrinterNeverWritesIntoTheLedger) {
    for (const std::string& target : {path, path + "-wal", path + "-shm", path + ".key", path + ".head", path + ".secrets"})
        EXPECT_THAT(set("printer.uri", "file:" + target), HasSubstr("ledger's own files")) << target;
    ASSERT_EQ(set("printer.receipts_dir", receipts), "(accepted)");
    ASSERT_EQ(::symlink(path.c_str(), (receipts + "/link.bin").c_str()), 0);
    EXPECT_THAT(set("printer.uri", "file:" + receipts + "/link.bin"), HasSubstr("ledger's own files"));
    ASSERT_EQ(::link((path + ".key").c_str(), (receipts + "/hard.bin").c_str()), 0);
    EXPECT_THAT(set("printer.uri", "file:" + receipts + "/hard.bin"), HasSubstr("ledger's own files"));
    // A print command's URI is checked the same way.
    EXPECT_THAT(error_of([&] { printer_config(*till, "file:" + path, std::nullopt); }), HasSubstr("ledger's own files"));
    EXPECT_FALSE(till->ledger().setting("printer.uri").has_value());
}

TEST_F(SettingsAndNames, RegularFilesOnlyInTheReceiptsFolder) {
    EXPECT_THAT(set("printer.uri", "file:" + receipts + "/r.bin"), HasSubstr("set printer.receipts_dir"));
    ASSERT_EQ(set("printer.receipts_dir", receipts), "(accepted)");
    EXPECT_EQ(set("printer.uri", "file:" + receipts + "/r.bin"), "(accepted)");
    EXPECT_THAT(set("printer.uri", "file:" + dir.file("r.bin")), HasSubstr("outside the receipts folder"));
    EXPECT_THAT(set("printer.uri", "file:" + receipts + "/../r.bin"), HasSubstr("outside the receipts folder"));
    EXPECT_THAT(set("printer.uri", "file:" + receipts), HasSubstr("neither a device nor a regular file"));
    EXPECT_EQ(set("printer.uri", "file:/dev/null"), "(accepted)");           // a character device
    EXPECT_EQ(set("printer.uri", "file:/dev/usb/caisse-lp9"), "(accepted)");  // an unplugged printer
    EXPECT_EQ(set("printer.uri", "tcp://192.0.2.1"), "(accepted)");
    EXPECT_EQ(set("printer.uri", "file:" + receipts + "/r.bin"), "(accepted)");
    // Moving the folder away from the printer file is refused; both at once is fine.
    std::filesystem::create_directory(dir.file("elsewhere"));
    EXPECT_THAT(set("printer.receipts_dir", dir.file("elsewhere")), HasSubstr("outside the receipts folder"));
    EXPECT_NO_THROW(set_till_settings(*till, testing::as(*till, "Karim"), {{"printer.receipts_dir", dir.file("elsewhere")},
                                              {"printer.uri", "file:" + dir.file("elsewhere") + "/r.bin"}}));
    EXPECT_THAT(set("printer.receipts_dir", dir.file("nowhere")), HasSubstr("not an existing folder"));
}

TEST_F(SettingsAndNames, ExtraVatRatesAreStoredCanonicalAndUsedByImport) {
    const std::string csv = "sku,name,price,vat,entrepreneur,category\nDOM,Rhum,2.00,8.5,Awa,Boissons\n";
    EXPECT_THAT(error_of([&] { till->import_catalogue(testing::as(*till, "Karim"), csv); }), HasSubstr("VAT rate 8,5"));
    EXPECT_EQ(set("vat.extra_rates", "8.5 ; 13"), "(accepted)");
    EXPECT_EQ(till->ledger().setting("vat.extra_rates"), "8.5,13");
    EXPECT_NO_THROW(till->import_catalogue(testing::as(*till, "Karim"), csv));
    EXPECT_THAT(set("vat.extra_rates", "5.5"), HasSubstr("already a standard rate"));
}

}  // namespace
}  // namespace caisse
