#include "app/services/catering.hpp"

#include <algorithm>

#include "app/core/calendar_day.hpp"
#include "app/core/limits.hpp"
#include "app/core/text.hpp"
#include "db/records/catalogue.hpp"

namespace caisse {

namespace {

std::string setting_or_throw(Till& till, const char* key, const char* what) {
    const auto v = till.ledger().setting(key);
    if (!v || v->empty())
        throw InputError("invoices need {0}: set it with caisse settings --set {1}=...", Message{what, {}}, key);
    return *v;
}

std::int64_t entrepreneur_named(Till& till, const std::string& name) {
    if (name.empty()) throw InputError("choose the entrepreneur who makes this line");
    const std::string key = name_key(name);
    for (const auto& e : db::entrepreneurs(till.ledger()))
        if (name_key(e.name) == key) return e.id;
    throw InputError("\"{0}\" is not an entrepreneur of this till", name);
}

// The quote's lines as an invoice document with the customer's and seller's mentions left to the
// caller; lines in their order.
invoice::Document document_of(const db::QuoteRecord& q, const db::CustomerRecord& c, const std::vector<db::QuoteLineRecord>& lines) {
    invoice::Document d;
    d.kind = invoice::Kind::invoice;
    d.basis = q.basis == "excl_vat" ? invoice::PriceBasis::excl_vat : invoice::PriceBasis::incl_vat;
    d.customer = c.customer;
    d.delivery_date = q.service_date;
    for (const auto& l : lines)
        d.lines.push_back(invoice::Line{l.description, l.quantity_milli, l.unit_code, Money::cents(l.unit_price),
                                        VatRate{static_cast<std::int32_t>(l.vat_bp)}, l.entrepreneur});
    std::string note = "Prestation du " + q.service_date;
    if (q.guests > 0) note += " pour " + std::to_string(q.guests) + " personnes";
    if (!q.place.empty()) note += ", " + q.place;
    d.notes.push_back(note + ".");
    if (!q.note.empty()) d.notes.push_back(q.note);
    return d;
}

db::QuoteRecord quote_or_throw(Till& till, std::int64_t id) {
    auto q = db::find_quote(till.ledger().db(), till.ledger().terminal(), id);
    if (!q) throw InputError("quote {0} is unknown", id);
    return *q;
}

}  // namespace

std::string order_number(std::int64_t order) { return "C-" + std::to_string(order); }

std::vector<VatRate> extra_vat_rates(Till& till) {
    return parse_vat_rate_list(till.ledger().setting("vat.extra_rates").value_or(""));
}

invoice::Party seller_party(Till& till) {
    invoice::Party p;
    p.name = setting_or_throw(till, "business.name", "the seller's legal name");
    const std::string address = setting_or_throw(till, "business.address", "the seller's address");
    p.address = address.substr(0, address.find('\n'));
    p.postcode = setting_or_throw(till, "business.postcode", "the seller's postcode");
    p.city = setting_or_throw(till, "business.city", "the seller's city");
    p.siret = setting_or_throw(till, "business.siret", "the seller's SIRET");
    p.siret.erase(std::remove(p.siret.begin(), p.siret.end(), ' '), p.siret.end());
    p.siren = p.siret.substr(0, 9);
    p.vat_number = setting_or_throw(till, "business.vat_number", "the seller's VAT number");
    return p;
}

invoice::Payment seller_payment(Till& till) {
    invoice::Payment pay;
    pay.iban = setting_or_throw(till, "invoice.iban", "the IBAN customers pay to");
    pay.bic = till.ledger().setting("invoice.bic").value_or("");
    pay.account_name = till.ledger().setting("business.name").value_or("");
    pay.terms = till.ledger().setting("invoice.terms").value_or("");
    if (pay.terms.empty())
        pay.terms = "Paiement par virement à réception. Pénalités de retard : 3 fois le taux d'intérêt légal. "
                    "Indemnité forfaitaire pour frais de recouvrement : 40 €.";
    return pay;
}

db::CustomerRecord add_customer(Till& till, const Actor& by, const invoice::Customer& customer) {
    invoice::validate_customer(customer);
    const char* action = "add a customer";
    const User user = till.authorise(by, Role::Manager, action);
    db::CustomerRecord c;
    c.customer = customer;
    c.user = user.id;
    auto& ledger = till.ledger();
    ledger.write([&] {
        if (!db::has_catering_tables(ledger.db())) throw InputError("this ledger cannot hold customers: open it with this caisse to upgrade it");
        const std::string key = name_key(customer.party.name);
        for (const auto& other : db::customers_of(ledger.db(), ledger.terminal()))
            if (name_key(other.customer.party.name) == key)
                throw InputError("customer \"{0}\" already exists (number {1})", customer.party.name, other.id);
        c.id = db::next_catering_id(ledger.db(), ledger.terminal(), "customers");
        db::record_customer(ledger, c, till.now_utc());
        till.journal_override(by, Role::Manager, action, customer.party.name);
    });
    return c;
}

std::vector<db::CustomerRecord> list_customers(Till& till) { return db::customers_of(till.ledger().db(), till.ledger().terminal()); }

db::QuoteRecord new_quote(Till& till, const Actor& by, const QuoteRequest& r) {
    const std::string today = till.today();
    check_date(r.service_date);
    if (r.service_date < today) throw InputError("the date of service {0} is already past", r.service_date);
    const std::string valid_until = r.valid_until.empty() ? add_days(today, 30) : r.valid_until;
    check_date(valid_until);
    if (valid_until < today) throw InputError("a quote valid until {0} is already expired", valid_until);
    if (r.guests < 0 || r.guests > 100'000) throw InputError("{0} guests: give a number from 0 to 100000", r.guests);
    if (!r.place.empty()) check_display_text(r.place, "the place", kMaxBusinessFieldChars);
    if (!r.note.empty()) check_display_text(r.note, "the note", kMaxNoteChars, TextLines::multi);
    const char* action = "write a quote";
    const User user = till.authorise(by, Role::Manager, action);
    db::QuoteRecord q;
    q.customer = r.customer;
    q.basis = r.basis == invoice::PriceBasis::excl_vat ? "excl_vat" : "incl_vat";
    q.guests = r.guests;
    q.service_date = r.service_date;
    q.place = r.place;
    q.valid_until = valid_until;
    q.note = r.note;
    q.day = today;
    q.user = user.id;
    auto& ledger = till.ledger();
    ledger.write([&] {
        if (!db::find_customer(ledger.db(), ledger.terminal(), r.customer)) throw InputError("customer {0} is unknown", r.customer);
        q.id = db::next_catering_id(ledger.db(), ledger.terminal(), "quotes");
        db::record_quote(ledger, q, till.now_utc());
        till.journal_override(by, Role::Manager, action, std::to_string(q.id));
    });
    return q;
}

db::QuoteLineRecord add_quote_line(Till& till, const Actor& by, const QuoteLineRequest& r) {
    auto& ledger = till.ledger();
    const db::QuoteRecord q = quote_or_throw(till, r.quote);
    if (db::order_of_quote(ledger.db(), ledger.terminal(), r.quote))
        throw InputError("quote {0} was accepted: its lines can no longer change", r.quote);
    db::QuoteLineRecord l;
    l.quote = r.quote;
    l.quantity_milli = r.quantity_milli;
    l.unit_code = r.unit_code;
    l.description = r.description;
    std::optional<Money> price = r.unit_price;
    std::optional<VatRate> rate = r.rate;
    if (!r.sku.empty()) {
        const auto p = db::product(ledger, r.sku);
        if (!p) throw InputError("unknown SKU \"{0}\"", r.sku);
        if (l.description.empty()) l.description = p->name;
        if (!rate) rate = p->vat;
        if (!price) {
            if (q.basis == "excl_vat")
                throw InputError("quote {0} is priced excluding VAT: give the price of {1} excluding VAT", r.quote, r.sku);
            price = p->price;
        }
        l.sku = r.sku;
        l.entrepreneur = r.entrepreneur.empty() ? p->entrepreneur_id : entrepreneur_named(till, r.entrepreneur);
    } else {
        if (!price) throw InputError("a free line needs its unit price");
        if (!rate) throw InputError("a free line needs its VAT rate");
        l.entrepreneur = entrepreneur_named(till, r.entrepreneur);
    }
    l.unit_price = price->value();
    l.vat_bp = rate->bp;
    // The line checks of an invoice, on this line alone (description, quantity, price, unit, rate).
    invoice::Document one;
    one.lines.push_back(invoice::Line{l.description, l.quantity_milli, l.unit_code, *price, *rate, l.entrepreneur});
    invoice::validate_lines(one, extra_vat_rates(till));
    const char* action = "change a quote";
    const User user = till.authorise(by, Role::Manager, action);
    l.user = user.id;
    ledger.write([&] {
        if (db::order_of_quote(ledger.db(), ledger.terminal(), r.quote))
            throw InputError("quote {0} was accepted: its lines can no longer change", r.quote);
        const auto lines = db::quote_lines_of(ledger.db(), ledger.terminal(), r.quote);
        if (lines.size() >= kMaxInvoiceLines) throw InputError("a quote has at most {0} lines", kMaxInvoiceLines);
        l.line = static_cast<std::int64_t>(lines.size()) + 1;
        db::record_quote_line(ledger, l, till.now_utc());
        till.journal_override(by, Role::Manager, action, std::to_string(r.quote));
    });
    return l;
}

db::OrderRecord accept_quote(Till& till, const Actor& by, std::int64_t quote) {
    auto& ledger = till.ledger();
    const db::QuoteRecord q = quote_or_throw(till, quote);
    if (q.valid_until < till.today()) throw InputError("quote {0} expired on {1}: write a new one", quote, q.valid_until);
    const char* action = "accept a quote";
    const User user = till.authorise(by, Role::Manager, action);
    db::OrderRecord o;
    o.quote = quote;
    o.day = till.today();
    o.user = user.id;
    ledger.write([&] {
        if (const auto done = db::order_of_quote(ledger.db(), ledger.terminal(), quote))
            throw InputError("quote {0} was already accepted: order {1}", quote, order_number(done->id));
        if (db::quote_lines_of(ledger.db(), ledger.terminal(), quote).empty()) throw InputError("quote {0} has no line", quote);
        o.id = db::next_catering_id(ledger.db(), ledger.terminal(), "quote_orders");
        db::record_order(ledger, o, till.now_utc());
        till.journal_override(by, Role::Manager, action, std::to_string(quote));
    });
    return o;
}

QuoteView quote_view(Till& till, std::int64_t quote) {
    auto& ledger = till.ledger();
    QuoteView v;
    v.quote = quote_or_throw(till, quote);
    const auto c = db::find_customer(ledger.db(), ledger.terminal(), v.quote.customer);
    if (!c) throw InputError("customer {0} is unknown", v.quote.customer);
    v.customer = *c;
    v.lines = db::quote_lines_of(ledger.db(), ledger.terminal(), quote);
    v.order = db::order_of_quote(ledger.db(), ledger.terminal(), quote);
    v.document = document_of(v.quote, v.customer, v.lines);
    v.document.issue_date = v.quote.day;
    v.document.due_date = v.quote.valid_until;
    if (v.order) v.document.order_number = order_number(v.order->id);
    if (!v.lines.empty()) {
        std::vector<VatRate> rates;
        for (const auto& l : v.lines) rates.push_back(VatRate{static_cast<std::int32_t>(l.vat_bp)});
        v.totals = invoice::compute_totals(v.document, rates);
    }
    return v;
}

}  // namespace caisse
