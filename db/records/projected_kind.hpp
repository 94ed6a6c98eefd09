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
};

// Every small kind (catalogue, users, sessions, cash moves, duplicates); sale and the closures
// have rules of their own (records/sale.*, records/closure*).
const std::vector<ProjectedKind>& projected_kinds();

}  // namespace caisse::db
