// Issue 14 item 7: catering invoices in the FEC. The worked example (a 30 % deposit, the final
// invoice deducting it, two transfers) must leave the customer's account and the deposit account at
// zero once all is paid, count each VAT rate's sales once, and every entry balance (export_fec throws
// otherwise); a credit note swaps the sides of what it corrects.
#include <gtest/gtest.h>

#include "app/services/cash_session.hpp"
#include "app/services/catering_invoice.hpp"
#include "app/services/fec_export.hpp"
#include "app/services/printing.hpp"
#include "tests/services/catering_fixture.hpp"

namespace caisse {
namespace {

class FecInvoices : public Catering {
protected:
    FecExport fec(const std::string& from, const std::string& to) {
        return export_fec(till->ledger(), FecRequest{from, to, FecGrain::per_z, '\t'});
    }
    std::int64_t sum(const std::map<std::int64_t, std::int64_t>& m) {
        std::int64_t s = 0;
        for (const auto& [k, v] : m) s += v;
        return s;
    }
};

TEST_F(FecInvoices, TheWorkedExampleLeavesNothingOpenOncePaid) {
    const std::int64_t order = example_order();
    clock.to_day(2);
    const auto deposit = issue_deposit(*till, *dana, order, invoice::DepositAsk{3000, Money()});
    record_invoice_payment(*till, *dana, PaymentRequest{deposit.number, c(deposit.due), PaymentMethod::transfer, "", "VIR 1"});
    clock.to_day(14);
    const auto final_invoice = issue_invoice(*till, *dana, order);
    clock.to_day(20);
    record_invoice_payment(*till, *dana, PaymentRequest{final_invoice.number, c(final_invoice.due), PaymentMethod::cheque, "", "123"});

    // Up to the deposit's day: the deposit is owed by the customer... and paid the same day.
    const auto early = fec("2026-12-01", "2026-12-02");
    EXPECT_EQ(early.invoices, 1);
    EXPECT_EQ(early.invoice_payments, 1);
    EXPECT_EQ(early.deposits, 50542);  // the deposit's nets, not yet revenue
    EXPECT_EQ(early.customers, 0);
    EXPECT_EQ(sum(early.sales_ht), 0);
    EXPECT_EQ(sum(early.vat), 5551);

    const auto month = fec("2026-12-01", "2026-12-31");
    EXPECT_EQ(month.entries, 4);
    EXPECT_EQ(month.customers, 0);
    EXPECT_EQ(month.deposits, 0);
    EXPECT_EQ(sum(month.sales_ht), 168471);
    // BT-112 to the cent; the agreed total's last cent is the rounding BT-114, on its own account.
    EXPECT_EQ(sum(month.sales_ht) + sum(month.vat), 186974);
    EXPECT_NE(month.bytes.find("\t758\tArrondi au total convenu\t"), std::string::npos);
    EXPECT_EQ(month.tenders.at("transfer"), 56093);
    EXPECT_EQ(month.tenders.at("cheque"), 186975 - 56093);
    EXPECT_EQ(month.debit, month.credit);
    const std::string& text = month.bytes;  // ISO 8859-15: the accented labels are single bytes
    EXPECT_NE(text.find("VE\tVentes sur factures\t"), std::string::npos);
    EXPECT_NE(text.find("BQ\tEncaissements factures\t"), std::string::npos);
    EXPECT_NE(text.find("\t411\tClient Mairie"), std::string::npos) << text;
    EXPECT_NE(text.find("\tT1-C1\tMairie"), std::string::npos);
    EXPECT_NE(text.find("\t4191\t"), std::string::npos);
    EXPECT_NE(text.find("\t5112\t"), std::string::npos);

    // The month's report: no Z, the invoices beside (they are in no Z).
    const auto period = period_report(*till, std::string("2026-12"), std::nullopt);
    EXPECT_EQ(period.closure.days, 0);
    EXPECT_EQ(period.invoices, 2);
    EXPECT_EQ(period.invoiced_ht, c(168471));
    EXPECT_EQ((period.invoiced_ht + period.invoiced_vat), c(186974));  // BT-112: the rounding is not revenue

    // Only the final invoice's period: it takes the deposit back from 4191 against the customer.
    const auto late = fec("2026-12-14", "2026-12-14");
    EXPECT_EQ(late.deposits, -50542);
    EXPECT_EQ(late.customers, final_invoice.due);
}

TEST_F(FecInvoices, ACreditNoteSwapsTheSides) {
    const std::int64_t order = example_order();
    clock.to_day(14);
    const auto inv = issue_invoice(*till, *dana, order);
    clock.to_day(15);
    issue_credit_note(*till, *dana, inv.number);
    const auto month = fec("2026-12-01", "2026-12-31");
    EXPECT_EQ(month.invoices, 2);
    EXPECT_EQ(month.customers, 0);
    EXPECT_EQ(sum(month.sales_ht), 0);
    EXPECT_EQ(sum(month.vat), 0);
    EXPECT_NE(month.bytes.find("Avoir F-2026-0002"), std::string::npos);
}

TEST_F(FecInvoices, TheAccountsFollowTheSettings) {
    const std::int64_t order = example_order();
    clock.to_day(2);
    issue_deposit(*till, *dana, order, invoice::DepositAsk{3000, Money()});
    set_till_settings(*till, *dana, {{"fec.account.customer", "41100"}, {"fec.account.deposit", "41910"}});
    const auto f = fec("2026-12-01", "2026-12-31");
    EXPECT_NE(f.bytes.find("\t41100\t"), std::string::npos);
    EXPECT_NE(f.bytes.find("\t41910\t"), std::string::npos);
    EXPECT_EQ(f.bytes.find("\t4191\t"), std::string::npos);
    EXPECT_THROW(set_till_settings(*till, *dana, {{"fec.account.deposit", "41 91"}}), InputError);
}

}  // namespace
}  // namespace caisse
