// End of day (issue "End of day"): the Z, month and year closures checked against totals the test
// computes itself from the recorded sales (Till::recorded_sale) and the cash moves it made, never
// through the SQL the closures use; bad input refused with nothing recorded; the clock set back;
// the daily closing rule.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "app/services/cash_session.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

using namespace std::chrono_literals;
using TimePoint = std::chrono::system_clock::time_point;

// A clock the test moves by hand; each reading advances it by one second (records stay distinct).
class ManualClock {
public:
    explicit ManualClock(TimePoint start) : t_(std::make_shared<TimePoint>(start)) {}
    Clock clock() const {
        auto t = t_;
        return [t] { return *t += 1s; };
    }
    void set(TimePoint t) { *t_ = t; }
    void advance(std::chrono::seconds d) { *t_ += d; }
    TimePoint now() const { return *t_; }

private:
    std::shared_ptr<TimePoint> t_;
};

TimePoint at(int y, unsigned m, unsigned d, int hour = 9) {
    return std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours{hour};
}

std::int64_t journal_rows(const std::string& path) { return testing::raw_scalar(path, "SELECT COUNT(*) FROM journal"); }

// The drawer as the fewest notes and coins: the count a careful treasurer would make.
CashCount count_of(std::int64_t cents) {
    CashCount c;
    for (const std::int64_t d : kEuroDenominations) {
        const std::int64_t q = cents / d;
        if (q > 0) c.set(d, q);
        cents -= q * d;
    }
    return c;
}

// What a Z should say, summed by the test from the recorded tickets and the moves it made.
struct DayExpect {
    db::ClosureTotals totals;
    std::vector<std::int64_t> tickets;
    std::int64_t float_cents = 0, expected_cash = 0, counted_cash = 0;
};

void add_sale(db::ClosureTotals& t, const db::SaleRecord& s) {
    ++t.tickets;
    t.total += s.total;
    t.total_abs += std::llabs(s.total);
    t.discounts += s.discount;
    for (const auto& l : s.lines) {
        t.discounts += l.line_discount;
        t.by_entrepreneur[l.entrepreneur] += l.total;
    }
    for (const auto& p : s.payments) t.by_tender[p.method] += p.amount;
    if (s.change != 0) t.by_tender["cash"] -= s.change;
    for (const auto& v : s.vat) {
        auto& r = t.by_vat[v.rate];
        r.ht += v.ht;
        r.vat += v.vat;
        r.ttc += v.ttc;
    }
    t.by_cashier[s.user] += s.total;
}

// The same breakdowns, field by field, so that a failure names the one that differs.
void expect_totals_eq(const db::ClosureTotals& got, const db::ClosureTotals& want, const std::string& where) {
    SCOPED_TRACE(where);
    EXPECT_EQ(got.tickets, want.tickets);
    EXPECT_EQ(got.total, want.total);
    EXPECT_EQ(got.total_abs, want.total_abs);
    EXPECT_EQ(got.discounts, want.discounts);
    EXPECT_EQ(got.cash_in, want.cash_in);
    EXPECT_EQ(got.cash_out, want.cash_out);
    EXPECT_EQ(got.by_tender, want.by_tender);
    EXPECT_EQ(got.by_entrepreneur, want.by_entrepreneur);
    EXPECT_EQ(got.by_cashier, want.by_cashier);
    EXPECT_EQ(got.by_vat.size(), want.by_vat.size());
    for (const auto& [rate, v] : want.by_vat) {
        auto it = got.by_vat.find(rate);
        if (it == got.by_vat.end()) {
            ADD_FAILURE() << "no VAT rate " << rate;
            continue;
        }
        EXPECT_EQ(it->second.ht, v.ht) << "rate " << rate;
        EXPECT_EQ(it->second.vat, v.vat) << "rate " << rate;
        EXPECT_EQ(it->second.ttc, v.ttc) << "rate " << rate;
    }
}

const std::vector<std::string> kSkus = {"MAFE", "YASSA", "BISSAP", "TAJINE", "COUSC", "CORNE", "BOBUN", "NEMS",
                                        "CHE",  "CEVI",  "EMPA",   "CHICHA", "BIERE", "EAU",   "CAFE",  "SAC-WAX",
                                        "TROUSSE", "ECHARPE", "BONNET", "TABLIER", "COUSSIN"};
const std::vector<std::string> kSellers = {"Lucie", "Mei", "Karim", "Awa"};

