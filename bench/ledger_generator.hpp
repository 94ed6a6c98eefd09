#pragma once
// A realistic ledger for benchmarks: 9 entrepreneurs (5 cooks, 4 artisans), ~60 products at VAT
// 5.5 / 10 / 20 %, four users, one session per business day, and N tickets priced by the core
// Cart and settled by settle(), so that every amount is exactly what the till would record.
//
// Deterministic: the same options give the same ledger content (keys and signatures excepted,
// since Ledger::create draws a fresh key pair).
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/core/cart.hpp"
#include "app/core/tender.hpp"
#include "app/services/cash_session.hpp"
#include "db/ledger.hpp"

namespace caisse::bench {

struct GeneratorOptions {
    std::string path;                    // the ledger file to create (must not exist)
    std::int64_t tickets = 1000;
    int days = 365;                      // business days, one session each
    std::uint64_t seed = 1;
    std::string first_day = "2025-01-06";  // local business day of the first session (a Monday)
    std::string terminal = "T1";
    std::int64_t tickets_per_write = 10'000;  // tickets per transaction
    // Tickets of the last day, when >= 0: the other days share the rest of `tickets` as usual (for
    // "the Z of a 2,000-ticket day"). -1: the last day is drawn like the others.
    std::int64_t last_day_tickets = -1;
    // Closing: none (the sessions are left open, as before), or each day closed with its Z through
    // the service close_day at 19:30 local (with the month and year closures a close crosses), the
    // drawer counted exactly as expected; AllButLast leaves the last day's session open.
    enum class Close { None, All, AllButLast };
    Close close = Close::None;
    // Called after each transaction with (tickets written so far, total).
    std::function<void(std::int64_t, std::int64_t)> progress;
};

struct GeneratorStats {
    std::int64_t tickets = 0, lines = 0, payments = 0, sessions = 0, records = 0;
    std::int64_t discounted_tickets = 0, line_discounts = 0, price_changes = 0;
    std::int64_t turnover_cents = 0;
    std::int64_t day_closures = 0, month_closures = 0, year_closures = 0;
    double close_seconds = 0;  // wall time of the day closes (close_day), when closing
    std::map<std::string, std::int64_t> tickets_by_tender;  // "cash", "card", "voucher+cash", ...
    std::map<int, std::int64_t> tickets_by_line_count;
    std::vector<std::pair<std::string, std::int64_t>> tickets_per_day;  // day -> tickets, in order
    double seconds = 0;       // total wall time, setup included
    double sale_seconds = 0;  // wall time of the ticket transactions only
    std::uintmax_t file_bytes = 0;
};

// Creates the ledger at options.path. Throws InputError if the file exists.
GeneratorStats generate_ledger(const GeneratorOptions& options);

// Names the generator uses, for benchmarks that go on selling through the Till.
inline constexpr const char* kSellerName = "Lucie";
inline constexpr const char* kManagerName = "Karim";
// Three fixed-price SKUs of different entrepreneurs and VAT rates, for a "3-line ticket".
std::vector<std::string> three_line_ticket_skus();

// A close of the open session that balances: the drawer counted (greedy, notes of 50 EUR down) to
// exactly the cash expected, the card and voucher totals declared as sold. Throws InputError when no
// session is open.
CloseRequest exact_close_request(Till& till);
// A generator user ("Karim", "Lucie") signed in on this till with their PIN.
Actor sign_in_as(Till& till, const std::string& name);

// Calendar helpers (proleptic Gregorian, no time zone database needed).
std::int64_t days_from_civil(int y, int m, int d);
std::string civil_from_days(std::int64_t z);  // "YYYY-MM-DD"
std::int64_t parse_day(const std::string& yyyy_mm_dd);  // days since 1970-01-01; throws InputError
// UTC offset of Europe/Paris (CET/CEST, EU rule) at a UTC instant, in seconds.
int paris_offset_seconds(std::int64_t utc_seconds);
// "YYYY-MM-DDTHH:MM:SS.mmmZ" for the UTC instant of a Paris local time on a business day.
std::string utc_stamp_for_local(std::int64_t day, std::int64_t local_ms_of_day);

}  // namespace caisse::bench
