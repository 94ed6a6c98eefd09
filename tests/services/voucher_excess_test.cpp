// Meal vouchers above the bill (issue 12 item 2): taken without change, the excess recorded apart
// from the sale in the payload, the projection, the day report, the X, the Z and verify; a
// cancellation gives the voucher back whole with its excess; card above the bill stays refused.
#include <gtest/gtest.h>

#include "app/services/cash_session.hpp"
#include "app/services/fec_export.hpp"
#include "app/services/printing.hpp"
#include "app/services/refund.hpp"
#include "app/services/sale_draft.hpp"
#include "db/records/sale.hpp"
#include "db/records/sale_verify.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

class VoucherExcess : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path);
    }
    SellResult sell(std::vector<std::string> items, std::vector<std::string> pay) {
        return till->sell(testing::as(*till, "Lucie"), testing::sell_text(items, std::nullopt, pay));
    }
    std::int64_t sql(const std::string& q) { return testing::raw_scalar(path, q); }
    testing::TempDir dir;
    std::string path;
    std::unique_ptr<Till> till;
};

TEST_F(VoucherExcess, TakenWithoutChangeAndRecordedApartFromTheSale) {
    const SellResult s = sell({"PLATJ@8,00"}, {"voucher:10,00"});
    EXPECT_EQ(s.priced.total.value(), 800);
    EXPECT_EQ(s.settlement.change.value(), 0);
    EXPECT_EQ(s.settlement.voucher_excess.value(), 200);
    const auto rec = till->recorded_sale(s.ticket).value();
    EXPECT_EQ(rec.sale.voucher_excess, 200);
    EXPECT_EQ(rec.sale.total, 800);
    EXPECT_EQ(sql("SELECT voucher_excess FROM sales WHERE ticket = " + std::to_string(s.ticket)), 200);
    // Never a sale: the day's total and its tenders stay 8,00 €, the excess on its own line.
    const auto day = till->report_day(std::nullopt);
    EXPECT_EQ(day.total, 800);
    EXPECT_EQ(day.by_tender.at("voucher"), 800);
    EXPECT_EQ(day.voucher_excess, 200);
    const XReport x = x_report(*till);
    EXPECT_EQ(x.totals.total, 800);
    EXPECT_EQ(x.totals.by_tender.at("voucher"), 800);
    EXPECT_EQ(x.totals.voucher_excess, 200);
    EXPECT_EQ(x.expected_cash.value(), x.session.float_cents);  // no cash moved
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(VoucherExcess, ASaleWithoutExcessKeepsTheBytesOfBefore) {
    const SellResult s = sell({"PLATJ@8,00"}, {"voucher:5", "cash:5"});
    EXPECT_EQ(s.settlement.voucher_excess.value(), 0);
    EXPECT_EQ(s.settlement.change.value(), 200);
    const std::string payload = db::sale_payload(till->recorded_sale(s.ticket)->sale);
    EXPECT_EQ(payload.find("voucher_excess"), std::string::npos) << payload;
    EXPECT_EQ(payload.substr(payload.size() - 2), "]}");
}

TEST_F(VoucherExcess, CardChequeAndTransferAboveTheBillStayRefused) {
    const auto before = sql("SELECT COUNT(*) FROM journal");
    for (const char* pay : {"card:10", "cheque:10", "transfer:10"})
        EXPECT_THROW(sell({"PLATJ@8,00"}, {pay}), InputError) << pay;
    // Vouchers count first: a card beyond what they left due is refused too.
    EXPECT_THROW(sell({"PLATJ@8,00"}, {"voucher:5", "card:5"}), InputError);
    // More than 25 € left in vouchers is a mistyped amount.
    try {
        sell({"CAFE"}, {"voucher:30"});
        ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("mistyped"), std::string::npos) << e.what();
    }
    EXPECT_EQ(sql("SELECT COUNT(*) FROM journal"), before);
}