// One random ticket: several sellers, discounts, every tender (cash with change, exact cash,
// voucher and cash, card, cheque, card and cash).
SellResult sell_one(Till& till, std::mt19937& rng) {
    SellRequest r;
    std::string seller = kSellers[rng() % kSellers.size()];
    const int lines = 1 + static_cast<int>(rng() % 4);
    for (int l = 0; l < lines; ++l)
        r.items.push_back(ItemSpec{kSkus[rng() % kSkus.size()], static_cast<std::int64_t>(1 + rng() % 3), std::nullopt});
    if (rng() % 5 == 0) r.items.push_back(ItemSpec{"PLATJ", 1, Money::cents(550 + 25 * static_cast<std::int64_t>(rng() % 40))});
    if (rng() % 6 == 0) r.discount = TicketDiscount{Money(), static_cast<std::int32_t>(100 * (5 + rng() % 20))};
    else if (rng() % 8 == 0) r.discount = TicketDiscount{Money::cents(50 + 10 * static_cast<std::int64_t>(rng() % 5)), 0};
    using T = TenderMethod;
    // Cash with change: the next 50 € above the total (1 000 € for a basket is refused as mistyped).
    const auto cash_above = [&] {
        Cart cart;
        for (const auto& spec : r.items) cart.add(*till.product(spec.sku), spec.quantity, spec.price);
        cart.set_ticket_discount(r.discount);
        return Money::cents((cart.price().total.value() / 5000 + 1) * 5000);
    };
    switch (rng() % 6) {
        case 0: r.payments = {TenderRequest{T::Card, std::nullopt}}; break;
        case 1: r.payments = {TenderRequest{T::Cash, cash_above()}}; break;  // change given
        case 2: r.payments = {TenderRequest{T::Cash, std::nullopt}}; break;  // exact cash
        case 3: r.payments = {TenderRequest{T::Voucher, Money::cents(100)}, TenderRequest{T::Cash, cash_above()}}; break;
        case 4: r.payments = {TenderRequest{T::Cheque, std::nullopt}}; break;
        default: r.payments = {TenderRequest{T::Cash, Money::cents(100)}, TenderRequest{T::Card, std::nullopt}}; break;
    }
    if (!r.discount.empty() && (seller == "Lucie" || seller == "Mei")) seller = "Karim";  // discounts: a manager
    return till.sell(testing::as(till, seller), r);
}

std::string fiscal_label(const std::string& date, int start_month) {
    const int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2));
    return std::to_string(m >= start_month ? y : y - 1);
}

struct PeriodExpect {
    db::ClosureTotals totals;
    std::int64_t days = 0, first_z = 0, last_z = 0, grand_total = 0, grand_total_abs = 0;
    std::string first_day, last_day;
    void add(const db::DayClosure& z, const db::ClosureTotals& t) {
        if (days++ == 0) {
            first_z = z.z;
            first_day = z.date;
        }
        totals.add(t);
        last_z = z.z;
        last_day = z.date;
        grand_total = z.grand_total;
        grand_total_abs = z.grand_total_abs;
    }
};

void expect_period_eq(const db::PeriodClosure& got, const PeriodExpect& want, const std::string& where) {
    SCOPED_TRACE(where);
    expect_totals_eq(got.totals, want.totals, where);
    EXPECT_EQ(got.days, want.days);
    EXPECT_EQ(got.first_z, want.first_z);
    EXPECT_EQ(got.last_z, want.last_z);
    EXPECT_EQ(got.first_day, want.first_day);
    EXPECT_EQ(got.last_day, want.last_day);
    EXPECT_EQ(got.grand_total, want.grand_total);
    EXPECT_EQ(got.grand_total_abs, want.grand_total_abs);
}

// ---------------------------------------------------------------------------------------------
// 1. Properties over many simulated days.

struct SimulationResult {
    std::int64_t days = 0, tickets = 0;
};

