// Bad input at the service level: a clear error naming the problem, and the ledger unchanged.
#include <gtest/gtest.h>

#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

class BadInput : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path);
        testing::sell_random(*till, 3, 9);
        records = testing::raw_scalar(path, "SELECT COUNT(*) FROM journal");
    }
    void expect_refused(const SellRequest& r, const std::string& words) {
        try {
            till->sell(testing::as(*till, "Karim"), r);
            ADD_FAILURE() << "sale accepted";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
        EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"), records);
        EXPECT_TRUE(db::verify_ledger(path).ok);
    }
    // Text the CLI would refuse before any service runs (core's parsers).
    static void expect_unparsable(std::vector<std::string> items, std::vector<std::string> pay, const std::string& words) {
        try {
            sale(std::move(items), std::move(pay));
            ADD_FAILURE() << "parsed";
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
    }
    static SellRequest sale(std::vector<std::string> items, std::vector<std::string> pay) {
        return testing::sell_text(std::move(items), std::nullopt, std::move(pay));
    }
    testing::TempDir dir;
    std::string path;
    std::unique_ptr<Till> till;
    std::int64_t records = 0;
};

TEST_F(BadInput, MalformedAmount) { expect_unparsable({"PLATJ@8,5x"}, {"card"}, "malformed amount"); }
TEST_F(BadInput, UnknownSku) { expect_refused(sale({"MAFE", "NOPE"}, {"card"}), "unknown SKU \"NOPE\""); }
TEST_F(BadInput, ZeroQuantity) { expect_unparsable({"MAFE*0"}, {"card"}, "quantity"); }
TEST_F(BadInput, NegativeQuantity) { expect_unparsable({"MAFE*-2"}, {"card"}, "quantity"); }
TEST_F(BadInput, PaymentShort) { expect_refused(sale({"MAFE"}, {"cash:5"}), "payment short"); }
TEST_F(BadInput, VoucherExcessAbove25Euros) { expect_refused(sale({"CAFE"}, {"voucher:30"}), "looks mistyped"); }
TEST_F(BadInput, CardOverpaying) { expect_refused(sale({"CAFE"}, {"card:9"}), "only cash gives change"); }
TEST_F(BadInput, UnknownMethod) { expect_unparsable({"CAFE"}, {"bitcoin"}, "unknown payment method"); }
TEST_F(BadInput, OpenPriceWithoutPrice) { expect_refused(sale({"PLATJ"}, {"card"}), "needs a price"); }
TEST_F(BadInput, FixedPriceOverridden) { expect_refused(sale({"MAFE@1"}, {"card"}), "fixed price"); }
TEST_F(BadInput, DiscountAboveTotal) {
    auto r = sale({"CAFE"}, {"card"});
    r.discount = TicketDiscount::parse("5,00");
    expect_refused(r, "exceeds the ticket total");
}
TEST_F(BadInput, UnknownUser) {
    try {
        till->sign_in("Nobody", "1234");
        ADD_FAILURE() << "signed in";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("unknown user"), std::string::npos) << e.what();
    }
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"), records);
}
TEST_F(BadInput, WrongPinIsJournaledAndNothingElse) {
    try {
        till->sign_in("Lucie", "0000");
        ADD_FAILURE() << "signed in";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("wrong PIN"), std::string::npos) << e.what();
    }
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"), records + 1);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM events WHERE code = 'pin.failed'"), 1);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(BadInput, CatalogueWithBrokenRowImportsNothing) {
    const std::string csv =
        "sku;name;price;vat;entrepreneur;category\n"
        "NEW1;Nouveau plat;7,00;10;Nouvelle cuisinière;Plats\n"
        "NEW2;Autre;sept euros;10;Nouvelle cuisinière;Plats\n";
    try {
        till->import_catalogue(testing::as(*till, "Karim"), csv);
        FAIL() << "imported a broken catalogue";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
    }
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"), records);
    EXPECT_FALSE(db::entrepreneur_id(till->ledger(), "Nouvelle cuisinière"));
}

TEST_F(BadInput, DuplicateUserAndBadPin) {
    const Actor awa = testing::as(*till, "Awa");
    EXPECT_THROW(till->add_user(awa, "Lucie", "seller", "1234"), InputError);
    EXPECT_THROW(till->add_user(awa, "Neo", "seller", "12a4"), InputError);
    EXPECT_THROW(till->add_user(awa, "Neo", "boss", "1234"), InputError);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"), records);
}

TEST(Till, CashSaleWithChangeAndSplitTender) {
    testing::TempDir dir;
    auto till = testing::demo_till(dir.file("l.db"));
    auto s = till->sell(testing::as(*till, "Karim"), testing::sell_text({"MAFE*2", "BISSAP"}, std::string("10%"), {"voucher:10", "cash:20"}));
    // 2 x 9,50 + 3,00 = 22,00; 10 % = 2,20; total 19,80; 30,00 tendered: 10,20 change.
    EXPECT_EQ(s.priced.total.value(), 1980);
    EXPECT_EQ(s.settlement.change.value(), 1020);
    EXPECT_EQ(s.by_entrepreneur.at("Aminata Diop").value(), 1980);
    EXPECT_EQ(s.ticket, 1);
    auto r = till->report_day("2026-03-02");
    EXPECT_EQ(r.by_tender.at("cash"), 980);
    EXPECT_EQ(r.by_tender.at("voucher"), 1000);
}

TEST(Till, NoSaleWithoutAnOpenSession) {
    testing::TempDir dir;
    auto till = Till::init(dir.file("l.db"), "T1", true, testing::stepping_clock());
    EXPECT_THROW(till->sell(testing::as(*till, "Lucie"), testing::sell_text({"CAFE"}, std::nullopt, {"card"})), InputError);
}

TEST(Till, CatalogueExportRoundTrips) {
    testing::TempDir dir;
    auto till = Till::init(dir.file("l.db"), "T1", true, testing::stepping_clock());
    const std::string csv = till->export_catalogue();
    auto summary = till->import_catalogue(testing::as(*till, "Awa"), csv);
    EXPECT_EQ(summary.added + summary.changed, 0);
    EXPECT_EQ(summary.unchanged, 23);
}

}  // namespace
}  // namespace caisse

namespace caisse {
namespace {

TEST(PinLock, SellWithAPinCountsFailuresAndHonoursTheLock) {
    testing::TempDir dir;
    const auto path = dir.file("pin.db");
    auto till = testing::demo_till(path);
    for (int i = 0; i < Till::kPinTriesBeforeLock; ++i) EXPECT_THROW(till->sign_in("Lucie", "0000"), InputError);
    try {
        till->sell(till->sign_in("Lucie", "1111"), testing::sell_text({"MAFE"}, std::nullopt, {"card"}));
        ADD_FAILURE() << "sold while locked";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("locked"), std::string::npos) << e.what();
    }
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM sales"), 0);
}

}  // namespace
}  // namespace caisse
