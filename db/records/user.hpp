#pragma once
// The user.add record kind and its projection; PIN hashes and lock state are local credentials,
// never journaled (docs/ledger-format.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/user.hpp"
#include "db/records/projected_kind.hpp"

namespace caisse::db {

class Ledger;

std::int64_t add_user(Ledger& ledger, const std::string& name, Role role, const std::string& pin_hash, const std::string& at);
std::vector<User> users(Ledger& ledger);
std::optional<User> user_by_name(Ledger& ledger, const std::string& name);
std::optional<std::string> user_name(Ledger& ledger, std::int64_t id);

// Failed PIN attempts and lock (local state, not journaled).
struct PinState {
    std::int64_t failed = 0;
    std::string locked_until;  // UTC timestamp, "" when not locked
};
PinState pin_state(Ledger& ledger, std::int64_t user_id);
void set_pin_state(Ledger& ledger, std::int64_t user_id, const PinState& state);
std::optional<std::string> pin_hash(Ledger& ledger, std::int64_t user_id);

std::vector<ProjectedKind> user_projected_kinds();

}  // namespace caisse::db
