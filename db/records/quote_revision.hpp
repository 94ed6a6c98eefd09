#pragma once
// Internal to db/records: the quote.revise kind's projection for the bundle replay
// (project_catering) and for verify (catering_projected_kinds). Its record type, writer and reads
// are declared with the other catering kinds in records/catering.hpp.
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "db/records/catering.hpp"
#include "db/records/projected_kind.hpp"

namespace caisse::db {

// The projection row of an imported quote.revise from its payload. Throws nlohmann::json::exception
// on a malformed payload.
void project_quote_revision(Database& db, const std::string& terminal, std::int64_t seq, const nlohmann::json& payload);
ProjectedKind quote_revision_projected_kind();

}  // namespace caisse::db
