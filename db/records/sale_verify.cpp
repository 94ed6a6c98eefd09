#include "db/records/sale_verify.hpp"

#include <algorithm>
#include <limits>

#include "app/core/cart.hpp"
#include "app/core/money.hpp"
#include "app/core/tender.hpp"
#include "app/core/text.hpp"
#include "db/verify/text_keys.hpp"

namespace caisse::db {

std::int64_t ticket_of(std::string_view payload) {
    // The top-level "ticket" comes after every string field, so the last occurrence is the right one.
    const auto at = payload.rfind(",\"ticket\":");
    std::int64_t t = 0;
    if (at == std::string_view::npos) return 1;
    for (std::size_t i = at + 10; i < payload.size() && payload[i] >= '0' && payload[i] <= '9' && t < 1'000'000'000'000; ++i)
        t = t * 10 + (payload[i] - '0');
    return t > 0 ? t : 1;
}

std::optional<Message> sale_rule_broken(const SaleProjection::Numbers& s) {
    // 128-bit sums: the values come from the file and may be absurd.
    __int128 total = 0, shares = 0, cash = 0, non_cash = 0;
    std::vector<std::int64_t> weights;
    for (std::size_t i = 0; i < s.lines.size(); ++i) {
        const auto& l = s.lines[i];
        if (l.qty <= 0 || l.unit < 0 || l.disc < 0 || l.share < 0 || l.total < 0)
            return Message{"line {0}: negative or zero amount", {i + 1}};
        const __int128 net = static_cast<__int128>(l.qty) * l.unit - l.disc;
        if (l.total != net - l.share) return Message{"line {0}: total is not qty * unit - disc - share", {i + 1}};
        if (net > Money::kMax) return Message{"line {0}: amounts out of range", {i + 1}};
        weights.push_back(static_cast<std::int64_t>(net));
        total += l.total;
        shares += l.share;
    }
    if (s.lines.empty()) return Message{"no lines", {}};
    if (total != s.total) return Message{"line totals do not add up to the ticket total", {}};
    if (shares != s.discount) return Message{"discount shares do not add up to the discount", {}};
    // The spread itself: shares in proportion to qty * unit - disc, largest remainders first.
    const auto expected = spread_largest_remainder(s.discount, weights);
    for (std::size_t i = 0; i < s.lines.size(); ++i)
        if (s.lines[i].share != expected[i])
            return Message{"line {0}: discount share {1} is not the largest-remainder share {2}", {i + 1, s.lines[i].share, expected[i]}};
    // s.vat is rebuilt from the lines by the rule (see SaleProjection::check), so the rates match.
    __int128 voucher = 0;
    for (const auto& p : s.payments) {
        if (!p.known) return Message{"unknown payment method", {}};
        if (p.amount <= 0) return Message{"payment of zero or less", {}};
        (p.cash ? cash : non_cash) += p.amount;
        if (p.voucher) voucher += p.amount;
    }
    // Vouchers count first: what they exceed the total by is the excess, left by the customer.
    const __int128 excess = voucher > s.total ? voucher - s.total : 0;
    if (s.voucher_excess != excess) return Message{"voucher_excess is not what the vouchers exceed the total by", {}};
    if (cash + non_cash - s.change - s.voucher_excess != static_cast<__int128>(s.total))
        return Message{"payments minus change and voucher excess do not equal the total", {}};
    if (s.change < 0 || s.change > cash) return Message{"change is not covered by cash", {}};
    if (non_cash - s.voucher_excess > s.total) return Message{"non-cash payments exceed the total", {}};
    return std::nullopt;
}

SaleProjection::SaleProjection(Database& db, const std::string& terminal, std::int64_t from_ticket,
                               const std::map<std::int64_t, SessionSpan>& sessions, Problems& problems)
    : terminal_(terminal),
      sessions_(sessions),
      problems_(problems),
      sales_(db.prepare(std::string("SELECT ticket, seq, session_id, user_id, day, discount, total, change, ") +
                        voucher_excess_column(db) + " FROM sales WHERE terminal = ?1 AND ticket >= ?2 ORDER BY ticket")),
      lines_(db.prepare("SELECT ticket, sku, name, entrepreneur_id, category_id, vat_bp, quantity, unit_price, "
                        "line_discount, discount_share, total, line_no FROM sale_lines "
                        "WHERE terminal = ?1 AND ticket >= ?2 ORDER BY ticket, line_no")),
      pays_(db.prepare("SELECT ticket, method, amount, idx FROM sale_payments WHERE terminal = ?1 AND ticket >= ?2 "
                       "ORDER BY ticket, idx")) {
    for (Statement* st : {&sales_, &lines_, &pays_}) st->bind(1, terminal).bind(2, from_ticket);
    s_ok_ = sales_.step();
    l_ok_ = lines_.step();
    p_ok_ = pays_.step();
}

namespace {
// A result row's N values, each fetched from SQLite once: its storage types and its numbers and
// texts are read from the same fetch. Asking for a column's type, then for its value, cost twice
// the calls on the 3 million line rows of a big ledger (a tenth of verify's time).
template <int N>
class Row {
public:
    explicit Row(const Statement& st) {
        for (int c = 0; c < N; ++c) v_[c] = st.value(c);
    }
    // Every column has the storage class its table declares (text_columns: TEXT, the others INTEGER):
    // a number stored as text rebuilds the same payload but is not what the format says. Before any
    // text(): reading a number as text converts it, and its type is then undefined.
    bool types(std::initializer_list<int> text_columns) const {
        for (int c = 0; c < N; ++c) {
            const bool text = std::find(text_columns.begin(), text_columns.end(), c) != text_columns.end();
            if (sqlite3_value_type(v_[c]) != (text ? SQLITE_TEXT : SQLITE_INTEGER)) return false;
        }
        return true;
    }
    std::int64_t i64(int c) const { return sqlite3_value_int64(v_[c]); }
    std::string_view text(int c) const {
        const unsigned char* p = sqlite3_value_text(v_[c]);
        return p ? std::string_view(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_value_bytes(v_[c])))
                 : std::string_view();
    }

private:
    sqlite3_value* v_[N];
};
}  // namespace

