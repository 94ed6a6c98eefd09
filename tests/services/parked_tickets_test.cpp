// Parked tickets (issue 12 item 14): put aside with their payments, taken back whole, kept across a
// restart in FILE.parked, never in the ledger.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/services/cash_session.hpp"
#include "app/services/parked_tickets.hpp"
#include "tests/db/test_support.hpp"

using namespace caisse;
using caisse::testing::as;
using caisse::testing::demo_till;
using caisse::testing::raw_scalar;
using caisse::testing::TempDir;

namespace {

std::int64_t records(const std::string& path) { return raw_scalar(path, "SELECT COUNT(*) FROM journal"); }

}  // namespace

TEST(ParkedTickets, AParkedTicketKeepsItsPaymentsAndIsNoSale) {
    TempDir dir;
    const auto path = dir.file("t.db");
    auto till = demo_till(path);
    const Actor lucie = as(*till, "Lucie");
    SaleDraft draft(*till);
    draft.add("MAFE");
    draft.add("MAFE");
    draft.add("BISSAP");
    EXPECT_FALSE(draft.pay(TenderMethod::Card, Money::cents(1000), lucie));  // 10 € of 22 € by card
    const auto before = records(path);

    ParkedTickets parked(*till, ParkedTickets::path_for(path));
    EXPECT_EQ(parked.park(draft, lucie), 1);
    EXPECT_TRUE(draft.empty());
    EXPECT_TRUE(draft.payments().empty());
    ASSERT_EQ(parked.list().size(), 1u);
    EXPECT_EQ(parked.list()[0].items, 3);
    EXPECT_EQ(parked.list()[0].total, Money::cents(2200));
    EXPECT_EQ(parked.paid(), Money::cents(1000));
    EXPECT_EQ(parked.list()[0].by, "Lucie");
    EXPECT_EQ(records(path), before) << "parking wrote to the ledger";

    // Another customer meanwhile, then the first one comes back with cash.
    draft.add("CAFE");
    ASSERT_TRUE(draft.pay(TenderMethod::Cash, std::nullopt, lucie));
    parked.take_back(1, draft);
    EXPECT_TRUE(parked.list().empty());
    ASSERT_EQ(draft.lines().size(), 2u);
    EXPECT_EQ(draft.lines()[0].quantity, 2);
    ASSERT_EQ(draft.payments().size(), 1u);
    EXPECT_EQ(draft.remaining(), Money::cents(1200));
    const auto sale = draft.pay(TenderMethod::Cash, Money::cents(2000), lucie);
    ASSERT_TRUE(sale);
    const auto recorded = till->recorded_sale(sale->ticket);
    ASSERT_TRUE(recorded);
    EXPECT_EQ(recorded->sale.total, 2200);
    EXPECT_EQ(recorded->sale.payments.size(), 2u) << "the card payment taken before parking is part of the sale";
}

TEST(ParkedTickets, ParkedTicketsSurviveARestartOfTheTill) {
    TempDir dir;
    const auto path = dir.file("t.db");
    {
        auto till = demo_till(path);
        SaleDraft draft(*till);
        draft.add("TAJINE");
        draft.add("PLATJ", Money::cents(1250));  // an open price, as typed
        EXPECT_FALSE(draft.pay(TenderMethod::Voucher, Money::cents(900), as(*till, "Lucie")));
        ParkedTickets parked(*till, ParkedTickets::path_for(path));
        parked.park(draft, as(*till, "Lucie"));
    }
    auto till = Till::open(path, caisse::testing::stepping_clock());
    ParkedTickets parked(*till, ParkedTickets::path_for(path));
    EXPECT_TRUE(parked.load_problem().empty());
    ASSERT_EQ(parked.list().size(), 1u);
    EXPECT_EQ(parked.list()[0].total, Money::cents(2350));
    SaleDraft draft(*till);
    parked.take_back(1, draft);
    ASSERT_EQ(draft.lines().size(), 2u);
    EXPECT_EQ(draft.lines()[1].unit_price, Money::cents(1250));
    ASSERT_EQ(draft.payments().size(), 1u);
    EXPECT_EQ(draft.payments()[0].method, TenderMethod::Voucher);
    EXPECT_EQ(draft.payments()[0].amount, Money::cents(900));
    // Taken back: gone from the file too.
    ParkedTickets again(*till, ParkedTickets::path_for(path));
    EXPECT_TRUE(again.list().empty());
}

