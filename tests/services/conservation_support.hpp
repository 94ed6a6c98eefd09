#pragma once
// A ledger of two months for the archive and backup tests: November 2026 with three closed days,
// then 1 December closed too (its Z makes November's month closure), on a clock the test moves.
#include <chrono>
#include <fstream>
#include <sstream>
#include <vector>
#include <memory>
#include <string>

#include "app/core/cash_count.hpp"
#include "app/services/cash_session.hpp"
#include "tests/db/test_support.hpp"

namespace caisse::testing {

// A clock the test moves by hand; each reading advances it by one second.
class MovableClock {
public:
    explicit MovableClock(std::chrono::system_clock::time_point start)
        : t_(std::make_shared<std::chrono::system_clock::time_point>(start)) {}
    Clock clock() const {
        auto t = t_;
        return [t] { return *t += std::chrono::seconds(1); };
    }
    void set(std::chrono::system_clock::time_point t) { *t_ = t; }

private:
    std::shared_ptr<std::chrono::system_clock::time_point> t_;
};

inline std::chrono::system_clock::time_point day_at(int y, unsigned m, unsigned d, int hour) {
    return std::chrono::sys_days{std::chrono::year{y} / m / d} + std::chrono::hours{hour};
}

// The drawer counted as the fewest notes and coins.
inline CashCount exact_count(std::int64_t cents) {
    CashCount c;
    for (const std::int64_t d : kEuroDenominations) {
        const std::int64_t q = cents / d;
        if (q > 0) c.set(d, q);
        cents -= q * d;
    }
    return c;
}

inline void close_exactly(Till& till) {
    CloseRequest close;
    const XReport x = x_report(till);
    close.count = exact_count(x.expected_cash.value());
    close.card_declared = Money::cents(x.totals.by_tender.count("card") ? x.totals.by_tender.at("card") : 0);
    // The voucher stack at face value: what paid the sales and what the vouchers left above them.
    close.voucher_declared =
        Money::cents((x.totals.by_tender.count("voucher") ? x.totals.by_tender.at("voucher") : 0) + x.totals.voucher_excess);
    close_day(till, as(till, "Karim"), close);
}

// Days 2, 3 and 4 November 2026 (sales, a close each), then 1 December (sales, close).
inline std::unique_ptr<Till> two_months(const std::string& path, MovableClock& clock) {
    clock.set(day_at(2026, 11, 2, 9));
    auto till = demo_till(path, clock.clock());
    const unsigned days[] = {2, 3, 4};
    for (unsigned i = 0; i < 3; ++i) {
        if (i > 0) {
            clock.set(day_at(2026, 11, days[i], 9));
            open_cash_session(*till, as(*till, "Karim"), OpenSessionRequest{{}, Money::cents(15000)});
        }
        sell_random(*till, 6, 100 + i);
        clock.set(day_at(2026, 11, days[i], 18));
        close_exactly(*till);
    }
    clock.set(day_at(2026, 12, 1, 9));
    open_cash_session(*till, as(*till, "Karim"), OpenSessionRequest{{}, Money::cents(15000)});
    sell_random(*till, 4, 7);
    clock.set(day_at(2026, 12, 1, 18));
    close_exactly(*till);
    return till;
}

// A file's bytes, written or read whole; an archive's lines (the archive tests edit them).
inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

inline void spit(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << bytes;
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

}  // namespace caisse::testing
