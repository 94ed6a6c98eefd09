#pragma once
// The worked example's seller (tests/core/invoice_example.hpp) as a till's settings: what an invoice
// needs of the business (name, address, SIRET, VAT number, IBAN), for the catering tests of the
// services and of the screens.
#include "app/services/till.hpp"
#include "tests/core/invoice_example.hpp"

namespace caisse {

inline void set_seller(Till& till) {
    const auto s = invoice::example::seller();
    auto& l = till.ledger();
    l.set_setting("business.name", s.name);
    l.set_setting("business.address", s.address);
    l.set_setting("business.postcode", s.postcode);
    l.set_setting("business.city", s.city);
    l.set_setting("business.siret", s.siret);
    l.set_setting("business.vat_number", s.vat_number);
    l.set_setting("invoice.iban", "FR7630006000011234567890189");
    l.set_setting("invoice.bic", "AGRIFRPP");
}

}  // namespace caisse
