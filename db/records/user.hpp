#pragma once
// The user.add and user.role record kinds and their projections. PIN hashes and lock state live in FILE.credentials
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
// Appends a user.role record (schema 12: `by` gave user `user_id` the role `role`) and its
// user_roles row; inside Ledger::write. The service checks who may (app/services/till.cpp).
void set_user_role(Ledger& ledger, std::int64_t user_id, Role role, std::int64_t by, const std::string& at);
// Users with their current role (the newest user.role, else the one they were added with).
std::vector<User> users(Ledger& ledger);
std::optional<User> user_by_name(Ledger& ledger, const std::string& name);
std::optional<std::string> user_name(Ledger& ledger, std::int64_t id);

std::vector<ProjectedKind> user_projected_kinds();


}  // namespace caisse::db
