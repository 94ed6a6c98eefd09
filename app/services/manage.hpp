#pragma once
// The manager's changes made one at a time on the touch screen (issue 12 item 13), with the same
// rules as the CLI's bulk commands: a product saved as a new version, the rates the till knows.
// Roles and validation are checked here, so no screen can skip them.
#include <vector>

#include "app/core/catalogue.hpp"
#include "app/core/vat.hpp"
#include "app/services/till.hpp"

namespace caisse {

// The VAT rates a product of this till may have: the standard French ones and the till's
// vat.extra_rates setting, highest first.
std::vector<VatRate> known_vat_rates(Till& till);

// Records one product version (a product.set record and its product_versions row), as
// `caisse catalog import` does for each changed row. Needs the manager role (or a manager's
// approval, journaled as an override). Checks the SKU, the name (check_display_text), the price
// (0 .. kMaxUnitPriceCents cents), the VAT rate (known_vat_rates), and that the entrepreneur and the
// category exist; a picture set or changed must pass check_product_picture (a readable PNG or JPEG
// within limits; an empty picture clears it). Returns false, recording nothing, when the product is already exactly so.
// Throws InputError (nothing recorded) for any refusal.
bool save_product(Till& till, const Actor& by, const Product& product);

}  // namespace caisse
