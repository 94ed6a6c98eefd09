#pragma once
// The user.add record kind and its projection. PIN hashes and lock state live in FILE.credentials
// (db/credentials.hpp), never in the ledger (docs/ledger-format.md).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/user.hpp"
#include "db/records/projected_kind.hpp"

namespace caisse::db {

class Ledger;

// Appends a user.add record and its projection row; must run inside Ledger::write. The PIN hash goes
// to the CredentialStore (db/credentials.hpp), never here.
std::int64_t add_user(Ledger& ledger, const std::string& name, Role role, const std::string& at);
std::vector<User> users(Ledger& ledger);
std::optional<User> user_by_name(Ledger& ledger, const std::string& name);
std::optional<std::string> user_name(Ledger& ledger, std::int64_t id);

std::vector<ProjectedKind> user_projected_kinds();

}  // namespace caisse::db
