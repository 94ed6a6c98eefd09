// Issue 12 item 13: the services behind the manager's screens check what the CLI's do. One product
// version per save, with the catalogue import's rules; a new PIN in the credentials file only.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "app/core/limits.hpp"
#include "app/services/manage.hpp"
#include "app/services/pictures.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

class Manage : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path);
    }
    std::int64_t scalar(const std::string& sql) { return testing::raw_scalar(path, sql); }
    std::int64_t versions() { return scalar("SELECT COUNT(*) FROM journal WHERE kind = 'product.set'"); }
    std::int64_t records() { return scalar("SELECT COUNT(*) FROM journal"); }
    // The refusal is an InputError whose text contains `words`, and nothing at all is recorded.
    template <class F>
    void expect_refused(F&& action, const std::string& words) {
        const auto before = records();
        try {
            action();
            ADD_FAILURE() << "accepted: " << words;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
        EXPECT_EQ(records(), before) << words;
    }
    testing::TempDir dir;
    std::string path;
    std::unique_ptr<Till> till;
};

TEST_F(Manage, ASaveIsOneVersionAndAnUnchangedOneNone) {
    const Actor karim = till->sign_in("Karim", "2345");
    Product p = till->product("MAFE").value();
    const auto before = versions();
    p.price = Money::cents(1050);
    EXPECT_TRUE(save_product(*till, karim, p));
    EXPECT_EQ(versions(), before + 1);
    EXPECT_FALSE(save_product(*till, karim, p));
    EXPECT_EQ(versions(), before + 1);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM product_versions WHERE sku = 'MAFE'"), 2);
    EXPECT_EQ(till->product("MAFE")->price, Money::cents(1050));
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Manage, BadProductsAreRefusedAndNothingRecorded) {
    const Actor karim = till->sign_in("Karim", "2345");
    const Product good = till->product("MAFE").value();
    Product p = good;
    p.vat = VatRate{700};
    expect_refused([&] { save_product(*till, karim, p); }, "7");
    p = good, p.price = Money::cents(-1);
    expect_refused([&] { save_product(*till, karim, p); }, "negative");
    p = good, p.price = Money::cents(kMaxUnitPriceCents + 1);
    expect_refused([&] { save_product(*till, karim, p); }, "mistyped");
    p = good, p.sku = "A B";
    expect_refused([&] { save_product(*till, karim, p); }, "spaces");
    p = good, p.name = "";
    expect_refused([&] { save_product(*till, karim, p); }, "name");
    p = good, p.entrepreneur_id = 999;
    expect_refused([&] { save_product(*till, karim, p); }, "entrepreneur");
    p = good, p.category_id = 999;
    expect_refused([&] { save_product(*till, karim, p); }, "category");
    // A rate the till is configured for is accepted.
    till->ledger().set_setting("vat.extra_rates", "8.5");
    p = good, p.vat = VatRate{850};
    EXPECT_TRUE(save_product(*till, karim, p));
    EXPECT_EQ(known_vat_rates(*till).size(), 6u);  // 20, 10, 8,5, 5,5, 2,1 and 0 %
}

TEST_F(Manage, ANewPinReplacesTheOldOneAndStaysOutOfTheLedger) {
    const Actor karim = till->sign_in("Karim", "2345");
    EXPECT_THROW(till->sign_in("Lucie", "0000"), InputError);  // a wrong PIN counted
    till->reset_pin(karim, "Lucie", "86420");
    EXPECT_THROW(till->sign_in("Lucie", "1111"), InputError);
    EXPECT_NO_THROW(till->sign_in("Lucie", "86420"));
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM events WHERE code = 'pin.reset'"), 1);
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(bytes.find("argon2"), std::string::npos);
    // Refusals: a bad PIN, an unknown user, a role above the manager's, a seller.
    expect_refused([&] { till->reset_pin(karim, "Lucie", "12"); }, "4");
    expect_refused([&] { till->reset_pin(karim, "Nobody", "1234"); }, "Nobody");
    EXPECT_THROW(till->reset_pin(karim, "Awa", "9999"), InputError);
    EXPECT_NO_THROW(till->sign_in("Awa", "1234"));
    const Actor lucie = till->sign_in("Lucie", "86420");
    EXPECT_THROW(till->reset_pin(lucie, "Lucie", "2222"), InputError);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}


