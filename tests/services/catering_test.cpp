// Issue 14: the catering ledger through its services on a real ledger: the worked example (a
// 60-guest buffet for a city hall, three cooks, a 30 % deposit, delivery, staff at 20 %, the final
// invoice, a transfer) to the cent of tests/core/invoice_example.hpp; refusals that record nothing;
// invoice numbers gap-free under two writers at once; verify catching a tampered invoice.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "app/services/bundle.hpp"
#include "app/services/cape.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/catering.hpp"
#include "app/services/catering_documents.hpp"
#include "app/services/catering_invoice.hpp"
#include "app/services/catering_overview.hpp"
#include "db/verify.hpp"
#include "tests/services/catering_fixture.hpp"

namespace caisse {
namespace {

TEST_F(Catering, TheWorkedExampleToTheCent) {
    // The cooks are entrepreneurs 1, 2, 3 in the catalogue's order, as in the example.
    const auto ents = till->entrepreneurs();
    ASSERT_EQ(ents.size(), 3u);
    EXPECT_EQ(ents[0].name, "Awa");
    EXPECT_EQ(ents[2].name, "Lucía");
    const std::int64_t order = example_order();
    const auto view = quote_view(*till, 1);
    ASSERT_TRUE(view.totals);
    EXPECT_EQ(view.totals->agreed_total, c(186975));
    for (std::size_t i = 0; i < view.document.lines.size(); ++i)
        EXPECT_EQ(view.document.lines[i].entrepreneur_id, example::buffet_lines()[i].entrepreneur_id) << i;

    clock.to_day(2);
    const auto deposit = issue_deposit(*till, *dana, order, invoice::DepositAsk{3000, Money()});
    EXPECT_EQ(deposit.number, "F-2026-0001");
    EXPECT_EQ(deposit.kind, "deposit");
    EXPECT_EQ(deposit.due, 56093);
    EXPECT_EQ(deposit.line_total, 50542);
    EXPECT_EQ(deposit.tax_total, 5551);
    EXPECT_EQ(deposit.rounding, 0);
    EXPECT_EQ(deposit.revenue.at(1), 4969 + 21109);
    EXPECT_EQ(deposit.revenue.at(2), 17346);
    EXPECT_EQ(deposit.revenue.at(3), 7118);
    // 30 days on would be 2027-01-01, after the buffet: a deposit falls due by the day of the service.
    EXPECT_EQ(deposit.due_date, "2026-12-12");

    clock.to_day(14);
    const auto final_invoice = issue_invoice(*till, *dana, order);
    EXPECT_EQ(final_invoice.number, "F-2026-0002");
    EXPECT_EQ(final_invoice.line_total, 168471);   // BT-106
    EXPECT_EQ(final_invoice.tax_total, 18503);     // BT-110
    EXPECT_EQ(final_invoice.grand_total, 186974);  // BT-112
    EXPECT_EQ(final_invoice.prepaid, 56093);       // BT-113
    EXPECT_EQ(final_invoice.rounding, 1);          // BT-114
    EXPECT_EQ(final_invoice.due, 130882);          // BT-115
    ASSERT_EQ(final_invoice.document.deposits.size(), 1u);
    EXPECT_EQ(final_invoice.document.deposits[0].invoice.number, "F-2026-0001");
    EXPECT_EQ(final_invoice.revenue.at(1), 70364 + 16562);
    EXPECT_EQ(final_invoice.revenue.at(2), 53727 + 4091);
    EXPECT_EQ(final_invoice.revenue.at(3), 23727);
    // The same totals as the core computes for the example's own final invoice.
    const auto core = invoice::compute_totals(example::final_invoice(c(56093)));
    EXPECT_EQ(final_invoice.due, core.due.value());
    EXPECT_EQ(final_invoice.document.customer.service_code, "FETES-CEREMONIES");
    EXPECT_EQ(final_invoice.document.seller.siret, example::seller().siret);

    // Its Factur-X XML from the journaled document: the amount due, Chorus Pro's references, the deposit.
    const std::string xml = invoice_cii_xml(*till, final_invoice.number);
    EXPECT_NE(xml.find("<ram:DuePayableAmount>1308.82</ram:DuePayableAmount>"), std::string::npos);
    EXPECT_NE(xml.find("<ram:RoundingAmount>0.01</ram:RoundingAmount>"), std::string::npos);
    EXPECT_NE(xml.find("FETES-CEREMONIES"), std::string::npos);
    EXPECT_NE(xml.find("EJ-2026-004512"), std::string::npos);
    EXPECT_NE(xml.find("F-2026-0001"), std::string::npos);

    // Both unpaid; the deposit paid by transfer, then the rest.
    auto unpaid = unpaid_invoices(*till);
    ASSERT_EQ(unpaid.size(), 2u);
    EXPECT_EQ(unpaid[0].remaining, c(56093));
    EXPECT_EQ(unpaid[0].customer, "Mairie de Bagnolet");
    record_invoice_payment(*till, *dana, PaymentRequest{"F-2026-0001", c(56093), PaymentMethod::transfer, "", "VIR 123"});
    clock.to_day(28);
    record_invoice_payment(*till, *dana, PaymentRequest{"F-2026-0002", c(130882), PaymentMethod::transfer, "", "VIR 456"});
    EXPECT_TRUE(unpaid_invoices(*till).empty());
    const auto r = db::verify_ledger(path);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

TEST_F(Catering, OverdueInvoicesAreListed) {
    const std::int64_t order = example_order();
    clock.to_day(14);
    issue_invoice(*till, *dana, order, InvoiceDates{"", "2026-12-20"});
    record_invoice_payment(*till, *dana, PaymentRequest{"F-2026-0001", c(100000), PaymentMethod::cheque, "", "CHQ 0042"});
    clock.to_day(23);
    const auto unpaid = unpaid_invoices(*till);
    ASSERT_EQ(unpaid.size(), 1u);
    EXPECT_EQ(unpaid[0].remaining, c(186975 - 100000));
    EXPECT_TRUE(unpaid[0].overdue);
    EXPECT_EQ(unpaid[0].days_late, 3);
}

std::string refusal(const std::function<void()>& f) {
    try {
        f();
    } catch (const InputError& e) {
        return e.what();
    }
    return "(accepted)";
}

TEST_F(Catering, BadInputRecordsNothing) {
    const std::int64_t order = example_order();
    clock.to_day(14);
    const auto inv = issue_invoice(*till, *dana, order);
    const std::int64_t before = records();
    const std::int64_t invoices = raw_scalar(path, "SELECT COUNT(*) FROM invoices");

    EXPECT_NE(refusal([&] { issue_invoice(*till, *dana, order); }).find("already invoiced"), std::string::npos);
    EXPECT_NE(refusal([&] { issue_deposit(*till, *dana, order, invoice::DepositAsk{3000, Money()}); }).find("already invoiced"),
              std::string::npos);
    // A credit note larger than its invoice: every line twice over.
    auto twice = example::buffet_lines();
    for (auto& l : twice) l.quantity_milli *= 2;
    EXPECT_NE(refusal([&] { issue_credit_note(*till, *dana, inv.number, twice); }).find("credit"), std::string::npos);
    EXPECT_NE(refusal([&] { record_invoice_payment(*till, *dana, PaymentRequest{"F-2026-0099", c(100), PaymentMethod::transfer, "", ""}); })
                  .find("unknown"),
              std::string::npos);
    EXPECT_NE(refusal([&] { record_invoice_payment(*till, *dana, PaymentRequest{inv.number, c(186976), PaymentMethod::transfer, "", ""}); })
                  .find("more than what remains"),
              std::string::npos);
    EXPECT_NE(refusal([&] { issue_invoice(*till, *dana, 42); }).find("order 42 is unknown"), std::string::npos);
    // A public buyer without its service code or commitment number.
    auto no_code = example::city_hall();
    no_code.party.name = "Mairie de Montreuil";
    no_code.service_code.clear();
    EXPECT_NE(refusal([&] { add_customer(*till, *dana, no_code); }).find("service code"), std::string::npos);
    auto no_commitment = example::city_hall();
    no_commitment.party.name = "Mairie des Lilas";
    no_commitment.commitment_number.clear();
    EXPECT_NE(refusal([&] { add_customer(*till, *dana, no_commitment); }).find("commitment"), std::string::npos);
    EXPECT_EQ(records(), before);
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM invoices"), invoices);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Catering, DepositsCannotExceedWhatRemains) {
    const std::int64_t order = example_order();
    issue_deposit(*till, *dana, order, invoice::DepositAsk{0, c(150000)});
    const std::int64_t before = records();
    EXPECT_NE(refusal([&] { issue_deposit(*till, *dana, order, invoice::DepositAsk{3000, Money()}); }).find("more than what remains"),
              std::string::npos);
    EXPECT_EQ(records(), before);
    const auto second = issue_deposit(*till, *dana, order, invoice::DepositAsk{0, c(36975)});  // exactly the rest
    EXPECT_EQ(second.due, 36975);
    clock.to_day(14);
    const auto fin = issue_invoice(*till, *dana, order);
    EXPECT_EQ(fin.due, 0);
    EXPECT_EQ(fin.prepaid + fin.due, fin.grand_total + fin.rounding);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Catering, ADepositFallsDueByTheDayOfTheServiceUnlessADateIsGiven) {
    const std::int64_t order = example_order();  // the buffet is served on 2026-12-12
    clock.to_day(10);                              // 2026-12-10: 30 days on would be 2027-01-09
    EXPECT_EQ(issue_deposit(*till, *dana, order, invoice::DepositAsk{0, c(10000)}).due_date, "2026-12-12");
    // A date given is kept, even after the service (the customer's terms).
    EXPECT_EQ(issue_deposit(*till, *dana, order, invoice::DepositAsk{0, c(10000)}, InvoiceDates{"", "2026-12-20"}).due_date,
              "2026-12-20");
    clock.to_day(13);  // asked after the service: due on issue, never before it
    EXPECT_EQ(issue_deposit(*till, *dana, order, invoice::DepositAsk{0, c(10000)}).due_date, "2026-12-13");
    // The final invoice keeps the usual terms.
    EXPECT_EQ(issue_invoice(*till, *dana, order).due_date, "2027-01-12");
    // Likewise a quote is valid 30 days by default, never past its own service.
    EXPECT_EQ(new_quote(*till, *dana, QuoteRequest{1, invoice::PriceBasis::incl_vat, 20, "2026-12-20", "", "", ""}).valid_until,
              "2026-12-20");
    EXPECT_EQ(new_quote(*till, *dana, QuoteRequest{1, invoice::PriceBasis::incl_vat, 20, "2027-03-01", "", "", ""}).valid_until,
              "2027-01-12");
}

TEST_F(Catering, ACreditNoteGivesTheInvoiceBackThenTheOrderIsInvoicedAgain) {
    const std::int64_t order = example_order();
    clock.to_day(14);
    const auto inv = issue_invoice(*till, *dana, order);
    // Part of it first (the staff line), then the rest; a third is more than is left.
    const auto staff = std::vector<invoice::Line>{example::buffet_lines()[4]};
    const auto part = issue_credit_note(*till, *dana, inv.number, staff);
    EXPECT_EQ(part.kind, "credit_note");
    EXPECT_EQ(part.corrects, inv.number);
    EXPECT_EQ(part.grand_total + part.rounding, 19875);
    EXPECT_EQ(invoice_status(*till, inv.number).remaining, c(186975 - 19875));
    // Nothing is paid on a credit note: what it gives back shows on its invoice, not as owed on it.
    EXPECT_EQ(invoice_status(*till, part.number).remaining, Money());
    EXPECT_EQ(invoice_status(*till, part.number).to_refund, Money());
    EXPECT_FALSE(invoice_status(*till, part.number).overdue);
    auto rest = example::buffet_lines();
    rest.pop_back();
    issue_credit_note(*till, *dana, inv.number, rest);
    EXPECT_NE(refusal([&] { issue_credit_note(*till, *dana, inv.number, staff); }).find("already given back whole"), std::string::npos);
    EXPECT_TRUE(unpaid_invoices(*till).empty());
    const auto again = issue_invoice(*till, *dana, order);
    EXPECT_EQ(again.number, "F-2026-0004");
    const auto r = db::verify_ledger(path);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

TEST_F(Catering, ASellerCannotInvoice) {
    const std::int64_t order = example_order();
    const Actor sam = till->sign_in("Sam", "5678");
    EXPECT_NE(refusal([&] { issue_invoice(*till, sam, order); }), "(accepted)");
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM invoices"), 0);
}

TEST_F(Catering, AnInvoiceNeedsTheSellersMentions) {
    const std::int64_t order = example_order();
    raw_sql(path, "DELETE FROM local_settings WHERE key = 'business.vat_number'");
    const std::int64_t before = records();
    EXPECT_NE(refusal([&] { issue_invoice(*till, *dana, order); }).find("business.vat_number"), std::string::npos);
    EXPECT_EQ(records(), before);
}

TEST_F(Catering, InvoiceNumbersStayGapFreeWithTwoWritersAtOnce) {
    const std::int64_t order = example_order();
    till.reset();
    constexpr int kEach = 15;
    auto writer = [&] {
        auto t = Till::open(path, clock.clock());
        const Actor a = t->sign_in("Dana", "1234");
        for (int i = 0; i < kEach; ++i) issue_deposit(*t, a, order, invoice::DepositAsk{0, c(1000)});
    };
    std::thread one(writer), two(writer);
    one.join();
    two.join();
    std::vector<std::int64_t> ns;
    db::Database d(path, db::Database::Mode::ReadOnly);
    for (auto st = d.prepare("SELECT n, number FROM invoices ORDER BY seq"); st.step();) {
        ns.push_back(st.i64(0));
        EXPECT_EQ(st.str(1), db::invoice_number(2026, st.i64(0)));
    }
    ASSERT_EQ(ns.size(), 2u * kEach);
    for (std::size_t i = 0; i < ns.size(); ++i) EXPECT_EQ(ns[i], static_cast<std::int64_t>(i) + 1);
    const auto r = db::verify_ledger(path);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

// Issue 14 item 7: the CAPE statement of a period with counter sales and an invoiced buffet counts
// both per member (the lines' entrepreneurs); the day's Z counts the counter only.
TEST_F(Catering, TheCapeStatementSplitsCounterSalesAndInvoicedRevenue) {
    open_cash_session(*till, *dana, OpenSessionRequest{{}, Money::cents(10000)});
    till->sell(*dana, testing::sell_text({"THIEB*2", "LECHE"}, std::nullopt, {"cash:40"}));
    const auto counter = cape_statement(*till, "2026-12-01", "2026-12-31");
    auto sales_ht = [](const CapeStatement& st, const std::string& name) {
        for (const auto& m : st.members)
            if (m.split.name == name) return m.split.sales_ht;
        return Money::cents(-1);
    };
    const std::int64_t order = example_order();
    clock.to_day(2);
    issue_deposit(*till, *dana, order, invoice::DepositAsk{3000, Money()});
    clock.to_day(14);
    issue_invoice(*till, *dana, order);
    const auto both = cape_statement(*till, "2026-12-01", "2026-12-31");
    // Deposit + final invoice = the whole order's nets per cook (tests/core/invoice_test.cpp).
    EXPECT_EQ(sales_ht(both, "Awa") - sales_ht(counter, "Awa"), c(70364 + 16562));
    EXPECT_EQ(sales_ht(both, "Karim") - sales_ht(counter, "Karim"), c(53727 + 4091));
    EXPECT_EQ(sales_ht(both, "Lucía") - sales_ht(counter, "Lucía"), c(23727));
    EXPECT_EQ(both.invoiced_ht, c(168471));   // BT-109 of the order
    EXPECT_EQ(both.invoiced_ttc, c(186974));  // BT-112 (the rounding cent is no sale)
    EXPECT_EQ(both.split.sales_ht - counter.split.sales_ht, c(168471));
    // The counter's own figures did not move: Awa's two plates and Lucía's dessert.
    EXPECT_EQ(counter.split.sales_ttc, c(2 * 1290 + 435));
    // The Z of the day counts the counter only.
    EXPECT_EQ(till->report_day(std::string("2026-12-01")).total, 2 * 1290 + 435);
    // A credit note giving the final invoice back whole cancels what that invoice charged, no more:
    // the deposit stays invoiced and paid, counted once (newcomer trial: it was lost from the split).
    const auto deposit = db::find_invoice(till->ledger().db(), "T1", "F-2026-0001").value();
    const auto final_invoice = db::find_invoice(till->ledger().db(), "T1", "F-2026-0002").value();
    const auto credit = issue_credit_note(*till, *dana, "F-2026-0002");
    EXPECT_EQ(credit.due, final_invoice.due) << "the credit note gives back what the final invoice asked";
    EXPECT_EQ(credit.prepaid, deposit.due);
    const auto credited = cape_statement(*till, "2026-12-01", "2026-12-31");
    EXPECT_EQ(credited.invoiced_ht, c(deposit.line_total));
    // Invoiced again: the deposit deducted again, the whole order counted once.
    const auto again = issue_invoice(*till, *dana, order);
    EXPECT_EQ(again.due, final_invoice.due);
    const auto reinvoiced = cape_statement(*till, "2026-12-01", "2026-12-31");
    EXPECT_EQ(reinvoiced.invoiced_ht, c(168471));
    EXPECT_EQ(sales_ht(reinvoiced, "Awa") - sales_ht(counter, "Awa"), c(70364 + 16562));
    const auto r = db::verify_ledger(path);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

// A mistyped deposit is given back by a credit note while no final invoice deducts it, whole; the
// final invoice then deducts only the deposits left (newcomer trial: it could never be cancelled).
TEST_F(Catering, AMistypedDepositIsGivenBackThenNotDeducted) {
    const std::int64_t order = example_order();
    const auto wrong = issue_deposit(*till, *dana, order, invoice::DepositAsk{0, c(150000)});
    const auto right = issue_deposit(*till, *dana, order, invoice::DepositAsk{0, c(15000)});
    const std::int64_t before = records();
    EXPECT_NE(refusal([&] { issue_credit_note(*till, *dana, wrong.number, std::vector<invoice::Line>{wrong.document.lines.at(0)}); })
                  .find("whole"),
              std::string::npos);
    EXPECT_EQ(records(), before);
    const auto back = issue_credit_note(*till, *dana, wrong.number);
    EXPECT_EQ(back.grand_total + back.rounding, wrong.grand_total + wrong.rounding);
    EXPECT_EQ(back.revenue, wrong.revenue);
    // What remains for deposits counts only the live one.
    const auto third = issue_deposit(*till, *dana, order, invoice::DepositAsk{0, c(186975 - 15000 - 1000)});
    clock.to_day(14);
    const auto fin = issue_invoice(*till, *dana, order);
    ASSERT_EQ(fin.document.deposits.size(), 2u);
    EXPECT_EQ(fin.prepaid, right.due + third.due);
    // Once a final invoice deducts a deposit, that deposit is not given back alone.
    const std::int64_t after = records();
    EXPECT_NE(refusal([&] { issue_credit_note(*till, *dana, right.number); }).find(fin.number), std::string::npos);
    EXPECT_EQ(records(), after);
    const auto statement = cape_statement(*till, "2026-12-01", "2026-12-31");
    EXPECT_EQ(statement.invoiced_ht, c(168471)) << "the deposit given back is counted nowhere";
    const auto r = db::verify_ledger(path);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

// The documents drawn from the ledger: the quote, the issued invoice from its journaled document,
// its Factur-X PDF/A-3; an unknown number is refused.
TEST_F(Catering, DocumentsFromTheLedger) {
    const std::int64_t order = example_order();
    clock.to_day(14);
    const auto inv = issue_invoice(*till, *dana, order);
    for (const std::string& pdf : {quote_pdf_of(*till, 1), invoice_pdf_of(*till, inv.number), invoice_facturx_of(*till, inv.number)})
        EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    EXPECT_NE(invoice_facturx_of(*till, inv.number).find("factur-x.xml"), std::string::npos);
    EXPECT_NE(refusal([&] { invoice_pdf_of(*till, "F-2026-0042"); }).find("unknown"), std::string::npos);
    EXPECT_NE(refusal([&] { quote_pdf_of(*till, 7); }).find("unknown"), std::string::npos);
}

// A quote priced excluding VAT (a company's usual quote): a catalogue line needs its price HT, a
// free line is taken as typed; the invoice's totals are EN 16931's from the nets.
TEST_F(Catering, AQuoteExcludingVatAndCatalogueLines) {
    auto company = example::city_hall();
    company.party.name = "Coop Informatique";
    company.public_buyer = false;
    company.service_code.clear();
    company.commitment_number.clear();
    const auto customer = add_customer(*till, *dana, company);
    const auto quote = new_quote(*till, *dana, QuoteRequest{customer.id, invoice::PriceBasis::excl_vat, 20, "2026-12-10", "", "", ""});
    QuoteLineRequest line;
    line.quote = quote.id;
    line.sku = "THIEB";
    line.quantity_milli = 20'000;
    EXPECT_NE(refusal([&] { add_quote_line(*till, *dana, line); }).find("excluding VAT"), std::string::npos);
    line.unit_price = c(1000);  // 10,00 HT; name, rate and cook from the catalogue
    const auto l1 = add_quote_line(*till, *dana, line);
    EXPECT_EQ(l1.description, "Thiéboudienne");
    EXPECT_EQ(l1.vat_bp, 1000);
    EXPECT_EQ(l1.entrepreneur, 1);
    QuoteLineRequest free;
    free.quote = quote.id;
    free.description = "Location de la salle";
    free.quantity_milli = 1'000;
    free.unit_price = c(15000);
    free.rate = VatRate{2000};
    free.entrepreneur = "karim";  // a name as typed: the entrepreneur's name key
    EXPECT_EQ(add_quote_line(*till, *dana, free).entrepreneur, 2);
    free.entrepreneur = "Personne";
    EXPECT_NE(refusal([&] { add_quote_line(*till, *dana, free); }).find("not an entrepreneur"), std::string::npos);
    const auto order = accept_quote(*till, *dana, quote.id);
    EXPECT_NE(refusal([&] { accept_quote(*till, *dana, quote.id); }).find("already accepted"), std::string::npos);
    const auto inv = issue_invoice(*till, *dana, order.id);
    EXPECT_EQ(inv.line_total, 20000 + 15000);
    EXPECT_EQ(inv.tax_total, 2000 + 3000);
    EXPECT_EQ(inv.due, 40000);
    EXPECT_EQ(inv.rounding, 0);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

// A till's catering records travel in its bundle: the coordinator replays them into its own
// projections (db/records/replay), verify accepts them, and its CAPE statement counts the invoices.
TEST_F(Catering, ABundleCarriesTheInvoicesToTheCoordinator) {
    const std::int64_t order = example_order();
    clock.to_day(14);
    issue_invoice(*till, *dana, order);
    record_invoice_payment(*till, *dana, PaymentRequest{"F-2026-0001", c(50000), PaymentMethod::transfer, "", ""});
    export_bundle(*till, std::nullopt, std::nullopt, dir.file("t1.jsonl"));
    const std::string coord_path = dir.file("coord.db");
    auto coord = Till::init(coord_path, "C1", false, clock.clock());
    coord->add_user(std::nullopt, "Eve", "admin", "4321");
    EXPECT_TRUE(import_bundles(*coord, std::nullopt, {dir.file("t1.jsonl")}).all_imported());
    EXPECT_EQ(raw_scalar(coord_path, "SELECT COUNT(*) FROM invoices WHERE terminal = 'T1'"), 1);
    EXPECT_EQ(raw_scalar(coord_path, "SELECT COUNT(*) FROM invoice_payments WHERE terminal = 'T1'"), 1);
    EXPECT_EQ(raw_scalar(coord_path, "SELECT COUNT(*) FROM quote_lines WHERE terminal = 'T1'"), 5);
    // The coordinator's own invoices are numbered apart from T1's: none yet.
    EXPECT_TRUE(unpaid_invoices(*coord).empty());
    const auto st = cape_statement(*coord, "2026-12-01", "2026-12-31");
    EXPECT_EQ(st.invoiced_ht, c(168471));
    coord.reset();
    const auto r = db::verify_ledger(coord_path);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

// ---- The overview of the manager's screens (issue 14 item 8): one status per quote ---------------

// The worked example through every step, as the order list shows it: quote, order, deposit,
// invoiced, overdue, paid; the newest service date first; a quote past its validity is expired.
TEST_F(Catering, TheOverviewFollowsAnOrderFromQuoteToPaid) {
    const std::int64_t order = example_order();  // quote 1, served 2026-12-12
    QuoteRequest later{1, invoice::PriceBasis::incl_vat, 20, "2026-12-20", "", "2026-12-05", ""};
    const auto other = new_quote(*till, *dana, later);  // quote 2, no line
    auto overview = catering_overview(*till);
    ASSERT_EQ(overview.size(), 2u);
    EXPECT_EQ(overview[0].quote, other.id) << "served 2026-12-20: first";
    EXPECT_EQ(overview[0].status, OrderStatus::quote);
    EXPECT_EQ(overview[0].total, Money());
    EXPECT_FALSE(overview[0].to_invoice);

    auto mine = order_summary(*till, 1);
    EXPECT_EQ(mine.status, OrderStatus::order);
    EXPECT_EQ(mine.order, order);
    EXPECT_EQ(mine.total, c(186975));
    EXPECT_EQ(mine.guests, 60);
    EXPECT_EQ(mine.customer, "Mairie de Bagnolet");
    EXPECT_TRUE(mine.to_invoice);
    EXPECT_FALSE(mine.unpaid);

    clock.to_day(2);
    issue_deposit(*till, *dana, order, invoice::DepositAsk{3000, Money()});
    mine = order_summary(*till, 1);
    EXPECT_EQ(mine.status, OrderStatus::deposit_invoiced);
    EXPECT_EQ(mine.remaining, c(56093));
    EXPECT_EQ(mine.deposits, c(56093));
    EXPECT_TRUE(mine.to_invoice);
    EXPECT_TRUE(mine.unpaid);

    clock.to_day(14);
    issue_invoice(*till, *dana, order, InvoiceDates{"", "2026-12-20"});
    overview = catering_overview(*till);
    ASSERT_EQ(overview.size(), 2u);
    EXPECT_EQ(overview[0].quote, other.id) << "served 2026-12-20: first";
    EXPECT_EQ(overview[0].status, OrderStatus::quote_expired) << "valid until 2026-12-05";
    // The deposit fell due on the day of the service (2026-12-12) and is not paid.
    EXPECT_EQ(overview[1].status, OrderStatus::overdue);
    EXPECT_EQ(overview[1].days_late, 2);
    EXPECT_EQ(overview[1].remaining, c(56093 + 130882));
    EXPECT_FALSE(overview[1].to_invoice);
    ASSERT_EQ(overview[1].invoices.size(), 2u);
    EXPECT_EQ(overview[1].invoices[1].invoice.number, "F-2026-0002");

    clock.to_day(23);
    record_invoice_payment(*till, *dana, PaymentRequest{"F-2026-0001", c(56093), PaymentMethod::transfer, "", ""});
    mine = order_summary(*till, 1);
    EXPECT_EQ(mine.status, OrderStatus::overdue);
    EXPECT_EQ(mine.days_late, 3);
    EXPECT_EQ(mine.remaining, c(130882));

    record_invoice_payment(*till, *dana, PaymentRequest{"F-2026-0002", c(130882), PaymentMethod::cheque, "", ""});
    mine = order_summary(*till, 1);
    EXPECT_EQ(mine.status, OrderStatus::paid);
    EXPECT_FALSE(mine.unpaid);
    EXPECT_EQ(order_status_name(mine.status), "paid");
    EXPECT_THROW(order_summary(*till, 9), InputError);
}

// Invoices given back whole: the final one gives its deposit back to the order (deposit invoiced
// again, to invoice); the deposit given back too leaves only credit notes.
TEST_F(Catering, TheOverviewOfAnOrderGivenBack) {
    const std::int64_t order = example_order();
    const auto deposit = issue_deposit(*till, *dana, order, invoice::DepositAsk{0, c(10000)}, InvoiceDates{"", "2026-12-31"});
    clock.to_day(14);
    const auto fin = issue_invoice(*till, *dana, order);
    issue_credit_note(*till, *dana, fin.number);
    auto mine = order_summary(*till, 1);
    EXPECT_EQ(mine.status, OrderStatus::deposit_invoiced);
    EXPECT_TRUE(mine.to_invoice);
    EXPECT_EQ(mine.remaining, c(10000));
    EXPECT_EQ(mine.deposits, c(10000));
    issue_credit_note(*till, *dana, deposit.number);
    mine = order_summary(*till, 1);
    EXPECT_EQ(mine.status, OrderStatus::credited);
    EXPECT_EQ(mine.deposits, Money()) << "a deposit given back is no longer asked";
    EXPECT_FALSE(mine.unpaid);
    EXPECT_EQ(mine.invoices.size(), 4u);
}

// The invoice's PDF and Factur-X saved beside the ledger; an unknown number writes nothing.
TEST_F(Catering, InvoiceFilesAreSavedBesideTheLedger) {
    const std::int64_t order = example_order();
    clock.to_day(14);
    const auto fin = issue_invoice(*till, *dana, order);
    EXPECT_THROW(save_invoice_files(*till, "F-2026-0042"), InputError);
    EXPECT_FALSE(std::filesystem::exists(invoice_folder(*till)));
    const std::string folder = save_invoice_files(*till, fin.number);
    EXPECT_EQ(folder, (std::filesystem::path(path).parent_path() / "factures").string());
    for (const std::string& name : {fin.number + ".pdf", fin.number + "-facturx.pdf"}) {
        std::ifstream f(std::filesystem::path(folder) / name, std::ios::binary);
        std::string head(5, '\0');
        f.read(head.data(), 5);
        EXPECT_EQ(head, "%PDF-") << name;
    }
}

// ---- Tampering: verify rebuilds each record from its projection and rechecks its totals --------

class CateringTamper : public Catering {
protected:
    void SetUp() override {
        Catering::SetUp();
        const std::int64_t order = example_order();
        clock.to_day(2);
        issue_deposit(*till, *dana, order, invoice::DepositAsk{3000, Money()});
        clock.to_day(14);
        final_seq = issue_invoice(*till, *dana, order).seq;
        record_invoice_payment(*till, *dana, PaymentRequest{"F-2026-0002", c(1000), PaymentMethod::cheque, "", ""});
        till.reset();
        ASSERT_TRUE(db::verify_ledger(path).ok);
    }
    db::VerifyProblem first_bad() {
        auto r = db::verify_ledger(path);
        EXPECT_FALSE(r.ok);
        return r.problems.empty() ? db::VerifyProblem{} : r.problems.front();
    }
    std::int64_t final_seq = 0;
};

TEST_F(CateringTamper, AmountDueChangedInTheProjection) {
    raw_sql(path, "DROP TRIGGER invoices_no_update; UPDATE invoices SET due = due - 100 WHERE number = 'F-2026-0002';");
    const auto p = first_bad();
    EXPECT_EQ(p.seq, final_seq);
    EXPECT_NE(p.reason.find("invoice.issue"), std::string::npos) << p.reason;
}

TEST_F(CateringTamper, LinePriceChangedInTheDocument) {
    raw_sql(path, "DROP TRIGGER invoices_no_update; UPDATE invoices SET document = replace(document, '\"price\":1290', "
                  "'\"price\":1190') WHERE number = 'F-2026-0002';");
    EXPECT_EQ(first_bad().seq, final_seq);
}

TEST_F(CateringTamper, PaymentRowDeleted) {
    raw_sql(path, "DROP TRIGGER invoice_payments_no_delete; DELETE FROM invoice_payments;");
    EXPECT_NE(first_bad().reason.find("payment.add"), std::string::npos);
}

TEST_F(CateringTamper, InvoiceRowAddedWithoutItsRecord) {
    raw_sql(path, "INSERT INTO invoices SELECT terminal, seq + 1000, 'F-2026-0003', year, 3, kind, order_id, customer_id, "
                  "issue_date, due_date, corrects, document, line_total, tax_total, grand_total, prepaid, rounding, due, revenue, "
                  "user_id FROM invoices WHERE number = 'F-2026-0002';");
    EXPECT_FALSE(db::verify_ledger(path).ok);
}

}  // namespace
}  // namespace caisse
