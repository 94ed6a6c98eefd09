#pragma once
// The state of the manager's screens (issue 12 item 13: Caisse > Gestion): the products (list,
// edit, add), the entrepreneurs (add, receipt header), the users (add, role, new PIN) and the
// till's settings (business identity, printer).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/core/amount_entry.hpp"
#include "app/core/catalogue.hpp"
#include "app/core/user.hpp"
#include "app/services/printing.hpp"

namespace caisse::ui {

struct ManageUi {
    // The text the on-screen keyboard types (none: the form is shown).
    enum class Typing { none, sku, name, user_name, business_name, business_address, siret, printer_uri, business_postcode,
                        business_city, vat_number, iban, bic, entrepreneur_name, brand_header, brand_line, picture };
    Typing typing = Typing::none;

    // Products: every one, on sale or withdrawn, read when the screen opens; the one edited (or added).
    std::vector<Product> products;
    std::optional<Product> product;
    bool adding = false;
    AmountEntry price;        // the price on the keypad, filled with the current one
    bool price_fresh = true;  // the next digit replaces the current price rather than adding to it

    // Entrepreneurs: the list with their receipt headers; the form adding one or editing one's header.
    enum class EntrepreneurForm { none, add, brand };
    std::vector<Entrepreneur> entrepreneurs;
    std::map<std::int64_t, std::pair<std::string, std::string>> brands;  // id -> (header, line)
    EntrepreneurForm entrepreneur_form = EntrepreneurForm::none;
    std::string entrepreneur_name;  // add: typed; brand: the entrepreneur chosen
    std::string brand_header, brand_line;

    // Users: the list; the form adding one, giving one a new PIN (typed twice) or another role.
    enum class UserForm { none, add, reset, role };
    std::vector<User> users;
    UserForm user_form = UserForm::none;
    std::string user_name;  // add: typed; reset: the user chosen
    Role user_role = Role::Seller;
    std::string pin, pin_again;
    bool pin_second = false;  // the PIN pad types the second time

    // Settings: the fields as typed, filled from the till's settings when the screen opens.
    std::string business_name, business_address, siret, printer_uri;
    std::string business_postcode, business_city, vat_number, iban, bic;  // the seller on invoices (catering)
    std::optional<std::uint64_t> test_job;  // the test page queued last
    // With the screen printer, the test page as the paper shows it (nothing comes out of a printer
    // to look at), shown in place of the form until closed.
    std::vector<ScreenReceiptItem> test_paper;
    bool test_paper_scroll = false;
};

}  // namespace caisse::ui