// Issue 12 items 8 and 13: a picture set on a product is a readable PNG or JPEG within limits,
// recorded as a new version; anything else is refused with nothing recorded; empty clears it.
TEST_F(Manage, APictureIsCheckedBeforeItIsRecorded) {
    const Actor karim = till->sign_in("Karim", "2345");
    const std::string folder = std::filesystem::path(path).parent_path().string();
    std::filesystem::copy_file(std::string(CAISSE_SOURCE_DIR) + "/assets/demo/pictures/bissap.png", folder + "/jus.png");
    std::ofstream(folder + "/text.png", std::ios::binary) << "not a picture";
    {
        std::ifstream in(folder + "/jus.png", std::ios::binary);
        const std::string whole((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::ofstream(folder + "/cut.png", std::ios::binary) << whole.substr(0, 200);  // a truncated PNG
    }
    {
        std::ofstream big(folder + "/big.jpg", std::ios::binary);
        big << "\xFF\xD8\xFF" << std::string(static_cast<std::size_t>(kMaxPictureFileBytes), 'x');
    }
    Product p = till->product("YASSA").value();
    const auto before = versions();
    p.picture = "jus.png";  // beside the ledger
    EXPECT_TRUE(save_product(*till, karim, p));
    EXPECT_EQ(versions(), before + 1);
    EXPECT_EQ(till->product("YASSA")->picture, "jus.png");
    p.picture = folder + "/jus.png";  // a full path works too
    EXPECT_TRUE(save_product(*till, karim, p));
    p.picture = "demo/pictures/mafe.jpg";  // in the assets folder
    EXPECT_TRUE(save_product(*till, karim, p));
    for (const char* bad : {"text.png", "cut.png", "big.jpg", "nowhere.png", "demo/pictures"}) {
        p.picture = bad;
        expect_refused([&] { save_product(*till, karim, p); }, "picture");
    }
    p.picture = std::string(kMaxPicturePathChars + 1, 'a');
    expect_refused([&] { save_product(*till, karim, p); }, "picture");
    p.picture = "";
    EXPECT_TRUE(save_product(*till, karim, p));
    EXPECT_EQ(till->product("YASSA")->picture, "");
    // A picture recorded earlier whose file is gone does not block a price change.
    p.picture = "jus.png";
    EXPECT_TRUE(save_product(*till, karim, p));
    std::filesystem::remove(folder + "/jus.png");
    p.price = Money::cents(1234);
    EXPECT_TRUE(save_product(*till, karim, p));
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST(Pictograms, AProductLineWinsOverItsCategoryWhichWinsOverTheDefault) {
    Pictograms p;
    p.add_csv("# comment\ndefault;🏷️\ncategory:Plats;🍲\nsku:CAFE;☕\nno separator\ncategory:Vide;\n");
    EXPECT_EQ(p.for_product("MAFE", "Plats"), "🍲");
    EXPECT_EQ(p.for_product("MAFE", "  PLATS "), "🍲");  // names compared by their key
    EXPECT_EQ(p.for_product("CAFE", "Plats"), "☕");
    EXPECT_EQ(p.for_product("X", "Autre"), "🏷️");
    EXPECT_EQ(p.for_product("X", "Vide"), "🏷️");  // an empty pictogram is no line
    p.add_csv("category:Plats;🍛\n");              // a later file wins
    EXPECT_EQ(p.for_product("MAFE", "Plats"), "🍛");
    EXPECT_EQ(Pictograms().for_product("X", "Plats"), "");
}

TEST(Pictograms, EveryDemoCategoryHasOne) {
    const Pictograms p = Pictograms::load("");
    for (const char* category : {"Plats", "Boissons", "Desserts", "Entrées", "Sacs", "Accessoires", "Écharpes", "Maison", "Services"})
        EXPECT_NE(p.for_product("", category), p.for_product("", "no such category")) << category;
}

}  // namespace
}  // namespace caisse