void SaleProjection::check(std::int64_t seq, std::string_view payload) {
    while (s_ok_ && sales_.i64(1) < seq) {
        problems_.add(terminal_, sales_.i64(1),
                      Message{"sales projection for ticket {0} points at seq {1}, which is not a sale record",
                              {sales_.i64(0), sales_.i64(1)}});
        skip_sale();
    }
    if (!s_ok_ || sales_.i64(1) > seq) {
        problems_.add(terminal_, seq, "sale record has no row in the sales projection");
        return;
    }
    const std::int64_t ticket = sales_.i64(0);
    nums_.lines.clear();
    nums_.payments.clear();
    nums_.vat.clear();
    nums_.discount = sales_.i64(5);
    nums_.total = sales_.i64(6);
    nums_.change = sales_.i64(7);
    nums_.voucher_excess = sales_.i64(8);
    bool types = Row<9>(sales_).types({4});
    if (const auto s = sessions_.find(sales_.i64(2)); s == sessions_.end() || s->second.opened > seq || s->second.closed < seq)
        problems_.add(terminal_, seq, Message{"sale names session {0}, which is not open at this point of the chain", {sales_.i64(2)}});
    drop_orphans(ticket);
    rebuilt_.clear();
    bool text_ok = true;
    SalePayloadWriter w(rebuilt_);
    w.header(nums_.change, sales_.text(4), nums_.discount);
    for (; l_ok_ && lines_.i64(0) == ticket; l_ok_ = lines_.step()) {
        const Row<12> r(lines_);
        types = types && r.types({1, 2});
        Numbers::Line l{r.i64(6), r.i64(7), r.i64(8), r.i64(9), r.i64(10), r.i64(5)};
        const std::string_view name = r.text(2), sku = r.text(1);
        if (!valid_utf8_text(name) || !valid_utf8_text(sku)) text_ok = false;  // canonical JSON holds text only
        w.line(r.i64(4), l.disc, r.i64(3), name, l.qty, l.share, sku, l.total, l.unit, l.vat);
        nums_.lines.push_back(l);
    }
    w.payments();
    for (; p_ok_ && pays_.i64(0) == ticket; p_ok_ = pays_.step()) {
        const Row<4> r(pays_);
        types = types && r.types({1});
        const std::string_view method = r.text(1);
        const std::int64_t amount = r.i64(2);
        w.payment(amount, method);
        nums_.payments.push_back({method == "cash", parse_method(method).has_value(), amount, method == "voucher"});
    }
    w.footer(sales_.i64(2), ticket, nums_.total, sales_.i64(3));
    if (!valid_utf8_text(sales_.text(4))) text_ok = false;
    // The VAT table is not projected: it is what the VAT rule makes of the lines, by rate.
    bool in_range = true;
    if (!text_ok) problems_.add(terminal_, seq, "sale projection holds text that is not valid UTF-8 or has control characters", 1);
    if (!types) problems_.add(terminal_, seq, "sale projection holds a value of the wrong storage type (typeof)", 1);
    for (const auto& l : nums_.lines) {
        auto it = std::find_if(nums_.vat.begin(), nums_.vat.end(), [&](const VatRecord& v) { return v.rate == l.vat; });
        if (it == nums_.vat.end()) nums_.vat.push_back(VatRecord{l.vat, 0, 0, l.total});
        else if (__builtin_add_overflow(it->ttc, l.total, &it->ttc)) in_range = false;
    }
    std::sort(nums_.vat.begin(), nums_.vat.end(), [](const VatRecord& a, const VatRecord& b) { return a.rate < b.rate; });
    for (auto& v : nums_.vat) {
        if (v.rate < 0 || v.rate > 10000 || v.ttc > Money::kMax || v.ttc < -Money::kMax) {
            in_range = false;
            break;
        }
        v.vat = div_round_half_up(static_cast<__int128>(v.ttc) * v.rate, 10000 + v.rate);
        v.ht = v.ttc - v.vat;
        w.vat(v.ht, v.rate, v.ttc, v.vat);
    }
    w.finish(nums_.voucher_excess);
    if (!in_range) {
        problems_.add(terminal_, seq, "sale amounts or VAT rates are out of range", 1);
        s_ok_ = sales_.step();
        return;
    }
    if (last_ticket_ != 0 && ticket != last_ticket_ + 1)
        problems_.add(terminal_, seq, Message{"ticket numbers jump from {0} to {1}", {last_ticket_, ticket}});
    if (first_ticket_ == 0) first_ticket_ = ticket;
    last_ticket_ = ticket;
    if (rebuilt_ != payload)
        problems_.add(terminal_, seq,
                      describe_mismatch(rebuilt_, std::string(payload), "sales, sale_lines, sale_payments; VAT by the rule"), 1);
    else if (auto broken = sale_rule_broken(nums_))
        problems_.add(terminal_, seq, Message{"sale breaks the ticket rules: {0}", {MessageArg(*broken)}}, 1);
    s_ok_ = sales_.step();
}