TEST(ParkedTickets, RefusalsLeaveTheTicketParked) {
    TempDir dir;
    const auto path = dir.file("t.db");
    auto till = demo_till(path);
    ParkedTickets parked(*till, ParkedTickets::path_for(path));
    SaleDraft draft(*till);
    EXPECT_THROW(parked.park(draft, as(*till, "Lucie")), InputError);  // nothing to park
    draft.add("MAFE");
    parked.park(draft, as(*till, "Lucie"));

    draft.add("CAFE");  // a ticket open on screen would be lost
    EXPECT_THROW(parked.take_back(1, draft), InputError);
    EXPECT_EQ(parked.list().size(), 1u);
    EXPECT_EQ(draft.lines().size(), 1u);
    draft.clear();
    EXPECT_THROW(parked.take_back(7, draft), InputError);

    // A real ticket never comes back as a practice one (nor the reverse).
    till->set_training(as(*till, "Karim"), true);
    EXPECT_THROW(parked.take_back(1, draft), InputError);
    EXPECT_EQ(parked.list().size(), 1u);
    EXPECT_TRUE(draft.empty());
    draft.add("CAFE");
    EXPECT_EQ(parked.park(draft, as(*till, "Lucie")), 2);
    till->set_training(as(*till, "Karim"), false);
    EXPECT_THROW(parked.take_back(2, draft), InputError);
    parked.take_back(1, draft);
    EXPECT_EQ(draft.lines()[0].product.sku, "MAFE");
}

TEST(ParkedTickets, NumbersAreReusedAndTheirCountIsBounded) {
    TempDir dir;
    const auto path = dir.file("t.db");
    auto till = demo_till(path);
    ParkedTickets parked(*till, "");  // memory only
    SaleDraft draft(*till);
    for (std::size_t i = 0; i < ParkedTickets::kMaxParked; ++i) {
        draft.add("CAFE");
        EXPECT_EQ(parked.park(draft, as(*till, "Lucie")), static_cast<std::int64_t>(i + 1));
    }
    draft.add("CAFE");
    EXPECT_THROW(parked.park(draft, as(*till, "Lucie")), InputError);
    EXPECT_EQ(draft.lines().size(), 1u) << "a refused park keeps the ticket on screen";
    draft.clear();
    parked.take_back(3, draft);
    draft.clear();
    draft.add("MAFE");
    EXPECT_EQ(parked.park(draft, as(*till, "Lucie")), 3);
}

TEST(ParkedTickets, ADamagedFileIsPutAsideNotLost) {
    TempDir dir;
    const auto path = dir.file("t.db");
    auto till = demo_till(path);
    std::ofstream(ParkedTickets::path_for(path)) << R"({"format":1,"tickets":[{"number":1,"lines":"oops"}]})";
    ParkedTickets parked(*till, ParkedTickets::path_for(path));
    EXPECT_TRUE(parked.list().empty());
    EXPECT_EQ(parked.load_problem(), ParkedTickets::path_for(path) + ".bad-1");
    EXPECT_TRUE(std::filesystem::exists(ParkedTickets::path_for(path) + ".bad-1"));
    SaleDraft draft(*till);
    draft.add("MAFE");
    parked.park(draft, as(*till, "Lucie"));
    EXPECT_TRUE(std::filesystem::exists(ParkedTickets::path_for(path) + ".bad-1")) << "the damaged file was overwritten";
}

// The close's rule: no Z while a parked ticket holds a payment (the money is in the drawer with no
// sale); a parked ticket without payment does not stop it. Refused by the service, for the screen
// and the CLI alike, with nothing recorded.
TEST(ParkedTickets, NoCloseWhileAParkedTicketHoldsAPayment) {
    TempDir dir;
    const auto path = dir.file("t.db");
    auto till = demo_till(path);
    const Actor lucie = as(*till, "Lucie");
    SaleDraft draft(*till);
    draft.add("MAFE");
    EXPECT_FALSE(draft.pay(TenderMethod::Cash, Money::cents(500), lucie));
    {
        ParkedTickets parked(*till, ParkedTickets::path_for(path));
        parked.park(draft, lucie);
        draft.add("CAFE");
        parked.park(draft, lucie);  // nothing paid on this one
    }
    CloseRequest close;
    close.count = CashCount::parse("50x3,5x1");
    const auto before = records(path);
    try {
        check_close(*till, close);
        ADD_FAILURE() << "closed with a paid parked ticket";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("5,00"), std::string::npos) << e.what();
    }
    EXPECT_THROW(close_day(*till, as(*till, "Karim"), close), InputError);
    EXPECT_EQ(records(path), before);

    // Taken back and finished: the one left parked holds nothing paid, the close goes on.
    ParkedTickets parked(*till, ParkedTickets::path_for(path));
    parked.take_back(1, draft);
    ASSERT_TRUE(draft.pay(TenderMethod::Cash, std::nullopt, lucie));
    EXPECT_EQ(parked.list().size(), 1u);
    EXPECT_NO_THROW(check_close(*till, close));
}
