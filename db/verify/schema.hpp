#pragma once
// Verify's checks of the database itself rather than its records: the schema is the one its
// version names (tables, views and the protective triggers with their exact text), the small
// projections' columns hold the storage types declared, and SQLite's own integrity check.
#include <cstdint>
#include <string>

#include "db/sqlite.hpp"
#include "db/verify/problems.hpp"

namespace caisse::db {

// Compares sqlite_master with the schema that db/migrations 001..version make (built in memory):
// every table, view and trigger present with the same SQL text; no extra table, view or trigger.
// Indexes are not part of the format and are not compared.
void check_schema(Database& db, std::int64_t version, Problems& problems);

// typeof() of every column of the tables whose rows are not read one by one elsewhere (the sale
// tables and the journal are checked as they are scanned), against the declared types.
void check_column_types(Database& db, std::int64_t version, Problems& problems);

// PRAGMA integrity_check when full, else PRAGMA quick_check (first 20 findings each); "ok" or the
// first finding, which is also added to problems.
std::string check_integrity(Database& db, bool full, Problems& problems);

}  // namespace caisse::db
