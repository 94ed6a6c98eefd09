// Issue 11, items 3 to 5: charges, hours and the split rule as journal records (roles, limits,
// verify), and the CAPE statement over two tills: docs/cape.md's worked example to the cent.
#include <gtest/gtest.h>

#include "app/services/cape.hpp"
#include "app/services/bundle.hpp"
#include "app/services/cape_export.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/members.hpp"
#include "app/services/refund.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

using testing::raw_scalar;
using testing::raw_sql;

// docs/cape.md, "Worked example": two tills with their own catalogue; the members are the same
// people on both (the roster's name_key), whatever their entrepreneur ids.
constexpr const char* kCatalogue =
    "sku,name,price,vat,entrepreneur,category\n"
    "MAFE,Mafé,11.00,10,Awa,Plats\n"
    "SOUPE,Soupe,5.50,10,Bruno,Plats\n"
    "SAC,Sac wax,24.00,20,Chloé,Textile\n";
// The market stall sells Chloé's bags only: there she is entrepreneur 1, at the restaurant 3.
constexpr const char* kStallCatalogue =
    "sku,name,price,vat,entrepreneur,category\n"
    "SAC,Sac wax,24.00,20,Chloé,Textile\n";

std::unique_ptr<Till> group_till(const std::string& path, const std::string& terminal, const char* catalogue = kCatalogue) {
    auto till = Till::init(path, terminal, false, testing::stepping_clock());
    till->add_user(std::nullopt, "Dana", "admin", "1234");
    const Actor dana = till->sign_in("Dana", "1234");
    till->import_catalogue(dana, catalogue);
    open_cash_session(*till, dana, OpenSessionRequest{{}, Money::cents(10000)});
    return till;
}

const MemberStatement& member(const CapeStatement& st, const std::string& name) {
    for (const auto& m : st.members)
        if (m.split.name == name) return m;
    throw std::out_of_range(name);
}

class CapeExample : public ::testing::Test {
protected:
    void SetUp() override {
        t1 = dir.file("t1.db");
        t2 = dir.file("t2.db");
        auto market = group_till(t2, "T2", kStallCatalogue);
        const Actor on2 = market->sign_in("Dana", "1234");
        market->sell(on2, testing::sell_text({"SAC*5"}, std::nullopt, {"card"}));
        market->sell(on2, testing::sell_text({"SAC*2"}, std::nullopt, {"cash:48"}));
        add_charge(*market, on2, {"2026-03-02", Money::cents(2400), Money::cents(400), "tissu", "Mercerie du marché", "Chloé", false});
        export_bundle(*market, std::nullopt, std::nullopt, dir.file("t2.jsonl"));
        market.reset();

        till = group_till(t1, "T1");
        const Actor dana = till->sign_in("Dana", "1234");
        till->sell(dana, testing::sell_text({"MAFE*10"}, std::nullopt, {"cash:110"}));
        till->sell(dana, testing::sell_text({"SOUPE*20"}, std::nullopt, {"card"}));
        till->sell(dana, testing::sell_text({"MAFE", "SOUPE"}, std::nullopt, {"card"}));
        RefundRequest refund;
        refund.ticket = 2;
        refund.items = {{"SOUPE", 1}};
        refund.method = TenderMethod::Card;
        refund_ticket(*till, dana, refund);
        add_charge(*till, dana, {"2026-03-02", Money::cents(3300), Money::cents(300), "ingrédients", "Épicerie Diallo", "Awa", true});
        add_charge(*till, dana, {"2026-03-02", Money::cents(6000), Money::cents(1000), "emplacement", "Mairie", std::nullopt, false});
        cape::Rule rule;
        rule.split = cape::parse_split("hybrid:30");
        rule.contribution_bp = 1350;
        rule.charge_key = cape::ChargeKey::sales;
        set_rule(*till, dana, rule);

        // T2's records land beside T1's through its bundle; its entrepreneurs are the same people
        // as T1's by name (the roster), whatever their ids there.
        const auto imported = import_bundles(*till, std::nullopt, {dir.file("t2.jsonl")});
        ASSERT_TRUE(imported.all_imported());
        till.reset();
        till = Till::open(t1, testing::stepping_clock());
    }
    testing::TempDir dir;
    std::string t1, t2;
    std::unique_ptr<Till> till;
};