// Trades `days` business days from 2026-03-02 (a day or two apart, and one long holiday that
// skips a whole month), checking each Z against the test's own sums, then the month and year
// closures against the sums of their days.
void simulate(int days, unsigned seed, int fiscal_start_month, bool expect_closed_year = true) {
    testing::TempDir dir;
    const std::string path = dir.file("l.db");
    ManualClock clk(at(2026, 3, 2));
    auto till = Till::init(path, "T1", true, clk.clock());
    if (fiscal_start_month != 1) till->ledger().set_setting("fiscal.year_start_month", std::to_string(fiscal_start_month));
    std::mt19937 rng(seed);

    std::int64_t grand = 0, grand_abs = 0, month_total = 0, year_total = 0;
    std::string last_month, last_year;
    std::map<std::string, PeriodExpect> months, years;
    std::vector<db::DayClosure> zs;
    std::int64_t all_tickets = 0;
    TimePoint day = at(2026, 3, 2);
    for (int d = 0; d < days; ++d) {
        if (d == 120) day += std::chrono::days{40};  // a holiday: one month without any Z
        else if (d > 0) day += std::chrono::days{1 + static_cast<int>(rng() % 2)};
        clk.set(day + std::chrono::minutes{rng() % 600});
        const std::string date = local_day(clk.now());
        SCOPED_TRACE("day " + std::to_string(d) + " " + date);

        DayExpect e;
        OpenSessionRequest open{{}, std::nullopt};
        if (rng() % 3 == 0) {
            open.float_amount = Money::cents(static_cast<std::int64_t>(rng() % 30000));
        } else {
            open.count.set(2000, static_cast<std::int64_t>(rng() % 6));
            open.count.set(1000, static_cast<std::int64_t>(rng() % 6));
            open.count.set(200, static_cast<std::int64_t>(rng() % 20));
            open.count.set(50, static_cast<std::int64_t>(rng() % 20));
            open.count.set(1, static_cast<std::int64_t>(rng() % 20));
        }
        e.float_cents = open.float_amount ? open.float_amount->value() : open.count.total().value();
        const std::int64_t session = open_cash_session(*till, testing::as(*till, "Karim"), open);

        const int n = static_cast<int>(rng() % 4);  // 0 to 3 tickets: some days sell nothing
        std::int64_t drawer = e.float_cents;
        for (int i = 0; i < n + 2; ++i) {
            clk.advance(std::chrono::seconds{rng() % 3600});
            if (i < n) {
                const auto sold = sell_one(*till, rng);
                e.tickets.push_back(sold.ticket);
                const auto rec = till->recorded_sale(sold.ticket);
                if (!rec) {
                    ADD_FAILURE() << "ticket " << sold.ticket << " not found";
                    return;
                }
                EXPECT_EQ(rec->sale.session, session);
                add_sale(e.totals, rec->sale);
                drawer = e.float_cents + e.totals.cash_kept() + e.totals.cash_in - e.totals.cash_out;
            } else if (i == n && rng() % 3 == 0) {
                const std::int64_t amount = 1 + static_cast<std::int64_t>(rng() % 5000);
                record_cash_move(*till, testing::as(*till, "Karim"), CashMoveRequest{false, Money::cents(amount), "apport", std::nullopt});
                e.totals.cash_in += amount;
                drawer += amount;
            } else if (i == n + 1 && drawer > 0 && rng() % 3 == 0) {
                const std::int64_t amount = 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(drawer));
                record_cash_move(*till, testing::as(*till, "Karim"), CashMoveRequest{true, Money::cents(amount), "achat ingrédients",
                                                        rng() % 2 ? std::optional<std::string>("Mei Nguyen") : std::nullopt});
                e.totals.cash_out += amount;
                drawer -= amount;
            }
        }
        e.expected_cash = e.float_cents + e.totals.cash_kept() + e.totals.cash_in - e.totals.cash_out;
        ASSERT_EQ(drawer, e.expected_cash);

        // Sometimes the count is off (with a note), sometimes the card batch is typed.
        std::int64_t diff = rng() % 5 == 0 ? static_cast<std::int64_t>(rng() % 1001) - 500 : 0;
        if (e.expected_cash + diff < 0) diff = 0;
        e.counted_cash = e.expected_cash + diff;
        CloseRequest close{count_of(e.counted_cash), std::nullopt, std::nullopt, "", 1};
        if (diff != 0) close.note = "erreur de rendu";
        if (rng() % 4 == 0) {
            auto it = e.totals.by_tender.find("card");
            close.card_declared = Money::cents(it == e.totals.by_tender.end() ? 0 : it->second);
        }
        const XReport x = x_report(*till);
        expect_totals_eq(x.totals, e.totals, "X before the close");
        EXPECT_EQ(x.expected_cash.value(), e.expected_cash);
        EXPECT_EQ(x.session.id, session);
        const CloseCheck check = check_close(*till, close);
        EXPECT_EQ(check.expected_cash.value(), e.expected_cash);
        EXPECT_EQ(check.counted_cash.value(), e.counted_cash);
        const db::DayClosure z = close_day(*till, testing::as(*till, "Karim"), close);

        expect_totals_eq(z.totals, e.totals, "Z " + std::to_string(z.z));
        EXPECT_EQ(z.z, d + 1);
        EXPECT_EQ(z.session, session);
        EXPECT_EQ(z.date, date);
        EXPECT_EQ(z.first_ticket, e.tickets.empty() ? 0 : e.tickets.front());
        EXPECT_EQ(z.last_ticket, e.tickets.empty() ? 0 : e.tickets.back());
        EXPECT_EQ(z.float_cents, e.float_cents);
        EXPECT_EQ(z.expected_cash, e.float_cents + e.totals.cash_kept() + e.totals.cash_in - e.totals.cash_out);
        EXPECT_EQ(z.counted_cash, e.counted_cash);
        EXPECT_EQ(z.over_short, e.counted_cash - e.expected_cash);
        EXPECT_EQ(z.count, count_of(e.counted_cash).pieces());
        EXPECT_EQ(z.card_declared, close.card_declared ? std::optional(close.card_declared->value()) : std::nullopt);
        EXPECT_TRUE(z.clock_backwards.empty());
        // Sums that must hold whatever the breakdown.
        std::int64_t ent = 0, cashier = 0, tender = 0, ttc = 0;
        for (const auto& [k, v] : z.totals.by_entrepreneur) ent += v;
        for (const auto& [k, v] : z.totals.by_cashier) cashier += v;
        for (const auto& [k, v] : z.totals.by_tender) tender += v;
        for (const auto& [k, v] : z.totals.by_vat) {
            ttc += v.ttc;
            EXPECT_EQ(v.ht + v.vat, v.ttc) << "rate " << k;
        }
        EXPECT_EQ(ent, z.totals.total);
        EXPECT_EQ(cashier, z.totals.total);
        EXPECT_EQ(tender, z.totals.total);
        EXPECT_EQ(ttc, z.totals.total);

        grand += e.totals.total;
        grand_abs += e.totals.total_abs;
        EXPECT_EQ(z.grand_total, grand);
        EXPECT_EQ(z.grand_total_abs, grand_abs);
        const std::string month = date.substr(0, 7), year = fiscal_label(date, fiscal_start_month);
        month_total = (month == last_month ? month_total : 0) + e.totals.total;
        year_total = (year == last_year ? year_total : 0) + e.totals.total;
        last_month = month;
        last_year = year;
        EXPECT_EQ(z.month, month);
        EXPECT_EQ(z.year, year);
        EXPECT_EQ(z.month_total, month_total);
        EXPECT_EQ(z.year_total, year_total);
        months[month].add(z, e.totals);
        years[year].add(z, e.totals);
        all_tickets += static_cast<std::int64_t>(e.tickets.size());
        zs.push_back(z);

        // The Z read back from its signed record says the same.
        if (d % 7 == 0 || d + 1 == days) {
            const auto back = find_z(*till, z.z, std::nullopt);
            EXPECT_EQ(back.totals, z.totals);
            EXPECT_EQ(back.grand_total, z.grand_total);
            EXPECT_EQ(back.hash, z.hash);
        }
        if (::testing::Test::HasFailure()) return;  // one broken day is enough to read
    }

    // Perpetual grand total: the sum of every ticket ever recorded.
    std::int64_t sum = 0;
    for (std::int64_t t = 1; t <= till->last_ticket(); ++t) sum += till->recorded_sale(t)->sale.total;
    EXPECT_EQ(till->last_ticket(), all_tickets);
    EXPECT_EQ(zs.back().grand_total, sum);
    EXPECT_EQ(zs.back().grand_total, grand);

    // Months: each one with a later Z is closed, once, equal to the sum of its days; the last is not.
    std::int64_t number = 0;
    for (const auto& [month, want] : months) {
        const auto closed = db::period_closures(till->ledger(), "month", month);
        const auto report = period_report(*till, month, std::nullopt);
        if (month == last_month) {
            EXPECT_TRUE(closed.empty()) << month << " is the current month";
            EXPECT_FALSE(report.closed);
        } else {
            ASSERT_EQ(closed.size(), 1u) << "month " << month;
            EXPECT_EQ(closed[0].number, ++number) << "month closures are numbered in order, gap-free";
            EXPECT_EQ(closed[0].period, month);
            expect_period_eq(closed[0], want, "month closure " + month);
            EXPECT_TRUE(report.closed);
        }
        expect_period_eq(report.closure, want, "month report " + month);
    }
    EXPECT_EQ(db::month_closures_after(till->ledger(), 0).size(), months.size() - 1);

    // Fiscal years: the same, and each closed year equals the sum of its month closures too.
    number = 0;
    for (const auto& [year, want] : years) {
        const auto closed = db::period_closures(till->ledger(), "year", year);
        const auto report = period_report(*till, std::nullopt, year);
        if (year == last_year) {
            EXPECT_TRUE(closed.empty()) << year << " is the current fiscal year";
            EXPECT_FALSE(report.closed);
        } else {
            ASSERT_EQ(closed.size(), 1u) << "fiscal year " << year;
            EXPECT_EQ(closed[0].number, ++number);
            expect_period_eq(closed[0], want, "year closure " + year);
            db::ClosureTotals of_months;
            for (const auto& m : db::month_closures_after(till->ledger(), 0))
                if (fiscal_label(m.first_day, fiscal_start_month) == year) of_months.add(m.totals);
            expect_totals_eq(closed[0].totals, of_months, "year " + year + " as the sum of its months");
            EXPECT_TRUE(report.closed);
        }
        expect_period_eq(report.closure, want, "year report " + year);
    }
    if (expect_closed_year) {
        EXPECT_GE(number, 1) << "the simulation should close at least one fiscal year";
    }

    till->ledger().flush_head_anchor();
    const auto v = db::verify_ledger(path);
    EXPECT_TRUE(v.ok) << (v.problems.empty() ? std::string() : v.problems.front().reason);
}

