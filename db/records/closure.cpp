#include "db/records/closure.hpp"

#include <cstdlib>
#include <limits>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "app/core/vat.hpp"
#include "db/canonical_json.hpp"
#include "db/ledger.hpp"
#include "db/records/refund.hpp"
#include "db/records/sale.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("closure totals overflow");
    return r;
}

template <class K>
void add_map(std::map<K, std::int64_t>& into, const std::map<K, std::int64_t>& from) {
    for (const auto& [k, v] : from) into[k] = checked_add(into[k], v);
}

// The totals' keys of every closure payload (docs/ledger-format.md, "Closures").
void put_totals(json& p, const ClosureTotals& t) {
    json cashiers = json::array(), ents = json::array(), tenders = json::array(), vat = json::array();
    for (const auto& [user, total] : t.by_cashier) cashiers.push_back(json{{"total", total}, {"user", user}});
    for (const auto& [ent, total] : t.by_entrepreneur) ents.push_back(json{{"entrepreneur", ent}, {"total", total}});
    for (const auto& [method, amount] : t.by_tender) tenders.push_back(json{{"amount", amount}, {"method", method}});
    for (const auto& [rate, v] : t.by_vat) vat.push_back(json{{"ht", v.ht}, {"rate", rate}, {"ttc", v.ttc}, {"vat", v.vat}});
    p["by_cashier"] = cashiers;
    p["by_entrepreneur"] = ents;
    p["by_tender"] = tenders;
    p["by_vat"] = vat;
    p["cash_in"] = t.cash_in;
    p["cash_out"] = t.cash_out;
    p["discounts"] = t.discounts;
    if (t.refunds != 0) {  // absent before the first refund: closures of schema 5 keep their bytes
        p["refunds"] = t.refunds;
        p["refunds_total"] = t.refunds_total;
    }
    p["tickets"] = t.tickets;
    p["total"] = t.total;
    p["total_abs"] = t.total_abs;
    if (t.voucher_excess != 0) p["voucher_excess"] = t.voucher_excess;
}

ClosureTotals get_totals(const json& p) {
    ClosureTotals t;
    for (const auto& c : p.at("by_cashier")) t.by_cashier[c.at("user").get<std::int64_t>()] = c.at("total").get<std::int64_t>();
    for (const auto& e : p.at("by_entrepreneur"))
        t.by_entrepreneur[e.at("entrepreneur").get<std::int64_t>()] = e.at("total").get<std::int64_t>();
    for (const auto& m : p.at("by_tender")) t.by_tender[m.at("method").get<std::string>()] = m.at("amount").get<std::int64_t>();
    for (const auto& v : p.at("by_vat"))
        t.by_vat[v.at("rate").get<std::int64_t>()] =
            VatTotals{v.at("ht").get<std::int64_t>(), v.at("vat").get<std::int64_t>(), v.at("ttc").get<std::int64_t>()};
    t.cash_in = p.at("cash_in").get<std::int64_t>();
    t.cash_out = p.at("cash_out").get<std::int64_t>();
    t.discounts = p.at("discounts").get<std::int64_t>();
    if (p.contains("refunds")) {
        t.refunds = p.at("refunds").get<std::int64_t>();
        t.refunds_total = p.at("refunds_total").get<std::int64_t>();
    }
    t.tickets = p.at("tickets").get<std::int64_t>();
    t.total = p.at("total").get<std::int64_t>();
    t.total_abs = p.at("total_abs").get<std::int64_t>();
    if (p.contains("voucher_excess")) t.voucher_excess = p.at("voucher_excess").get<std::int64_t>();
    return t;
}

