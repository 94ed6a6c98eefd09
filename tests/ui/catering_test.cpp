// The catering screens driven by taps (issue 14 item 8): a manager reaches the orders from the
// Caisse menu, adds a customer on the on-screen keyboard, opens an order set up by the services,
// issues a 30 % deposit and the final invoice, records both payments, and the order reads "payée";
// each of those actions waits for its confirmation; a seller has no way in; a bad SIRET is said
// and nothing is recorded, the form kept as typed; a credit note, the production sheets and the
// invoice files from the order's screen.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "app/services/catering.hpp"
#include "app/services/catering_invoice.hpp"
#include "app/services/catering_overview.hpp"
#include "app/services/i18n.hpp"
#include "app/services/catering_documents.hpp"
#include "app/services/printing.hpp"
#include "db/verify.hpp"
#include "tests/core/invoice_example.hpp"
#include "tests/services/catering_seller.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t journal(Harness& h) { return caisse::testing::raw_scalar(h.path(), "SELECT COUNT(*) FROM journal"); }

// A business customer and a quote of 20 mafés and 20 bissaps served on 2026-03-20 (the harness's
// day is 2026-03-02), written by the services: its quote id.
std::int64_t quote_by_services(Harness& h) {
    Till& till = h.till();
    set_seller(till);
    const Actor karim = till.sign_in("Karim", "2345");
    invoice::Customer c;
    c.party = invoice::Party{"Coop Informatique", "3 rue des Lilas", "93100", "Montreuil", "FR", "", "", ""};
    const auto customer = add_customer(till, karim, c);
    const auto q = new_quote(till, karim, QuoteRequest{customer.id, invoice::PriceBasis::incl_vat, 20, "2026-03-20", "Salle Jean Vilar", "", ""});
    for (const char* sku : {"MAFE", "BISSAP"}) {
        QuoteLineRequest l;
        l.quote = q.id;
        l.sku = sku;
        l.quantity_milli = 20'000;
        add_quote_line(till, karim, l);
    }
    return q.id;
}

void open_catering(Harness& h) {
    h.login("Karim", "2345");
    h.tap("cash");
    h.tap("menu:catering");
    ASSERT_EQ(h.app().screen(), Screen::catering_orders) << h.app().message();
}

// Lower-case letters, digits, spaces and capitals (Maj) on the on-screen keyboard.
void type_text(Harness& h, const std::string& text) {
    for (char ch : text) {
        if (ch == ' ') {
            h.tap("kbd:space");
            continue;
        }
        const bool capital = ch >= 'A' && ch <= 'Z';
        if (capital) h.tap("kbd:shift"), ch = static_cast<char>(ch - 'A' + 'a');
        h.tap(std::string("kbd:") + ch);
        if (capital) h.tap("kbd:shift");
    }
}

void fill(Harness& h, const std::string& field, const std::string& text) {
    h.tap("cc_field:" + field);
    type_text(h, text);
    h.tap("cc_typed");
}

// Every target of the screen is whole on it and a finger's size (1024x768: the harness's size).
void every_target_fits(Harness& h, const std::string& where) {
    for (const auto& [id, t] : h.app().targets()) {
        EXPECT_GE(t.min.x, 0) << where << ": " << id;
        EXPECT_LE(t.max.x, h.size().x) << where << ": " << id;
        EXPECT_LE(t.max.y, h.size().y) << where << ": " << id;
        EXPECT_GE(t.height(), 48) << where << ": " << id;
        EXPECT_GE(t.width(), 48) << where << ": " << id;
    }
}

// Answers the catering question yes once its answer is armed; the answer is no target before.
void confirm(Harness& h) {
    ASSERT_TRUE(h.has("catering_confirm_no")) << "no question asked";
    EXPECT_FALSE(h.has("catering_confirm_yes")) << "armed at once: a double tap would answer it";
    h.wait(0.5f);
    h.tap("catering_confirm_yes");
}

