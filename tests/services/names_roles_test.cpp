// Issue 12 item 10: product and category names in other languages (catalogue columns name_LANG and
// category_LANG, recorded with the product version, French the fallback), verified and carried by
// bundles. Item 13: a user's role changed by a user.role record, with the role rules.
#include <gtest/gtest.h>

#include <algorithm>

#include "app/core/catalogue.hpp"
#include "app/services/bundle.hpp"
#include "app/services/manage.hpp"
#include "db/records/event_log.hpp"
#include "db/records/user.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

std::string problems_of(const db::VerifyResult& r) {
    std::string out;
    for (const auto& p : r.problems) out += p.terminal + "#" + std::to_string(p.seq) + ": " + p.reason + "\n";
    return out;
}

TEST(CatalogueNames, ColumnsGiveTheNamesAndEmptyCellsFallBack) {
    const auto rows = parse_catalogue_csv(
        "sku;name;price;vat;entrepreneur;category;name_en;category_en\n"
        "MAFE;Mafé poulet;9,50;10;Awa;Plats;Chicken mafé;Mains\n"
        "YASSA;Yassa poisson;10,00;10;Awa;Plats;;Mains\n"
        "EAU;Eau;1,50;5,5;Awa;Boissons;;\n");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].names.at("en"), (LocalNames{"Chicken mafé", "Mains"}));
    EXPECT_EQ(rows[1].names.at("en"), (LocalNames{"", "Mains"}));
    EXPECT_TRUE(rows[2].names.empty());  // both empty: no language kept
    Product mafe{rows[0].sku, rows[0].name, rows[0].price, rows[0].vat, 1, 1, "", false, true, rows[0].names};
    Product yassa{rows[1].sku, rows[1].name, rows[1].price, rows[1].vat, 1, 1, "", false, true, rows[1].names};
    EXPECT_EQ(display_name(mafe, "en"), "Chicken mafé");
    EXPECT_EQ(display_name(mafe, "fr"), "Mafé poulet");
    EXPECT_EQ(display_name(mafe, "de"), "Mafé poulet");
    EXPECT_EQ(display_name(yassa, "en"), "Yassa poisson");  // no English name: French
    // Without the columns, nothing changes.
    const auto plain = parse_catalogue_csv("sku,name,price,vat,entrepreneur,category\nEAU,Eau,1.50,5.5,Awa,Boissons\n");
    EXPECT_TRUE(plain.front().names.empty());
    // Written and read back the same.
    EXPECT_EQ(parse_catalogue_csv(write_catalogue_csv(rows))[0].names, rows[0].names);
    EXPECT_NE(write_catalogue_csv(rows).find("name_en,category_en"), std::string::npos);
    EXPECT_EQ(write_catalogue_csv(plain).find("name_en"), std::string::npos);
}

TEST(CatalogueNames, BadColumnsAndTwoNamesOfOneCategoryAreRefused) {
    auto refused = [](const std::string& csv, const std::string& words) {
        try {
            parse_catalogue_csv(csv);
            ADD_FAILURE() << "accepted: " << csv;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
    };
    refused("sku,name,price,vat,entrepreneur,category,name_fr\nA,a,1,20,Awa,Plats,b\n", "French names go in");
    // A column that is not a language is ignored, as any unknown column.
    EXPECT_TRUE(parse_catalogue_csv("sku,name,price,vat,entrepreneur,category,name_short\nA,a,1,20,Awa,Plats,b\n").front().names.empty());
    refused("sku,name,price,vat,entrepreneur,category,category_en\nA,a,1,20,Awa,Plats,Mains\nB,b,1,20,Awa,Plats,Dishes\n",
            "line 3: category \"Plats\" is \"Mains\" in en on line 2");
}

class NamesAndRoles : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path);
    }
    std::int64_t scalar(const std::string& sql) { return testing::raw_scalar(path, sql); }
    // Records other than JET events: a refusal journals an event (auth.refused), and nothing else.
    std::int64_t records() { return scalar("SELECT COUNT(*) FROM journal WHERE kind <> 'event'"); }
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
    Category category(const std::string& name) {
        const auto all = till->categories();
        const auto it = std::find_if(all.begin(), all.end(), [&](const Category& c) { return c.name == name; });
        return it == all.end() ? Category{} : *it;
    }
    testing::TempDir dir;
    std::string path;
    std::unique_ptr<Till> till;
};