TEST(ClosureProperty, EveryZEqualsItsTicketsAndMoves400Days) { simulate(400, 20261130, 1); }

TEST(ClosureProperty, FiscalYearStartingInJuly400Days) { simulate(400, 7, 7); }

TEST(ClosureProperty, ManySeedsShortRuns) {
    for (unsigned seed = 100; seed < 103 && !HasFailure(); ++seed) {
        SCOPED_TRACE("seed " + std::to_string(seed));
        simulate(25, seed, 1 + static_cast<int>(seed % 12), false);
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Bad input: a clear message, and nothing recorded.

class ClosureBadInput : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = Till::init(path, "T1", true, clk.clock());
        open_cash_session(*till, testing::as(*till, "Karim"), OpenSessionRequest{CashCount::parse("20x5,10x4,1x10"), std::nullopt});
        testing::sell_random(*till, 4, 3);  // Lucie, cash with change among them
        rows = journal_rows(path);
    }
    // The action must throw InputError whose message holds every one of `words`, and leave the journal as it was.
    template <class F>
    void expect_refused(F&& action, const std::vector<std::string>& words, std::int64_t journaled = 0) {
        try {
            action();
            ADD_FAILURE() << "accepted";
        } catch (const InputError& e) {
            for (const auto& w : words) EXPECT_NE(std::string(e.what()).find(w), std::string::npos) << "\"" << w << "\" not in: " << e.what();
        }
        EXPECT_EQ(journal_rows(path), rows + journaled) << "something was recorded";
        rows = journal_rows(path);
    }
    Money expected() { return x_report(*till).expected_cash; }
    static CloseRequest close_by(CashCount count, std::string note = "") {
        return CloseRequest{std::move(count), std::nullopt, std::nullopt, std::move(note), 1};
    }
    Actor karim() { return testing::as(*till, "Karim"); }
    testing::TempDir dir;
    ManualClock clk{at(2026, 3, 2, 10)};
    std::string path;
    std::unique_ptr<Till> till;
    std::int64_t rows = 0;
};

