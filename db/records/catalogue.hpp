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

}  // namespace caisse::db