void SaleProjection::finish(std::int64_t range_last, bool last_of_terminal) {
    while (s_ok_ && (last_of_terminal || sales_.i64(1) <= range_last)) {
        problems_.add(terminal_, sales_.i64(1),
                      Message{"sales projection for ticket {0} has no sale record at seq {1}", {sales_.i64(0), sales_.i64(1)}});
        skip_sale();
    }
    if (last_of_terminal) drop_orphans(std::numeric_limits<std::int64_t>::max());
}

void SaleProjection::skip_sale() {
    const std::int64_t t = sales_.i64(0);
    drop_orphans(t);
    for (; l_ok_ && lines_.i64(0) == t; l_ok_ = lines_.step()) {}
    for (; p_ok_ && pays_.i64(0) == t; p_ok_ = pays_.step()) {}
    s_ok_ = sales_.step();
}

// Child rows of tickets before `ticket` that no sales row claimed.
void SaleProjection::drop_orphans(std::int64_t ticket) {
    auto drop = [&](Statement& st, bool& ok, const char* table) {
        for (; ok && st.i64(0) < ticket; ok = st.step())
            problems_.add(terminal_, 0, Message{"{0} row for ticket {1} has no sale", {table, st.i64(0)}});
    };
    drop(lines_, l_ok_, "sale_lines");
    drop(pays_, p_ok_, "sale_payments");
}

void check_projection_tail(Database& db, const std::string& terminal, std::int64_t first_ticket, std::int64_t last_ticket,
                           Problems& problems) {
    if (first_ticket == 0) first_ticket = last_ticket + 1;  // no sale matched: every row is outside
    // Two range scans on the primary key (an OR would scan the whole table).
    auto sales = db.prepare("SELECT ticket, seq FROM sales WHERE terminal = ?1 AND ticket < ?3 "
                            "UNION ALL SELECT ticket, seq FROM sales WHERE terminal = ?1 AND ticket > ?2");
    sales.bind(1, terminal).bind(2, last_ticket).bind(3, first_ticket);
    while (sales.step())
        problems.add(terminal, sales.i64(1),
                     Message{"sales projection for ticket {0} has no sale record at seq {1}", {sales.i64(0), sales.i64(1)}});
    for (const char* table : {"sale_lines", "sale_payments"}) {
        auto rows = db.prepare(std::string("SELECT DISTINCT ticket FROM ") + table + " WHERE terminal = ?1 AND ticket < ?3 " +
                               "UNION SELECT DISTINCT ticket FROM " + table + " WHERE terminal = ?1 AND ticket > ?2");
        rows.bind(1, terminal).bind(2, last_ticket).bind(3, first_ticket);
        while (rows.step()) problems.add(terminal, 0, Message{"{0} row for ticket {1} has no sale", {table, rows.i64(0)}});
    }
}

void check_unknown_terminals(Database& db, const std::vector<std::string>& chained, Problems& problems) {
    for (const char* table : {"sales", "sale_lines", "sale_payments"}) {
        for (const auto& terminal : distinct_terminals(db, table))
            if (std::find(chained.begin(), chained.end(), terminal) == chained.end())
                problems.add(terminal, 0, Message{"{0} rows of terminal {1}, which has no chain", {table, terminal}});
    }
    // Rows the per-terminal reads never meet: a terminal that is a number, a blob or NULL. One index
    // range per class (NULL < numbers < text < blobs), so this costs a few probes per table; an OR
    // of the three would scan the whole table (SQLite's plan: SCAN, seconds on a 1M-ticket ledger).
    for (const std::string table : {"journal", "sales", "sale_lines", "sale_payments"}) {
        auto odd = db.prepare("SELECT (SELECT COUNT(*) FROM " + table + " WHERE terminal IS NULL) + (SELECT COUNT(*) FROM " + table +
                              " WHERE terminal < '') + (SELECT COUNT(*) FROM " + table + " WHERE terminal >= x'')");
        if (odd.step() && odd.i64(0) > 0)
            problems.add("", 0, Message{"{0} rows whose terminal is not text: {1} (typeof)", {table, odd.i64(0)}});
    }
}

}  // namespace caisse::db
