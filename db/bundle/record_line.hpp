#pragma once
// A record line of a bundle (the archives' layout, db/archive/lines.cpp):
// {"at_utc":..,"hash":..,"kind":..,"payload":..,"prev_hash":..,"seq":..,"sig":null|..}.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "db/journal.hpp"

namespace caisse::db {

// The line exactly as caisse writes it, read without a JSON tree; nullopt on anything else.
std::optional<JournalRecord> read_record_line(std::string_view line, const std::string& terminal);

// A record object (parsed JSON) with exactly those seven keys, its fields typed; nullopt when
// malformed. The reference for read_record_line, and the reader of the header's genesis.
std::optional<JournalRecord> parse_record_object(const nlohmann::json& j, const std::string& terminal);

// read_record_line, else (a line of at most kArchiveMaxLine bytes written otherwise, same JSON)
// parse_record_object; nullopt when the line is not a record.
std::optional<JournalRecord> read_any_record_line(std::string_view line, const std::string& terminal);

}  // namespace caisse::db