TEST_F(NamesAndRoles, TheDemoCatalogueHasEnglishNamesRecordedWithTheProductVersion) {
    const Product mafe = till->product("MAFE").value();
    EXPECT_EQ(display_name(mafe, "en"), "Chicken mafé");
    EXPECT_EQ(display_name(category("Plats"), "en"), "Mains");
    EXPECT_EQ(display_name(category("Plats"), "fr"), "Plats");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM journal WHERE kind = 'product.set' AND payload LIKE '%\"names\":{\"en\":{%'"),
              scalar("SELECT COUNT(*) FROM journal WHERE kind = 'product.set'"));
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM product_versions WHERE sku = 'MAFE' AND "
                                        "names = '{\"en\":{\"category\":\"Mains\",\"name\":\"Chicken mafé\"}}'"),
              1);
    // Export gives the columns back; importing the export changes nothing.
    const std::string csv = till->export_catalogue();
    EXPECT_NE(csv.find("name_en,category_en"), std::string::npos);
    const Actor karim = till->sign_in("Karim", "2345");
    const auto again = till->import_catalogue(karim, csv);
    EXPECT_EQ(again.added + again.changed, 0);
    EXPECT_TRUE(db::verify_ledger(path).ok) << problems_of(db::verify_ledger(path));
}

TEST_F(NamesAndRoles, ANewTranslationIsANewVersionAndWithoutOneFrenchIsShown) {
    const Actor karim = till->sign_in("Karim", "2345");
    const auto before = scalar("SELECT COUNT(*) FROM product_versions WHERE sku = 'EAU'");
    till->import_catalogue(karim, "sku,name,price,vat,entrepreneur,category,name_en\nEAU,Eau minérale 50 cl,1.50,5.5,Fatima Benali,Boissons,Still water\n"
                                  "SIROP,Sirop,2.00,5.5,Fatima Benali,Boissons,\n");
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM product_versions WHERE sku = 'EAU'"), before + 1);
    EXPECT_EQ(display_name(till->product("EAU").value(), "en"), "Still water");
    EXPECT_EQ(display_name(till->product("SIROP").value(), "en"), "Sirop");  // none: French
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM product_versions WHERE sku = 'SIROP' AND names = ''"), 1);
    // An edit on the screen keeps the translation.
    Product eau = till->product("EAU").value();
    eau.price = Money::cents(160);
    EXPECT_TRUE(save_product(*till, karim, eau));
    EXPECT_EQ(display_name(till->product("EAU").value(), "en"), "Still water");
    EXPECT_TRUE(db::verify_ledger(path).ok) << problems_of(db::verify_ledger(path));
}

TEST_F(NamesAndRoles, VerifyFindsATamperedTranslation) {
    ASSERT_TRUE(db::verify_ledger(path).ok);
    testing::raw_sql(path,
                     "DROP TRIGGER product_versions_no_update;"
                     "UPDATE product_versions SET names = replace(names, 'Chicken', 'Beef') WHERE sku = 'MAFE';"
                     "CREATE TRIGGER product_versions_no_update BEFORE UPDATE ON product_versions BEGIN SELECT "
                     "RAISE(ABORT, 'ledger is append-only'); END;");
    const auto r = db::verify_ledger(path);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(problems_of(r).find("product.set"), std::string::npos) << problems_of(r);
}

