// Tenders: settling a total with cash, card, cheque, voucher, transfer; only cash gives change.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "app/core/tender.hpp"

namespace caisse {
namespace {

using ::testing::HasSubstr;

Money c(std::int64_t cents) { return Money::cents(cents); }
TenderRequest req(TenderMethod m, std::optional<std::int64_t> cents = {}) {
    TenderRequest r;
    r.method = m;
    if (cents) r.amount = Money::cents(*cents);
    return r;
}
std::string message_of(Money total, const std::vector<TenderRequest>& requests) {
    try {
        settle(total, requests);
    } catch (const InputError& e) {
        return e.what();
    }
    return "<no error>";
}

TEST(Settle, FullyDiscountedTicketTakesNoPayment) {
    Settlement s = settle(Money::cents(0), {TenderRequest::parse("cash")});
    EXPECT_TRUE(s.payments.empty());
    EXPECT_EQ(s.change, Money::cents(0));
    EXPECT_THROW(settle(Money::cents(0), {TenderRequest::parse("card:1")}), InputError);
}

TEST(Settle, CashWithChange) {
    const Settlement s = settle(c(850), {req(TenderMethod::Cash, 2000)});
    ASSERT_EQ(s.payments.size(), 1u);
    EXPECT_EQ(s.payments[0], (Payment{TenderMethod::Cash, c(2000)}));
    EXPECT_EQ(s.change, c(1150));
}

TEST(Settle, CashExact) {
    const Settlement s = settle(c(850), {req(TenderMethod::Cash, 850)});
    EXPECT_EQ(s.change, c(0));
}

TEST(Settle, CardExact) {
    const Settlement s = settle(c(1234), {req(TenderMethod::Card, 1234)});
    ASSERT_EQ(s.payments.size(), 1u);
    EXPECT_EQ(s.payments[0], (Payment{TenderMethod::Card, c(1234)}));
    EXPECT_EQ(s.change, c(0));
}

TEST(Settle, ChequeAndTransfer) {
    Settlement s = settle(c(4500), {req(TenderMethod::Cheque, 4500)});
    EXPECT_EQ(s.payments[0], (Payment{TenderMethod::Cheque, c(4500)}));
    EXPECT_EQ(s.change, c(0));
    s = settle(c(4500), {req(TenderMethod::Transfer, 4500)});
    EXPECT_EQ(s.payments[0], (Payment{TenderMethod::Transfer, c(4500)}));
    EXPECT_EQ(s.change, c(0));
}

TEST(Settle, OpenAmountTakesTheRemainder) {
    Settlement s = settle(c(850), {req(TenderMethod::Cash)});
    EXPECT_EQ(s.payments[0], (Payment{TenderMethod::Cash, c(850)}));
    EXPECT_EQ(s.change, c(0));

    s = settle(c(1500), {req(TenderMethod::Voucher, 900), req(TenderMethod::Cash)});
    ASSERT_EQ(s.payments.size(), 2u);
    EXPECT_EQ(s.payments[0], (Payment{TenderMethod::Voucher, c(900)}));
    EXPECT_EQ(s.payments[1], (Payment{TenderMethod::Cash, c(600)}));
    EXPECT_EQ(s.change, c(0));

    s = settle(c(1500), {req(TenderMethod::Card), req(TenderMethod::Cash, 1000)});
    EXPECT_EQ(s.payments[0], (Payment{TenderMethod::Card, c(500)}));
    EXPECT_EQ(s.payments[1], (Payment{TenderMethod::Cash, c(1000)}));
    EXPECT_EQ(s.change, c(0));
}

TEST(Settle, OpenAmountWithNothingLeftThrows) {
    EXPECT_THROW(settle(c(1000), {req(TenderMethod::Cash, 1000), req(TenderMethod::Card)}), InputError);
    EXPECT_THROW(settle(c(1000), {req(TenderMethod::Cash, 2000), req(TenderMethod::Card)}), InputError);
}

TEST(Settle, OnlyOneOpenAmount) {
    EXPECT_THROW(settle(c(1000), {req(TenderMethod::Cash), req(TenderMethod::Card)}), InputError);
}

TEST(Settle, NothingTenderedThrows) {
    EXPECT_THROW(settle(c(1000), {}), InputError);
    EXPECT_THAT(message_of(c(1000), {}), HasSubstr("no payment"));
}

TEST(Settle, ShortPaymentThrows) {
    EXPECT_THROW(settle(c(1000), {req(TenderMethod::Cash, 999)}), InputError);
    EXPECT_THROW(settle(c(1000), {req(TenderMethod::Card, 500), req(TenderMethod::Cash, 400)}), InputError);
    const std::string m = message_of(c(1000), {req(TenderMethod::Cash, 999)});
    EXPECT_THAT(m, HasSubstr("short"));
    EXPECT_THAT(m, HasSubstr("0,01"));  // the missing amount is named
}

// French practice: a meal voucher above the bill is accepted, no change is given, and what it
// exceeds the bill by is the voucher excess (not part of the sale).
TEST(Settle, VoucherAboveTheBillLeavesAnExcessAndNoChange) {
    Settlement s = settle(c(800), {req(TenderMethod::Voucher, 1000)});
    ASSERT_EQ(s.payments.size(), 1u);
    EXPECT_EQ(s.payments[0], (Payment{TenderMethod::Voucher, c(1000)}));
    EXPECT_EQ(s.change, c(0));
    EXPECT_EQ(s.voucher_excess, c(200));
    // Two vouchers together above the bill, and cash nobody needed (given back whole as change).
    s = settle(c(1500), {req(TenderMethod::Voucher, 900), req(TenderMethod::Voucher, 900), req(TenderMethod::Cash, 500)});
    EXPECT_EQ(s.voucher_excess, c(300));
    EXPECT_EQ(s.change, c(500));
    // Under the bill: no excess.
    EXPECT_EQ(settle(c(1500), {req(TenderMethod::Voucher, 900), req(TenderMethod::Cash)}).voucher_excess, c(0));
    // A voucher excess above 25 € is a mistyped amount.
    EXPECT_EQ(settle(c(100), {req(TenderMethod::Voucher, 2600)}).voucher_excess, c(2500));
    EXPECT_THAT(message_of(c(100), {req(TenderMethod::Voucher, 2601)}), HasSubstr("mistyped"));
}

TEST(Settle, CardOverpayingThrows) {
    EXPECT_THROW(settle(c(850), {req(TenderMethod::Card, 1000)}), InputError);
    EXPECT_THROW(settle(c(850), {req(TenderMethod::Cheque, 1000)}), InputError);
    EXPECT_THROW(settle(c(850), {req(TenderMethod::Transfer, 851)}), InputError);
    // Vouchers count first: a card beyond what they left due is refused, not turned into an excess.
    EXPECT_THROW(settle(c(1500), {req(TenderMethod::Voucher, 900), req(TenderMethod::Card, 900)}), InputError);
    EXPECT_THROW(settle(c(800), {req(TenderMethod::Card, 100), req(TenderMethod::Voucher, 1000)}), InputError);
    EXPECT_THAT(message_of(c(850), {req(TenderMethod::Card, 1000)}), HasSubstr("only cash gives change"));
    EXPECT_EQ(settle(c(1500), {req(TenderMethod::Voucher, 900), req(TenderMethod::Card, 600)}).voucher_excess, c(0));
}

TEST(Settle, SplitVoucherAndCashGivesChangeFromCash) {
    const Settlement s = settle(c(1500), {req(TenderMethod::Voucher, 900), req(TenderMethod::Cash, 2000)});
    ASSERT_EQ(s.payments.size(), 2u);
    EXPECT_EQ(s.payments[0], (Payment{TenderMethod::Voucher, c(900)}));
    EXPECT_EQ(s.payments[1], (Payment{TenderMethod::Cash, c(2000)}));
    EXPECT_EQ(s.change, c(1400));
    EXPECT_LE(s.change, s.payments[1].amount);  // the change never exceeds the cash handed over
}

TEST(Settle, SplitCardAndCash) {
    const Settlement s = settle(c(3000), {req(TenderMethod::Card, 2000), req(TenderMethod::Cash, 1500)});
    EXPECT_EQ(s.change, c(500));
}

TEST(Settle, VoucherExactlyTheTotal) {
    const Settlement s = settle(c(900), {req(TenderMethod::Voucher, 900)});
    EXPECT_EQ(s.change, c(0));
}

TEST(TenderMethods, NamesRoundTrip) {
    for (TenderMethod m : {TenderMethod::Cash, TenderMethod::Card, TenderMethod::Cheque, TenderMethod::Voucher,
                           TenderMethod::Transfer}) {
        EXPECT_EQ(parse_method(method_name(m)), m);
    }
    EXPECT_EQ(method_name(TenderMethod::Cash), "cash");
    EXPECT_EQ(method_name(TenderMethod::Card), "card");
    EXPECT_EQ(method_name(TenderMethod::Cheque), "cheque");
    EXPECT_EQ(method_name(TenderMethod::Voucher), "voucher");
    EXPECT_EQ(method_name(TenderMethod::Transfer), "transfer");
    EXPECT_EQ(parse_method("bitcoin"), std::nullopt);
    EXPECT_EQ(parse_method("Cash"), std::nullopt);
    EXPECT_EQ(parse_method(""), std::nullopt);
}

TEST(TenderRequestParse, Accepts) {
    TenderRequest r = TenderRequest::parse("cash");
    EXPECT_EQ(r.method, TenderMethod::Cash);
    EXPECT_FALSE(r.amount.has_value());
    r = TenderRequest::parse("cash:20");
    EXPECT_EQ(r.method, TenderMethod::Cash);
    EXPECT_EQ(r.amount, c(2000));
    r = TenderRequest::parse("voucher:9,50");
    EXPECT_EQ(r.method, TenderMethod::Voucher);
    EXPECT_EQ(r.amount, c(950));
    r = TenderRequest::parse("card:12.34");
    EXPECT_EQ(r.method, TenderMethod::Card);
    EXPECT_EQ(r.amount, c(1234));
    EXPECT_EQ(TenderRequest::parse("cheque").method, TenderMethod::Cheque);
    EXPECT_EQ(TenderRequest::parse("transfer:1").method, TenderMethod::Transfer);
}

TEST(TenderRequestParse, RejectsUnknownMethod) {
    EXPECT_THROW(TenderRequest::parse("bitcoin"), InputError);
    EXPECT_THROW(TenderRequest::parse("bitcoin:5"), InputError);
    EXPECT_THROW(TenderRequest::parse(""), InputError);
    EXPECT_THROW(TenderRequest::parse(":5"), InputError);
    try {
        TenderRequest::parse("bitcoin:5");
        FAIL() << "expected InputError";
    } catch (const InputError& e) {
        EXPECT_THAT(e.what(), HasSubstr("bitcoin"));
    }
}

TEST(TenderRequestParse, RejectsZeroNegativeAndMalformedAmounts) {
    for (const char* bad : {"cash:0", "cash:0,00", "card:-5", "voucher:-0,01", "cash:", "cash:abc", "cash:1,234"}) {
        EXPECT_THROW(TenderRequest::parse(bad), InputError) << bad;
    }
}

}  // namespace
}  // namespace caisse
