// The quote editor driven by taps (issue 14 item 8): a manager writes a 60-guest buffet quote
// (a catalogue line per guest, a free "Livraison" line at 20 %, a quantity stepped, a line
// removed) and the services' quote_view shows exactly those lines and the totals the screen showed;
// a seller has no way in; without a customer it says how to add one; a refusal (a date of service
// past, a free line without its price) is said and nothing is recorded; an existing quote opens
// with its lines and saving replaces them; leaving with changes asks first; nothing overlaps at
// 1024x768 nor at 1920x1080.
#include <gtest/gtest.h>

#include "app/services/catering.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t count(Harness& h, const std::string& sql) { return caisse::testing::raw_scalar(h.path(), sql); }
std::int64_t journal(Harness& h) { return count(h, "SELECT COUNT(*) FROM journal"); }
std::int64_t quotes(Harness& h) { return count(h, "SELECT COUNT(*) FROM journal WHERE kind = 'quote.new'"); }

// The glyphs of a frame hold `what`, blanks (spaces, no-break spaces) left out on both sides.
bool shows(const std::string& text, std::string what) {
    for (const std::string blank : {" ", "\u00a0", "\u202f"})
        for (std::size_t at; (at = what.find(blank)) != std::string::npos;) what.erase(at, blank.size());
    return text.find(what) != std::string::npos;
}

invoice::Customer city_hall() {
    invoice::Customer c;
    c.party = invoice::Party{"Mairie de Bagnolet", "Place Salvador Allende", "93170", "Bagnolet", "FR",
                             "219300480", "21930048000015", "FR19219300480"};
    c.public_buyer = true;
    c.service_code_required = true;
    c.commitment_required = true;
    c.service_code = "FETES-CEREMONIES";
    c.commitment_number = "EJ-2026-004512";
    return c;
}

std::int64_t add_city_hall(Harness& h) {
    const Actor karim = h.till().sign_in("Karim", "2345");
    return add_customer(h.till(), karim, city_hall()).id;
}

void open_new_quote(Harness& h) {
    h.login("Karim", "2345");
    h.tap("cash");
    h.tap("menu:new-quote");
    ASSERT_EQ(h.app().screen(), Screen::quote_editor) << h.app().message();
}

// Every target of the frame inside the window, and no two overlapping.
void expect_no_overlap(Harness& h) {
    h.frame();
    const auto& t = h.app().targets();
    for (auto a = t.begin(); a != t.end(); ++a) {
        EXPECT_GE(a->second.min.x, 0) << a->first;
        EXPECT_GE(a->second.min.y, 0) << a->first;
        EXPECT_LE(a->second.max.x, h.size().x) << a->first;
        EXPECT_LE(a->second.max.y, h.size().y) << a->first;
        for (auto b = std::next(a); b != t.end(); ++b) {
            const bool apart = a->second.max.x <= b->second.min.x || b->second.max.x <= a->second.min.x ||
                               a->second.max.y <= b->second.min.y || b->second.max.y <= a->second.min.y;
            EXPECT_TRUE(apart) << a->first << " overlaps " << b->first;
        }
    }
}

void add_from_catalogue(Harness& h, const std::string& sku, const std::string& search) {
    h.tap("qe_add_catalogue");
    for (const char c : search) h.tap(std::string("kbd:") + c);
    h.tap("qe_product:" + sku);
    h.frame();  // the list scrolls to the new line (the window draws on while the tap shows pressed)
}

