#pragma once
// The cape.rule record kind (issue 11, item 4; docs/ledger-format.md, "cape.rule"; docs/cape.md):
// the split rule the group voted. Changing the rule is a new record; the newest applies.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/cape.hpp"
#include "db/records/projected_kind.hpp"

namespace caisse::db {

class Ledger;

struct RuleRecord {
    std::int64_t seq = 0;
    cape::Rule rule;
    std::int64_t user = 0;
    std::string terminal, at_utc;  // read back only
};

// Appends the rule and its projection row; inside Ledger::write. Returns the seq.
std::int64_t record_rule(Ledger& ledger, RuleRecord& rule, const std::string& at);
// The newest rule over every terminal (by at_utc, then terminal and seq); none until one is set.
std::optional<RuleRecord> current_rule(Database& db);

std::vector<ProjectedKind> rule_projected_kinds();

}  // namespace caisse::db
