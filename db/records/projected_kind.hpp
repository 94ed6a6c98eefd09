#pragma once
// How verify checks a small record kind: it selects the projection rows (terminal, seq first) and
// rebuilds each record's canonical payload from them; the bytes must equal the journal's.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "db/sqlite.hpp"

namespace caisse::db {

struct ProjectedKind {
    std::string_view kind;
    std::string sql;  // SELECT terminal, seq, ... FROM table
    std::function<nlohmann::json(Database&, Statement&)> payload;
    // A table the SQL reads that older schemas lack (the entry is skipped without it); empty: none.
    // Several entries may share a kind (a kind projected into two tables): a record needs one row.
    std::string_view needs_table = {};
};

// Every small kind (catalogue, users, sessions, cash moves, duplicates; the imported chains'
// catalogue and users, db/records/imported_verify.cpp); sale and the closures
// have rules of their own (records/sale.*, records/closure*).
const std::vector<ProjectedKind>& projected_kinds();

}  // namespace caisse::db