TEST(UiQuoteEditor, AManagerWritesABuffetQuoteAndTheServicesHaveExactlyIt) {
    Harness h;
    const std::int64_t customer = add_city_hall(h);
    open_new_quote(h);
    expect_no_overlap(h);
    h.tap("qe_customer:" + std::to_string(customer));
    h.tap("qe_guests");
    h.type("60", "qe_pad");
    h.tap("qe_pad_ok");
    ASSERT_TRUE(h.has("qe_guests+10"));
    h.tap("qe_guests+10");
    h.tap("qe_guests-10");  // 60 again
    // The buffet, one per guest: found by a search typed.
    add_from_catalogue(h, "MAFE", "maf");
    ASSERT_TRUE(h.has("qe_per_guest:1")) << h.app().message();
    h.tap("qe_per_guest:1");
    // Dessert from its category chip: 1, stepped up to 3 then down to 2.
    h.tap("qe_add_catalogue");
    h.reveal_chip("qe_cat:Desserts", "qe_cats");
    h.tap("qe_cat:Desserts");
    EXPECT_FALSE(h.has("qe_product:MAFE"));
    h.tap("qe_product:CORNE");
    h.tap("qe_line+:2");
    h.tap("qe_line+:2");
    h.tap("qe_line-:2");
    // A free line: delivery at 20 %, made by Fatima Benali.
    h.tap("qe_add_free");
    h.tap("qe_free_description");
    h.tap("kbd:l");          // Maj is on for the first letter
    h.tap("kbd:shift");
    for (const char c : std::string("ivraison")) h.tap(std::string("kbd:") + c);
    h.tap("qe_typed");
    h.type("45", "qe_price");
    h.tap("qe_vat:2000");
    h.reveal_chip("qe_ent:Fatima Benali", "qe_ents");
    h.tap("qe_ent:Fatima Benali");
    h.tap("qe_free_add");
    h.frame();
    ASSERT_TRUE(h.has("qe_remove:3")) << h.app().message();
    // One line too many, removed.
    add_from_catalogue(h, "BISSAP", "biss");
    ASSERT_TRUE(h.has("qe_remove:4"));
    h.tap("qe_remove:4");
    EXPECT_FALSE(h.has("qe_remove:4"));
    expect_no_overlap(h);
    const std::string screen = h.text();
    const auto before = journal(h);
    h.tap("qe_save");
    ASSERT_EQ(h.app().screen(), Screen::sell) << h.app().message();
    EXPECT_GT(journal(h), before);
    EXPECT_EQ(quotes(h), 1);

    const QuoteView v = quote_view(h.till(), 1);
    EXPECT_EQ(v.quote.customer, customer);
    EXPECT_EQ(v.quote.guests, 60);
    EXPECT_EQ(v.quote.basis, "incl_vat");
    ASSERT_EQ(v.lines.size(), 3u);
    EXPECT_EQ(v.lines[0].sku, "MAFE");
    EXPECT_EQ(v.lines[0].description, "Mafé poulet");
    EXPECT_EQ(v.lines[0].quantity_milli, 60'000);
    EXPECT_EQ(v.lines[0].unit_price, 950);
    EXPECT_EQ(v.lines[0].vat_bp, 1000);
    EXPECT_EQ(v.lines[1].sku, "CORNE");
    EXPECT_EQ(v.lines[1].quantity_milli, 2'000);
    EXPECT_EQ(v.lines[1].unit_price, 400);
    EXPECT_EQ(v.lines[2].sku, "");
    EXPECT_EQ(v.lines[2].description, "Livraison");
    EXPECT_EQ(v.lines[2].quantity_milli, 1'000);
    EXPECT_EQ(v.lines[2].unit_price, 4500);
    EXPECT_EQ(v.lines[2].vat_bp, 2000);
    std::int64_t fatima = 0;
    for (const auto& e : h.till().entrepreneurs())
        if (e.name == "Fatima Benali") fatima = e.id;
    EXPECT_EQ(v.lines[2].entrepreneur, fatima);
    // The totals the screen showed are the services' own.
    ASSERT_TRUE(v.totals);
    EXPECT_EQ(v.totals->agreed_total, Money::cents(62300));  // 60 x 9,50 + 2 x 4,00 + 45,00
    EXPECT_TRUE(shows(screen, v.totals->agreed_total.format())) << screen;
    EXPECT_TRUE(shows(screen, v.totals->tax_basis.format())) << screen;
    for (const auto& vat : v.totals->vat) EXPECT_TRUE(shows(screen, vat.tax.format())) << vat.rate.percent();
    EXPECT_TRUE(db::verify_ledger(h.path()).ok);
}

TEST(UiQuoteEditor, WithoutACustomerItSaysHowToAddOne) {
    Harness h;
    open_new_quote(h);
    EXPECT_TRUE(shows(h.text(), "caisse customer add")) << h.text();
    EXPECT_FALSE(h.has("qe_customer:1"));
    h.tap("qe_save");
    EXPECT_EQ(h.app().screen(), Screen::quote_editor);
    EXPECT_EQ(quotes(h), 0);
}

TEST(UiQuoteEditor, ASellerHasNoWayIn) {
    Harness h;
    add_city_hall(h);
    h.login("Lucie", "1111");
    h.tap("cash");
    EXPECT_TRUE(h.has("menu:cash_in"));
    EXPECT_FALSE(h.has("menu:new-quote"));
    h.tap_at(ImVec2(200, 400));  // the menu closes
    h.app().open_quote_editor(std::nullopt, Screen::sell);
    h.frame();
    EXPECT_EQ(h.app().screen(), Screen::sell);
    EXPECT_FALSE(h.app().message().empty());
}

TEST(UiQuoteEditor, ARefusalIsSaidAndNothingRecorded) {
    Harness h;
    const std::int64_t customer = add_city_hall(h);
    open_new_quote(h);
    const auto before = journal(h);
    // Save without a customer: said, nothing recorded.
    h.tap("qe_save");
    EXPECT_FALSE(h.app().message().empty());
    EXPECT_EQ(h.app().screen(), Screen::quote_editor);
    h.tap("qe_customer:" + std::to_string(customer));
    // A free line without its price is not added.
    h.tap("qe_add_free");
    h.tap("qe_free_description");
    for (const char c : std::string("service")) h.tap(std::string("kbd:") + c);
    h.tap("qe_typed");
    h.tap("qe_free_add");
    EXPECT_FALSE(h.app().message().empty());
    EXPECT_TRUE(h.has("qe_free_add"));  // the form stays, as typed
    h.tap("qe_free_cancel");
    EXPECT_FALSE(h.has("qe_remove:1"));
    // A date of service already past (a week ahead, 8 days back): the service refuses, the draft stays.
    add_from_catalogue(h, "MAFE", "maf");
    h.tap("qe_date-7");
    h.tap("qe_date-");
    h.tap("qe_save");
    EXPECT_EQ(h.app().screen(), Screen::quote_editor);
    EXPECT_NE(h.app().message().find("passée"), std::string::npos) << h.app().message();
    EXPECT_TRUE(h.has("qe_remove:1"));
    EXPECT_EQ(journal(h), before);
    EXPECT_EQ(quotes(h), 0);
    // Leaving with changes asks first; "keep writing" keeps the draft.
    h.tap("qe_cancel");
    ASSERT_TRUE(h.has("confirm_no"));
    h.tap("confirm_no");
    EXPECT_EQ(h.app().screen(), Screen::quote_editor);
    EXPECT_TRUE(h.has("qe_remove:1"));
    h.tap("qe_cancel");
    h.tap("confirm_yes");
    EXPECT_EQ(h.app().screen(), Screen::sell);
    EXPECT_EQ(journal(h), before);
}

TEST(UiQuoteEditor, AnExistingQuoteOpensWithItsLinesAndSavingReplacesThem) {
    Harness h;
    const std::int64_t customer = add_city_hall(h);
    const Actor karim = h.till().sign_in("Karim", "2345");
    const std::string day = h.till().today();
    QuoteRequest r;
    r.customer = customer;
    r.guests = 40;
    r.service_date = day;
    r.place = "Salle des fêtes";
    const auto q = new_quote(h.till(), karim, r);
    for (const char* sku : {"MAFE", "TAJINE"}) {
        QuoteLineRequest l;
        l.quote = q.id;
        l.sku = sku;
        l.quantity_milli = 40'000;
        add_quote_line(h.till(), karim, l);
    }
    h.login("Karim", "2345");
    h.app().open_quote_editor(q.id, Screen::sell);
    h.frame();
    ASSERT_EQ(h.app().screen(), Screen::quote_editor) << h.app().message();
    const std::string shown = h.text();
    EXPECT_TRUE(shows(shown, "Mafé poulet")) << shown;
    EXPECT_TRUE(shows(shown, "Tajine d'agneau")) << shown;
    EXPECT_TRUE(shows(shown, "Salle des fêtes")) << shown;
    ASSERT_TRUE(h.has("qe_remove:2"));
    EXPECT_FALSE(h.has("qe_remove:3"));
    // Untouched, Cancel asks nothing.
    h.tap("qe_cancel");
    EXPECT_EQ(h.app().screen(), Screen::sell);
    h.app().open_quote_editor(q.id, Screen::sell);
    h.frame();
    h.tap("qe_remove:1");  // the mafé goes
    h.tap("qe_guests+10");
    h.tap("qe_per_guest:1");  // the tajine for 50
    add_from_catalogue(h, "CORNE", "corne");
    h.tap("qe_save");
    ASSERT_EQ(h.app().screen(), Screen::sell) << h.app().message();
    const QuoteView v = quote_view(h.till(), q.id);
    EXPECT_EQ(v.quote.guests, 50);
    EXPECT_EQ(v.quote.place, "Salle des fêtes");
    ASSERT_EQ(v.lines.size(), 2u);
    EXPECT_EQ(v.lines[0].sku, "TAJINE");
    EXPECT_EQ(v.lines[0].quantity_milli, 50'000);
    EXPECT_EQ(v.lines[1].sku, "CORNE");
    EXPECT_EQ(v.lines[1].quantity_milli, 1'000);
    EXPECT_EQ(quotes(h), 1);  // the same quote, revised
    EXPECT_TRUE(db::verify_ledger(h.path()).ok);
}

TEST(UiQuoteEditor, AnAcceptedQuoteDoesNotOpen) {
    Harness h;
    const std::int64_t customer = add_city_hall(h);
    const Actor karim = h.till().sign_in("Karim", "2345");
    QuoteRequest r;
    r.customer = customer;
    r.service_date = h.till().today();
    const auto q = new_quote(h.till(), karim, r);
    QuoteLineRequest l;
    l.quote = q.id;
    l.sku = "MAFE";
    l.quantity_milli = 10'000;
    add_quote_line(h.till(), karim, l);
    accept_quote(h.till(), karim, q.id);
    h.login("Karim", "2345");
    h.app().open_quote_editor(q.id, Screen::sell);
    h.frame();
    EXPECT_EQ(h.app().screen(), Screen::sell);
    EXPECT_NE(h.app().message().find("accepté"), std::string::npos) << h.app().message();
}

TEST(UiQuoteEditor, NothingOverlapsOnTheLargeScreen) {
    Harness h(ImVec2(1920, 1080));
    add_city_hall(h);
    open_new_quote(h);
    add_from_catalogue(h, "MAFE", "maf");
    expect_no_overlap(h);
    h.tap("qe_add_free");
    expect_no_overlap(h);
    h.tap("qe_free_description");
    expect_no_overlap(h);
}

TEST(UiQuoteEditor, ThePanelsFitA1024x768Screen) {
    Harness h;
    add_city_hall(h);
    open_new_quote(h);
    for (int i = 0; i < 5; ++i) add_from_catalogue(h, "MAFE", "maf");
    expect_no_overlap(h);
    h.tap("qe_add_catalogue");
    expect_no_overlap(h);
    h.tap("qe_panel_back");
    h.tap("qe_add_free");
    expect_no_overlap(h);
    h.tap("qe_free_description");
    expect_no_overlap(h);
    h.tap("qe_typed");
    h.tap("qe_free_cancel");
    h.tap("qe_guests");
    expect_no_overlap(h);
    h.tap("qe_pad_cancel");
    h.tap("qe_note");
    expect_no_overlap(h);
}

}  // namespace
}  // namespace caisse::ui::testing