TEST_F(VoucherExcess, TheDraftOfTheScreenTakesAVoucherAboveWhatIsDue) {
    SaleDraft draft(*till);
    const Actor lucie = testing::as(*till, "Lucie");
    draft.add("MAFE");  // 9,50 €
    EXPECT_THROW(draft.pay(TenderMethod::Card, Money::cents(1200), lucie), InputError);
    EXPECT_TRUE(draft.payments().empty());
    const auto sale = draft.pay(TenderMethod::Voucher, Money::cents(1200), lucie);
    ASSERT_TRUE(sale.has_value());
    EXPECT_EQ(sale->settlement.voucher_excess.value(), 250);
    EXPECT_EQ(sale->settlement.change.value(), 0);
    EXPECT_TRUE(draft.empty());
    // The cart shrinking under a voucher: recordable, what the customer leaves said before.
    draft.add("MAFE");
    draft.add("CAFE");  // 11,00 €
    EXPECT_FALSE(draft.pay(TenderMethod::Voucher, Money::cents(1000), lucie).has_value());
    draft.remove(0);  // 1,50 € left: 8,50 € above it in vouchers
    ASSERT_TRUE(draft.settlement().has_value());
    EXPECT_EQ(draft.settlement()->voucher_excess.value(), 850);
    EXPECT_EQ(draft.record(lucie).settlement.voucher_excess.value(), 850);
}

