#pragma once
// The distinct terminals of a table whose primary key starts with `terminal`, found by a skip scan
// (one index probe per terminal, not a scan of every row).
#include <string>
#include <vector>

#include "db/sqlite.hpp"

namespace caisse::db {

// The distinct TEXT values of `terminal` in `table` (a trusted table name), in index order, the
// empty string included. Values that are not text (a number, a blob or NULL written by a tamperer)
// are left out: they would make a `terminal > ?` probe return the same row forever; the schema check
// (check_column_types) reports them. Throws SqliteError on a read error.
std::vector<std::string> distinct_terminals(Database& db, const std::string& table);

}  // namespace caisse::db