TEST(UiCatering, AManagerTakesAnOrderFromQuoteToPaid) {
    Harness h;
    const std::int64_t quote = quote_by_services(h);
    open_catering(h);
    ASSERT_TRUE(h.has("catering_order:" + std::to_string(quote)));
    EXPECT_NE(h.text().find("devis"), std::string::npos);
    every_target_fits(h, "orders");

    // A customer added on screen.
    h.tap("catering_tab:customers");
    h.tap("cc_new");
    fill(h, "name", "Mairie Test");
    fill(h, "street", "1 place de la Mairie");
    fill(h, "postcode", "93170");
    fill(h, "city", "Bagnolet");
    h.tap("cc_public:yes");
    every_target_fits(h, "customer form");
    h.tap("cc_public:no");
    h.tap("cc_save");
    ASSERT_EQ(list_customers(h.till()).size(), 2u) << h.app().message();
    EXPECT_EQ(list_customers(h.till()).back().customer.party.name, "Mairie Test");
    EXPECT_EQ(list_customers(h.till()).back().customer.party.address, "1 place de la Mairie");

    h.tap("catering_tab:orders");
    h.tap("catering_order:" + std::to_string(quote));
    ASSERT_EQ(h.app().screen(), Screen::catering_order);
    const Money total = order_summary(h.till(), quote).total;
    EXPECT_GT(total, Money());

    // Accepted only once confirmed: "Not yet" changes nothing.
    const auto before = journal(h);
    h.tap("co_accept");
    h.tap("catering_confirm_no");
    EXPECT_EQ(journal(h), before);
    h.tap("co_accept");
    confirm(h);
    auto o = order_summary(h.till(), quote);
    ASSERT_TRUE(o.order) << h.app().message();
    EXPECT_EQ(o.status, OrderStatus::order);

    // A 30 % deposit.
    h.tap("co_deposit");
    h.tap("co_deposit_amount");
    every_target_fits(h, "deposit panel");
    h.tap("co_deposit_pct:3000");
    h.tap("co_deposit_issue");
    // The question names the amount in euros, the one then invoiced.
    const Money asked = deposit_to_issue(h.till(), *o.order, invoice::DepositAsk{3000, Money()});
    EXPECT_TRUE(h.shows(asked.format())) << "the deposit's question does not say how much: " << h.text();
    confirm(h);
    o = order_summary(h.till(), quote);
    EXPECT_EQ(o.status, OrderStatus::deposit_invoiced) << h.app().message();
    ASSERT_EQ(o.invoices.size(), 1u);
    const Money deposit = o.invoices[0].due;
    EXPECT_EQ(deposit, asked);
    EXPECT_LE(std::abs(deposit.value() * 10 - total.value() * 3), 10) << "30 % of the total, to the cent";

    // A second deposit of a euro more than remains of the order (less than its total): said at
    // once, no question asked. The keypad takes euros.
    auto before_refusal = journal(h);
    h.tap("co_deposit");
    EXPECT_TRUE(h.shows("Déjà " + deposit.format() + " en acomptes")) << "the panel does not say what was asked before: " << h.text();
    every_target_fits(h, "second deposit panel");
    h.tap("co_deposit_amount");
    h.type(std::to_string((total - deposit).value() / 100 + 1), "co_pad");
    h.tap("co_deposit_issue");
    h.frame();
    EXPECT_FALSE(h.has("catering_confirm_no")) << "a question asked for a deposit the service refuses";
    EXPECT_NE(h.app().message().find("ce qui reste"), std::string::npos) << h.app().message();
    EXPECT_EQ(journal(h), before_refusal);
    h.tap("co_panel_cancel");

    // The final invoice, its deposit deducted: the question says what is left to pay.
    h.tap("co_final");
    EXPECT_TRUE(h.shows((total - deposit).format())) << "the final invoice's question does not say what is due: " << h.text();
    confirm(h);
    o = order_summary(h.till(), quote);
    EXPECT_EQ(o.status, OrderStatus::invoiced) << h.app().message();
    ASSERT_EQ(o.invoices.size(), 2u);
    EXPECT_EQ(o.invoices[1].due + deposit, total);
    EXPECT_NE(h.text().find("facturée"), std::string::npos);

    // The deposit is deducted on the final invoice: a credit note for it is refused at once.
    h.tap("co_invoice:" + o.invoices[0].invoice.number);
    before_refusal = journal(h);
    h.tap("co_credit");
    h.frame();
    EXPECT_FALSE(h.has("catering_confirm_no")) << "a question asked for a credit note the service refuses";
    EXPECT_NE(h.app().message().find(o.invoices[1].invoice.number), std::string::npos) << h.app().message();
    EXPECT_EQ(journal(h), before_refusal);
    h.tap("co_invoice:" + o.invoices[0].invoice.number);  // let it go: the payments below choose their own

    // The payments: the final invoice is chosen after issuing it; the amount is what remains.
    for (const std::string& number : {o.invoices[1].invoice.number, o.invoices[0].invoice.number}) {
        h.tap("co_invoice:" + number);
        if (!h.has("co_pay")) h.tap("co_invoice:" + number);  // it was chosen: the tap let it go
        h.tap("co_pay");
        every_target_fits(h, "payment panel");
        h.tap("co_method:cheque");
        h.tap("co_pay_record");
        confirm(h);
        EXPECT_EQ(invoice_status(h.till(), number).remaining, Money()) << h.app().message();
    }
    o = order_summary(h.till(), quote);
    EXPECT_EQ(o.status, OrderStatus::paid);
    EXPECT_NE(h.text().find("payée"), std::string::npos);
    h.tap("catering_tab:orders");
    EXPECT_NE(h.text().find("payée"), std::string::npos);
    const auto r = db::verify_ledger(h.path());
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

// A payment typed: the amount on the keypad replaces the default; more than remains is refused
// by the service before any question, said, and nothing is recorded. Then a whole credit note, and
// the files.
TEST(UiCatering, APartPaymentACreditNoteAndTheFiles) {
    Harness h;
    const std::int64_t quote = quote_by_services(h);
    const Actor karim = h.till().sign_in("Karim", "2345");
    const auto order = accept_quote(h.till(), karim, quote);
    const auto inv = issue_invoice(h.till(), karim, order.id);
    open_catering(h);
    h.tap("catering_filter:unpaid");
    h.tap("catering_order:" + std::to_string(quote));
    h.tap("co_invoice:" + inv.number);
    h.tap("co_pay");
    EXPECT_EQ(h.text().find(",5 €"), std::string::npos) << "what remains is shown with both decimals: " << h.text();
    h.type("100000", "co_pad");
    const auto before = journal(h);
    h.tap("co_pay_record");
    h.frame();
    EXPECT_FALSE(h.has("catering_confirm_no")) << "a question asked about a payment the service refuses";
    EXPECT_EQ(journal(h), before);
    EXPECT_NE(h.app().message().find("reste"), std::string::npos) << h.app().message();
    h.type("<<<<<<10", "co_pad");
    h.tap("co_pay_record");
    confirm(h);
    EXPECT_EQ(invoice_status(h.till(), inv.number).paid, Money::cents(1000)) << h.app().message();

    h.tap("co_files");
    const std::string folder = invoice_folder(h.till());
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(folder) / (inv.number + ".pdf"))) << h.app().message();
    EXPECT_TRUE(std::filesystem::exists(std::filesystem::path(folder) / (inv.number + "-facturx.pdf")));
    EXPECT_NE(h.app().message().find(folder), std::string::npos);

    // One sheet per cook, on the till's (screen) printer.
    const auto sheets = production_sheets_of(h.till(), order.id, receipt_translator(h.till())).size();
    h.tap("co_sheets");
    const std::string said = h.app().message();
    EXPECT_NE(said.find("Fiches de production"), std::string::npos) << said;
    EXPECT_EQ(said.substr(said.size() - std::to_string(sheets).size()), std::to_string(sheets)) << said;

    h.tap("co_credit");
    h.tap("catering_confirm_no");
    EXPECT_EQ(order_summary(h.till(), quote).status, OrderStatus::invoiced);
    h.tap("co_credit");
    confirm(h);
    const auto o = order_summary(h.till(), quote);
    EXPECT_EQ(o.invoices.size(), 2u) << h.app().message();
    EXPECT_TRUE(o.to_invoice);
    EXPECT_TRUE(db::verify_ledger(h.path()).ok);
}