TEST_F(ClosureBadInput, CountWithUnknownDenomination) {
    expect_refused([&] { close_day(*till, testing::as(*till, "Karim"), close_by(CashCount::parse("3x2"))); }, {"3.00", "not a euro note or coin"});
    expect_refused([&] { CashCount c; c.set(300, 2); }, {"not a euro note or coin"});
}

TEST_F(ClosureBadInput, NegativeCount) {
    expect_refused([&] { close_day(*till, testing::as(*till, "Karim"), close_by(CashCount::parse("20x-1"))); }, {"-1", "is not a count"});
}

TEST_F(ClosureBadInput, AbsurdCountOfPieces) {
    expect_refused([&] { close_day(*till, testing::as(*till, "Karim"), close_by(CashCount::parse("1x10000"))); }, {"10000", "is not a count", "9999"});
}

TEST_F(ClosureBadInput, CountAbove100000Euros) {
    // 201 notes of 500 € = 100 500 €: each quantity is plausible, the total is not.
    expect_refused([&] { close_day(*till, testing::as(*till, "Karim"), close_by(CashCount::parse("500x201"), "note")); }, {"above", "check the count"});
    expect_refused([&] { check_close(*till, close_by(CashCount::parse("500x201"))); }, {"above"});
    EXPECT_TRUE(till->current_session().has_value());
}

