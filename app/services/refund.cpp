#include "app/services/refund.hpp"

#include <chrono>

#include "app/core/refund.hpp"
#include "db/records/closure.hpp"
#include "db/records/event.hpp"
#include "db/records/record_verify.hpp"

namespace caisse {

namespace {

db::RecordedSale require_sale(Till& till, std::int64_t ticket) {
    if (ticket < 1) throw InputError("ticket {0} does not exist: ticket numbers start at 1", ticket);
    auto sale = till.recorded_sale(ticket);
    if (!sale) throw InputError("ticket {0} does not exist on this till (the last ticket is {1})", ticket, till.last_ticket());
    return *sale;
}

// The session a correction is recorded into, read inside the correction's transaction. It follows
// the rules of a sale (Till::sell): an open session of at most 24 hours. And never in training
// mode: a counter-entry made then would be real money given back while the till is marked as
// practising (and a training ticket has no sale to correct; issue 9, item 5).
const Message kRefusedInTraining{"training mode is on: a cancellation or a refund gives real money back, so it is refused while "
                                  "training; a manager turns training off first (caisse training off)",
                                  {}};

db::SessionInfo require_session(Till& till) {
    if (db::training_state(till.ledger()).on) {
        const InputError refused(kRefusedInTraining);
        throw refused;
    }
    auto session = till.current_session();
    if (!session) throw InputError("no session is open on this till: open one with caisse session open");
    till.check_session_age(*session, true);
    return *session;
}

// The record of giving back `units[line_no]` of each line, priced from the recorded sale.
db::RefundRecord price_refund(Till& till, const db::RecordedSale& sale, const std::map<std::int64_t, std::int64_t>& units,
                              const db::SessionInfo& session, std::int64_t user) {
    auto& ledger = till.ledger();
    const auto earlier = db::refunded_units(ledger, sale.sale.ticket);
    auto ttc_before = db::refunded_ttc(ledger, sale.sale.ticket);
    db::RefundRecord r;
    r.ticket = sale.sale.ticket;
    r.session = session.id;
    r.user = user;
    r.day = till.today();
    std::map<std::int64_t, std::int64_t> ttc_by_rate;
    for (const auto& [line_no, q] : units) {
        const auto& o = sale.sale.lines.at(static_cast<std::size_t>(line_no - 1));
        const auto it = earlier.find(line_no);
        const LinePart part = refund_part(SoldLine{o.quantity, o.unit_price, o.line_discount, o.discount_share},
                                          it == earlier.end() ? 0 : it->second, q);
        db::SaleLineRecord l = o;
        l.quantity = -q;
        l.line_discount = -part.discount;
        l.discount_share = -part.share;
        l.total = -part.total;
        r.total += l.total;
        r.discount += l.discount_share;
        ttc_by_rate[l.vat_bp] += l.total;
        r.lines.push_back(db::RefundLineRecord{line_no, std::move(l)});
    }
    for (const auto& [rate, ttc] : ttc_by_rate) {
        const std::int64_t vat = -refund_vat(rate, ttc_before[rate], -ttc);
        r.vat.push_back(db::VatRecord{rate, ttc - vat, vat, ttc});
    }
    return r;
}

// Cash handed back must be in the drawer: the open session's expected cash.
void check_cash_back(Till& till, const db::SessionInfo& session, std::int64_t cash_back) {
    if (cash_back <= 0) return;
    const auto t = db::session_totals(till.ledger(), session.id);
    const Money drawer = Money::cents(session.float_cents) + Money::cents(t.cash_kept()) + Money::cents(t.cash_in) - Money::cents(t.cash_out);
    if (Money::cents(cash_back) > drawer)
        throw InputError("the drawer should hold {0}: {1} in cash cannot be given back; choose another tender", drawer.format(),
                         Money::cents(cash_back).format());
}

RefundResult record(Till& till, db::RefundRecord& r) {
    auto& ledger = till.ledger();
    const auto a = db::record_refund(ledger, r, till.now_utc());
    RefundResult out;
    out.seq = a.seq;
    out.hash_hex = db::to_hex(a.hash);
    for (const auto& l : r.lines) out.by_entrepreneur[db::entrepreneur_name(ledger, l.line.entrepreneur)] += Money::cents(l.line.total);
    out.record = r;
    return out;
}

}  // namespace

std::vector<RefundableLine> refundable_lines(Till& till, std::int64_t ticket) {
    const auto sale = require_sale(till, ticket);
    const auto earlier = db::refunded_units(till.ledger(), ticket);
    std::vector<RefundableLine> out;
    for (std::size_t i = 0; i < sale.sale.lines.size(); ++i) {
        const auto no = static_cast<std::int64_t>(i + 1);
        const auto it = earlier.find(no);
        out.push_back(RefundableLine{no, sale.sale.lines[i], sale.sale.lines[i].quantity - (it == earlier.end() ? 0 : it->second)});
    }
    return out;
}

namespace {
// The refund a request asks for, priced; session 0 when none is open (a preview).
db::RefundRecord plan_refund(Till& till, const RefundRequest& request, std::int64_t session_id, std::int64_t user) {
    if (request.method == TenderMethod::Voucher)
        throw InputError("a refund cannot be paid in meal vouchers: choose cash, card, cheque or transfer");
    for (const auto& item : request.items)
        if (item.quantity < 1) throw InputError("refund of {0}: the quantity must be at least 1", item.sku);
    const auto sale = require_sale(till, request.ticket);
    std::map<std::int64_t, std::int64_t> units;  // line_no -> units given back now
    auto lines = refundable_lines(till, request.ticket);
    for (const auto& [line_no, q] : request.lines) {
        if (line_no < 1 || line_no > static_cast<std::int64_t>(lines.size()))
            throw InputError("ticket {0} has no line {1}", request.ticket, line_no);
        const auto& l = lines[static_cast<std::size_t>(line_no - 1)];
        if (q < 1 || q > l.remaining)
            throw InputError("ticket {0}: {1} of {2} asked, only {3} remain to give back", request.ticket, q, l.sold.sku, l.remaining);
        units[line_no] = q;
    }
    if (request.items.empty() && request.lines.empty()) {
        for (const auto& l : lines)
            if (l.remaining > 0) units[l.line_no] = l.remaining;
        if (units.empty()) throw InputError("ticket {0} was already given back in full: nothing remains to refund", request.ticket);
    }
    for (const auto& item : request.items) {
        std::int64_t wanted = item.quantity, available = 0;
        bool on_ticket = false;
        for (auto& l : lines) {
            if (l.sold.sku != item.sku) continue;
            on_ticket = true;
            available += l.remaining;
            const std::int64_t take = std::min(wanted, l.remaining);
            if (take > 0) {
                units[l.line_no] += take;
                l.remaining -= take;
                wanted -= take;
            }
        }
        if (!on_ticket) throw InputError("SKU \"{0}\" is not on ticket {1}", item.sku, request.ticket);
        if (wanted > 0)
            throw InputError("ticket {0}: {1} of {2} asked, only {3} remain to give back", request.ticket, item.quantity, item.sku, available);
    }
    db::SessionInfo session;
    session.id = session_id;
    db::RefundRecord r = price_refund(till, sale, units, session, user);
    if (r.total != 0) r.payments.push_back(db::PaymentRecord{std::string(method_name(request.method)), r.total});
    return r;
}
}  // namespace

db::RefundRecord preview_refund(Till& till, const RefundRequest& request) {
    const auto session = till.current_session();
    return plan_refund(till, request, session ? session->id : 0, 0);
}

RefundResult refund_ticket(Till& till, const Actor& by, const RefundRequest& request) {
    const std::string action = "refund a ticket";
    const User user = till.authorise(by, Role::Manager, action);
    RefundResult result;
    till.ledger().write([&] {
        require_sale(till, request.ticket);
        const auto session = require_session(till);
        db::RefundRecord r = plan_refund(till, request, session.id, user.id);
        if (request.method == TenderMethod::Cash) check_cash_back(till, session, -r.total);
        result = record(till, r);
        till.journal_override(by, Role::Manager, action, "ticket " + std::to_string(request.ticket));
    });
    return result;
}

CancelCheck check_cancel(Till& till, const Actor& by, std::int64_t ticket) {
    // Said first: in training the ticket numbers the cashier sees are training ones.
    if (db::training_state(till.ledger()).on) return {kRefusedInTraining};
    const auto sale = require_sale(till, ticket);
    const auto session = till.current_session();
    if (!session || sale.sale.session != session->id)
        return {Message{"ticket {0} was sold in another session: only a refund can correct it", {ticket}}};
    if (const auto last = till.last_ticket(); last != ticket)
        return {Message{"ticket {0} is not the last ticket (the last is {1}): only a refund can correct it", {ticket, last}}};
    if (db::refunds_of_ticket(till.ledger(), ticket) > 0) return {Message{"ticket {0} was already cancelled or refunded", {ticket}}};
    if (role_allows(by.role(), Role::Manager)) return {};
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(parse_utc_timestamp(till.now_utc()) - parse_utc_timestamp(sale.at_utc));
    if (sale.sale.user != by.user().id || age.count() > kSellerCancelSeconds)
        return {Message{"{0} may cancel only their own ticket within {1} s of the sale: ticket {2} needs a manager",
                        {by.user().name, static_cast<std::int64_t>(kSellerCancelSeconds), ticket}},
                true};
    return {};
}

RefundResult cancel_ticket(Till& till, const Actor& by, std::int64_t ticket) {
    const std::string action = "cancel a ticket";
    const User user = till.authorise(by, Role::Seller, action);
    if (const auto check = check_cancel(till, by, ticket); check.refusal) {
        if (check.role_rule)  // journaled as every refusal of a role is (JET)
            till.ledger().write([&] {
                db::record_event(till.ledger(),
                                 db::EventRecord{0, db::event_code::refused, user.id, std::nullopt, action,
                                                 "ticket " + std::to_string(ticket) + ": not their own ticket within 2 minutes", ""},
                                 till.now_utc());
            });
        const InputError refused(*check.refusal);
        throw refused;
    }
    const bool seller_rule = !role_allows(by.user().role, Role::Manager);
    RefundResult result;
    till.ledger().write([&] {
        if (auto why = check_cancel(till, by, ticket).refusal) {  // another process sold meanwhile
            const InputError refused(*why);
            throw refused;
        }
        const auto sale = require_sale(till, ticket);
        const auto session = require_session(till);
        std::map<std::int64_t, std::int64_t> units;
        for (std::size_t i = 0; i < sale.sale.lines.size(); ++i) units[static_cast<std::int64_t>(i + 1)] = sale.sale.lines[i].quantity;
        db::RefundRecord r = price_refund(till, sale, units, session, user.id);
        r.cancel = true;
        std::int64_t cash = 0;
        // Meal vouchers go back whole: the excess they left is taken back with them.
        r.voucher_excess = -sale.sale.voucher_excess;
        for (auto p : db::net_tenders(sale.sale.payments, sale.sale.change)) {
            if (p.method == "cash") cash = p.amount;
            p.amount = -p.amount;
            r.payments.push_back(p);
        }
        check_cash_back(till, session, cash);
        result = record(till, r);
        // A seller cancelling within their own rule needs no approval; one past it was approved.
        if (seller_rule && by.approver()) {
            const auto age = std::chrono::duration_cast<std::chrono::seconds>(parse_utc_timestamp(till.now_utc()) - parse_utc_timestamp(sale.at_utc));
            if (sale.sale.user != user.id || age.count() > kSellerCancelSeconds)
                till.journal_override(by, Role::Manager, action, "ticket " + std::to_string(ticket));
        }
    });
    return result;
}

}  // namespace caisse
