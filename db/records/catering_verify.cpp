// Verify rules of the catering kinds (docs/ledger-format.md, "Catering"; record_verify.hpp).
#include <map>
#include <optional>
#include <set>

#include "db/journal.hpp"
#include "db/records/catering.hpp"
#include "db/records/member.hpp"
#include "db/records/record_verify.hpp"

namespace caisse::db {

namespace {

bool is_catering_kind(std::string_view k) {
    return k == kind::customer || k == kind::quote || k == kind::quote_line || k == kind::quote_revise || k == kind::quote_accept ||
           k == kind::invoice || k == kind::invoice_payment;
}

using Key = std::pair<std::string, std::int64_t>;  // (terminal, id)

// The VAT rates a document uses, given to the core as known: verify rechecks the arithmetic, not the
// till's local list of extra rates (a setting, not a record).
std::vector<VatRate> rates_of(const invoice::Document& d) {
    std::vector<VatRate> out;
    for (const auto& l : d.lines) out.push_back(l.rate);
    return out;
}

void check_ids(Database& db, const char* sql, const char* what, Problems& problems) {
    std::map<std::string, std::int64_t> last;
    for (auto st = db.prepare(sql); st.step();) {
        const std::string t = st.str(0);
        const std::int64_t id = st.i64(2);
        if (id != last[t] + 1) problems.add(t, st.i64(1), Message{"{0} {1} breaks the sequence 1, 2, 3... (expected {2})", {what, id, last[t] + 1}});
        last[t] = id;
    }
}

void check_invoices(Database& db, Problems& problems) {
    std::map<Key, std::int64_t> order_seq, customer_seq;
    for (auto st = db.prepare("SELECT terminal, seq, id FROM quote_orders"); st.step();) order_seq[{st.str(0), st.i64(2)}] = st.i64(1);
    for (auto st = db.prepare("SELECT terminal, seq, id FROM customers"); st.step();) customer_seq[{st.str(0), st.i64(2)}] = st.i64(1);
    std::map<std::pair<std::string, std::int64_t>, std::int64_t> last_n;  // (terminal, year) -> n
    std::map<std::string, std::string> last_date;
    std::map<std::pair<std::string, std::string>, InvoiceRecord> by_number;
    std::map<std::pair<std::string, std::string>, Money> credited;
    std::map<Key, Money> finals_open;  // (terminal, order) -> what its final invoices still hold after credit notes
    for (auto st = db.prepare(
             "SELECT terminal, seq, number, year, n, kind, order_id, customer_id, issue_date, due_date, corrects, document, "
             "line_total, tax_total, grand_total, prepaid, rounding, due, revenue, user_id FROM invoices ORDER BY terminal, seq");
         st.step();) {
        const std::string t = st.str(0);
        const std::int64_t seq = st.i64(1);
        InvoiceRecord i;
        try {
            i.terminal = t;
            i.seq = seq;
            i.number = st.str(2);
            i.year = st.i64(3);
            i.n = st.i64(4);
            i.kind = st.str(5);
            i.order = st.i64(6);
            i.customer = st.i64(7);
            i.issue_date = st.str(8);
            i.due_date = st.str(9);
            i.corrects = st.str(10);
            i.document = document_from_json(nlohmann::json::parse(st.str(11)));
            i.line_total = st.i64(12);
            i.tax_total = st.i64(13);
            i.grand_total = st.i64(14);
            i.prepaid = st.i64(15);
            i.rounding = st.i64(16);
            i.due = st.i64(17);
            const nlohmann::json revenue = nlohmann::json::parse(st.str(18));
            for (const auto& [k, v] : revenue.items()) i.revenue[std::stoll(k)] = v.get<std::int64_t>();
        } catch (const std::exception&) {
            problems.add(t, seq, "invoice.issue: its document or revenue is not a readable invoice");
            continue;
        }
        auto bad = [&](Message m) { problems.add(t, seq, std::move(m)); };
        // Gap-free numbers per terminal and year, in chronological order.
        auto& n = last_n[{t, i.year}];
        if (i.n != n + 1) bad(Message{"invoice {0} breaks the gap-free sequence of {1} (expected n = {2})", {i.number, i.year, n + 1}});
        n = i.n;
        if (i.number != invoice_number(i.year, i.n) || i.issue_date.substr(0, 4) != std::to_string(i.year))
            bad(Message{"invoice {0}: its number, year and issue date do not agree", {i.number}});
        if (!last_date[t].empty() && i.issue_date < last_date[t])
            bad(Message{"invoice {0} is dated {1}, before the invoice issued before it ({2})", {i.number, i.issue_date, last_date[t]}});
        last_date[t] = i.issue_date;
        const auto& d = i.document;
        if (d.number != i.number || d.issue_date != i.issue_date || d.due_date != i.due_date || invoice_kind_name(d.kind) != i.kind ||
            (d.corrects ? d.corrects->number : std::string()) != i.corrects)
            bad(Message{"invoice {0}: its document does not say the number, dates, kind or corrected invoice of its record", {i.number}});
        const auto o = order_seq.find({t, i.order});
        if (o == order_seq.end() || o->second > seq) bad(Message{"invoice {0}: order {1} is unknown", {i.number, i.order}});
        const auto c = customer_seq.find({t, i.customer});
        if (c == customer_seq.end() || c->second > seq) bad(Message{"invoice {0}: customer {1} is unknown", {i.number, i.customer}});
        const auto rates = rates_of(d);
        invoice::Totals totals;
        try {
            invoice::validate(d, rates);
            totals = invoice::compute_totals(d, rates);
        } catch (const InputError& e) {
            bad(Message{"invoice {0}: {1}", {i.number, e.message()}});
            continue;
        }
        if (totals.line_total.value() != i.line_total || totals.tax_total.value() != i.tax_total ||
            totals.grand_total.value() != i.grand_total || totals.prepaid.value() != i.prepaid ||
            totals.rounding.value() != i.rounding || totals.due.value() != i.due)
            bad(Message{"invoice {0}: its totals are not those its lines give (total due {1}, recorded {2})",
                        {i.number, totals.due.value(), i.due}});
        std::int64_t revenue_sum = 0;
        for (const auto& [id, cents] : i.revenue) {
            revenue_sum += cents;
            if (id <= 0) bad(Message{"invoice {0}: revenue of entrepreneur {1}", {i.number, id}});
        }
        const auto corrected = d.kind == invoice::Kind::credit_note ? by_number.find({t, i.corrects}) : by_number.end();
        if (d.kind == invoice::Kind::deposit) {
            if (revenue_sum != totals.tax_basis.value()) bad(Message{"invoice {0}: its revenue does not sum to its net total", {i.number}});
        } else if (corrected != by_number.end() && corrected->second.kind == "deposit") {
            // A deposit given back: the deposit's own revenue, to the cent.
            if (i.revenue != corrected->second.revenue)
                bad(Message{"invoice {0}: its revenue per entrepreneur is not its deposit's", {i.number}});
        } else {
            std::map<std::int64_t, std::int64_t> want;
            for (const auto& [id, m] : invoice::entrepreneur_revenue(d, totals)) want[id] = m.value();
            if (want != i.revenue) bad(Message{"invoice {0}: its revenue per entrepreneur is not its lines'", {i.number}});
        }
        // Deposits deducted: earlier deposit invoices of the same order, for what they asked.
        for (const auto& dd : d.deposits) {
            const auto it = by_number.find({t, dd.invoice.number});
            if (it == by_number.end() || it->second.kind != "deposit" || it->second.order != i.order ||
                it->second.issue_date != dd.invoice.issue_date || it->second.due != dd.amount.value())
                bad(Message{"invoice {0}: deposit {1} is not a deposit invoice of its order for {2}", {i.number, dd.invoice.number, dd.amount.value()}});
        }
        const Money agreed = totals.agreed_total;
        if (d.kind == invoice::Kind::credit_note) {
            const auto it = by_number.find({t, i.corrects});
            if (it == by_number.end() || it->second.kind == "credit_note" || it->second.order != i.order) {
                bad(Message{"credit note {0}: it corrects {1}, which is no earlier invoice of its order", {i.number, i.corrects}});
            } else {
                const auto& orig = it->second;
                try {
                    const auto orig_totals = invoice::compute_totals(orig.document, rates_of(orig.document));
                    invoice::check_credit_note(totals, orig_totals, credited[{t, i.corrects}]);
                } catch (const InputError& e) {
                    bad(Message{"credit note {0}: {1}", {i.number, e.message()}});
                }
                credited[{t, i.corrects}] += agreed;
                if (orig.kind == "invoice") finals_open[{t, i.order}] -= agreed;
            }
        } else if (d.kind == invoice::Kind::invoice) {
            auto& open = finals_open[{t, i.order}];
            if (open > Money{}) bad(Message{"invoice {0}: order {1} was already invoiced", {i.number, i.order}});
            open = agreed;
        }
        by_number[{t, i.number}] = std::move(i);
    }
    // Payments: on an earlier invoice of the same terminal, never more than it asks for.
    std::map<std::pair<std::string, std::string>, std::int64_t> paid;
    for (auto st = db.prepare("SELECT terminal, seq, invoice, day, amount, method FROM invoice_payments ORDER BY terminal, seq"); st.step();) {
        const std::string t = st.str(0), number = st.str(2), method = st.str(5);
        const std::int64_t seq = st.i64(1), amount = st.i64(4);
        const auto it = by_number.find({t, number});
        if (it == by_number.end() || it->second.seq > seq || it->second.kind == "credit_note") {
            problems.add(t, seq, Message{"payment: invoice {0} is unknown", {number}});
            continue;
        }
        if (amount <= 0) problems.add(t, seq, Message{"payment: {0} cents is not an amount received", {amount}});
        if (method != "transfer" && method != "cheque") problems.add(t, seq, Message{"payment: method \"{0}\" is unknown", {method}});
        if (st.str(3) < it->second.issue_date) problems.add(t, seq, Message{"payment: dated before invoice {0}", {number}});
        auto& sum = paid[{t, number}];
        sum += amount;
        if (sum > it->second.due) problems.add(t, seq, Message{"payment: invoice {0} is paid {1} cents for {2} due", {number, sum, it->second.due}});
    }
}

}  // namespace

void check_catering_records(Database& db, const std::vector<OtherRecord>& others, Problems& problems) {
    if (!has_catering_tables(db)) {
        for (const auto& r : others)
            if (is_catering_kind(r.kind))
                problems.add(r.terminal, r.seq, Message{"a {0} record in a ledger whose schema has no table for it", {r.kind}});
        return;
    }
    check_projected_list(db, others, problems, catering_projected_kinds());
    check_ids(db, "SELECT terminal, seq, id FROM customers ORDER BY terminal, seq", "customer", problems);
    check_ids(db, "SELECT terminal, seq, id FROM quotes ORDER BY terminal, seq", "quote", problems);
    check_ids(db, "SELECT terminal, seq, id FROM quote_orders ORDER BY terminal, seq", "order", problems);

    std::set<Key> entrepreneurs;  // (terminal, id): a line is made by an entrepreneur of its till
    for (const auto& e : all_entrepreneurs(db)) entrepreneurs.emplace(e.terminal, e.id);
    std::map<Key, std::int64_t> customer_seq, quote_seq, accepted_seq;
    std::map<Key, std::int64_t> lines;  // (terminal, quote) -> lines so far
    for (auto st = db.prepare("SELECT terminal, seq, id FROM customers"); st.step();) customer_seq[{st.str(0), st.i64(2)}] = st.i64(1);
    for (auto st = db.prepare("SELECT terminal, seq, id, customer_id, basis, guests FROM quotes ORDER BY terminal, seq"); st.step();) {
        quote_seq[{st.str(0), st.i64(2)}] = st.i64(1);
        const auto c = customer_seq.find({st.str(0), st.i64(3)});
        if (c == customer_seq.end() || c->second > st.i64(1))
            problems.add(st.str(0), st.i64(1), Message{"quote {0}: customer {1} is unknown", {st.i64(2), st.i64(3)}});
        if ((st.str(4) != "incl_vat" && st.str(4) != "excl_vat") || st.i64(5) < 0)
            problems.add(st.str(0), st.i64(1), Message{"quote {0}: a price basis or number of guests that does not exist", {st.i64(2)}});
    }
    for (auto st = db.prepare("SELECT terminal, seq, id, quote_id FROM quote_orders ORDER BY terminal, seq"); st.step();) {
        const Key q{st.str(0), st.i64(3)};
        const auto it = quote_seq.find(q);
        if (it == quote_seq.end() || it->second > st.i64(1))
            problems.add(st.str(0), st.i64(1), Message{"order {0}: quote {1} is unknown", {st.i64(2), st.i64(3)}});
        if (!accepted_seq.emplace(q, st.i64(1)).second)
            problems.add(st.str(0), st.i64(1), Message{"order {0}: quote {1} was already accepted", {st.i64(2), st.i64(3)}});
    }
    for (auto st = db.prepare("SELECT terminal, seq, quote_id, line, quantity_milli, unit_price, entrepreneur_id FROM quote_lines "
                              "ORDER BY terminal, seq");
         st.step();) {
        const std::string t = st.str(0);
        const std::int64_t seq = st.i64(1);
        const Key q{t, st.i64(2)};
        const auto it = quote_seq.find(q);
        if (it == quote_seq.end() || it->second > seq) problems.add(t, seq, Message{"quote line: quote {0} is unknown", {q.second}});
        const auto acc = accepted_seq.find(q);
        if (acc != accepted_seq.end() && acc->second < seq)
            problems.add(t, seq, Message{"quote line: quote {0} was already accepted", {q.second}});
        auto& count = lines[q];
        if (st.i64(3) != count + 1) problems.add(t, seq, Message{"quote line {0} of quote {1} breaks the sequence", {st.i64(3), q.second}});
        count = st.i64(3);
        if (!entrepreneurs.count({t, st.i64(6)}))
            problems.add(t, seq, Message{"quote line {0} of quote {1}: entrepreneur {2} is unknown", {st.i64(3), q.second, st.i64(6)}});
        if (st.i64(4) <= 0 || st.i64(5) < 0 || st.i64(6) <= 0)
            problems.add(t, seq, Message{"quote line {0} of quote {1}: a quantity, price or entrepreneur that does not exist", {st.i64(3), q.second}});
    }
    // Revisions (schema 14): of a quote recorded before and not yet accepted; the quote.line records
    // of a quote end with its first revision (the revision carries all its lines from then on).
    std::map<Key, std::vector<std::pair<std::int64_t, std::int64_t>>> revisions;  // -> (seq, lines) in seq order
    if (has_quote_revisions(db)) {
        for (auto st = db.prepare("SELECT terminal, seq, quote_id, customer_id, basis, guests, lines FROM quote_revisions "
                                  "ORDER BY terminal, seq");
             st.step();) {
            const std::string t = st.str(0);
            const std::int64_t seq = st.i64(1);
            const Key q{t, st.i64(2)};
            auto bad = [&](Message m) { problems.add(t, seq, std::move(m)); };
            const auto it = quote_seq.find(q);
            if (it == quote_seq.end() || it->second > seq) bad(Message{"quote revision: quote {0} is unknown", {q.second}});
            const auto acc = accepted_seq.find(q);
            if (acc != accepted_seq.end() && acc->second < seq) bad(Message{"quote revision: quote {0} was already accepted", {q.second}});
            const auto c = customer_seq.find({t, st.i64(3)});
            if (c == customer_seq.end() || c->second > seq) bad(Message{"quote revision of quote {0}: customer {1} is unknown", {q.second, st.i64(3)}});
            if ((st.str(4) != "incl_vat" && st.str(4) != "excl_vat") || st.i64(5) < 0)
                bad(Message{"quote revision of quote {0}: a price basis or number of guests that does not exist", {q.second}});
            std::int64_t count = 0;
            try {
                for (const auto& l : nlohmann::json::parse(st.str(6))) {
                    ++count;
                    const std::int64_t ent = l.at("entrepreneur").get<std::int64_t>();
                    if (!entrepreneurs.count({t, ent}))
                        bad(Message{"quote line {0} of quote {1}: entrepreneur {2} is unknown", {count, q.second, ent}});
                    if (l.at("quantity").get<std::int64_t>() <= 0 || l.at("price").get<std::int64_t>() < 0)
                        bad(Message{"quote line {0} of quote {1}: a quantity, price or entrepreneur that does not exist", {count, q.second}});
                }
            } catch (const std::exception&) {
                bad(Message{"quote revision of quote {0}: its lines are not readable", {q.second}});
            }
            revisions[q].emplace_back(seq, count);
        }
        for (auto st = db.prepare("SELECT terminal, seq, quote_id, line FROM quote_lines ORDER BY terminal, seq"); st.step();) {
            const auto r = revisions.find({st.str(0), st.i64(2)});
            if (r != revisions.end() && r->second.front().first < st.i64(1))
                problems.add(st.str(0), st.i64(1), Message{"quote line {0} of quote {1} comes after a revision of it", {st.i64(3), st.i64(2)}});
        }
    }
    for (const auto& [q, s] : accepted_seq) {
        // The lines the quote had when accepted: its newest revision before, else its quote.line records.
        std::optional<std::int64_t> had;
        if (const auto r = revisions.find(q); r != revisions.end())
            for (const auto& [seq, n] : r->second)
                if (seq < s) had = n;
        if (!had) had = lines.count(q) ? lines[q] : 0;
        if (*had == 0) problems.add(q.first, s, Message{"order: quote {0} has no line", {q.second}});
    }
    check_invoices(db, problems);
}

}  // namespace caisse::db
