// One product version at a time, with the rules of the catalogue import (app/services/manage.hpp).
#include "app/services/manage.hpp"

#include <algorithm>
#include <iterator>

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

bool save_product(Till& till, const Actor& by, const Product& given) {
    const Product& p = given;
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
        check_display_text(p.picture, "the picture", 200);
        const auto before = db::product(till.ledger(), p.sku);
        if (!before || before->picture != p.picture) check_product_picture(p.picture, till.ledger().path());
    }
    for (const auto& [lang, local] : p.names) {
        if (!valid_name_language(lang)) throw InputError("\"{0}\" is not a language code (two or three letters, like en)", lang);
        if (!local.name.empty()) check_display_text(local.name, "the product name", kMaxProductNameChars);
        if (!local.category.empty()) check_display_text(local.category, "the category name", kMaxCategoryNameChars);
    }
    bool recorded = false;
    till.ledger().write([&] {
        const auto existing = db::product(till.ledger(), p.sku);
        // Moved to another category: its category names in other languages were the old category's.
        Product q = given;
        if (existing && existing->category_id != q.category_id)
            for (auto it = q.names.begin(); it != q.names.end();) {
                const auto old = existing->names.find(it->first);
                if (old != existing->names.end() && old->second.category == it->second.category) it->second.category.clear();
                it = it->second.name.empty() && it->second.category.empty() ? q.names.erase(it) : std::next(it);
            }
        if (existing && existing->name == q.name && existing->price == q.price && existing->vat == q.vat &&
            existing->entrepreneur_id == q.entrepreneur_id && existing->category_id == q.category_id &&
            existing->picture == q.picture && existing->open_price == q.open_price && existing->active == q.active &&
            existing->names == q.names)
            return;
        till.journal_override(by, Role::Manager, "change a product", q.sku);
        db::put_product(till.ledger(), q, till.now_utc());
        recorded = true;
    });
    return recorded;
}

}  // namespace caisse
