// The helpers every screen uses: messages, language, catalogue, labels, logging out.
#include "app/ui/app_state.hpp"

#include <algorithm>

#include "app/core/text.hpp"

#include "app/ui/screens/screens.hpp"

namespace caisse::ui {

void say(S& s, std::string text, bool error) {
    s.message = std::move(text);
    s.message_error = error;
    s.message_at = Steady::now();
}

void say_error(S& s, const std::exception& e) {
    if (const auto m = i18n::user_message(e)) return say(s, s.translator.translate(*m), true);
    say(s, s.tr("The till could not do that: {0}", std::string(e.what())), true);
}

void set_language(S& s, const std::string& lang) {
    s.language = lang;
    s.translator = i18n::Translator::load(lang);
    if (s.user) s.till->set_user_language(s.user->name, lang);
}

std::string product_label(const S& s, const Product& p) {
    if (!p.names.empty() || s.language == "fr") return display_name(p, s.language);
    const auto known = std::find_if(s.products.begin(), s.products.end(), [&](const Product& q) { return q.sku == p.sku; });
    return known != s.products.end() && known->name == p.name ? display_name(*known, s.language) : p.name;
}

void reload_catalogue(S& s) {
    s.products = s.till->products();
    s.products.erase(std::remove_if(s.products.begin(), s.products.end(), [](const Product& p) { return !p.active; }),
                     s.products.end());
    s.categories = s.till->categories();
    s.entrepreneurs = s.till->entrepreneurs();
    // Each product's pictogram, chosen once here rather than every frame (names compared by name_key).
    std::map<std::int64_t, std::string> category_name;
    for (const auto& c : s.categories) category_name[c.id] = c.name;
    s.tile_pictogram.clear();
    for (const auto& p : s.products) s.tile_pictogram[p.sku] = s.pictograms.for_product(p.sku, category_name[p.category_id]);
    for (const auto& e : s.entrepreneurs) {
        s.entrepreneur_colour[e.id] = e.colour;
        s.entrepreneur_initials[e.id] = initials(e.name);
    }
}

std::string role_label(const S& s, Role r) {
    // What the person does, not who they are: a noun of activity assumes no gender (issue 12,
    // item 10; "vendeur" or "vendeuse" would). The CLI keeps the role's own names.
    switch (r) {
        case Role::Seller: return s.tr("Sales");
        case Role::Manager: return s.tr("Management");
        case Role::Admin: return s.tr("Administration");
    }
    return "";
}

std::string method_label(const S& s, TenderMethod m) {
    switch (m) {
        case TenderMethod::Cash: return s.tr("Cash");
        case TenderMethod::Card: return s.tr("Card");
        case TenderMethod::Cheque: return s.tr("Cheque");
        case TenderMethod::Voucher: return s.tr("Meal voucher");
        case TenderMethod::Transfer: return s.tr("Transfer");
    }
    return "";
}

bool is_manager(const S& s) { return s.user && role_allows(s.user->role, Role::Manager); }

void as_manager(S& s, PendingApproval action) {
    if (!s.actor) return;
    if (!is_manager(s)) {
        s.approval = action;
        s.approver.reset();
        s.approval_pin.clear();
        return;
    }
    run_approved(s, action, *s.actor);
}

void log_out(S& s) {
    if (s.actor) {
        try {
            s.till->logout(*s.actor, "screen");
        } catch (const std::exception&) {
            // A till that cannot write still lets its user go.
        }
    }
    s.user.reset();
    s.actor.reset();
    s.chosen.reset();
    s.pin.clear();
    s.manage = ManageUi{};  // nothing half typed (a new PIN above all) stays for the next user
    s.quote_editor = QuoteEditorUi{};  // nor a customer's quote (the next user may be a seller)
    s.keypad = KeypadPurpose::none;
    s.confirm_remove.reset();
    s.question.reset();
    s.cash_menu = false;
    s.approval.reset();
    s.approver.reset();
    s.approval_pin.clear();
    s.screen = Screen::login;
}

}  // namespace caisse::ui
