#pragma once
// Catalogue record kinds (docs/ledger-format.md): entrepreneur.add, category.add and product.set
// (every version kept, so any past ticket's price can be audited), with their projections.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/core/catalogue.hpp"
#include "db/records/projected_kind.hpp"

namespace caisse::db {

class Ledger;

// Categories carry their names in other languages from the products (display_name).
// Writers append the record and its projection row; they run inside Ledger::write.
std::int64_t add_entrepreneur(Ledger& ledger, const std::string& name, const std::string& colour, const std::string& at);
std::int64_t add_category(Ledger& ledger, const std::string& name, const std::string& at);
void put_product(Ledger& ledger, const Product& p, const std::string& at);

std::optional<Product> product(Ledger& ledger, const std::string& sku);  // newest version
std::vector<Product> products(Ledger& ledger);
std::optional<std::int64_t> entrepreneur_id(Ledger& ledger, const std::string& name);
std::string entrepreneur_name(Ledger& ledger, std::int64_t id);  // "#id" when unknown
std::optional<std::int64_t> category_id(Ledger& ledger, const std::string& name);
std::vector<Entrepreneur> entrepreneurs(Ledger& ledger);
std::vector<Category> categories(Ledger& ledger);

std::vector<ProjectedKind> catalogue_projected_kinds();

// Translated names (schema 12). The payload's `names` object (empty object: none, the key is then
// left out); the projection column's text of a payload ('' without `names`); its lenient reading.
nlohmann::json names_json(const TranslatedNames& names);
std::string names_column(const nlohmann::json& payload);
TranslatedNames names_from_column(const std::string& column);
// Verify's direction: adds `names` parsed from a column to a rebuilt payload; throws
// std::exception when the column is not the canonical text of a non-empty object of objects.
void add_names_from_column(nlohmann::json& payload, const std::string& column);
// A product.set payload rebuilt from a row "SELECT terminal, seq, active, category_id,
// entrepreneur_id, name, open_price, picture, price, sku, vat_bp, names" (own or imported table).
nlohmann::json product_payload_from_row(Database& db, Statement& row);

}  // namespace caisse::db
