// Issue 14 item 8: the quote editor's save. A new quote is written whole in one commit; a quote not
// yet accepted is changed by a quote.revise record (schema 14) that carries all of it, so nothing
// recorded is ever updated; verify and the bundle replay read revisions like any record.
#include <gtest/gtest.h>

#include "app/services/bundle.hpp"
#include "app/services/catering.hpp"
#include "app/services/catering_invoice.hpp"
#include "db/verify.hpp"
#include "tests/services/catering_fixture.hpp"

namespace caisse {
namespace {

QuoteLineRequest free_line(const std::string& what, std::int64_t milli, std::int64_t cents, std::int32_t bp, const std::string& who) {
    QuoteLineRequest r;
    r.description = what;
    r.quantity_milli = milli;
    r.unit_price = Money::cents(cents);
    r.rate = VatRate{bp};
    r.entrepreneur = who;
    return r;
}

QuoteLineRequest catalogue_line(const std::string& sku, std::int64_t milli) {
    QuoteLineRequest r;
    r.sku = sku;
    r.quantity_milli = milli;
    return r;
}

class QuoteRevision : public Catering {
protected:
    std::int64_t customer() { return add_customer(*till, *dana, example::city_hall()).id; }
    QuoteRequest header(std::int64_t customer, std::int64_t guests = 60) {
        return QuoteRequest{customer, invoice::PriceBasis::incl_vat, guests, "2026-12-12", "Salle des fêtes", "", ""};
    }
};

TEST_F(QuoteRevision, ANewQuoteIsWrittenWholeInOneCommit) {
    const auto who = customer();
    const std::int64_t before = records();
    const auto q = save_quote(*till, *dana, std::nullopt, header(who),
                              {catalogue_line("THIEB", 60'000), free_line("Livraison", 1'000, 4500, 2000, "Karim")});
    const auto v = quote_view(*till, q.id);
    ASSERT_EQ(v.lines.size(), 2u);
    EXPECT_EQ(v.lines[0].description, "Thiéboudienne");
    EXPECT_EQ(v.lines[0].unit_price, 1290);
    EXPECT_EQ(v.lines[1].line, 2);
    ASSERT_TRUE(v.totals);
    EXPECT_EQ(v.totals->agreed_total, c(60 * 1290 + 4500));
    // quote.new, two quote.line and no more (a manager acts without an override record).
    EXPECT_EQ(records() - before, 3);
}

TEST_F(QuoteRevision, ARevisionReplacesHeaderAndLinesAndKeepsTheFirstWriting) {
    const auto who = customer();
    const auto q = save_quote(*till, *dana, std::nullopt, header(who),
                              {catalogue_line("THIEB", 60'000), free_line("Livraison", 1'000, 4500, 2000, "Karim"),
                               catalogue_line("LECHE", 60'000)});
    clock.to_day(3);
    // The editor took the delivery out and cut the guests to 50, the dish following them.
    const auto v0 = quote_view(*till, q.id);
    std::vector<QuoteLineRequest> lines;
    for (const auto& l : v0.lines) lines.push_back(line_request(*till, l));
    lines.erase(lines.begin() + 1);
    lines[0].quantity_milli = 50'000;
    QuoteRequest h = quote_request(v0.quote);
    h.guests = 50;
    const auto saved = save_quote(*till, *dana, q.id, h, lines);
    EXPECT_EQ(saved.id, q.id);
    EXPECT_EQ(saved.guests, 50);
    EXPECT_EQ(saved.day, "2026-12-01");
    EXPECT_EQ(saved.revised, "2026-12-03");
    const auto v = quote_view(*till, q.id);
    ASSERT_EQ(v.lines.size(), 2u);
    EXPECT_EQ(v.lines[0].quantity_milli, 50'000);
    EXPECT_EQ(v.lines[1].description, "Tres leches");
    EXPECT_EQ(v.lines[1].line, 2);
    EXPECT_EQ(v.lines[1].entrepreneur, 3);
    EXPECT_EQ(v.document.issue_date, "2026-12-03");
    EXPECT_EQ(v.totals->agreed_total, c(50 * 1290 + 60 * 435));
    // The first writing is still there: three quote.line rows, one revision.
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM quote_lines"), 3);
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM quote_revisions"), 1);
    // A line added afterwards (the CLI's add-line) is one more revision, numbered after the others.
    QuoteLineRequest tajine = catalogue_line("TAJINE", 10'000);
    tajine.quote = q.id;
    const auto added = add_quote_line(*till, *dana, tajine);
    EXPECT_EQ(added.line, 3);
    EXPECT_EQ(quote_view(*till, q.id).lines.size(), 3u);
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM quote_lines"), 3);
    // Accepted and invoiced as it stands.
    const auto order = accept_quote(*till, *dana, q.id);
    clock.to_day(14);
    const auto inv = issue_invoice(*till, *dana, order.id);
    EXPECT_EQ(inv.document.lines.size(), 3u);
    EXPECT_EQ(inv.grand_total, 50 * 1290 + 60 * 435 + 10 * 985);
    till.reset();
    const auto r = db::verify_ledger(path);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

TEST_F(QuoteRevision, RefusalsRecordNothing) {
    const auto who = customer();
    const auto q = save_quote(*till, *dana, std::nullopt, header(who), {catalogue_line("THIEB", 60'000)});
    const std::int64_t before = records();
    auto refusal = [](auto f) {
        try {
            f();
        } catch (const InputError& e) {
            return std::string(e.what());
        }
        return std::string("no refusal");
    };
    auto past = header(who);
    past.service_date = "2026-11-30";
    EXPECT_NE(refusal([&] { save_quote(*till, *dana, q.id, past, {}); }).find("already past"), std::string::npos);
    EXPECT_NE(refusal([&] { save_quote(*till, *dana, q.id, header(who), {free_line("Personnel", 1'000, 0, 2000, "")}); })
                  .find("entrepreneur"),
              std::string::npos);
    QuoteLineRequest no_price = free_line("Location de salle", 1'000, 0, 2000, "Awa");
    no_price.unit_price.reset();
    EXPECT_NE(refusal([&] { save_quote(*till, *dana, q.id, header(who), {no_price}); }).find("unit price"), std::string::npos);
    EXPECT_NE(refusal([&] { save_quote(*till, *dana, 99, header(who), {}); }).find("unknown"), std::string::npos);
    EXPECT_NE(refusal([&] { save_quote(*till, *dana, q.id, header(77), {}); }).find("customer 77"), std::string::npos);
    const auto sam = till->sign_in("Sam", "5678");
    EXPECT_NE(refusal([&] { save_quote(*till, sam, q.id, header(who), {}); }), "no refusal");
    accept_quote(*till, *dana, q.id);
    const std::int64_t accepted = records();
    EXPECT_NE(refusal([&] { save_quote(*till, *dana, q.id, header(who), {catalogue_line("THIEB", 1'000)}); }).find("accepted"),
              std::string::npos);
    EXPECT_EQ(records(), accepted);
    // The refusals before the acceptance recorded nothing either (the seller's refusal is journaled as an event).
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM quote_revisions"), 0);
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM quote_lines"), 1);
    EXPECT_GE(accepted, before + 1);
}

TEST_F(QuoteRevision, AnEmptiedQuoteCannotBeAccepted) {
    const auto who = customer();
    const auto q = save_quote(*till, *dana, std::nullopt, header(who), {catalogue_line("THIEB", 60'000)});
    save_quote(*till, *dana, q.id, header(who), {});
    EXPECT_THROW(accept_quote(*till, *dana, q.id), InputError);
}

TEST_F(QuoteRevision, ABundleCarriesRevisionsAndVerifyChecksThem) {
    const auto who = customer();
    const auto q = save_quote(*till, *dana, std::nullopt, header(who), {catalogue_line("THIEB", 60'000)});
    save_quote(*till, *dana, q.id, header(who, 40), {catalogue_line("THIEB", 40'000), catalogue_line("LECHE", 40'000)});
    export_bundle(*till, std::nullopt, std::nullopt, dir.file("t1.jsonl"));
    const std::string coord_path = dir.file("coord.db");
    {
        auto coord = Till::init(coord_path, "C1", false, clock.clock());
        coord->add_user(std::nullopt, "Eve", "admin", "4321");
        EXPECT_TRUE(import_bundles(*coord, std::nullopt, {dir.file("t1.jsonl")}).all_imported());
        const auto lines = db::quote_lines_of(coord->ledger().db(), "T1", q.id);
        ASSERT_EQ(lines.size(), 2u);
        EXPECT_EQ(lines[1].description, "Tres leches");
        EXPECT_EQ(db::find_quote(coord->ledger().db(), "T1", q.id)->guests, 40);
    }
    EXPECT_TRUE(db::verify_ledger(coord_path).ok);
    till.reset();
    ASSERT_TRUE(db::verify_ledger(path).ok);
    // A revision's lines changed in the projection: verify names the record.
    raw_sql(path, "DROP TRIGGER quote_revisions_no_update; UPDATE quote_revisions SET lines = replace(lines, '\"quantity\":40000', "
                  "'\"quantity\":45000');");
    const auto r = db::verify_ledger(path);
    ASSERT_FALSE(r.ok);
    EXPECT_NE(r.problems.front().reason.find("quote.revise"), std::string::npos) << r.problems.front().reason;
}

}  // namespace
}  // namespace caisse