json day_payload(const DayClosure& z) {
    json p;
    put_totals(p, z.totals);
    if (z.card_declared) p["card_declared"] = *z.card_declared;
    json moves = json::array();
    for (const auto& m : z.cash_moves) moves.push_back(m.seq);
    p["cash_moves"] = moves;
    json steps = json::array();
    for (const auto& c : z.clock_backwards) steps.push_back(json{{"at", c.at_utc}, {"previous", c.previous_at_utc}, {"seq", c.seq}});
    p["clock_backwards"] = steps;
    p["closed_by"] = z.closed_by;
    p["count"] = cash_count_json(z.count);
    p["counted_cash"] = z.counted_cash;
    p["counts"] = z.counts;
    p["date"] = z.date;
    p["expected_cash"] = z.expected_cash;
    p["first_ticket"] = z.first_ticket;
    p["float"] = z.float_cents;
    p["grand_total"] = z.grand_total;
    p["grand_total_abs"] = z.grand_total_abs;
    p["last_ticket"] = z.last_ticket;
    p["month"] = z.month;
    p["month_total"] = z.month_total;
    p["note"] = z.note;
    p["opened_at"] = z.opened_at;
    p["over_short"] = z.over_short;
    p["session"] = z.session;
    if (z.voucher_declared) p["voucher_declared"] = *z.voucher_declared;
    p["year"] = z.year;
    p["year_total"] = z.year_total;
    p["z"] = z.z;
    return p;
}

DayClosure day_from_payload(const json& p) {
    DayClosure z;
    z.totals = get_totals(p);
    if (p.contains("card_declared")) z.card_declared = p.at("card_declared").get<std::int64_t>();
    if (p.contains("voucher_declared")) z.voucher_declared = p.at("voucher_declared").get<std::int64_t>();
    for (const auto& m : p.at("cash_moves")) z.cash_moves.push_back(CashMoveRecord{m.get<std::int64_t>(), 0, 0, 0, "", std::nullopt, ""});
    for (const auto& c : p.at("clock_backwards"))
        z.clock_backwards.push_back(
            ClockStep{c.at("seq").get<std::int64_t>(), c.at("at").get<std::string>(), c.at("previous").get<std::string>()});
    z.closed_by = p.at("closed_by").get<std::int64_t>();
    for (const auto& c : p.at("count")) z.count[c.at("cents").get<std::int64_t>()] = c.at("pieces").get<std::int64_t>();
    z.counted_cash = p.at("counted_cash").get<std::int64_t>();
    z.counts = p.at("counts").get<std::int64_t>();
    z.date = p.at("date").get<std::string>();
    z.expected_cash = p.at("expected_cash").get<std::int64_t>();
    z.first_ticket = p.at("first_ticket").get<std::int64_t>();
    z.float_cents = p.at("float").get<std::int64_t>();
    z.grand_total = p.at("grand_total").get<std::int64_t>();
    z.grand_total_abs = p.at("grand_total_abs").get<std::int64_t>();
    z.last_ticket = p.at("last_ticket").get<std::int64_t>();
    z.month = p.at("month").get<std::string>();
    z.month_total = p.at("month_total").get<std::int64_t>();
    z.note = p.at("note").get<std::string>();
    z.opened_at = p.at("opened_at").get<std::string>();
    z.over_short = p.at("over_short").get<std::int64_t>();
    z.session = p.at("session").get<std::int64_t>();
    z.year = p.at("year").get<std::string>();
    z.year_total = p.at("year_total").get<std::int64_t>();
    z.z = p.at("z").get<std::int64_t>();
    return z;
}

json period_payload(const PeriodClosure& c) {
    json p;
    put_totals(p, c.totals);
    p["days"] = c.days;
    p["first_day"] = c.first_day;
    p["first_z"] = c.first_z;
    p["grand_total"] = c.grand_total;
    p["grand_total_abs"] = c.grand_total_abs;
    p["last_day"] = c.last_day;
    p["last_z"] = c.last_z;
    p["number"] = c.number;
    p["period"] = c.period;
    return p;
}

PeriodClosure period_from_payload(const std::string& kind, const json& p) {
    PeriodClosure c;
    c.kind = kind;
    c.totals = get_totals(p);
    c.days = p.at("days").get<std::int64_t>();
    c.first_day = p.at("first_day").get<std::string>();
    c.first_z = p.at("first_z").get<std::int64_t>();
    c.grand_total = p.at("grand_total").get<std::int64_t>();
    c.grand_total_abs = p.at("grand_total_abs").get<std::int64_t>();
    c.last_day = p.at("last_day").get<std::string>();
    c.last_z = p.at("last_z").get<std::int64_t>();
    c.number = p.at("number").get<std::int64_t>();
    c.period = p.at("period").get<std::string>();
    return c;
}

