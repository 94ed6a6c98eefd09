#include "app/services/catering_invoice.hpp"

#include <algorithm>
#include <functional>
#include <vector>

#include "app/core/calendar_day.hpp"
#include "app/core/text.hpp"
#include "app/services/catering.hpp"
#include "app/services/facturx.hpp"

namespace caisse {

namespace {

struct OrderParts {
    db::OrderRecord order;
    QuoteView quote;
};

OrderParts order_or_throw(Till& till, std::int64_t id) {
    auto& ledger = till.ledger();
    const auto o = db::find_order(ledger.db(), ledger.terminal(), id);
    if (!o) throw InputError("order {0} is unknown", id);
    return OrderParts{*o, quote_view(till, o->quote)};
}

// What a final invoice of the order still holds once its credit notes are taken off (> 0: the
// order is invoiced), and the number of that invoice.
std::pair<Money, std::string> open_final(Till& till, std::int64_t order) {
    auto& ledger = till.ledger();
    const auto all = db::invoices_of_order(ledger.db(), ledger.terminal(), order);
    for (const auto& i : all) {
        if (i.kind != "invoice") continue;
        Money left = Money::cents(i.grand_total + i.rounding);
        for (const auto& c : all)
            if (c.kind == "credit_note" && c.corrects == i.number) left -= Money::cents(c.grand_total + c.rounding);
        if (left > Money{}) return {left, i.number};
    }
    return {Money{}, ""};
}

// The order's deposit invoices not given back by a credit note: what a final invoice deducts and
// what limits a further deposit.
std::vector<db::InvoiceRecord> live_deposits(Till& till, std::int64_t order) {
    const auto of_order = db::invoices_of_order(till.ledger().db(), till.ledger().terminal(), order);
    std::vector<db::InvoiceRecord> out;
    for (const auto& d : of_order)
        if (d.kind == "deposit" && std::none_of(of_order.begin(), of_order.end(), [&](const db::InvoiceRecord& c) {
                return c.kind == "credit_note" && c.corrects == d.number;
            }))
            out.push_back(d);
    return out;
}

// The dates of a new invoice: issue today (or as given, not before the last invoice issued here nor
// after today), due by invoice.due_days (30 by default) unless given.
InvoiceDates dates_for(Till& till, const InvoiceDates& given) {
    InvoiceDates d = given;
    const std::string today = till.today();
    if (d.issue_date.empty()) d.issue_date = today;
    check_date(d.issue_date);
    if (d.issue_date > today) throw InputError("an invoice cannot be dated after today ({0})", today);
    if (d.due_date.empty()) {
        int days = 30;
        if (const auto v = till.ledger().setting("invoice.due_days"); v && !v->empty()) days = std::stoi(*v);
        d.due_date = add_days(d.issue_date, days);
    }
    check_date(d.due_date);
    return d;
}

// Fills the number (next of the year on this terminal) and dates, checks the document, computes its
// totals and records it. Inside Ledger::write: the number is allocated in the record's transaction.
db::InvoiceRecord record_document(Till& till, const User& user, invoice::Document doc, std::int64_t order, std::int64_t customer,
                                  const InvoiceDates& dates, const std::function<std::map<std::int64_t, Money>(const invoice::Document&, const invoice::Totals&)>& revenue) {
    auto& ledger = till.ledger();
    const std::int64_t year = std::stoll(dates.issue_date.substr(0, 4));
    for (const auto& earlier : db::invoices_of(ledger.db(), ledger.terminal()))
        if (earlier.issue_date > dates.issue_date)
            throw InputError("invoice {0} is dated {1}: a new invoice cannot be dated before it", earlier.number, earlier.issue_date);
    db::InvoiceRecord rec;
    rec.year = year;
    rec.n = db::last_invoice_n(ledger.db(), ledger.terminal(), year) + 1;
    rec.number = db::invoice_number(year, rec.n);
    doc.number = rec.number;
    doc.issue_date = dates.issue_date;
    doc.due_date = dates.due_date;
    doc.seller = seller_party(till);
    doc.payment = seller_payment(till);
    const auto rates = extra_vat_rates(till);
    invoice::validate(doc, rates);
    const auto totals = invoice::compute_totals(doc, rates);
    rec.kind = db::invoice_kind_name(doc.kind);
    rec.order = order;
    rec.customer = customer;
    rec.issue_date = doc.issue_date;
    rec.due_date = doc.due_date;
    rec.corrects = doc.corrects ? doc.corrects->number : "";
    rec.line_total = totals.line_total.value();
    rec.tax_total = totals.tax_total.value();
    rec.grand_total = totals.grand_total.value();
    rec.prepaid = totals.prepaid.value();
    rec.rounding = totals.rounding.value();
    rec.due = totals.due.value();
    for (const auto& [id, m] : revenue(doc, totals)) rec.revenue[id] = m.value();
    rec.document = std::move(doc);
    rec.user = user.id;
    db::record_invoice(ledger, rec, till.now_utc());
    return rec;
}

// A document a manager issues (invoice, deposit, credit note): its dates checked, the role
// authorised, then `make(user, dates)` records it in one write transaction with the override
// journaled, so a refusal inside records nothing. Returns what make recorded.
template <class Make>
db::InvoiceRecord issue_as_manager(Till& till, const Actor& by, const char* action, const InvoiceDates& given, Make make) {
    const InvoiceDates dates = dates_for(till, given);
    const User user = till.authorise(by, Role::Manager, action);
    db::InvoiceRecord out;
    till.ledger().write([&] {
        out = make(user, dates);
        till.journal_override(by, Role::Manager, action, out.number);
    });
    return out;
}

db::InvoiceRecord invoice_or_throw(Till& till, const std::string& number) {
    auto i = db::find_invoice(till.ledger().db(), till.ledger().terminal(), number);
    if (!i) throw InputError("invoice {0} is unknown", number);
    return *i;
}

// An order's final invoice as it would be issued now: its quote's lines, its live deposits deducted.
invoice::Document final_document(Till& till, std::int64_t order, const OrderParts& o) {
    invoice::Document doc = o.quote.document;
    doc.order_number = order_number(order);
    for (const auto& d : live_deposits(till, order))
        doc.deposits.push_back(invoice::DeductedDeposit{invoice::InvoiceRef{d.number, d.issue_date}, Money::cents(d.due)});
    return doc;
}

// The deposit an ask gives on an order (invoice::make_deposit), refused on an order already
// invoiced or above what remains of its agreed total once earlier deposits are taken off.
invoice::DepositPlan deposit_plan(Till& till, std::int64_t order, const OrderParts& o, invoice::DepositAsk ask) {
    if (const auto [left, number] = open_final(till, order); left > Money{})
        throw InputError("order {0} is already invoiced ({1}): a deposit comes before the final invoice", order, number);
    const auto rates = extra_vat_rates(till);
    const Money agreed = invoice::compute_totals(o.quote.document, rates).agreed_total;
    Money deposits;
    for (const auto& d : live_deposits(till, order)) deposits += Money::cents(d.due);
    const std::string label = ask.amount > Money{} ? "Acompte sur la commande " + order_number(order)
                                                   : "Acompte " + VatRate{ask.percent_bp}.percent() + " sur la commande " + order_number(order);
    if (ask.amount > agreed - deposits)
        throw InputError("a deposit of {0} is more than what remains of order {1} ({2} of {3} after earlier deposits)",
                         ask.amount.format(), order, (agreed - deposits).format(), agreed.format());
    invoice::DepositPlan plan = invoice::make_deposit(o.quote.document, ask, label, rates);
    if (plan.amount > agreed - deposits)
        throw InputError("a deposit of {0} is more than what remains of order {1} ({2} of {3} after earlier deposits)",
                         plan.amount.format(), order, (agreed - deposits).format(), agreed.format());
    return plan;
}

// A credit note of `number` as it would be issued now (its lines, or the invoice's, given back
// whole), checked: not a credit note, a deposit only whole and before a final invoice deducts
// it, no more than is left after earlier credit notes. Returns it with the invoice it corrects.
std::pair<invoice::Document, db::InvoiceRecord> credit_note_document(Till& till, const std::string& number,
                                                                     const std::optional<std::vector<invoice::Line>>& lines) {
    auto& ledger = till.ledger();
    db::InvoiceRecord orig = invoice_or_throw(till, number);
    if (orig.kind == "credit_note") throw InputError("{0} is a credit note: only an invoice is corrected by one", number);
    if (orig.kind == "deposit") {
        // A deposit is corrected only while no final invoice deducts it, and whole: its lines
        // are per VAT rate, not per dish (a mistyped amount is given back, then asked again).
        if (const auto [left, final_number] = open_final(till, orig.order); left > Money{})
            throw InputError("{0} is deducted on invoice {1}: give that invoice back with a credit note first", number,
                             final_number);
        if (lines) throw InputError("{0} is a deposit invoice: it is given back whole, not line by line", number);
    }
    invoice::Document doc = orig.document;
    doc.kind = invoice::Kind::credit_note;
    doc.corrects = invoice::InvoiceRef{orig.number, orig.issue_date};
    // Given back whole, a final invoice's credit note deducts the same deposits: it cancels what
    // that invoice charged, no more (the deposits stay invoiced, paid, and counted once in the
    // CAPE). Line by line, it gives back those lines' amounts and no deposit.
    if (lines) {
        doc.deposits.clear();
        doc.lines = *lines;
        for (std::size_t k = 0; k < doc.lines.size(); ++k)
            if (doc.lines[k].entrepreneur_id <= 0) throw InputError("line {0} belongs to no entrepreneur", k + 1);
    }
    const auto rates = extra_vat_rates(till);
    invoice::validate_lines(doc, rates);
    Money credited;
    std::string by_notes;  // the credit notes that gave it back already
    for (const auto& c : db::invoices_of_order(ledger.db(), ledger.terminal(), orig.order))
        if (c.kind == "credit_note" && c.corrects == number) {
            credited += Money::cents(c.grand_total + c.rounding);
            by_notes += (by_notes.empty() ? "" : ", ") + c.number;
        }
    if (credited > Money{} && credited >= Money::cents(orig.grand_total + orig.rounding))
        throw InputError("{0} is already given back whole by {1}: nothing is left to credit", number, by_notes);
    invoice::check_credit_note(invoice::compute_totals(doc, rates), invoice::compute_totals(orig.document, rates), credited);
    return {std::move(doc), std::move(orig)};
}

}  // namespace

db::InvoiceRecord issue_invoice(Till& till, const Actor& by, std::int64_t order, const InvoiceDates& given) {
    return issue_as_manager(till, by, "issue an invoice", given, [&](const User& user, const InvoiceDates& dates) {
        const OrderParts o = order_or_throw(till, order);
        if (const auto [left, number] = open_final(till, order); left > Money{})
            throw InputError("order {0} is already invoiced ({1}): correct that invoice with a credit note first", order, number);
        return record_document(till, user, final_document(till, order, o), order, o.quote.customer.id, dates,
                               [](const invoice::Document& d, const invoice::Totals& t) { return invoice::entrepreneur_revenue(d, t); });
    });
}

db::InvoiceRecord issue_deposit(Till& till, const Actor& by, std::int64_t order, invoice::DepositAsk ask, const InvoiceDates& given) {
    return issue_as_manager(till, by, "issue a deposit invoice", given, [&](const User& user, const InvoiceDates& dates) {
        const OrderParts o = order_or_throw(till, order);
        const invoice::DepositPlan plan = deposit_plan(till, order, o, ask);
        invoice::Document doc = o.quote.document;
        doc.kind = invoice::Kind::deposit;
        doc.basis = invoice::PriceBasis::incl_vat;
        doc.order_number = order_number(order);
        doc.lines = plan.lines;
        // A deposit secures the service: unless a due date is given, it falls due by the day of the
        // service at the latest (never before its issue), not 30 days on, after the buffet is eaten.
        InvoiceDates d = dates;
        if (given.due_date.empty() && !doc.delivery_date.empty() && d.due_date > doc.delivery_date)
            d.due_date = std::max(d.issue_date, doc.delivery_date);
        return record_document(till, user, std::move(doc), order, o.quote.customer.id, d,
                               [&](const invoice::Document&, const invoice::Totals&) { return plan.revenue; });
    });
}

db::InvoiceRecord issue_credit_note(Till& till, const Actor& by, const std::string& number,
                                    const std::optional<std::vector<invoice::Line>>& lines, const InvoiceDates& given) {
    return issue_as_manager(till, by, "issue a credit note", given, [&](const User& user, const InvoiceDates& dates) {
        // Named, not a structured binding: clang 14 cannot capture a binding in the lambda below.
        auto made = credit_note_document(till, number, lines);
        const db::InvoiceRecord& orig = made.second;
        // A deposit's revenue is its plan's (its lines are per rate, not per entrepreneur): given back as is.
        return record_document(till, user, std::move(made.first), orig.order, orig.customer, dates,
                               [&](const invoice::Document& d, const invoice::Totals& t) {
                                   if (orig.kind != "deposit") return invoice::entrepreneur_revenue(d, t);
                                   std::map<std::int64_t, Money> r;
                                   for (const auto& [id, cents] : orig.revenue) r[id] = Money::cents(cents);
                                   return r;
                               });
    });
}

std::string payment_method_name(PaymentMethod m) { return m == PaymentMethod::cheque ? "cheque" : "transfer"; }

InvoiceStatus invoice_status(Till& till, const std::string& number) {
    auto& ledger = till.ledger();
    InvoiceStatus s;
    s.invoice = invoice_or_throw(till, number);
    const auto c = db::find_customer(ledger.db(), ledger.terminal(), s.invoice.customer);
    s.customer = c ? c->customer.party.name : "#" + std::to_string(s.invoice.customer);
    s.due = Money::cents(s.invoice.due);
    for (const auto& p : db::payments_of(ledger.db(), ledger.terminal(), number)) s.paid += Money::cents(p.amount);
    for (const auto& i : db::invoices_of_order(ledger.db(), ledger.terminal(), s.invoice.order))
        if (i.kind == "credit_note" && i.corrects == number) s.credited += Money::cents(i.due);
    // A credit note is never paid: it lowers what its invoice asks (and what to refund is counted
    // on that invoice), so nothing is left to pay on it.
    const bool credit_note = s.invoice.kind == "credit_note";
    s.remaining = credit_note ? Money{} : std::max(Money{}, s.due - s.paid - s.credited);
    s.to_refund = credit_note ? Money{} : std::max(Money{}, s.paid + s.credited - s.due);
    const std::string today = till.today();
    s.overdue = s.remaining > Money{} && s.invoice.due_date < today;
    if (s.overdue)
        for (std::string d = s.invoice.due_date; d < today && s.days_late < 36600; d = add_days(d, 1)) ++s.days_late;
    return s;
}

std::vector<InvoiceStatus> unpaid_invoices(Till& till) {
    std::vector<InvoiceStatus> out;
    for (const auto& i : db::invoices_of(till.ledger().db(), till.ledger().terminal())) {
        if (i.kind == "credit_note") continue;
        auto s = invoice_status(till, i.number);
        if (s.remaining > Money{}) out.push_back(std::move(s));
    }
    return out;
}

std::string invoice_cii_xml(Till& till, const std::string& number) {
    const db::InvoiceRecord i = invoice_or_throw(till, number);
    // The rates the document was issued with: a rate later taken out of vat.extra_rates stays valid here.
    std::vector<VatRate> rates;
    for (const auto& l : i.document.lines) rates.push_back(l.rate);
    return facturx::cii_xml(i.document, rates);
}

std::vector<InvoiceStatus> all_invoices(Till& till) {
    std::vector<InvoiceStatus> out;
    for (const auto& i : db::invoices_of(till.ledger().db(), till.ledger().terminal())) out.push_back(invoice_status(till, i.number));
    return out;
}

namespace {

// The day of a payment (today unless given) once its own fields are checked. Throws InputError.
std::string payment_day(Till& till, const PaymentRequest& r) {
    const std::string today = till.today();
    const std::string day = r.day.empty() ? today : r.day;
    check_date(day);
    if (day > today) throw InputError("a payment cannot be dated after today ({0})", today);
    if (r.amount <= Money{}) throw InputError("a payment of {0} is not money received", r.amount.format());
    if (!r.reference.empty()) check_display_text(r.reference, "the reference", 140);
    return day;
}

// The payment against its invoice as it stands. Throws InputError.
void check_payment_against(const InvoiceStatus& s, const PaymentRequest& r, const std::string& day) {
    if (s.invoice.kind == "credit_note") throw InputError("{0} is a credit note: nothing is paid on it", r.invoice);
    if (day < s.invoice.issue_date) throw InputError("invoice {0} was issued on {1}, after this payment", r.invoice, s.invoice.issue_date);
    if (r.amount > s.remaining)
        throw InputError("a payment of {0} is more than what remains to pay on {1} ({2})", r.amount.format(), r.invoice, s.remaining.format());
}

}  // namespace

void check_invoice_payment(Till& till, const PaymentRequest& r) {
    const std::string day = payment_day(till, r);
    check_payment_against(invoice_status(till, r.invoice), r, day);
}

db::InvoicePaymentRecord record_invoice_payment(Till& till, const Actor& by, const PaymentRequest& r) {
    const std::string day = payment_day(till, r);
    const char* action = "record a payment";
    const User user = till.authorise(by, Role::Manager, action);
    db::InvoicePaymentRecord p;
    p.invoice = r.invoice;
    p.amount = r.amount.value();
    p.method = payment_method_name(r.method);
    p.day = day;
    p.reference = r.reference;
    p.user = user.id;
    auto& ledger = till.ledger();
    ledger.write([&] {
        check_payment_against(invoice_status(till, r.invoice), r, day);
        db::record_invoice_payment(ledger, p, till.now_utc());
        till.journal_override(by, Role::Manager, action, r.invoice);
    });
    return p;
}

Money deposit_to_issue(Till& till, std::int64_t order, invoice::DepositAsk ask) {
    const OrderParts o = order_or_throw(till, order);
    return deposit_plan(till, order, o, ask).amount;
}

Money credit_note_to_issue(Till& till, const std::string& number) {
    const auto [doc, orig] = credit_note_document(till, number, std::nullopt);
    return invoice::compute_totals(doc, extra_vat_rates(till)).due;
}

Money final_invoice_due(Till& till, std::int64_t order) {
    const OrderParts o = order_or_throw(till, order);
    return invoice::compute_totals(final_document(till, order, o), extra_vat_rates(till)).due;
}

}  // namespace caisse