// "Edit the quote" and "New quote" open the quote editor, which comes back to where it was opened;
// a quote saved there shows in the list.
TEST(UiCatering, TheQuoteEditorOpensFromTheListAndTheOrder) {
    Harness h;
    const std::int64_t quote = quote_by_services(h);
    open_catering(h);
    h.tap("catering_order:" + std::to_string(quote));
    h.tap("co_edit");
    ASSERT_EQ(h.app().screen(), Screen::quote_editor) << h.app().message();
    h.tap("qe_cancel");  // nothing changed: no question
    EXPECT_EQ(h.app().screen(), Screen::catering_order);
    EXPECT_TRUE(h.has("co_accept"));
    h.tap("catering_tab:orders");
    h.tap("catering_new_quote");
    ASSERT_EQ(h.app().screen(), Screen::quote_editor) << h.app().message();
    h.tap("qe_cancel");
    EXPECT_EQ(h.app().screen(), Screen::catering_orders);
    EXPECT_TRUE(h.has("catering_order:" + std::to_string(quote)));
}

// Newcomer trial: a quote changed in the editor and saved, the order page must show what was saved
// (it offered to accept the old amount); a new quote saved from the list must be in the list.
TEST(UiCatering, WhatTheEditorSavedIsWhatTheOrderShows) {
    Harness h;
    const std::int64_t quote = quote_by_services(h);
    open_catering(h);
    h.tap("catering_order:" + std::to_string(quote));
    const Money before = quote_view(h.till(), quote).totals->agreed_total;
    ASSERT_TRUE(h.shows(before.format())) << h.text();
    h.tap("co_edit");
    h.tap("qe_guests");
    h.type("30", "qe_pad");
    h.tap("qe_pad_ok");
    h.tap("qe_per_guest:1");
    h.tap("qe_save");
    ASSERT_EQ(h.app().screen(), Screen::catering_order) << h.app().message();
    const Money saved = quote_view(h.till(), quote).totals->agreed_total;
    ASSERT_NE(saved, before);
    EXPECT_TRUE(h.shows(saved.format())) << "the order page does not show the quote as saved: " << h.text();
    EXPECT_FALSE(h.shows(before.format())) << "the order page still shows the quote as it was";
    // From the list, a new quote saved appears in it at once.
    h.tap("catering_tab:orders");
    const std::size_t listed = list_quotes(h.till()).size();
    h.tap("catering_new_quote");
    h.tap("qe_customer:1");
    h.tap("qe_add_catalogue");
    h.tap("qe_product:MAFE");
    h.tap("qe_save");
    ASSERT_EQ(h.app().screen(), Screen::catering_orders) << h.app().message();
    ASSERT_EQ(list_quotes(h.till()).size(), listed + 1) << h.app().message();
    EXPECT_TRUE(h.has("catering_order:" + std::to_string(listed + 1)));
}

