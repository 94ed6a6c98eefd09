#pragma once
// The receipt.duplicate record kind: every reprint has its own number, gap-free per terminal.
#include <cstdint>
#include <string>
#include <vector>

#include "db/records/projected_kind.hpp"

namespace caisse::db {

class Ledger;

// Records that a copy of this terminal's ticket was printed; returns its number (from 1).
std::int64_t record_duplicate(Ledger& ledger, std::int64_t ticket, const std::string& at);

std::vector<ProjectedKind> duplicate_projected_kinds();

}  // namespace caisse::db