TEST_F(ClosureBadInput, FloatAbove100000Euros) {
    close_day(*till, testing::as(*till, "Karim"), close_by(count_of(expected().value())));
    rows = journal_rows(path);
    expect_refused([&] { open_cash_session(*till, testing::as(*till, "Karim"), OpenSessionRequest{CashCount::parse("500x201"), std::nullopt}); },
                   {"above", "check the count"});
    expect_refused([&] { open_cash_session(*till, testing::as(*till, "Karim"), OpenSessionRequest{{}, Money::cents(-1)}); }, {"negative"});
    EXPECT_FALSE(till->current_session().has_value());
}

TEST_F(ClosureBadInput, CloseWithNoOpenSession) {
    testing::TempDir other;
    const std::string p = other.file("fresh.db");
    auto fresh = Till::init(p, "T1", true, clk.clock());
    const auto before = journal_rows(p);
    try {
        close_day(*fresh, testing::as(*fresh, "Karim"), close_by(CashCount::parse("20x1")));
        ADD_FAILURE() << "closed a till that never opened a session";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("no session is open"), std::string::npos) << e.what();
    }
    EXPECT_EQ(journal_rows(p), before);
    EXPECT_THROW(x_report(*fresh), InputError);
    EXPECT_THROW(check_close(*fresh, close_by(CashCount::parse("20x1"))), InputError);
}

TEST_F(ClosureBadInput, CloseTwice) {
    const auto z = close_day(*till, testing::as(*till, "Karim"), close_by(count_of(expected().value())));
    EXPECT_EQ(z.z, 1);
    rows = journal_rows(path);
    expect_refused([&] { close_day(*till, testing::as(*till, "Karim"), close_by(count_of(z.counted_cash))); }, {"no session is open", "nothing to close"});
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM day_closures"), 1);
}

TEST_F(ClosureBadInput, CashOutLargerThanTheDrawer) {
    const Money drawer = expected();
    expect_refused([&] { record_cash_move(*till, testing::as(*till, "Karim"), CashMoveRequest{true, drawer + Money::cents(1), "dépôt en banque", std::nullopt}); },
                   {"more than that", drawer.format()});
    // Exactly the drawer is allowed, and then not one cent more.
    record_cash_move(*till, testing::as(*till, "Karim"), CashMoveRequest{true, drawer, "dépôt en banque", std::nullopt});
    rows = journal_rows(path);
    expect_refused([&] { record_cash_move(*till, testing::as(*till, "Karim"), CashMoveRequest{true, Money::cents(1), "dépôt en banque", std::nullopt}); },
                   {"more than that"});
    EXPECT_EQ(expected(), Money());
}

TEST_F(ClosureBadInput, CashOutBySeller) {
    expect_refused([&] { record_cash_move(*till, testing::as(*till, "Lucie"), CashMoveRequest{true, Money::cents(100), "achat ingrédients", std::nullopt}); },
                   {"Lucie", "may not take cash out", "manager"}, 1);
}

TEST_F(ClosureBadInput, CashMoveWithoutReasonOrAmount) {
    expect_refused([&] { record_cash_move(*till, testing::as(*till, "Karim"), CashMoveRequest{true, Money::cents(100), "  ", std::nullopt}); },
                   {"needs a reason"});
    expect_refused([&] { record_cash_move(*till, testing::as(*till, "Karim"), CashMoveRequest{false, Money(), "apport", std::nullopt}); },
                   {"more than zero"});
    expect_refused([&] { record_cash_move(*till, testing::as(*till, "Karim"), CashMoveRequest{true, Money::cents(100), "achat", std::string("Personne")}); },
                   {"unknown entrepreneur"});
}

