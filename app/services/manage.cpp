// One product version at a time, with the rules of the catalogue import (app/services/manage.hpp).
#include "app/services/manage.hpp"

#include <algorithm>

#include "app/core/limits.hpp"
#include "app/core/message.hpp"
#include "app/core/text.hpp"
#include "app/services/pictures.hpp"
#include "db/records/catalogue.hpp"

namespace caisse {

std::vector<VatRate> known_vat_rates(Till& till) {
    std::vector<VatRate> rates;
    for (const std::int32_t bp : kStandardVatRatesBp) rates.push_back(VatRate{bp});
    for (const VatRate r : parse_vat_rate_list(till.ledger().setting("vat.extra_rates").value_or(""))) rates.push_back(r);
    std::sort(rates.begin(), rates.end(), [](VatRate a, VatRate b) { return a.bp > b.bp; });
    rates.erase(std::unique(rates.begin(), rates.end(), [](VatRate a, VatRate b) { return a.bp == b.bp; }), rates.end());
    return rates;
}

bool save_product(Till& till, const Actor& by, const Product& p) {
    till.authorise(by, Role::Manager, "change a product");
    check_sku(p.sku);
    check_display_text(p.name, "the product name", kMaxProductNameChars);
    if (p.price < Money()) throw InputError("negative price {0}", p.price.format());
    if (p.price.value() > kMaxUnitPriceCents)
        throw InputError("price {0} is above {1}: is it mistyped?", p.price.format(), Money::cents(kMaxUnitPriceCents).format());
    const auto extra = parse_vat_rate_list(till.ledger().setting("vat.extra_rates").value_or(""));
    check_known_vat_rate(p.vat, extra);
    const auto ents = till.entrepreneurs();
    if (std::none_of(ents.begin(), ents.end(), [&](const Entrepreneur& e) { return e.id == p.entrepreneur_id; }))
        throw InputError("choose the entrepreneur who sells {0}", p.name);
    const auto cats = till.categories();
    if (std::none_of(cats.begin(), cats.end(), [&](const Category& c) { return c.id == p.category_id; }))
        throw InputError("choose the category of {0}", p.name);
    // A picture set or changed here must be a readable PNG or JPEG within limits (one imported
    // earlier and missing now does not stop a price change: the tile shows the pictogram).
    if (!p.picture.empty()) {
        const auto before = db::product(till.ledger(), p.sku);
        if (!before || before->picture != p.picture) check_product_picture(p.picture, till.ledger().path());
    }
    bool recorded = false;
    till.ledger().write([&] {
        const auto existing = db::product(till.ledger(), p.sku);
        if (existing && existing->name == p.name && existing->price == p.price && existing->vat == p.vat &&
            existing->entrepreneur_id == p.entrepreneur_id && existing->category_id == p.category_id &&
            existing->picture == p.picture && existing->open_price == p.open_price && existing->active == p.active)
            return;
        till.journal_override(by, Role::Manager, "change a product", p.sku);
        db::put_product(till.ledger(), p, till.now_utc());
        recorded = true;
    });
    return recorded;
}

}  // namespace caisse
