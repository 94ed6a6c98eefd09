#pragma once
// The chain scan of verify: every record of a seq range of one terminal, read in seq order, for
// hashes, links, gaps, signatures, column types, at_utc syntax and canonical payloads; sale records
// are checked against their projections on the way (records/sale_verify); the other kinds are
// handed back for their own checks.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "db/records/closure.hpp"
#include "db/sqlite.hpp"
#include "db/verify/problems.hpp"

namespace caisse::db {

struct ChainRange {
    std::string terminal;
    std::int64_t from_seq = 1, to_seq = 0;
    bool last_of_terminal = false;
};

struct RangeResult {
    Span span;
    std::vector<ClockStep> steps_back;  // records whose at_utc is before the previous record's, in the range
    std::int64_t bytes = 0, records = 0;
    std::vector<OtherRecord> others;
};

// Splits the journal's records into about `parts` ranges, each terminal's chain in seq order.
std::vector<ChainRange> split_chains(Database& db, unsigned parts);

// Checks the records of one range; `keys` holds each terminal's genesis public key.
RangeResult check_chain_range(Database& db, const ChainRange& range, const std::map<std::string, PublicKey>& keys,
                              const SessionSpans& sessions, Problems& problems);

// Joins the ranges of one terminal (in order): starts at genesis, links at every boundary, tickets
// run on. Returns the whole chain's span.
// The clock steps back of the whole chain go to `steps_back` (the ranges' own, and those at the
// boundaries).
Span join_spans(const std::string& terminal, const std::vector<const RangeResult*>& parts, Problems& problems,
                std::vector<ClockStep>& steps_back);

// "YYYY-MM-DDTHH:MM:SS.mmmZ" with a real date and time of day (docs/ledger-format.md, journal).
bool valid_at_utc(std::string_view at);

}  // namespace caisse::db
