#pragma once
// Verify rules of imported chains' catalogue and users (schema 9; docs/bundle-format.md): another
// till's entrepreneur.add, category.add, user.add and product.set records are projected into the
// imported_* tables, keyed by (terminal, id), never into this till's own tables.
#include <string>
#include <vector>

#include "db/records/projected_kind.hpp"
#include "db/sqlite.hpp"
#include "db/verify/problems.hpp"

namespace caisse::db {

// The imported_* tables rebuilt as payloads (each entry needs its table: older schemas lack it).
std::vector<ProjectedKind> imported_projected_kinds();

// Rows of this till's entrepreneurs, categories, users and product_versions belong to its own
// terminal, rows of the imported_* tables to other terminals: a row on the wrong side is an error
// (it would mix another till's ids or prices with this till's own).
void check_imported_sides(Database& db, const std::string& local_terminal, Problems& problems);

}  // namespace caisse::db