template <class T>
void fill_record(T& out, Statement& st, int seq_col) {
    out.seq = st.i64(seq_col);
    const auto h = st.blob(seq_col + 1), s = st.blob(seq_col + 2);
    if (h.size() == out.hash.size()) std::copy(h.begin(), h.end(), out.hash.begin());
    if (s.size() == out.signature.size()) std::copy(s.begin(), s.end(), out.signature.begin());
}

// Reads Zs through their journal payload (the signed source of truth).
std::vector<DayClosure> read_days(Ledger& ledger, const std::string& where, const std::function<void(Statement&)>& bind) {
    auto st = ledger.db().prepare(
        "SELECT j.payload, j.at_utc, j.seq, j.hash, j.sig FROM day_closures d JOIN journal j ON j.terminal = d.terminal AND "
        "j.seq = d.seq WHERE d.terminal = ?1 AND " + where + " ORDER BY d.z");
    st.bind(1, ledger.terminal());
    bind(st);
    std::vector<DayClosure> out;
    while (st.step()) {
        DayClosure z = day_from_payload(json::parse(st.text(0)));
        z.closed_at = st.str(1);
        fill_record(z, st, 2);
        out.push_back(std::move(z));
    }
    return out;
}

std::vector<PeriodClosure> read_periods(Ledger& ledger, const std::string& where, const std::function<void(Statement&)>& bind) {
    auto st = ledger.db().prepare(
        "SELECT p.kind, j.payload, j.seq, j.hash, j.sig FROM period_closures p JOIN journal j ON j.terminal = p.terminal AND "
        "j.seq = p.seq WHERE p.terminal = ?1 AND " + where + " ORDER BY p.number");
    st.bind(1, ledger.terminal());
    bind(st);
    std::vector<PeriodClosure> out;
    while (st.step()) {
        PeriodClosure c = period_from_payload(st.str(0), json::parse(st.text(1)));
        fill_record(c, st, 2);
        out.push_back(std::move(c));
    }
    return out;
}

}  // namespace

DayClosure day_closure_from_payload(const std::string& payload) { return day_from_payload(json::parse(payload)); }
PeriodClosure period_closure_from_payload(const std::string& kind, const std::string& payload) {
    return period_from_payload(kind, json::parse(payload));
}

void ClosureTotals::add(const ClosureTotals& o) {
    tickets = checked_add(tickets, o.tickets);
    total = checked_add(total, o.total);
    total_abs = checked_add(total_abs, o.total_abs);
    refunds = checked_add(refunds, o.refunds);
    refunds_total = checked_add(refunds_total, o.refunds_total);
    voucher_excess = checked_add(voucher_excess, o.voucher_excess);
    discounts = checked_add(discounts, o.discounts);
    cash_in = checked_add(cash_in, o.cash_in);
    cash_out = checked_add(cash_out, o.cash_out);
    add_map(by_tender, o.by_tender);
    add_map(by_entrepreneur, o.by_entrepreneur);
    add_map(by_cashier, o.by_cashier);
    for (const auto& [rate, v] : o.by_vat) {
        auto& t = by_vat[rate];
        t.ht = checked_add(t.ht, v.ht);
        t.vat = checked_add(t.vat, v.vat);
        t.ttc = checked_add(t.ttc, v.ttc);
    }
}

std::int64_t ClosureTotals::cash_kept() const {
    auto it = by_tender.find("cash");
    return it == by_tender.end() ? 0 : it->second;
}