TEST_F(NamesAndRoles, BundlesCarryTranslationsAndRoleChanges) {
    Till& stall = *till;
    stall.set_user_role(stall.sign_in("Awa", "1234"), "Lucie", "manager");
    auto coord = Till::init(dir.file("coord.db"), "T9", true, testing::stepping_clock());
    export_bundle(stall, std::nullopt, std::nullopt, dir.file("b.jsonl"));
    const auto r = import_bundles(*coord, std::nullopt, {dir.file("b.jsonl")});
    ASSERT_EQ(r.bundles.size(), 1u);
    EXPECT_FALSE(r.bundles.front().refused.has_value());
    const std::string cp = dir.file("coord.db");
    EXPECT_EQ(testing::raw_scalar(cp, "SELECT COUNT(*) FROM imported_products WHERE names LIKE '%Chicken mafé%'"), 1);
    EXPECT_EQ(testing::raw_scalar(cp, "SELECT COUNT(*) FROM user_roles WHERE role = 'manager'"), 1);
    const auto v = db::verify_ledger(cp);
    EXPECT_TRUE(v.ok) << problems_of(v);
}

TEST_F(NamesAndRoles, AManagerChangesRolesUpToTheirOwn) {
    const Actor karim = till->sign_in("Karim", "2345");
    const User lucie = till->set_user_role(karim, "Lucie", "manager");
    EXPECT_EQ(lucie.role, Role::Manager);
    EXPECT_EQ(db::user_by_name(till->ledger(), "Lucie")->role, Role::Manager);
    EXPECT_EQ(till->sign_in("Lucie", "1111").role(), Role::Manager);
    EXPECT_EQ(scalar("SELECT COUNT(*) FROM journal WHERE kind = 'user.role' AND payload = "
                     "'{\"by\":" + std::to_string(karim.user().id) + ",\"id\":" + std::to_string(lucie.id) + ",\"role\":\"manager\"}'"),
              1);
    expect_refused([&] { till->set_user_role(karim, "Mei", "admin"); }, "above their own");
    expect_refused([&] { till->set_user_role(karim, "Awa", "seller"); }, "above their own");
    expect_refused([&] { till->set_user_role(karim, "Lucie", "manager"); }, "already has");
    expect_refused([&] { till->set_user_role(karim, "Nobody", "seller"); }, "unknown user");
    expect_refused([&] { till->set_user_role(karim, "Mei", "boss"); }, "unknown role");
    // A seller may not; back to seller is fine for a manager.
    const Actor mei = till->sign_in("Mei", "2222");
    EXPECT_THROW(till->set_user_role(mei, "Lucie", "seller"), InputError);
    EXPECT_EQ(till->set_user_role(karim, "Lucie", "seller").role, Role::Seller);
    EXPECT_EQ(db::user_by_name(till->ledger(), "Lucie")->role, Role::Seller);
    // The JET lists it.
    db::Database conn(path, db::Database::Mode::ReadOnly);
    const auto log = db::event_log(conn, "");
    EXPECT_EQ(std::count_if(log.begin(), log.end(), [](const db::LogEntry& e) { return e.kind == "user.role"; }), 2);
    EXPECT_TRUE(db::verify_ledger(path).ok) << problems_of(db::verify_ledger(path));
}

TEST_F(NamesAndRoles, TheLastAdminKeepsTheRole) {
    const Actor awa = till->sign_in("Awa", "1234");
    expect_refused([&] { till->set_user_role(awa, "Awa", "manager"); }, "last admin");
    till->set_user_role(awa, "Karim", "admin");
    EXPECT_EQ(till->set_user_role(awa, "Awa", "manager").role, Role::Manager);  // Karim is an admin now
    const Actor karim = till->sign_in("Karim", "2345");
    expect_refused([&] { till->set_user_role(karim, "Karim", "seller"); }, "last admin");
    EXPECT_TRUE(db::verify_ledger(path).ok) << problems_of(db::verify_ledger(path));
}

TEST_F(NamesAndRoles, VerifyRefusesARoleGivenByASeller) {
    // A user.role record written around the service (a forged one, chained properly) is caught.
    {
        auto t = Till::open(path);
        t->ledger().write([&] { db::set_user_role(t->ledger(), 3, Role::Admin, 4, t->now_utc()); });  // Mei (seller) makes Lucie admin
    }
    const auto r = db::verify_ledger(path);
    EXPECT_FALSE(r.ok);
    EXPECT_NE(problems_of(r).find("was not a manager or an admin"), std::string::npos) << problems_of(r);
}

}  // namespace
}  // namespace caisse
