#pragma once
// The fast path of archive verify: strict readers of the exact bytes caisse writes (a record line
// of db/archive/lines.cpp, a sale or refund payload of canonical JSON), that read the few fields
// verify needs without building a JSON tree. Each says "not mine" (nullopt) on anything it was
// not written for (whitespace, escapes it does not expect, floats, big numbers, keys out of order,
// a field of another type...); verify then takes the reference path (nlohmann-json), so the fast
// path never accepts what the reference would refuse, nor reads a value differently
// (tests/db/archive_fast_path_test.cpp checks both agree on genuine and damaged archives).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "db/journal.hpp"

namespace caisse::db {

// What the closure sums take from a sale or a sale.refund payload (docs/archive-format.md, rule 6):
// a missing key reads 0 or "" as in the reference path.
struct SaleSums {
    std::int64_t session = 0, total = 0, change = 0, voucher_excess = 0;
    std::vector<std::pair<std::int64_t, std::int64_t>> lines;        // ent, total
    std::vector<std::pair<std::string, std::int64_t>> payments;      // method, amount
};

// A record line exactly as append_record_line writes it ({"at_utc":..,"sig":..}, no '\n'), its
// terminal set to `terminal`; nullopt when the line is anything else.
std::optional<JournalRecord> read_record_line_fast(std::string_view line, const std::string& terminal);

// The sums of a payload that is one canonical JSON object whose session/total/change are integers,
// lines an array of objects with integer ent/total, payments an array of objects with string
// method and integer amount (each key optional); nullopt otherwise.
std::optional<SaleSums> read_sale_sums_fast(std::string_view payload);

// Well-formed UTF-8 (Unicode table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF),
// the rule nlohmann-json's reader applies to strings.
bool well_formed_utf8(std::string_view s);

}  // namespace caisse::db