namespace {
// The session's refunds and cancellations as negatives (docs/ledger-format.md, "Closures"): totals,
// discounts, tenders, VAT as each refund recorded it (the cumulative rule), entrepreneurs, cashiers.
void add_session_refunds(Database& db, const std::string& terminal, std::int64_t session, ClosureTotals& t) {
    if (!has_refund_tables(db)) return;  // schema 5 and older, read as they are
    auto head = db.prepare(
        "SELECT COUNT(*), COALESCE(SUM(total), 0), COALESCE(SUM(ABS(total)), 0), COALESCE(SUM(discount), 0) FROM refunds "
        "INDEXED BY refunds_by_session WHERE terminal = ?1 AND session_id = ?2");
    head.bind(1, terminal).bind(2, session);
    head.step();
    if (head.i64(0) == 0) return;
    t.refunds += head.i64(0);
    t.refunds_total += head.i64(1);
    t.total += head.i64(1);
    t.total_abs += head.i64(2);
    t.discounts += head.i64(3);
    const std::string from = " FROM refunds r INDEXED BY refunds_by_session CROSS JOIN ";
    const std::string on = " ON x.terminal = r.terminal AND x.refund = r.refund WHERE r.terminal = ?1 AND r.session_id = ?2";
    auto pay = db.prepare("SELECT x.method, SUM(x.amount)" + from + "refund_payments x" + on + " GROUP BY x.method");
    pay.bind(1, terminal).bind(2, session);
    while (pay.step()) t.by_tender[pay.str(0)] += pay.i64(1);
    // A cancelled ticket's meal vouchers went back whole, their excess (<= 0 here) with them.
    if (has_voucher_excess(db)) {
        auto excess = db.prepare("SELECT COALESCE(SUM(voucher_excess), 0) FROM refunds INDEXED BY refunds_by_session "
                                 "WHERE terminal = ?1 AND session_id = ?2");
        excess.bind(1, terminal).bind(2, session);
        excess.step();
        if (const std::int64_t e = excess.i64(0); e != 0) {
            t.voucher_excess += e;
            t.by_tender["voucher"] -= e;
        }
    }
    auto cashier = db.prepare("SELECT user_id, SUM(total) FROM refunds INDEXED BY refunds_by_session WHERE terminal = ?1 AND "
                              "session_id = ?2 GROUP BY user_id");
    cashier.bind(1, terminal).bind(2, session);
    while (cashier.step()) t.by_cashier[cashier.i64(0)] += cashier.i64(1);
    auto lines = db.prepare("SELECT x.entrepreneur_id, SUM(x.total), SUM(x.line_discount)" + from + "refund_lines x" + on +
                            " GROUP BY x.entrepreneur_id");
    lines.bind(1, terminal).bind(2, session);
    while (lines.step()) {
        t.by_entrepreneur[lines.i64(0)] += lines.i64(1);
        t.discounts += lines.i64(2);
    }
    auto vat = db.prepare("SELECT x.rate, SUM(x.ht), SUM(x.vat), SUM(x.ttc)" + from + "refund_vat x" + on + " GROUP BY x.rate");
    vat.bind(1, terminal).bind(2, session);
    while (vat.step()) {
        auto& v = t.by_vat[vat.i64(0)];
        v.ht += vat.i64(1);
        v.vat += vat.i64(2);
        v.ttc += vat.i64(3);
    }
}
}  // namespace

