// The CAPE split (app/core/cape.hpp): exactness properties over random groups, the rules'
// edge cases, and rule names.
#include "app/core/cape.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>

namespace caisse::cape {
namespace {

MemberInput member(std::string id, std::int64_t ht, std::int64_t charges_ht = 0, std::int64_t minutes = 0) {
    MemberInput m;
    m.id = id;
    m.name = id;
    m.sales_ht = Money::cents(ht);
    m.sales_ttc = Money::cents(ht + ht / 10);
    m.own_charges_ttc = Money::cents(charges_ht);
    m.minutes = minutes;
    return m;
}

const MemberSplit& by_id(const Split& s, const std::string& id) {
    for (const auto& m : s.members)
        if (m.id == id) return m;
    throw std::out_of_range(id);
}

// The exact share of member i as num / den (the rule written in cape.hpp, computed independently
// of the code under test: pooled part and weighted part as separate fractions on one denominator).
struct Exact {
    __int128 num, den;
};
Exact exact_share(const Split& s, const Rule& rule, std::size_t i) {
    const __int128 n = static_cast<__int128>(s.members.size());
    const __int128 D = s.distributable.value();
    __int128 p = 10000;
    if (rule.split.method == SplitMethod::own_net || rule.split.method == SplitMethod::hours) p = 0;
    if (rule.split.method == SplitMethod::hybrid) p = rule.split.pooled_bp;
    auto w = [&](const MemberSplit& m) -> __int128 {
        if (rule.split.method == SplitMethod::hours) return m.minutes;
        if (rule.split.method == SplitMethod::equal) return 1;
        return std::max<std::int64_t>(0, m.net.value());
    };
    __int128 W = 0;
    for (const auto& m : s.members) W += w(m);
    if (W == 0) return {D, n};
    // D * p / (10000 n) + D * (10000 - p) * w_i / (10000 W)
    return {D * p * W + D * (10000 - p) * n * w(s.members[i]), 10000 * n * W};
}

TEST(CapeSplit, RandomGroupsSharesSumExactlyAndStayWithinOneCentOfExact) {
    std::mt19937_64 rng(20261130);
    auto pick = [&](std::int64_t lo, std::int64_t hi) { return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng); };
    for (int round = 0; round < 5000; ++round) {
        const int n = static_cast<int>(pick(1, 12));
        std::vector<MemberInput> members;
        for (int i = 0; i < n; ++i) {
            // Sales net of refunds (a member may have refunded more than sold), charges that may
            // exceed sales, hours that may be zero.
            const std::int64_t sales = pick(0, 3) == 0 ? pick(-5000, 5000) : pick(0, 5'000'000);
            const std::int64_t charges = pick(0, 2) == 0 ? 0 : pick(0, 3'000'000);
            members.push_back(member("m" + std::to_string(pick(0, 1'000'000)) + "_" + std::to_string(i), sales, charges,
                                     pick(0, 3) == 0 ? 0 : pick(1, 60 * 400)));
        }
        Rule rule;
        const int method = static_cast<int>(pick(0, 3));
        rule.split.method = static_cast<SplitMethod>(method);
        if (rule.split.method == SplitMethod::hybrid) rule.split.pooled_bp = static_cast<std::int32_t>(pick(0, 10000));
        rule.charge_key = static_cast<ChargeKey>(pick(0, 2));
        rule.contribution_bp = static_cast<std::int32_t>(pick(0, 3) == 0 ? 0 : pick(0, 3000));
        rule.contribution_per_month = Money::cents(pick(0, 1) == 0 ? 0 : pick(0, 50'000));
        const Money group_ttc = Money::cents(pick(0, 2'000'000));
        const Money group_vat = Money::cents(group_ttc.value() / 6);
        const std::int64_t months = pick(0, 12);
        const Split s = split(members, group_ttc, group_vat, rule, months);

        std::int64_t sum = 0, contribution_sum = 0, group_sum = 0;
        for (std::size_t i = 0; i < s.members.size(); ++i) {
            const auto& m = s.members[i];
            sum += m.share.value();
            contribution_sum += m.contribution.value();
            group_sum += m.group_charges.value();
            ASSERT_GE(m.share.value(), 0);
            const Exact e = exact_share(s, rule, i);
            const __int128 diff = static_cast<__int128>(m.share.value()) * e.den - e.num;
            ASSERT_LT(diff < 0 ? -diff : diff, e.den) << "round " << round << " member " << m.id;
        }
        ASSERT_EQ(sum, s.distributable.value()) << "round " << round;
        ASSERT_EQ(contribution_sum, s.contribution.value()) << "round " << round;
        ASSERT_EQ(group_sum, s.group_charges_ht.value()) << "round " << round;
        ASSERT_EQ(s.gross_margin.value() - s.contribution.value(), s.distributable.value() - s.shortfall.value());

        // The same members in another order give the same result.
        std::shuffle(members.begin(), members.end(), rng);
        const Split again = split(members, group_ttc, group_vat, rule, months);
        for (std::size_t i = 0; i < s.members.size(); ++i) {
            ASSERT_EQ(again.members[i].id, s.members[i].id);
            ASSERT_EQ(again.members[i].share, s.members[i].share) << "round " << round;
            ASSERT_EQ(again.members[i].contribution, s.members[i].contribution);
            ASSERT_EQ(again.members[i].group_charges, s.members[i].group_charges);
        }
    }
}

TEST(CapeSplit, LeftoverCentsGoToLargestRemaindersThenToTheSmallestId) {
    // 100 cents in three equal shares: 33 each, the cent left goes to the smallest id.
    const Split s = split({member("c", 100), member("a", 0), member("b", 0)}, Money{}, Money{}, Rule{}, 0);
    EXPECT_EQ(s.distributable.value(), 100);
    EXPECT_EQ(by_id(s, "a").share.value(), 34);
    EXPECT_EQ(by_id(s, "b").share.value(), 33);
    EXPECT_EQ(by_id(s, "c").share.value(), 33);
    // Larger remainder wins over a smaller id: 10 cents by weights 1 and 2 -> 3.33 and 6.67.
    Rule own;
    own.split.method = SplitMethod::own_net;
    own.contribution_per_month = Money::cents(2'990);
    const Split t = split({member("a", 1000), member("b", 2000)}, Money{}, Money{}, own, 1);
    EXPECT_EQ(t.distributable.value(), 10);
    EXPECT_EQ(by_id(t, "a").share.value(), 3);
    EXPECT_EQ(by_id(t, "b").share.value(), 7);
}

TEST(CapeSplit, MemberWhoseChargesExceedSalesWeighsZeroAndIsFlagged) {
    Rule own;
    own.split.method = SplitMethod::own_net;
    const Split s = split({member("a", 10'000, 15'000), member("b", 30'000, 0), member("c", 10'000, 0)}, Money{},
                          Money{}, own, 0);
    // Margin 35 000: the loss of a (5 000) is borne by the group; a gets nothing of the split.
    EXPECT_EQ(s.gross_margin.value(), 35'000);
    EXPECT_TRUE(by_id(s, "a").flags.charges_exceed_sales);
    EXPECT_FALSE(by_id(s, "b").flags.charges_exceed_sales);
    EXPECT_EQ(by_id(s, "a").net.value(), -5'000);
    EXPECT_EQ(by_id(s, "a").share.value(), 0);
    EXPECT_EQ(by_id(s, "b").share.value(), 26'250);
    EXPECT_EQ(by_id(s, "c").share.value(), 8'750);
    // Under an equal split the same member keeps an equal share.
    const Split e = split({member("a", 10'000, 15'000), member("b", 30'000, 0), member("c", 10'000, 0)}, Money{},
                          Money{}, Rule{}, 0);
    EXPECT_EQ(by_id(e, "a").share.value(), 11'667);
    EXPECT_TRUE(by_id(e, "a").flags.charges_exceed_sales);
}

TEST(CapeSplit, ContributionAboveTheMarginLeavesNothingToSplitAndShowsTheShortfall) {
    Rule r;
    r.contribution_per_month = Money::cents(10'000);
    const Split s = split({member("a", 5'000), member("b", 2'000)}, Money{}, Money{}, r, 1);
    EXPECT_EQ(s.distributable.value(), 0);
    EXPECT_EQ(s.shortfall.value(), 3'000);
    EXPECT_EQ(by_id(s, "a").share.value() + by_id(s, "b").share.value(), 0);
}

TEST(CapeSplit, HoursWithNoHoursAtAllFallBackToEqualAndSaySo) {
    Rule r;
    r.split.method = SplitMethod::hours;
    const Split s = split({member("a", 5'000), member("b", 5'001)}, Money{}, Money{}, r, 0);
    EXPECT_TRUE(s.weights_fell_back_to_equal);
    EXPECT_EQ(by_id(s, "a").share.value(), 5'001);
    EXPECT_EQ(by_id(s, "b").share.value(), 5'000);
    const Split t = split({member("a", 5'000, 0, 60), member("b", 5'000, 0, 0)}, Money{}, Money{}, r, 0);
    EXPECT_FALSE(t.weights_fell_back_to_equal);
    EXPECT_TRUE(by_id(t, "b").flags.no_hours);
    EXPECT_EQ(by_id(t, "a").share.value(), 10'000);
}

TEST(CapeSplit, GroupChargesFollowTheKey) {
    Rule r;
    r.charge_key = ChargeKey::sales;
    const Split s = split({member("a", 30'000), member("b", 10'000)}, Money::cents(1'200), Money::cents(200), r, 0);
    EXPECT_EQ(s.group_charges_ht.value(), 1'000);
    EXPECT_EQ(by_id(s, "a").group_charges.value(), 750);
    EXPECT_EQ(by_id(s, "b").group_charges.value(), 250);
    r.charge_key = ChargeKey::hours;
    const Split h = split({member("a", 30'000, 0, 60), member("b", 10'000, 0, 180)}, Money::cents(1'000), Money{}, r, 0);
    EXPECT_EQ(by_id(h, "a").group_charges.value(), 250);
    EXPECT_EQ(by_id(h, "b").group_charges.value(), 750);
}

TEST(CapeSplit, SalaryEstimateFromTheEnvelope) {
    Rule r;
    r.employer_bp = 4500;  // 45 %
    r.employee_bp = 2200;  // 22 %
    const Split s = split({member("a", 145'000)}, Money{}, Money{}, r, 0);
    EXPECT_TRUE(s.has_salary_estimate);
    EXPECT_EQ(by_id(s, "a").gross_salary_estimate.value(), 100'000);
    EXPECT_EQ(by_id(s, "a").net_salary_estimate.value(), 78'000);
}

TEST(CapeRule, NamesRoundTripAndBadNamesAreRefused) {
    EXPECT_EQ(parse_split("hybrid:30"), (SplitRule{SplitMethod::hybrid, 3000}));
    EXPECT_EQ(parse_split("hybrid:12,5"), (SplitRule{SplitMethod::hybrid, 1250}));
    EXPECT_EQ(split_name(parse_split("hybrid:12.25")), "hybrid:12.25");
    EXPECT_EQ(split_name(parse_split("own-net")), "own-net");
    for (const char* bad : {"", "hybrid", "hybrid:", "hybrid:101", "hybrid:1.234", "hybrid:-3", "Equal", "hybrid:.5"})
        EXPECT_THROW(parse_split(bad), InputError) << bad;
    EXPECT_EQ(parse_charge_key("sales"), ChargeKey::sales);
    EXPECT_THROW(parse_charge_key("turnover"), InputError);
}

TEST(CapeRule, HoursAsMinutes) {
    EXPECT_EQ(parse_minutes("7:30"), 450);
    EXPECT_EQ(parse_minutes("7h30"), 450);
    EXPECT_EQ(parse_minutes("7h"), 420);
    EXPECT_EQ(parse_minutes("7,5"), 450);
    EXPECT_EQ(parse_minutes("7.25"), 435);
    EXPECT_EQ(parse_minutes("0.01"), 1);  // 0.6 min rounds half up
    EXPECT_EQ(parse_minutes("-1:00"), -60);
    EXPECT_EQ(minutes_text(-65), "-1:05");
    EXPECT_EQ(minutes_text(0), "0:00");
    EXPECT_EQ(minutes_text(450), "7:30");
    EXPECT_EQ(minutes_text(std::numeric_limits<std::int64_t>::min()), "-153722867280912930:08");
    for (const char* bad : {"", "7:60", "7:5", "h", "7.123", "sept", "7:30:00", "--1"})
        EXPECT_THROW(parse_minutes(bad), InputError) << bad;
}

TEST(CapeRule, MonthsBegunCountStartedMonths) {
    EXPECT_EQ(months_begun("2026-03-15", "2026-09-14"), 6);
    EXPECT_EQ(months_begun("2026-03-15", "2026-09-15"), 7);
    EXPECT_EQ(months_begun("2026-01-01", "2026-01-10"), 1);
    EXPECT_EQ(months_begun("2026-01-31", "2026-02-27"), 1);
    EXPECT_EQ(months_begun("2026-01-31", "2026-02-28"), 2);  // the 31st clamps to February's end
    EXPECT_THROW(months_begun("2026-02-30", "2026-03-01"), InputError);
    EXPECT_THROW(months_begun("2026-03-02", "2026-03-01"), InputError);
}

}  // namespace
}  // namespace caisse::cape