TEST_F(CapeExample, ReproducesTheWorkedExampleToTheCent) {
    const CapeStatement st = cape_statement(*till, "2026-03-01", "2026-03-31");
    ASSERT_EQ(st.members.size(), 3u);
    EXPECT_EQ(st.rule.source, RuleInEffect::Source::Recorded);
    const auto& s = st.split;
    EXPECT_EQ(s.sales_ttc.value(), 39'900);
    EXPECT_EQ(s.sales_ht.value(), 35'000);
    EXPECT_EQ(s.own_charges_ht.value(), 5'000);
    EXPECT_EQ(s.group_charges_ht.value(), 5'000);
    EXPECT_EQ(s.gross_margin.value(), 25'000);
    EXPECT_EQ(s.contribution.value(), 3'375);
    EXPECT_EQ(s.distributable.value(), 21'625);
    EXPECT_EQ(st.tickets, 5);
    EXPECT_EQ(st.refunds, 1);

    const auto& awa = member(st, "Awa");
    const auto& bruno = member(st, "Bruno");
    const auto& chloe = member(st, "Chloé");
    // Sales HT by the VAT rule per ticket and rate; the mixed ticket's 1,50 of VAT shared 1,00 / 0,50.
    EXPECT_EQ(awa.split.sales_ht.value(), 11'000);
    EXPECT_EQ(awa.by_rate.at(1000).vat, 1'100);
    EXPECT_EQ(bruno.split.sales_ttc.value(), 11'000);
    EXPECT_EQ(bruno.split.sales_ht.value(), 10'000);
    EXPECT_EQ(bruno.refunds, 1);
    EXPECT_EQ(chloe.split.sales_ht.value(), 14'000);
    EXPECT_EQ(chloe.tickets, 2);
    // Group charge by sales: 50,00 HT as 15,71 / 14,29 / 20,00.
    EXPECT_EQ(awa.split.group_charges.value(), 1'571);
    EXPECT_EQ(bruno.split.group_charges.value(), 1'429);
    EXPECT_EQ(chloe.split.group_charges.value(), 2'000);
    EXPECT_EQ(awa.split.net.value(), 6'429);
    EXPECT_EQ(bruno.split.net.value(), 8'571);
    EXPECT_EQ(chloe.split.net.value(), 10'000);
    // The envelope: 30 % pooled equally, 70 % by own net.
    EXPECT_EQ(awa.split.share.value(), 6'055);
    EXPECT_EQ(bruno.split.share.value(), 7'352);
    EXPECT_EQ(chloe.split.share.value(), 8'218);
    EXPECT_EQ(awa.split.contribution.value(), 945);
    EXPECT_EQ(bruno.split.contribution.value(), 1'147);
    EXPECT_EQ(chloe.split.contribution.value(), 1'283);

    // Coverage names both tills and the records counted.
    ASSERT_EQ(st.coverage.size(), 2u);
    EXPECT_EQ(st.coverage[0].terminal, "T1");
    EXPECT_EQ(st.coverage[0].tickets, 3);
    EXPECT_EQ(st.coverage[0].refunds, 1);
    EXPECT_EQ(st.coverage[1].terminal, "T2");
    EXPECT_EQ(st.coverage[1].first_ticket, 1);
    EXPECT_EQ(st.coverage[1].last_ticket, 2);
}

TEST_F(CapeExample, WhatIfUsesAnotherSplitAndRecordsNothing) {
    const auto before = raw_scalar(t1, "SELECT COUNT(*) FROM journal");
    const CapeStatement st = cape_statement(*till, "2026-03-01", "2026-03-31", cape::parse_split("equal"));
    EXPECT_EQ(st.rule.source, RuleInEffect::Source::WhatIf);
    EXPECT_EQ(st.split.contribution.value(), 3'375);  // the contribution stays the group's
    // 21 625 / 3: the cent left goes to the smallest member id (the roster's, the same on every till).
    std::string first = member_id_for_name("Awa");
    for (const char* n : {"Bruno", "Chloé"}) first = std::min(first, member_id_for_name(n));
    for (const char* n : {"Awa", "Bruno", "Chloé"})
        EXPECT_EQ(member(st, n).split.share.value(), member_id_for_name(n) == first ? 7'209 : 7'208) << n;
    EXPECT_EQ(raw_scalar(t1, "SELECT COUNT(*) FROM journal"), before);
}

TEST_F(CapeExample, PeriodOutsideTheSalesHasNothingButStillSplitsNothing) {
    const CapeStatement st = cape_statement(*till, "2026-04-01", "2026-04-30");
    EXPECT_EQ(st.tickets, 0);
    EXPECT_EQ(st.split.distributable.value(), 0);
    EXPECT_THROW(cape_statement(*till, "2026-04-30", "2026-04-01"), InputError);
    EXPECT_THROW(cape_statement(*till, "2026-02-30", "2026-04-01"), InputError);
}

TEST_F(CapeExample, CsvIsSafeForSpreadsheets) {
    const std::string csv = statement_csv(cape_statement(*till, "2026-03-01", "2026-03-31"));
    ASSERT_EQ(csv.rfind("\xEF\xBB\xBF", 0), 0u);
    EXPECT_NE(csv.find(";60,55;"), std::string::npos) << csv;  // Awa's envelope, decimal comma
    // No cell starts with a character a spreadsheet would run.
    std::size_t at = 3;
    while (at < csv.size()) {
        const char c = csv[at];
        EXPECT_TRUE(c != '=' && c != '+' && c != '-' && c != '@' && c != '\t') << csv.substr(at, 20);
        const auto next = csv.find_first_of(";\n", at);
        if (next == std::string::npos) break;
        at = next + 1;
    }
}

class CapeRecords : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path);
    }
    std::int64_t records() { return raw_scalar(path, "SELECT COUNT(*) FROM journal"); }
    testing::TempDir dir;
    std::string path;
    std::unique_ptr<Till> till;
};

TEST_F(CapeRecords, ChargesHoursAndRulesAreRecordedAndVerify) {
    const Actor karim = testing::as(*till, "Karim");
    const auto c = add_charge(*till, karim, {"2026-03-02", Money::cents(1200), Money::cents(200), "ingrédients", "Metro", "Aminata Diop", true});
    ASSERT_TRUE(c.cash_move_seq);
    EXPECT_EQ(raw_scalar(path, "SELECT amount FROM cash_moves WHERE seq = " + std::to_string(*c.cash_move_seq)), -1200);
    add_charge(*till, karim, {"2026-03-01", Money::cents(-500), Money::cents(0), "avoir", "Metro", std::nullopt, false});
    add_hours(*till, karim, {"2026-03-02", "Aminata Diop", 450});
    add_hours(*till, karim, {"2026-03-02", "aminata  DIOP", -30});  // a correction, by the same member's name_key
    set_rule(*till, karim, cape::Rule{});
    EXPECT_EQ(list_charges(*till, "2026-03-01", "2026-03-31").size(), 2u);
    const auto hours = list_hours(*till, "2026-03-01", "2026-03-31");
    ASSERT_EQ(hours.size(), 2u);
    EXPECT_EQ(hours[0].record.minutes + hours[1].record.minutes, 420);
    const auto result = db::verify_ledger(path);
    EXPECT_TRUE(result.ok) << (result.problems.empty() ? "" : result.problems.front().reason);
}

TEST_F(CapeRecords, BadChargesAndHoursAreRefusedAndRecordNothing) {
    const Actor karim = testing::as(*till, "Karim");
    const Actor lucie = testing::as(*till, "Lucie");
    const auto before = records();
    auto refused = [&](auto&& f, const std::string& words) {
        try {
            f();
            ADD_FAILURE() << "accepted: " << words;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
    };
    refused([&] { add_charge(*till, karim, {"2026-03-02", Money{}, Money{}, "x", "y", std::nullopt, false}); }, "cannot be zero");
    refused([&] { add_charge(*till, karim, {"2026-03-02", Money::cents(1200), Money::cents(300), "x", "y", std::nullopt, false}); }, "does not fit");
    refused([&] { add_charge(*till, karim, {"2026-03-02", Money::cents(1200), Money::cents(-1), "x", "y", std::nullopt, false}); }, "does not fit");
    refused([&] { add_charge(*till, karim, {"2026-03-03", Money::cents(1200), Money{}, "x", "y", std::nullopt, false}); }, "after today");
    refused([&] { add_charge(*till, karim, {"2026-03-02", Money::cents(1200), Money{}, "x", "y", "Nobody", false}); }, "is neither an entrepreneur");
    // A member's name typed without its diaeresis: a typo, with the likely name.
    refused([&] { add_charge(*till, karim, {"2026-03-02", Money::cents(1200), Money{}, "x", "y", "leila haddad", false}); },
            "did you mean \"Leïla Haddad\"");
    refused([&] { add_charge(*till, karim, {"2026-03-02", Money::cents(100'000), Money{}, "x", "y", std::nullopt, true}); }, "drawer should hold");
    refused([&] { add_charge(*till, karim, {"2026-03-02", Money::cents(-100), Money{}, "x", "y", std::nullopt, true}); }, "credit note");
    refused([&] { add_charge(*till, karim, {"2026-03-02", Money::cents(100), Money{}, "", "y", std::nullopt, false}); }, "category");
    refused([&] { add_hours(*till, karim, {"2026-03-02", "Aminata Diop", -30}); }, "a day holds");
    refused([&] { add_hours(*till, karim, {"2026-03-02", "Aminata Diop", 24 * 60 + 1}); }, "24:00");
    const auto events_before = raw_scalar(path, "SELECT COUNT(*) FROM events WHERE code = 'auth.refused'");
    refused([&] { add_charge(*till, lucie, {"2026-03-02", Money::cents(100), Money{}, "x", "y", std::nullopt, false}); }, "Lucie");
    EXPECT_EQ(raw_scalar(path, "SELECT COUNT(*) FROM events WHERE code = 'auth.refused'"), events_before + 1);
    EXPECT_EQ(records(), before + 1);  // only the refusal's event
}

TEST_F(CapeRecords, WithoutARuleTheStatementSplitsEquallyAndSaysSo) {
    testing::sell_random(*till, 40, 7);
    const CapeStatement st = cape_statement(*till, "2026-03-01", "2026-03-31");
    EXPECT_EQ(st.rule.source, RuleInEffect::Source::Default);
    EXPECT_EQ(st.split.contribution.value(), 0);
    EXPECT_NE(rule_description(st.rule).english().find("no rule recorded yet"), std::string::npos);
    std::int64_t sum = 0, min = INT64_MAX, max = 0;
    for (const auto& m : st.members) {
        sum += m.split.share.value();
        min = std::min(min, m.split.share.value());
        max = std::max(max, m.split.share.value());
    }
    EXPECT_EQ(sum, st.split.distributable.value());
    EXPECT_LE(max - min, 1);
}

TEST_F(CapeRecords, MembersVatAddsUpToTheTicketsVatAndRefundsCountNegative) {
    testing::sell_random(*till, 300, 11);
    const Actor karim = testing::as(*till, "Karim");
    for (std::int64_t t = 1; t <= 300; t += 37) {
        RefundRequest r;
        r.ticket = t;
        r.method = TenderMethod::Card;
        refund_ticket(*till, karim, r);
    }
    const CapeStatement st = cape_statement(*till, "2026-03-01", "2026-03-31");
    // The ledger's own per-ticket VAT (the Z's rule) against the members' shares of it.
    const auto report = till->report_day("2026-03-02");
    std::int64_t vat = 0, ttc = 0;
    for (const auto& m : st.members)
        for (const auto& [rate, a] : m.by_rate) {
            vat += a.vat;
            ttc += a.ttc;
            EXPECT_EQ(a.ht + a.vat, a.ttc);
        }
    std::int64_t report_vat = 0;
    for (const auto& [rate, v] : report.by_vat) report_vat += v.vat;
    EXPECT_EQ(ttc, report.total);
    EXPECT_EQ(vat, report_vat);
    EXPECT_EQ(st.refunds, 9);
}

TEST_F(CapeRecords, ARosterMemberWhoSellsElsewhereGetsChargesAndHoursHere) {
    // The coordinator's till records hours of a member who sells only at the market stall: she
    // becomes an entrepreneur here, linked to her roster id, and the statement shows her once.
    const Actor karim = testing::as(*till, "Karim");
    const Member zoe = add_member(*till, karim, NewMember{"Zoé Martin", "", "", ""}, false);
    const auto h = add_hours(*till, karim, HoursRequest{"2026-03-02", "zoé  martin", 240});
    EXPECT_EQ(member_of(member_map(till->ledger().db()), "T1", h.entrepreneur), zoe.id);
    const auto listed = list_hours(*till, "2026-03-01", "2026-03-31");
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].member, "Zoé Martin");
    const CapeStatement st = cape_statement(*till, "2026-03-01", "2026-03-31");
    EXPECT_EQ(std::count_if(st.members.begin(), st.members.end(), [](const auto& m) { return m.split.name == "Zoé Martin"; }), 1);
    EXPECT_EQ(member(st, "Zoé Martin").split.minutes, 240);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

}  // namespace
}  // namespace caisse