// Every query starts from the session's tickets (sales_by_session): without ANALYZE statistics
// SQLite would otherwise scan the terminal's whole history, and a Z would grow with the ledger.
ClosureTotals session_totals(Database& db, const std::string& terminal, std::int64_t session) {
    ClosureTotals t;
    {
        auto st = db.prepare(
            std::string("SELECT COUNT(*), COALESCE(SUM(total), 0), COALESCE(SUM(ABS(total)), 0), COALESCE(SUM(discount), 0), "
                        "COALESCE(SUM(change), 0), COALESCE(SUM(") + voucher_excess_column(db) +
            "), 0) FROM sales INDEXED BY sales_by_session WHERE terminal = ?1 AND session_id = ?2");
        st.bind(1, terminal).bind(2, session);
        st.step();
        t.tickets = st.i64(0);
        t.total = st.i64(1);
        t.total_abs = st.i64(2);
        t.discounts = st.i64(3);
        const std::int64_t change = st.i64(4);
        t.voucher_excess = st.i64(5);
        // What paid the sales per tender: cash tendered less the change handed back, vouchers less
        // what they exceeded their tickets by (counted apart, in voucher_excess).
        auto pay = db.prepare(
            "SELECT p.method, SUM(p.amount) FROM sales s INDEXED BY sales_by_session CROSS JOIN sale_payments p ON p.terminal = s.terminal AND "
            "p.ticket = s.ticket WHERE s.terminal = ?1 AND s.session_id = ?2 GROUP BY p.method");
        pay.bind(1, terminal).bind(2, session);
        while (pay.step()) t.by_tender[pay.str(0)] = pay.i64(1);
        if (change != 0) t.by_tender["cash"] -= change;
        if (t.voucher_excess != 0) t.by_tender["voucher"] -= t.voucher_excess;
    }
    {
        auto st = db.prepare("SELECT user_id, SUM(total) FROM sales INDEXED BY sales_by_session WHERE terminal = ?1 AND session_id = ?2 GROUP BY user_id");
        st.bind(1, terminal).bind(2, session);
        while (st.step()) t.by_cashier[st.i64(0)] = st.i64(1);
    }
    {
        // VAT is split per ticket and rate (the sale's own rule), then summed. Lines come in ticket
        // order straight from the index walk; grouping them here avoids SQLite's temporary b-tree.
        auto st = db.prepare(
            "SELECT l.ticket, l.vat_bp, l.entrepreneur_id, l.total, l.line_discount FROM sales s INDEXED BY sales_by_session "
            "CROSS JOIN sale_lines l ON l.terminal = s.terminal AND l.ticket = s.ticket WHERE s.terminal = ?1 AND "
            "s.session_id = ?2");
        st.bind(1, terminal).bind(2, session);
        std::int64_t ticket = -1;
        std::map<std::int64_t, std::int64_t> ttc_by_rate;  // of the current ticket
        auto flush = [&] {
            for (const auto& [rate, ttc] : ttc_by_rate) {
                const VatAmounts v = split_ttc(Money::cents(ttc), VatRate{static_cast<std::int32_t>(rate)});
                auto& r = t.by_vat[rate];
                r.ht += v.ht.value();
                r.vat += v.vat.value();
                r.ttc += v.ttc.value();
            }
            ttc_by_rate.clear();
        };
        while (st.step()) {
            if (st.i64(0) != ticket) {
                flush();
                ticket = st.i64(0);
            }
            ttc_by_rate[st.i64(1)] += st.i64(3);
            t.by_entrepreneur[st.i64(2)] += st.i64(3);
            t.discounts += st.i64(4);
        }
        flush();
    }
    add_session_refunds(db, terminal, session, t);
    {
        auto st = db.prepare(
            "SELECT COALESCE(SUM(CASE WHEN amount > 0 THEN amount END), 0), COALESCE(SUM(CASE WHEN amount < 0 THEN -amount END), 0) "
            "FROM cash_moves INDEXED BY cash_moves_by_session WHERE terminal = ?1 AND session_id = ?2");
        st.bind(1, terminal).bind(2, session);
        st.step();
        t.cash_in = st.i64(0);
        t.cash_out = st.i64(1);
    }
    return t;
}

ClosureTotals session_totals(Ledger& ledger, std::int64_t session) { return session_totals(ledger.db(), ledger.terminal(), session); }

std::pair<std::int64_t, std::int64_t> session_ticket_range(Database& db, const std::string& terminal, std::int64_t session) {
    auto st = db.prepare(
        "SELECT COALESCE(MIN(ticket), 0), COALESCE(MAX(ticket), 0) FROM sales INDEXED BY sales_by_session WHERE terminal = ?1 AND "
        "session_id = ?2");
    st.bind(1, terminal).bind(2, session);
    st.step();
    return {st.i64(0), st.i64(1)};
}

namespace {
// The signature the journal holds for this terminal's record at seq (zeros when none).
Signature sign_of(Ledger& ledger, std::int64_t seq) {
    Signature out{};
    auto sig = ledger.db().prepare("SELECT sig FROM journal WHERE terminal = ?1 AND seq = ?2");
    sig.bind(1, ledger.terminal()).bind(2, seq);
    if (sig.step() && sig.blob(0).size() == out.size()) std::copy(sig.blob(0).begin(), sig.blob(0).end(), out.begin());
    return out;
}
}  // namespace

