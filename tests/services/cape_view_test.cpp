// What the CAPE screens and PDF show beyond the statement (issue 11, item 5): bars from cents with
// integer arithmetic, days stepped on the calendar, the group's sales per day, the probably
// missing bundle, the VAT of a charge at a rate, the what-if's bounds.
#include <gtest/gtest.h>

#include <limits>

#include "app/core/bar_scale.hpp"
#include "app/core/calendar_day.hpp"
#include "app/services/cape_view.hpp"

namespace caisse {
namespace {

TEST(BarScale, ScalesDownExactlyAndClips) {
    EXPECT_EQ(bar_length(50, 100, 300), 150);
    EXPECT_EQ(bar_length(1, 3, 100), 33);  // rounded down
    EXPECT_EQ(bar_length(100, 100, 300), 300);
    EXPECT_EQ(bar_length(150, 100, 300), 300);  // clipped
    EXPECT_EQ(bar_length(-5, 100, 300), 0);
    EXPECT_EQ(bar_length(5, 0, 300), 0);
    // No overflow with the largest amounts: the product is taken in 128 bits.
    const std::int64_t big = std::numeric_limits<std::int64_t>::max();
    EXPECT_EQ(bar_length(big / 2, big, 1000), 499);
    EXPECT_EQ(bar_length(big, big, 1000), 1000);
}

TEST(CalendarDay, StepsAcrossMonthsYearsAndLeapDays) {
    EXPECT_EQ(add_days("2026-02-28", 1), "2026-03-01");
    EXPECT_EQ(add_days("2028-02-28", 1), "2028-02-29");
    EXPECT_EQ(add_days("2026-01-01", -1), "2025-12-31");
    EXPECT_EQ(month_first("2026-03-17"), "2026-03-01");
    EXPECT_EQ(month_last("2026-03-17", -1), "2026-02-28");
    EXPECT_EQ(month_first("2026-01-31", -1), "2025-12-01");
    EXPECT_EQ(month_last("2026-12-05", 2), "2027-02-28");
    EXPECT_THROW(add_days("2026-02-30", 1), InputError);
    EXPECT_THROW(month_first("30/03/2026"), InputError);
}

MemberStatement member(const std::string& id, std::map<std::string, std::int64_t> by_day) {
    MemberStatement m;
    m.split.id = id;
    m.split.name = id;
    m.by_day = std::move(by_day);
    return m;
}

TEST(CapeView, GroupSalesPerDayFillTheGapsAndSumEveryMember) {
    CapeStatement st;
    st.members = {member("a", {{"2026-03-01", 1000}, {"2026-03-04", 250}}), member("b", {{"2026-03-01", 5}, {"2026-03-02", -300}})};
    const auto days = group_sales_by_day(st);
    ASSERT_EQ(days.size(), 4u);
    EXPECT_EQ(days[0].day, "2026-03-01");
    EXPECT_EQ(days[0].ttc, 1005);
    EXPECT_EQ(days[1].ttc, -300);  // a refund's day stays negative: no bar, but not hidden in a sum
    EXPECT_EQ(days[2].day, "2026-03-03");
    EXPECT_EQ(days[2].ttc, 0);
    EXPECT_EQ(days[3].ttc, 250);
    EXPECT_TRUE(group_sales_by_day(CapeStatement{}).empty());
    // A period of a year or less is shown whole, sold or not.
    st.from = "2026-02-27";
    st.to = "2026-03-05";
    const auto week = group_sales_by_day(st);
    ASSERT_EQ(week.size(), 7u);
    EXPECT_EQ(week.front().day, "2026-02-27");
    EXPECT_EQ(week.front().ttc, 0);
    EXPECT_EQ(week[2].ttc, 1005);
    EXPECT_EQ(week.back().day, "2026-03-05");
}

TEST(CapeView, AYearOfDaysAtMost) {
    CapeStatement st;
    st.members = {member("a", {{"2024-01-01", 1}, {"2026-03-01", 2}})};
    const auto days = group_sales_by_day(st);
    EXPECT_EQ(days.size(), 366u);
    EXPECT_EQ(days.back().day, "2026-03-01");
}

db::TerminalCoverage till(const std::string& name, std::int64_t held, const std::string& at) {
    db::TerminalCoverage c;
    c.terminal = name;
    c.held_last_seq = held;
    c.held_last_at = at;
    return c;
}

TEST(CapeView, ATillStoppingBeforeTheOthersMayMissABundle) {
    CapeStatement st;
    st.from = "2026-03-01";
    st.to = "2026-03-31";
    st.coverage = {till("T1", 900, "2026-03-20T18:00:00Z"), till("T2", 120, "2026-03-12T17:00:00Z"), till("T3", 0, "")};
    const auto v = coverage_view(st);
    ASSERT_EQ(v.size(), 3u);
    EXPECT_FALSE(v[0].bundle_may_be_missing);
    EXPECT_TRUE(v[1].bundle_may_be_missing);
    EXPECT_TRUE(v[2].bundle_may_be_missing);  // nothing of it held
    // A period ending before T2 stopped: nothing missing for it.
    st.to = "2026-03-10";
    EXPECT_FALSE(coverage_view(st)[1].bundle_may_be_missing);
}

TEST(CapeView, ChargeVatFollowsTheSaleRuleAndTheSign) {
    EXPECT_EQ(charge_vat(Money::cents(1200), 2000), Money::cents(200));
    EXPECT_EQ(charge_vat(Money::cents(1250), 550), Money::cents(65));
    EXPECT_EQ(charge_vat(Money::cents(-1200), 2000), Money::cents(-200));
    EXPECT_EQ(charge_vat(Money::cents(999), 0), Money::cents(0));
}

TEST(CapeView, WhatIfOffersThreeRulesAndTakesNoMore) {
    ASSERT_EQ(what_if_rules().size(), 3u);
    EXPECT_EQ(cape::split_name(what_if_rules()[2]), "hybrid:30");
}

}  // namespace
}  // namespace caisse
