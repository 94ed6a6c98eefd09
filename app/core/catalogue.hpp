#pragma once
// Catalogue vocabulary: who sells what, at which tax-inclusive price and VAT rate.
#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/money.hpp"
#include "app/core/vat.hpp"

namespace caisse {

// A product's name and its category's name in one language other than French (issue 12, item 10);
// either may be empty (then the French one is shown).
struct LocalNames {
    std::string name, category;
    bool operator==(const LocalNames&) const = default;
};
// Language code ("en": 2 or 3 lowercase ASCII letters, never "fr") -> the names in it; languages
// whose names are both empty are not kept.
using TranslatedNames = std::map<std::string, LocalNames>;

struct Entrepreneur {
    std::int64_t id = 0;
    std::string name;
    std::string colour;  // "#rrggbb", shown on the entrepreneur's buttons
};

struct Category {
    std::int64_t id = 0;
    std::string name;  // French: the reference
    std::map<std::string, std::string> names = {};  // language -> name there (from the products' names)
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
    TranslatedNames names = {};  // other languages; French `name` is the reference and the fallback
};

// One row of a catalogue CSV, names not yet resolved to ids.
struct CatalogueRow {
    int line = 0;  // 1-based line in the file, for messages
    std::string sku, name, entrepreneur, category, picture;
    Money price;
    VatRate vat;
    bool open_price = false;
    bool active = true;
    TranslatedNames names = {};  // from the columns name_LANG and category_LANG
};

// The name to show in language `lang`: the translation when there is one, else French.
std::string display_name(const Product& p, std::string_view lang);
std::string display_name(const Category& c, std::string_view lang);

// True for a language code a catalogue may carry names in: 2 or 3 lowercase ASCII letters, not "fr".
bool valid_name_language(std::string_view lang);

// Parses a whole CSV (header row; ',' or ';' separated; quotes per RFC 4180). Throws InputError
// naming the line and the problem; never returns a partial catalogue. Limits (app/core/limits.hpp):
// at most kMaxCatalogueBytes and kMaxCatalogueRows; names pass check_display_text (product,
// entrepreneur and category lengths); prices up to kMaxUnitPriceCents; VAT rates the standard
// French ones or one of extra_vat_rates (setting vat.extra_rates). Optional columns name_LANG and
// category_LANG (LANG as valid_name_language; other columns such as name_short are ignored) give the
// names in another language; empty cells fall back to French; name_fr and one category named two ways
// in a language are errors.
std::vector<CatalogueRow> parse_catalogue_csv(std::string_view text, std::span<const VatRate> extra_vat_rates = {});

// Writes the rows as CSV with the same header parse_catalogue_csv reads (name_LANG and category_LANG
// columns for every language a row has names in).
std::string write_catalogue_csv(const std::vector<CatalogueRow>& rows);

bool valid_colour(std::string_view colour);
void check_sku(std::string_view sku);  // throws InputError when empty, too long or has spaces

}  // namespace caisse