void record_day_closure(Ledger& ledger, DayClosure& z, const std::string& at) {
    auto q = ledger.db().prepare("SELECT COALESCE(MAX(z), 0) + 1 FROM day_closures WHERE terminal = ?1");
    q.bind(1, ledger.terminal());
    q.step();
    z.z = q.i64(0);
    const auto a = ledger.append(kind::closure_day, canonical_json(day_payload(z)), at);
    auto st = ledger.db().prepare(
        "INSERT INTO day_closures(terminal, seq, z, session_id, date, total, grand_total, grand_total_abs, over_short) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, z.z).bind(4, z.session).bind(5, z.date).bind(6, z.totals.total);
    st.bind(7, z.grand_total).bind(8, z.grand_total_abs).bind(9, z.over_short).run();
    write_cash_count(ledger, a.seq, z.count);
    z.seq = a.seq;
    z.hash = a.hash;
    z.closed_at = at;
    z.signature = sign_of(ledger, a.seq);
}

void record_period_closure(Ledger& ledger, PeriodClosure& c, const std::string& at) {
    auto q = ledger.db().prepare("SELECT COALESCE(MAX(number), 0) + 1 FROM period_closures WHERE terminal = ?1 AND kind = ?2");
    q.bind(1, ledger.terminal()).bind(2, c.kind);
    q.step();
    c.number = q.i64(0);
    const auto a = ledger.append(c.kind == "month" ? kind::closure_month : kind::closure_year, canonical_json(period_payload(c)), at);
    auto st = ledger.db().prepare(
        "INSERT INTO period_closures(terminal, seq, kind, number, period, first_z, last_z, total) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
    st.bind(1, a.terminal).bind(2, a.seq).bind(3, c.kind).bind(4, c.number).bind(5, c.period).bind(6, c.first_z);
    st.bind(7, c.last_z).bind(8, c.totals.total).run();
    c.seq = a.seq;
    c.hash = a.hash;
    c.signature = sign_of(ledger, a.seq);
}

std::optional<DayClosure> day_closure(Ledger& ledger, std::int64_t z) {
    auto v = read_days(ledger, "d.z = ?2", [&](Statement& st) { st.bind(2, z); });
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::optional<DayClosure> last_day_closure(Ledger& ledger) {
    auto q = ledger.db().prepare("SELECT MAX(z) FROM day_closures WHERE terminal = ?1");
    q.bind(1, ledger.terminal());
    if (!q.step() || q.is_null(0)) return std::nullopt;
    return day_closure(ledger, q.i64(0));
}

std::vector<DayClosure> day_closures_on(Ledger& ledger, const std::string& date) {
    return read_days(ledger, "d.date = ?2", [&](Statement& st) { st.bind(2, date); });
}

std::vector<DayClosure> day_closures_after(Ledger& ledger, std::int64_t z) {
    return read_days(ledger, "d.z > ?2", [&](Statement& st) { st.bind(2, z); });
}

std::vector<DayClosure> day_closures_between(Ledger& ledger, const std::string& from, const std::string& to) {
    return read_days(ledger, "d.date >= ?2 AND d.date < ?3", [&](Statement& st) { st.bind(2, from).bind(3, to); });
}

std::optional<PeriodClosure> last_period_closure(Ledger& ledger, const std::string& kind) {
    auto v = read_periods(ledger, "p.kind = ?2 AND p.number = (SELECT MAX(number) FROM period_closures WHERE terminal = ?1 AND kind = ?2)",
                          [&](Statement& st) { st.bind(2, kind); });
    if (v.empty()) return std::nullopt;
    return v.front();
}

std::vector<PeriodClosure> period_closures(Ledger& ledger, const std::string& kind, const std::string& period) {
    return read_periods(ledger, "p.kind = ?2 AND p.period = ?3", [&](Statement& st) { st.bind(2, kind).bind(3, period); });
}

std::vector<PeriodClosure> month_closures_after(Ledger& ledger, std::int64_t number) {
    return read_periods(ledger, "p.kind = 'month' AND p.number > ?2", [&](Statement& st) { st.bind(2, number); });
}

std::vector<ClockStep> clock_steps_back(Ledger& ledger, std::int64_t from_seq, std::int64_t to_seq) {
    auto st = ledger.db().prepare("SELECT seq, at_utc FROM journal WHERE terminal = ?1 AND seq >= ?2 AND seq <= ?3 ORDER BY seq");
    st.bind(1, ledger.terminal()).bind(2, std::max<std::int64_t>(1, from_seq - 1)).bind(3, to_seq);
    std::vector<ClockStep> out;
    std::string previous;
    while (st.step()) {
        std::string at = st.str(1);
        // Timestamps are ISO 8601 UTC of one length: they compare as text.
        if (!previous.empty() && at < previous && st.i64(0) >= from_seq) out.push_back(ClockStep{st.i64(0), at, previous});
        previous = std::move(at);
    }
    return out;
}

}  // namespace caisse::db
