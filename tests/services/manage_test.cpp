// Issue 12 item 13: the services behind the manager's screens check what the CLI's do. One product
// version per save, with the catalogue import's rules; a new PIN in the credentials file only.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "app/core/limits.hpp"
#include "app/services/manage.hpp"
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

}  // namespace
}  // namespace caisse
