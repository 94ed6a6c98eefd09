#include "app/services/catering.hpp"

#include <algorithm>

#include "app/core/calendar_day.hpp"
#include "app/core/limits.hpp"
#include "app/core/text.hpp"
#include "app/services/invoice_pdf.hpp"
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
    std::string note = "Prestation du " + french_date(q.service_date);
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
        pay.terms = "Paiement par virement ou par chèque au plus tard à l'échéance. Pénalités de retard : 3 fois le taux d'intérêt légal. "
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

QuoteLineRequest line_request(Till& till, const db::QuoteLineRecord& l) {
    QuoteLineRequest r;
    r.quote = l.quote;
    r.sku = l.sku;
    r.description = l.description;
    r.quantity_milli = l.quantity_milli;
    r.unit_code = l.unit_code;
    r.unit_price = Money::cents(l.unit_price);
    r.rate = VatRate{static_cast<std::int32_t>(l.vat_bp)};
    for (const auto& e : db::entrepreneurs(till.ledger()))
        if (e.id == l.entrepreneur) r.entrepreneur = e.name;
    return r;
}

QuoteRequest quote_request(const db::QuoteRecord& q) {
    QuoteRequest r;
    r.customer = q.customer;
    r.basis = q.basis == "excl_vat" ? invoice::PriceBasis::excl_vat : invoice::PriceBasis::incl_vat;
    r.guests = q.guests;
    r.service_date = q.service_date;
    r.place = q.place;
    r.valid_until = q.valid_until;
    r.note = q.note;
    return r;
}

std::vector<db::QuoteRecord> list_quotes(Till& till) { return db::quotes_of(till.ledger().db(), till.ledger().terminal()); }

std::vector<db::CustomerRecord> list_customers(Till& till) { return db::customers_of(till.ledger().db(), till.ledger().terminal()); }

