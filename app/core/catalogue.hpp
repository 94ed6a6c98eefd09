#pragma once
// Catalogue vocabulary: who sells what, at which tax-inclusive price and VAT rate.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/money.hpp"
#include "app/core/vat.hpp"

namespace caisse {

struct Entrepreneur {
    std::int64_t id = 0;
    std::string name;
    std::string colour;  // "#rrggbb", shown on the entrepreneur's buttons
};

struct Category {
    std::int64_t id = 0;
    std::string name;
};

struct Product {
    std::string sku;
    std::string name;
    Money price;  // TTC; for open-price products, a suggested price (may be zero)
    VatRate vat;
    std::int64_t entrepreneur_id = 0;
    std::int64_t category_id = 0;
    std::string picture;  // asset path, may be empty
    bool open_price = false;
    bool active = true;
};

// One row of a catalogue CSV, names not yet resolved to ids.
struct CatalogueRow {
    int line = 0;  // 1-based line in the file, for messages
    std::string sku, name, entrepreneur, category, picture;
    Money price;
    VatRate vat;
    bool open_price = false;
    bool active = true;
};

// Parses a whole CSV (header row; ',' or ';' separated; quotes per RFC 4180). Throws InputError
// naming the line and the problem; never returns a partial catalogue. Limits (app/core/limits.hpp):
// at most kMaxCatalogueBytes and kMaxCatalogueRows; names pass check_display_text (product,
// entrepreneur and category lengths); prices up to kMaxUnitPriceCents; VAT rates the standard
// French ones or one of extra_vat_rates (setting vat.extra_rates).
std::vector<CatalogueRow> parse_catalogue_csv(std::string_view text, std::span<const VatRate> extra_vat_rates = {});

// Writes the rows as CSV with the same header parse_catalogue_csv reads.
std::string write_catalogue_csv(const std::vector<CatalogueRow>& rows);

bool valid_colour(std::string_view colour);
void check_sku(std::string_view sku);  // throws InputError when empty, too long or has spaces

}  // namespace caisse