TEST_F(VoucherExcess, ACancellationGivesTheVoucherBackWholeWithItsExcess) {
    const SellResult s = sell({"PLATJ@8,00"}, {"voucher:10", "cash:5"});
    EXPECT_EQ(s.settlement.change.value(), 500);  // cash nobody needed goes back whole
    cancel_ticket(*till, testing::as(*till, "Karim"), s.ticket);
    EXPECT_EQ(sql("SELECT voucher_excess FROM refunds"), -200);
    EXPECT_EQ(sql("SELECT amount FROM refund_payments WHERE method = 'voucher'"), -1000);
    EXPECT_EQ(sql("SELECT COUNT(*) FROM refund_payments"), 1);
    const XReport x = x_report(*till);
    EXPECT_EQ(x.totals.total, 0);
    EXPECT_EQ(x.totals.voucher_excess, 0);
    EXPECT_EQ(x.totals.by_tender.at("voucher"), 0);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(VoucherExcess, TheZCountsTheVoucherStackAtFaceValue) {
    sell({"PLATJ@8,00"}, {"voucher:10"});
    sell({"PLATJ@8,00"}, {"voucher:5", "cash:3"});
    CloseRequest close;
    const XReport x = x_report(*till);
    close.count = CashCount::parse("50x3,1x3");  // the 150 € float of the tests' demo and 3 € of cash
    close.voucher_declared = Money::cents(1500);  // two vouchers: 10 € and 5 €
    const CloseCheck check = check_close(*till, close);
    EXPECT_EQ(check.voucher_expected.value(), 1500);
    EXPECT_EQ(check.voucher_over_short.value().value(), 0);
    const db::DayClosure z = close_day(*till, testing::as(*till, "Karim"), close);
    EXPECT_EQ(z.totals.voucher_excess, 200);
    EXPECT_EQ(z.totals.total, 1600);
    EXPECT_EQ(z.totals.by_tender.at("voucher"), 1300);
    std::int64_t tenders = 0;
    for (const auto& [m, v] : z.totals.by_tender) tenders += v;
    EXPECT_EQ(tenders, z.totals.total);
    EXPECT_EQ(sql("SELECT COUNT(*) FROM journal WHERE kind = 'closure.day' AND payload LIKE '%\"voucher_excess\":200%'"), 1);
    EXPECT_TRUE(db::verify_ledger(path).ok);
    (void)x;
}

// The FEC books the vouchers at face value and the excess on its own account, both per ticket and
// per Z; every entry balances (export_fec throws otherwise).
TEST_F(VoucherExcess, TheFecCreditsTheExcessToItsAccount) {
    sell({"PLATJ@8,00"}, {"voucher:10"});
    const Actor karim = testing::as(*till, "Karim");
    set_till_setting(*till, karim, "accounting.voucher_excess_account", "7588");
    const std::string day = till->today();
    // Net debit per account, from the file: account in column 5, debit 12, credit 13.
    const auto net = [](const FecExport& f) {
        std::map<std::string, std::int64_t> out;
        std::size_t start = 0;
        for (std::size_t end; (end = f.bytes.find("\r\n", start)) != std::string::npos; start = end + 2) {
            std::vector<std::string> c(1);
            for (char ch : f.bytes.substr(start, end - start)) {
                if (ch == '\t') c.emplace_back();
                else c.back() += ch;
            }
            if (c.size() != 18 || c[0] == "JournalCode") continue;
            const auto cents = [](std::string v) { return std::stoll(v.erase(v.find(','), 1)); };
            out[c[4]] += cents(c[11]) - cents(c[12]);
        }
        return out;
    };
    const FecExport per_ticket = export_fec(till->ledger(), FecRequest{day, day, FecGrain::per_ticket, '\t'});
    EXPECT_EQ(per_ticket.voucher_excess, 200);
    EXPECT_EQ(per_ticket.debit, per_ticket.credit);
    auto n = net(per_ticket);
    EXPECT_EQ(n["5115"], 1000);
    EXPECT_EQ(n["7588"], -200);
    CloseRequest close;
    close.count = CashCount::parse("50x3");
    close.voucher_declared = Money::cents(1000);
    close_day(*till, karim, close);
    const FecExport per_z = export_fec(till->ledger(), FecRequest{day, day, FecGrain::per_z, '\t'});
    EXPECT_EQ(per_z.entries, 1);
    n = net(per_z);
    EXPECT_EQ(n["5115"], 1000);
    EXPECT_EQ(n["7588"], -200);
}

TEST_F(VoucherExcess, TheAccountingAccountIsASetting) {
    EXPECT_EQ(voucher_excess_account(*till), "758");
    const Actor karim = testing::as(*till, "Karim");
    set_till_setting(*till, karim, "accounting.voucher_excess_account", "7588");
    EXPECT_EQ(voucher_excess_account(*till), "7588");
    EXPECT_THROW(set_till_setting(*till, karim, "accounting.voucher_excess_account", "75 88"), InputError);
    EXPECT_THROW(set_till_setting(*till, karim, "accounting.voucher_excess_account", ""), InputError);
}

// Verify's rule on the numbers of a ticket: the excess is exactly what the vouchers exceed the total by.
TEST(VoucherExcessRule, VerifyChecksTheExcess) {
    db::SaleProjection::Numbers s;
    s.total = 800;
    s.lines.push_back({1, 800, 0, 0, 800, 1000});
    s.payments.push_back({false, true, 1000, true});  // a 10 € voucher
    s.voucher_excess = 200;
    EXPECT_FALSE(db::sale_rule_broken(s).has_value());
    for (std::int64_t wrong : {0, 100, 300}) {
        s.voucher_excess = wrong;
        EXPECT_TRUE(db::sale_rule_broken(s).has_value()) << wrong;
    }
    // A card paid above the total cannot be passed off as an excess.
    s.payments[0].voucher = false;
    s.voucher_excess = 200;
    EXPECT_TRUE(db::sale_rule_broken(s).has_value());
}

TEST_F(VoucherExcess, VerifyCatchesAChangedExcess) {
    sell({"PLATJ@8,00"}, {"voucher:10"});
    ASSERT_TRUE(db::verify_ledger(path).ok);
    testing::raw_sql(path, "DROP TRIGGER sales_no_update; UPDATE sales SET voucher_excess = 0");
    EXPECT_FALSE(db::verify_ledger(path).ok);
}

}  // namespace
}  // namespace caisse