namespace {

// A quote's header from a request, checked (dates, guests, place, note); id, day and user are the
// caller's. Throws InputError.
db::QuoteRecord quote_header(Till& till, const QuoteRequest& r) {
    const std::string today = till.today();
    check_date(r.service_date);
    if (r.service_date < today) throw InputError("the date of service {0} is already past", r.service_date);
    // By default 30 days, but never past the service itself: a quote accepted after the buffet means nothing.
    const std::string valid_until = r.valid_until.empty() ? std::min(add_days(today, 30), r.service_date) : r.valid_until;
    check_date(valid_until);
    if (valid_until < today) throw InputError("a quote valid until {0} is already expired", valid_until);
    if (r.guests < 0 || r.guests > 100'000) throw InputError("{0} guests: give a number from 0 to 100000", r.guests);
    if (!r.place.empty()) check_display_text(r.place, "the place", kMaxBusinessFieldChars);
    if (!r.note.empty()) check_display_text(r.note, "the note", kMaxNoteChars, TextLines::multi);
    db::QuoteRecord q;
    q.customer = r.customer;
    q.basis = r.basis == invoice::PriceBasis::excl_vat ? "excl_vat" : "incl_vat";
    q.guests = r.guests;
    q.service_date = r.service_date;
    q.place = r.place;
    q.valid_until = valid_until;
    q.note = r.note;
    q.day = today;
    return q;
}

// A line from a request, for a quote of the given basis: a catalogue line takes what it lacks from
// the product, a free line needs everything; the invoice's line checks. Throws InputError.
// The units a quote's line may be counted in (UN/ECE recommendation 20): those Chorus Pro and the
// customers' accountants read without a second thought.
constexpr std::string_view kQuoteUnits[] = {"C62", "H87", "HUR", "DAY", "KGM", "GRM", "LTR", "MTR", "SET"};

db::QuoteLineRecord quote_line(Till& till, const std::string& basis, std::int64_t quote, const QuoteLineRequest& r, std::size_t number) {
    auto& ledger = till.ledger();
    db::QuoteLineRecord l;
    l.quote = quote;
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
            if (basis == "excl_vat") throw InputError("quote {0} is priced excluding VAT: give the price of {1} excluding VAT", quote, r.sku);
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
    if (std::find(std::begin(kQuoteUnits), std::end(kQuoteUnits), l.unit_code) == std::end(kQuoteUnits))
        throw InputError("line {0}: unit \"{1}\" is not one a quote takes: C62 (one), H87 (piece), HUR (hour), DAY (day), KGM (kilo), "
                         "GRM (gram), LTR (litre), MTR (metre), SET (set)",
                         number, l.unit_code);
    // The line checks of an invoice, on this line (description, quantity, price, unit, rate).
    invoice::validate_line(invoice::Line{l.description, l.quantity_milli, l.unit_code, *price, *rate, l.entrepreneur}, number,
                           invoice::Kind::invoice, extra_vat_rates(till));
    return l;
}

void refuse_if_accepted(db::Ledger& ledger, std::int64_t quote) {
    if (db::order_of_quote(ledger.db(), ledger.terminal(), quote))
        throw InputError("quote {0} was accepted: its lines can no longer change", quote);
}

void refuse_unknown_customer(db::Ledger& ledger, std::int64_t customer) {
    if (!db::find_customer(ledger.db(), ledger.terminal(), customer)) throw InputError("customer {0} is unknown", customer);
}

}  // namespace

db::QuoteRecord new_quote(Till& till, const Actor& by, const QuoteRequest& r) {
    db::QuoteRecord q = quote_header(till, r);
    const char* action = "write a quote";
    q.user = till.authorise(by, Role::Manager, action).id;
    auto& ledger = till.ledger();
    ledger.write([&] {
        refuse_unknown_customer(ledger, r.customer);
        q.id = db::next_catering_id(ledger.db(), ledger.terminal(), "quotes");
        db::record_quote(ledger, q, till.now_utc());
        till.journal_override(by, Role::Manager, action, std::to_string(q.id));
    });
    return q;
}

db::QuoteLineRecord add_quote_line(Till& till, const Actor& by, const QuoteLineRequest& r) {
    auto& ledger = till.ledger();
    const db::QuoteRecord q = quote_or_throw(till, r.quote);
    refuse_if_accepted(ledger, r.quote);
    db::QuoteLineRecord l = quote_line(till, q.basis, r.quote, r, db::quote_lines_of(ledger.db(), ledger.terminal(), r.quote).size() + 1);
    const char* action = "change a quote";
    const User user = till.authorise(by, Role::Manager, action);
    l.user = user.id;
    ledger.write([&] {
        refuse_if_accepted(ledger, r.quote);
        auto revision = db::latest_quote_revision(ledger.db(), ledger.terminal(), r.quote);
        const auto lines = revision ? revision->lines : db::quote_lines_of(ledger.db(), ledger.terminal(), r.quote);
        if (lines.size() >= kMaxInvoiceLines) throw InputError("a quote has at most {0} lines", kMaxInvoiceLines);
        if (revision) {
            // A revised quote's lines are its newest revision's: one more line is one more revision.
            revision->lines.push_back(l);
            revision->user = user.id;
            revision->header.day = till.today();
            db::record_quote_revision(ledger, *revision, till.now_utc());
            l = revision->lines.back();
        } else {
            l.line = static_cast<std::int64_t>(lines.size()) + 1;
            db::record_quote_line(ledger, l, till.now_utc());
        }
        till.journal_override(by, Role::Manager, action, std::to_string(r.quote));
    });
    return l;
}

db::QuoteRecord save_quote(Till& till, const Actor& by, std::optional<std::int64_t> quote, const QuoteRequest& request,
                           const std::vector<QuoteLineRequest>& lines) {
    auto& ledger = till.ledger();
    if (lines.size() > kMaxInvoiceLines) throw InputError("a quote has at most {0} lines", kMaxInvoiceLines);
    if (quote) {
        quote_or_throw(till, *quote);
        refuse_if_accepted(ledger, *quote);
    }
    db::QuoteRecord q = quote_header(till, request);
    std::vector<db::QuoteLineRecord> made;
    if (lines.empty()) throw InputError("a quote needs at least one line");
    for (const auto& r : lines) made.push_back(quote_line(till, q.basis, quote.value_or(0), r, made.size() + 1));
    const char* action = quote ? "change a quote" : "write a quote";
    const User user = till.authorise(by, Role::Manager, action);
    q.user = user.id;
    ledger.write([&] {
        refuse_unknown_customer(ledger, request.customer);
        if (quote) {
            refuse_if_accepted(ledger, *quote);
            if (!db::has_quote_revisions(ledger.db()))
                throw InputError("this ledger cannot hold quote revisions: open it with this caisse to upgrade it");
            db::QuoteRevisionRecord rev;
            rev.quote = *quote;
            rev.user = user.id;
            rev.header = q;
            rev.lines = made;
            db::record_quote_revision(ledger, rev, till.now_utc());
            q = *db::find_quote(ledger.db(), ledger.terminal(), *quote);
        } else {
            q.id = db::next_catering_id(ledger.db(), ledger.terminal(), "quotes");
            db::record_quote(ledger, q, till.now_utc());
            for (std::size_t i = 0; i < made.size(); ++i) {
                made[i].quote = q.id;
                made[i].line = static_cast<std::int64_t>(i) + 1;
                made[i].user = user.id;
                db::record_quote_line(ledger, made[i], till.now_utc());
            }
        }
        till.journal_override(by, Role::Manager, action, std::to_string(q.id));
    });
    return q;
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
    v.document.issue_date = v.quote.revised.empty() ? v.quote.day : v.quote.revised;
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