TEST_F(ClosureBadInput, DifferenceWithoutNote) {
    const Money e = expected();
    expect_refused([&] { close_day(*till, testing::as(*till, "Karim"), close_by(count_of(e.value() - 1))); }, {"differs", "note", e.format()});
    expect_refused([&] { close_day(*till, testing::as(*till, "Karim"), close_by(count_of(e.value() + 1000), "   ")); }, {"differs", "note"});
    // The card batch typed wrong, the cash right.
    auto r = close_by(count_of(e.value()));
    r.card_declared = Money::cents(123456);
    expect_refused([&] { close_day(*till, karim(), r); }, {"card", "note"});
    // With a note it closes, and the Z keeps the note and the difference.
    const auto z = close_day(*till, testing::as(*till, "Karim"), close_by(count_of(e.value() - 1), "une pièce de 1 c perdue"));
    EXPECT_EQ(z.over_short, -1);
    EXPECT_EQ(z.note, "une pièce de 1 c perdue");
}

TEST_F(ClosureBadInput, CloseBySeller) {
    // Refusals are journaled (JET): exactly one event record each, nothing else. (The demo's own
    // settings are journaled too: counted from here.)
    const auto events = testing::raw_scalar(path, "SELECT COUNT(*) FROM events");
    const Actor lucie = testing::as(*till, "Lucie");
    expect_refused([&] { close_day(*till, lucie, close_by(count_of(expected().value()))); }, {"Lucie", "may not close the day", "manager"},
                   1);
    expect_refused([&] { close_day(*till, till->sign_in("Nobody", "1234"), close_by(count_of(expected().value()))); }, {"Nobody"});
    expect_refused([&] { close_day(*till, till->sign_in("Karim", "0000"), close_by(count_of(expected().value()))); },
                   {"wrong PIN", "Karim"}, 1);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM events"), events + 2);
    EXPECT_TRUE(till->current_session().has_value());
}

