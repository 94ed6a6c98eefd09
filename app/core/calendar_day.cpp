// Business days stepped on the calendar (see calendar_day.hpp). Same date check as the CAPE
// split's (app/core/cape.cpp) and the same messages.
#include "app/core/calendar_day.hpp"

#include <chrono>
#include <cstdio>

#include "app/core/money.hpp"

namespace caisse {
namespace {

using namespace std::chrono;

year_month_day parse(std::string_view s) {
    auto digits = [&](std::size_t at, std::size_t n) {
        int v = 0;
        for (std::size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    const int y = s.size() == 10 && s[4] == '-' && s[7] == '-' ? digits(0, 4) : -1;
    const int m = y >= 0 ? digits(5, 2) : -1, d = m >= 0 ? digits(8, 2) : -1;
    if (d < 0) throw InputError("date \"{0}\" is not YYYY-MM-DD", std::string(s));
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok()) throw InputError("date \"{0}\" does not exist", std::string(s));
    return ymd;
}

std::string text(const year_month_day& d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                  static_cast<unsigned>(d.day()));
    return buf;
}

}  // namespace

std::string add_days(std::string_view d, int n) { return text(year_month_day{sys_days(parse(d)) + days{n}}); }

std::string month_first(std::string_view d, int n) {
    const year_month ym = year_month{parse(d).year(), parse(d).month()} + months{n};
    return text(year_month_day{ym.year(), ym.month(), day{1}});
}

std::string month_last(std::string_view d, int n) {
    const year_month ym = year_month{parse(d).year(), parse(d).month()} + months{n};
    return text(year_month_day{year_month_day_last{ym.year(), month_day_last{ym.month()}}});
}

}  // namespace caisse
