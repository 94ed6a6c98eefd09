#pragma once
// Business days as "YYYY-MM-DD" text (the ledger's form): stepping by days and the months around a
// day, for choosing a period on the touch screen (issue 11, item 5). Proleptic Gregorian calendar.
#include <string>
#include <string_view>

namespace caisse {

// day + n days ("2026-02-28" + 1 = "2026-03-01"). Throws InputError naming the text when it is not
// a valid date.
std::string add_days(std::string_view day, int n);
// The first and the last day of the month of `day`; of the month `months` before or after it.
std::string month_first(std::string_view day, int months = 0);
std::string month_last(std::string_view day, int months = 0);

}  // namespace caisse
