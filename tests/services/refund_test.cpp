// Issue 9, items 2 and 3: cancellations and refunds as counter-entries. Properties: random partial
// refunds never exceed what was sold; a ticket given back in any number of steps gives back exactly
// the original by line, entrepreneur, VAT rate and discount share; prices are the sale's; X, Z and
// day report equal the sum of the ledger. Roles: who may cancel, who may refund, refusals journaled.
#include <gtest/gtest.h>

#include <random>

#include "app/services/cash_session.hpp"
#include "app/services/printing.hpp"
#include "app/services/refund.hpp"
#include "db/verify.hpp"
#include "drivers/preview.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

using testing::raw_scalar;

// A clock the test moves by hand (1 ms per reading, so records keep their order).
struct HandClock {
    std::shared_ptr<std::chrono::system_clock::time_point> t = std::make_shared<std::chrono::system_clock::time_point>(
        std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours{10});
    Clock clock() const {
        return [t = t] { return *t += std::chrono::milliseconds{1}; };
    }
    void advance(std::chrono::seconds s) const { *t += s; }
};

class Refunds : public ::testing::Test {
protected:
    void SetUp() override {
        path = dir.file("l.db");
        till = testing::demo_till(path, hand.clock());
    }
    std::int64_t count(const std::string& sql) { return raw_scalar(path, sql); }
    std::int64_t events(const std::string& code) { return count("SELECT COUNT(*) FROM events WHERE code = '" + code + "'"); }
    std::int64_t records() { return count("SELECT COUNT(*) FROM journal"); }
    SellResult sell(const std::string& who, std::vector<std::string> items, std::vector<std::string> pays = {"card"}) {
        return till->sell(testing::as(*till, who), testing::sell_text(items, std::nullopt, pays));
    }
    // The action is refused with these words and leaves the ledger as it was, but for `events` records.
    template <class F>
    void expect_refused(F&& action, const std::string& words, std::int64_t events_added = 0) {
        const auto before = records(), refused = events("auth.refused");
        try {
            action();
            ADD_FAILURE() << "accepted: " << words;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
        EXPECT_EQ(records(), before + events_added) << words;
        EXPECT_EQ(events("auth.refused"), refused + events_added) << words;
    }
    HandClock hand;
    testing::TempDir dir;
    std::string path;
    std::unique_ptr<Till> till;
};

TEST_F(Refunds, RandomPartialRefundsAddUpToTheSaleExactly) {
    testing::sell_random(*till, 40, 17);
    // Today's prices change: refunds keep the prices the tickets were sold at.
    till->import_catalogue(testing::as(*till, "Karim"),
                           "sku,name,price,vat,entrepreneur,category\nMAFE,Mafé,99,10,Aminata Diop,Plats\n");
    const Actor karim = testing::as(*till, "Karim");
    std::mt19937 rng(23);
    const TenderMethod methods[] = {TenderMethod::Card, TenderMethod::Cheque, TenderMethod::Transfer, TenderMethod::Cash};
    for (std::int64_t ticket = 1; ticket <= 40; ++ticket) {
        const auto sale = till->recorded_sale(ticket)->sale;
        const bool whole = ticket % 3 != 0;  // a third of the tickets are left partly refunded
        for (int step = 0; step < 12; ++step) {
            auto lines = refundable_lines(*till, ticket);
            std::vector<RefundableLine> left;
            for (const auto& l : lines)
                if (l.remaining > 0) left.push_back(l);
            if (left.empty()) break;
            if (!whole && step == 2) break;
            RefundRequest r;
            r.ticket = ticket;
            r.method = methods[rng() % 3];  // cash only below, where the drawer is known to hold it
            const auto& pick = left[rng() % left.size()];
            // Beyond what remains of that SKU on the ticket: refused, nothing recorded.
            std::int64_t sku_left = 0;
            for (const auto& l : lines)
                if (l.sold.sku == pick.sold.sku) sku_left += l.remaining;
            if (step == 0) {
                RefundRequest over = r;
                over.items = {RefundItem{pick.sold.sku, sku_left + 1}};
                expect_refused([&] { refund_ticket(*till, karim, over); }, "remain to give back");
            }
            if (rng() % 4 == 0) {
                r.items.clear();  // all that remains
            } else {
                r.items = {RefundItem{pick.sold.sku, 1 + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(sku_left))}};
            }
            const auto res = refund_ticket(*till, karim, r);
            EXPECT_FALSE(res.record.cancel);
            EXPECT_LT(res.record.total, 1);
            for (const auto& l : res.record.lines) {
                const auto& o = sale.lines.at(static_cast<std::size_t>(l.sale_line - 1));
                EXPECT_EQ(l.line.unit_price, o.unit_price) << "priced as sold";
                EXPECT_LE(l.line.total, 0);
            }
        }
        // Never more than sold, per line and per entrepreneur.
        const std::string t = std::to_string(ticket);
        for (std::size_t i = 0; i < sale.lines.size(); ++i) {
            const std::string where = " FROM refunds r JOIN refund_lines l ON l.terminal = r.terminal AND l.refund = r.refund "
                                      "WHERE r.ticket = " + t + " AND l.sale_line = " + std::to_string(i + 1);
            const auto units = -count("SELECT COALESCE(SUM(l.quantity), 0)" + where);
            ASSERT_LE(units, sale.lines[i].quantity);
            if (whole) {
                EXPECT_EQ(units, sale.lines[i].quantity);
                EXPECT_EQ(-count("SELECT COALESCE(SUM(l.total), 0)" + where), sale.lines[i].total) << "ticket " << t << " line " << i + 1;
                EXPECT_EQ(-count("SELECT COALESCE(SUM(l.discount_share), 0)" + where), sale.lines[i].discount_share);
                EXPECT_EQ(-count("SELECT COALESCE(SUM(l.line_discount), 0)" + where), sale.lines[i].line_discount);
            }
        }
        std::map<std::int64_t, std::int64_t> sold_by_ent;
        for (const auto& l : sale.lines) sold_by_ent[l.entrepreneur] += l.total;
        for (const auto& [ent, sold] : sold_by_ent) {
            const auto back = -count("SELECT COALESCE(SUM(l.total), 0) FROM refunds r JOIN refund_lines l ON l.terminal = r.terminal "
                                     "AND l.refund = r.refund WHERE r.ticket = " + t + " AND l.entrepreneur_id = " + std::to_string(ent));
            EXPECT_LE(back, sold);
            if (whole) {
                EXPECT_EQ(back, sold);
            }
        }
        if (whole) {
            EXPECT_EQ(-count("SELECT SUM(total) FROM refunds WHERE ticket = " + t), sale.total);
            EXPECT_EQ(-count("SELECT SUM(discount) FROM refunds WHERE ticket = " + t), sale.discount);
            for (const auto& v : sale.vat) {
                const std::string q = " FROM refunds r JOIN refund_vat v ON v.terminal = r.terminal AND v.refund = r.refund WHERE r.ticket = " +
                                      t + " AND v.rate = " + std::to_string(v.rate);
                EXPECT_EQ(-count("SELECT SUM(v.vat)" + q), v.vat) << "ticket " << t << " rate " << v.rate;
                EXPECT_EQ(-count("SELECT SUM(v.ht)" + q), v.ht);
                EXPECT_EQ(-count("SELECT SUM(v.ttc)" + q), v.ttc);
            }
            expect_refused([&] { refund_ticket(*till, karim, RefundRequest{ticket, {}, TenderMethod::Card, {}}); }, "already given back in full");
        }
    }
    // A cash refund within what the drawer holds.
    const auto drawer = x_report(*till).expected_cash;
    sell("Karim", {"ECHARPE"}, {"cash:50"});
    const auto cash = refund_ticket(*till, karim, RefundRequest{41, {}, TenderMethod::Cash, {}});
    EXPECT_EQ(x_report(*till).expected_cash, drawer);  // the cash taken, then given back
    EXPECT_EQ(cash.record.payments.size(), 1u);

