#pragma once
// A sale payload read without building a JSON tree, for bundle import (a million sales): the
// canonical layout SalePayloadWriter writes (db/records/sale.hpp), nothing else. nullopt on any
// other shape; the caller then reads it with sale_from_payload (nlohmann-json), which reads every
// payload this one reads to the same values (tests/db/bundle_readers_test.cpp).
#include <optional>
#include <string_view>

#include "db/records/sale.hpp"

namespace caisse::db {

std::optional<SaleRecord> read_sale_payload_fast(std::string_view payload);

}  // namespace caisse::db