TEST_F(ClosureBadInput, RefusalsLeaveAClosableSessionAndAVerifiableLedger) {
    EXPECT_THROW(close_day(*till, testing::as(*till, "Lucie"), close_by(count_of(expected().value()))), InputError);
    EXPECT_THROW(close_day(*till, testing::as(*till, "Karim"), close_by(count_of(expected().value() + 5))), InputError);
    const auto z = close_day(*till, till->sign_in("Karim", "2345"), close_by(count_of(expected().value())));
    EXPECT_EQ(z.over_short, 0);
    EXPECT_EQ(z.z, 1);
    till->ledger().flush_head_anchor();
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

// ---------------------------------------------------------------------------------------------
// 3. The clock set backwards.

TEST(ClosureClock, ClockSetBackShowsInTheZAndOrderStaysBySeq) {
    testing::TempDir dir;
    const std::string path = dir.file("l.db");
    ManualClock clk(at(2026, 3, 2, 10));
    auto till = Till::init(path, "T1", true, clk.clock());
    open_cash_session(*till, testing::as(*till, "Karim"), OpenSessionRequest{{}, Money::cents(10000)});
    const auto s1 = till->sell(testing::as(*till, "Lucie"), testing::sell_text({"MAFE"}, std::nullopt, {"card"}));
    clk.advance(-2h);  // someone sets the clock two hours back
    const auto s2 = till->sell(testing::as(*till, "Lucie"), testing::sell_text({"CAFE"}, std::nullopt, {"cash:2"}));
    clk.advance(3h);
    const auto s3 = till->sell(testing::as(*till, "Lucie"), testing::sell_text({"EAU"}, std::nullopt, {"card"}));
    const auto r1 = till->recorded_sale(s1.ticket), r2 = till->recorded_sale(s2.ticket), r3 = till->recorded_sale(s3.ticket);
    ASSERT_TRUE(r1 && r2 && r3);
    ASSERT_LT(r2->at_utc, r1->at_utc);

    const auto z = close_day(*till, testing::as(*till, "Karim"), CloseRequest{count_of(10000 + 150), std::nullopt, std::nullopt, "", 1});
    ASSERT_EQ(z.clock_backwards.size(), 1u);
    EXPECT_EQ(z.clock_backwards[0].seq, s2.seq);
    EXPECT_EQ(z.clock_backwards[0].at_utc, r2->at_utc);
    EXPECT_EQ(z.clock_backwards[0].previous_at_utc, r1->at_utc);
    // The same read back from the signed record.
    const auto back = find_z(*till, z.z, std::nullopt);
    ASSERT_EQ(back.clock_backwards.size(), 1u);
    EXPECT_EQ(back.clock_backwards[0].seq, s2.seq);
    EXPECT_EQ(back.clock_backwards[0].at_utc, r2->at_utc);
    EXPECT_EQ(back.clock_backwards[0].previous_at_utc, r1->at_utc);
    // Order is by seq, not by time: tickets numbered in the order recorded, the Z's range by number.
    EXPECT_LT(s1.seq, s2.seq);
    EXPECT_LT(s2.seq, s3.seq);
    EXPECT_EQ(s2.ticket, s1.ticket + 1);
    EXPECT_EQ(s3.ticket, s2.ticket + 1);
    EXPECT_EQ(z.first_ticket, s1.ticket);
    EXPECT_EQ(z.last_ticket, s3.ticket);
    EXPECT_EQ(z.totals.tickets, 3);
    EXPECT_EQ(testing::raw_scalar(path, "SELECT COUNT(*) FROM journal j1 JOIN journal j2 ON j2.seq = j1.seq + 1 "
                                        "WHERE j2.at_utc < j1.at_utc"),
              1);
    till->ledger().flush_head_anchor();
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST(ClosureClock, CloseItselfBehindTheClockIsReported) {
    testing::TempDir dir;
    const std::string path = dir.file("l.db");
    ManualClock clk(at(2026, 3, 2, 10));
    auto till = Till::init(path, "T1", true, clk.clock());
    open_cash_session(*till, testing::as(*till, "Karim"), OpenSessionRequest{{}, Money::cents(5000)});
    const auto s1 = till->sell(testing::as(*till, "Lucie"), testing::sell_text({"MAFE"}, std::nullopt, {"card"}));
    const auto r1 = till->recorded_sale(s1.ticket);
    clk.advance(-1h);
    const auto z = close_day(*till, testing::as(*till, "Karim"), CloseRequest{count_of(5000), std::nullopt, std::nullopt, "", 1});
    ASSERT_EQ(z.clock_backwards.size(), 1u);
    EXPECT_EQ(z.clock_backwards[0].seq, z.seq) << "the Z's own record is behind the sale";
    EXPECT_EQ(z.clock_backwards[0].at_utc, z.closed_at);
    EXPECT_EQ(z.clock_backwards[0].previous_at_utc, r1->at_utc);
    EXPECT_EQ(find_z(*till, z.z, std::nullopt).clock_backwards.size(), 1u);
    till->ledger().flush_head_anchor();
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

// ---------------------------------------------------------------------------------------------
// 4. Daily closing.

TEST(ClosureDaily, SaleIntoASessionOpened25HoursAgoIsRefusedUntilTheDayIsClosed) {
    testing::TempDir dir;
    const std::string path = dir.file("l.db");
    ManualClock clk(at(2026, 3, 2, 8));
    auto till = Till::init(path, "T1", true, clk.clock());
    const auto first = open_cash_session(*till, testing::as(*till, "Karim"), OpenSessionRequest{{}, Money::cents(10000)});
    const auto sale = testing::sell_text({"MAFE"}, std::nullopt, {"cash:10"});
    clk.advance(23h);
    till->sell(testing::as(*till, "Lucie"), sale);  // still within the day's 24 h
    clk.advance(2h);   // 25 h after opening
    const auto rows = journal_rows(path);
    try {
        till->sell(testing::as(*till, "Lucie"), sale);
        ADD_FAILURE() << "sold into a session opened 25 h ago";
    } catch (const InputError& e) {
        const std::string m = e.what();
        EXPECT_NE(m.find("close the day"), std::string::npos) << m;
        EXPECT_NE(m.find("24"), std::string::npos) << m;
    }
    EXPECT_EQ(journal_rows(path), rows);
    const auto z = close_day(*till, testing::as(*till, "Karim"), CloseRequest{count_of(10000 + 950), std::nullopt, std::nullopt, "", 1});
    EXPECT_EQ(z.session, first);
    EXPECT_EQ(z.date, "2026-03-02");
    EXPECT_EQ(z.totals.tickets, 1);
    const auto second = open_cash_session(*till, testing::as(*till, "Karim"), OpenSessionRequest{{}, Money::cents(10000)});
    EXPECT_GT(second, first);
    EXPECT_EQ(till->current_session()->day, "2026-03-03");
    const auto sold = till->sell(testing::as(*till, "Lucie"), sale);
    EXPECT_EQ(till->recorded_sale(sold.ticket)->sale.session, second);
    till->ledger().flush_head_anchor();
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

}  // namespace
}  // namespace caisse
