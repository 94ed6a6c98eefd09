#pragma once
// A record line of a bundle (the archives' layout, db/archive/lines.cpp) read without a JSON tree:
// {"at_utc":..,"hash":..,"kind":..,"payload":..,"prev_hash":..,"seq":..,"sig":null|..} exactly,
// as caisse writes it. nullopt on anything else (the import then reads it with nlohmann-json).
#include <optional>
#include <string>
#include <string_view>

#include "db/journal.hpp"

namespace caisse::db {

std::optional<JournalRecord> read_record_line(std::string_view line, const std::string& terminal);

}  // namespace caisse::db