// The quote goes to the customer as a PDF from its page (it was CLI-only).
TEST(UiCatering, AQuoteIsSavedAsAPdfFromItsPage) {
    Harness h;
    const std::int64_t quote = quote_by_services(h);
    open_catering(h);
    h.tap("catering_order:" + std::to_string(quote));
    h.tap("co_quote_pdf");
    const auto file = std::filesystem::path(invoice_folder(h.till())) / ("DEV-" + std::to_string(quote) + ".pdf");
    ASSERT_TRUE(std::filesystem::exists(file)) << h.app().message();
    EXPECT_NE(h.app().message().find(file.string()), std::string::npos) << h.app().message();
    EXPECT_GT(std::filesystem::file_size(file), 1000u);
}

TEST(UiCatering, ASellerHasNoWayIn) {
    Harness h;
    h.login("Lucie", "1111");
    h.tap("cash");
    EXPECT_TRUE(h.has("menu:cash_in"));
    EXPECT_FALSE(h.has("menu:catering"));
}

TEST(UiCatering, ABadSiretIsSaidAndNothingIsRecorded) {
    Harness h;
    open_catering(h);
    h.tap("catering_tab:customers");
    h.tap("cc_new");
    fill(h, "name", "Coop Bio");
    fill(h, "street", "5 rue Roy");
    fill(h, "postcode", "93100");
    fill(h, "city", "Montreuil");
    fill(h, "siret", "12345678901234");  // its key is wrong
    const auto before = journal(h);
    h.tap("cc_save");
    EXPECT_EQ(journal(h), before);
    EXPECT_TRUE(list_customers(h.till()).empty());
    EXPECT_NE(h.app().message().find("SIRET"), std::string::npos) << h.app().message();
    // Said in French, and the form kept as typed.
    EXPECT_EQ(h.app().message().find("invalid"), std::string::npos) << h.app().message();
    ASSERT_TRUE(h.has("cc_save"));
    EXPECT_NE(h.text().find("CoopBio"), std::string::npos);
    EXPECT_NE(h.text().find("12345678901234"), std::string::npos);
}

// Every status the list shows reads in French.
TEST(UiCatering, EveryStatusHasItsFrenchWord) {
    const auto fr = i18n::Translator::load("fr");
    for (auto st : {OrderStatus::quote, OrderStatus::quote_expired, OrderStatus::order, OrderStatus::deposit_invoiced, OrderStatus::invoiced,
                    OrderStatus::paid, OrderStatus::overdue, OrderStatus::credited})
        EXPECT_TRUE(fr.has(order_status_name(st))) << order_status_name(st);
}

// Every item of a manager's menu, the catering one added, on a 1024x768 screen at a finger's size.
TEST(UiCatering, TheManagersMenuStillFitsA1024x768Screen) {
    Harness h(ImVec2(1024, 768));
    h.login("Karim", "2345");
    h.tap("cash");
    ASSERT_TRUE(h.has("menu:catering"));
    for (const auto& [id, t] : h.app().targets()) {
        if (id.rfind("menu:", 0) != 0) continue;
        EXPECT_LE(t.max.y, 768) << id;
        EXPECT_GE(t.height(), 48) << id;
    }
}

}  // namespace
}  // namespace caisse::ui::testing