    // X, day report and Z equal the sum of the ledger: sales plus refunds (negative).
    const std::int64_t ledger_total = count("SELECT SUM(total) FROM sales") + count("SELECT SUM(total) FROM refunds");
    const XReport x = x_report(*till);
    EXPECT_EQ(x.totals.total, ledger_total);
    EXPECT_EQ(x.totals.refunds, count("SELECT COUNT(*) FROM refunds"));
    EXPECT_EQ(x.totals.refunds_total, count("SELECT SUM(total) FROM refunds"));
    std::int64_t ents = 0, vat_ttc = 0, tenders = 0;
    for (const auto& [e, v] : x.totals.by_entrepreneur) ents += v;
    for (const auto& [r, v] : x.totals.by_vat) vat_ttc += v.ttc;
    for (const auto& [m, v] : x.totals.by_tender) tenders += v;
    EXPECT_EQ(ents, ledger_total);
    EXPECT_EQ(vat_ttc, ledger_total);
    EXPECT_EQ(tenders, ledger_total);
    EXPECT_EQ(till->report_day(std::nullopt).total, ledger_total);
    EXPECT_TRUE(db::verify_ledger(path).ok);
    CashCount drawer_count;
    {
        std::int64_t cents = x.expected_cash.value();
        for (const std::int64_t d : {5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1}) {
            if (cents / d > 0) drawer_count.set(d, cents / d);
            cents %= d;
        }
    }
    const auto z = close_day(*till, karim, CloseRequest{drawer_count, std::nullopt, std::nullopt, "", 1});
    EXPECT_EQ(z.totals, x.totals);
    EXPECT_EQ(z.grand_total, ledger_total);
    const auto r = db::verify_ledger(path);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

TEST_F(Refunds, SellerCancelsOwnLastTicketWithinTwoMinutes) {
    const auto s = sell("Lucie", {"MAFE*2", "BISSAP"}, {"voucher:5", "cash:50"});
    hand.advance(std::chrono::seconds{90});
    const auto c = cancel_ticket(*till, testing::as(*till, "Lucie"), s.ticket);
    EXPECT_TRUE(c.record.cancel);
    EXPECT_EQ(c.record.total, -s.priced.total.value());
    // The same tenders: the voucher, and the cash net of the change.
    ASSERT_EQ(c.record.payments.size(), 2u);
    EXPECT_EQ(c.record.payments[0].method, "voucher");
    EXPECT_EQ(c.record.payments[0].amount, -500);
    EXPECT_EQ(c.record.payments[1].method, "cash");
    EXPECT_EQ(c.record.payments[1].amount, -(s.priced.total.value() - 500));
    EXPECT_EQ(events("auth.override"), 0);
    expect_refused([&] { cancel_ticket(*till, testing::as(*till, "Karim"), s.ticket); }, "already cancelled or refunded");
    // Its receipt says ANNULATION with the original ticket's number.
    const auto lines = drivers::preview_lines(refund_receipt(*till, c.record.refund), 42);
    std::string text;
    for (const auto& l : lines) text += l + "\n";
    EXPECT_NE(text.find("ANNULATION"), std::string::npos) << text;
    EXPECT_NE(text.find("Ticket d'origine n° " + std::to_string(s.ticket)), std::string::npos) << text;
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Refunds, SellerMayNotCancelLateOrAnothersTicketAndTheRefusalIsJournaled) {
    const auto s = sell("Lucie", {"MAFE"});
    hand.advance(std::chrono::seconds{121});
    expect_refused([&] { cancel_ticket(*till, testing::as(*till, "Lucie"), s.ticket); }, "within 120 s", 1);
    const auto m = sell("Mei", {"YASSA"});
    expect_refused([&] { cancel_ticket(*till, testing::as(*till, "Lucie"), m.ticket); }, "within 120 s", 1);
    // A manager's approval lets it through, journaled as an override.
    const Actor approved = till->approve(testing::as(*till, "Lucie"), "Karim", "2345");
    cancel_ticket(*till, approved, m.ticket);
    EXPECT_EQ(events("auth.override"), 1);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Refunds, CancelOnlyTheLastTicketOfTheSession) {
    const auto a = sell("Karim", {"MAFE"});
    sell("Karim", {"YASSA"});
    expect_refused([&] { cancel_ticket(*till, testing::as(*till, "Karim"), a.ticket); }, "is not the last ticket");
    expect_refused([&] { cancel_ticket(*till, testing::as(*till, "Karim"), 99); }, "does not exist");
}

TEST_F(Refunds, SellerMayNotRefund) {
    const auto s = sell("Lucie", {"MAFE"});
    expect_refused([&] { refund_ticket(*till, testing::as(*till, "Lucie"), RefundRequest{s.ticket, {}, TenderMethod::Card, {}}); },
                   "may not refund a ticket", 1);
    EXPECT_EQ(count("SELECT COUNT(*) FROM events WHERE code = 'auth.refused' AND action = 'refund a ticket'"), 1);
    const Actor approved = till->approve(testing::as(*till, "Lucie"), "Karim", "2345");
    refund_ticket(*till, approved, RefundRequest{s.ticket, {}, TenderMethod::Card, {}});
    EXPECT_EQ(events("auth.override"), 1);
}

TEST_F(Refunds, BadRequestsRecordNothing) {
    const Actor karim = testing::as(*till, "Karim");
    const auto s = sell("Karim", {"MAFE*2", "BISSAP"});
    expect_refused([&] { refund_ticket(*till, karim, RefundRequest{s.ticket, {{"YASSA", 1}}, TenderMethod::Card, {}}); }, "is not on ticket");
    expect_refused([&] { refund_ticket(*till, karim, RefundRequest{s.ticket, {{"MAFE", 3}}, TenderMethod::Card, {}}); }, "only 2 remain");
    expect_refused([&] { refund_ticket(*till, karim, RefundRequest{7, {}, TenderMethod::Card, {}}); }, "does not exist");
    expect_refused([&] { refund_ticket(*till, karim, RefundRequest{s.ticket, {}, TenderMethod::Voucher, {}}); }, "meal vouchers");
    // Cash back needs the cash: the drawer holds the 150 € float only (the sale was by card).
    for (int i = 0; i < 3; ++i) sell("Karim", {"ECHARPE*5"});  // 5 x 42 € by card
    expect_refused([&] { refund_ticket(*till, karim, RefundRequest{3, {}, TenderMethod::Cash, {}}); }, "the drawer should hold");
    EXPECT_EQ(count("SELECT COUNT(*) FROM refunds"), 0);
}

// Training mode on: a cancellation or a refund would give real money back while the till is marked
// as practising, and a training ticket is no sale to correct. Both are refused, saying why, and
// nothing is recorded; with training off again they go through.
TEST_F(Refunds, RefusedWhileTrainingModeIsOn) {
    const Actor karim = testing::as(*till, "Karim");
    const auto s = sell("Karim", {"MAFE*2"}, {"cash:20"});
    till->set_training(karim, true);
    expect_refused([&] { cancel_ticket(*till, karim, s.ticket); }, "training mode is on");
    // Said before any ticket rule: the numbers a cashier sees in training are training tickets.
    expect_refused([&] { cancel_ticket(*till, karim, 99); }, "training mode is on");
    expect_refused([&] { refund_ticket(*till, karim, RefundRequest{s.ticket, {}, TenderMethod::Card, {}}); }, "training mode is on");
    EXPECT_EQ(count("SELECT COUNT(*) FROM refunds"), 0);
    till->set_training(karim, false);
    refund_ticket(*till, karim, RefundRequest{s.ticket, {{"MAFE", 1}}, TenderMethod::Card, {}});
    EXPECT_EQ(count("SELECT COUNT(*) FROM refunds"), 1);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

// A correction follows the rule of a sale: nothing goes into a session opened more than 24 hours
// ago (the day must be closed first).
TEST_F(Refunds, NotIntoASessionOlderThan24Hours) {
    const Actor karim = testing::as(*till, "Karim");
    const auto s = sell("Karim", {"MAFE*2"}, {"card"});
    hand.advance(std::chrono::hours{25});
    expect_refused([&] { sell("Karim", {"MAFE"}); }, "more than 24 hours ago");
    expect_refused([&] { refund_ticket(*till, karim, RefundRequest{s.ticket, {}, TenderMethod::Card, {}}); },
                   "more than 24 hours ago");
    expect_refused([&] { cancel_ticket(*till, karim, s.ticket); }, "more than 24 hours ago");
    EXPECT_EQ(count("SELECT COUNT(*) FROM refunds"), 0);
}

}  // namespace
}  // namespace caisse
