// The verify rules of sale.refund (docs/ledger-format.md, "sale.refund" and "How to verify", rule
// 7): payload rebuilt from its projection rows, gap-free numbers, the original ticket and lines,
// never more units than were sold, amounts and VAT by the cumulative rules (app/core/refund), the
// money given back, the session, and what a cancellation must be.
#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "app/core/refund.hpp"
#include "db/journal.hpp"
#include "db/records/record_verify.hpp"
#include "db/records/refund.hpp"

namespace caisse::db {

namespace {

// The refund as its projection rows hold it; nothing when the record has no refunds row.
std::optional<RefundRecord> from_rows(Database& db, const std::string& terminal, std::int64_t seq) {
    auto head = db.prepare(std::string("SELECT refund, ticket, session_id, user_id, day, cancel, discount, total, ") +
                           (has_voucher_excess(db) ? "voucher_excess" : "0") + " FROM refunds WHERE terminal = ?1 AND seq = ?2");
    head.bind(1, terminal).bind(2, seq);
    if (!head.step()) return std::nullopt;
    RefundRecord r;
    r.refund = head.i64(0);
    r.ticket = head.i64(1);
    r.session = head.i64(2);
    r.user = head.i64(3);
    r.day = head.str(4);
    r.cancel = head.i64(5) != 0;
    r.discount = head.i64(6);
    r.total = head.i64(7);
    r.voucher_excess = head.i64(8);
    auto lines = db.prepare(
        "SELECT sale_line, sku, name, entrepreneur_id, category_id, vat_bp, quantity, unit_price, line_discount, discount_share, "
        "total FROM refund_lines WHERE terminal = ?1 AND refund = ?2 ORDER BY line_no");
    lines.bind(1, terminal).bind(2, r.refund);
    while (lines.step())
        r.lines.push_back(RefundLineRecord{lines.i64(0), SaleLineRecord{lines.str(1), lines.str(2), lines.i64(3), lines.i64(4), lines.i64(5),
                                                                        lines.i64(6), lines.i64(7), lines.i64(8), lines.i64(9), lines.i64(10)}});
    auto pays = db.prepare("SELECT method, amount FROM refund_payments WHERE terminal = ?1 AND refund = ?2 ORDER BY idx");
    pays.bind(1, terminal).bind(2, r.refund);
    while (pays.step()) r.payments.push_back(PaymentRecord{pays.str(0), pays.i64(1)});
    auto vat = db.prepare("SELECT rate, ht, vat, ttc FROM refund_vat WHERE terminal = ?1 AND refund = ?2 ORDER BY rate");
    vat.bind(1, terminal).bind(2, r.refund);
    while (vat.step()) r.vat.push_back(VatRecord{vat.i64(0), vat.i64(1), vat.i64(2), vat.i64(3)});
    return r;
}

struct SoldTicket {
    std::int64_t seq = 0, session = 0, change = 0, voucher_excess = 0;
    std::vector<SaleLineRecord> lines;
    std::vector<PaymentRecord> payments;
};

std::optional<SoldTicket> sold_ticket(Database& db, const std::string& terminal, std::int64_t ticket) {
    auto s = db.prepare(std::string("SELECT seq, session_id, change, ") + voucher_excess_column(db) +
                        " FROM sales WHERE terminal = ?1 AND ticket = ?2");
    s.bind(1, terminal).bind(2, ticket);
    if (!s.step()) return std::nullopt;
    SoldTicket t{s.i64(0), s.i64(1), s.i64(2), s.i64(3), {}, {}};
    auto l = db.prepare(
        "SELECT sku, name, entrepreneur_id, category_id, vat_bp, quantity, unit_price, line_discount, discount_share, total "
        "FROM sale_lines WHERE terminal = ?1 AND ticket = ?2 ORDER BY line_no");
    l.bind(1, terminal).bind(2, ticket);
    while (l.step())
        t.lines.push_back(SaleLineRecord{l.str(0), l.str(1), l.i64(2), l.i64(3), l.i64(4), l.i64(5), l.i64(6), l.i64(7), l.i64(8), l.i64(9)});
    auto p = db.prepare("SELECT method, amount FROM sale_payments WHERE terminal = ?1 AND ticket = ?2 ORDER BY idx");
    p.bind(1, terminal).bind(2, ticket);
    while (p.step()) t.payments.push_back(PaymentRecord{p.str(0), p.i64(1)});
    return t;
}

}  // namespace

std::vector<PaymentRecord> net_tenders(const std::vector<PaymentRecord>& payments, std::int64_t change) {
    std::vector<PaymentRecord> out;
    for (const auto& p : payments) {
        auto it = std::find_if(out.begin(), out.end(), [&](const PaymentRecord& o) { return o.method == p.method; });
        if (it == out.end()) out.push_back(p);
        else it->amount += p.amount;
    }
    for (auto& p : out)
        if (p.method == "cash") p.amount -= change;
    std::erase_if(out, [](const PaymentRecord& p) { return p.amount == 0; });
    return out;
}

void check_refunds(Database& db, const std::vector<OtherRecord>& others, const SessionSpans& spans, Problems& problems) {
    if (!has_refund_tables(db)) {  // a ledger of schema 5 or older: no refund can be in it
        for (const auto& rec : others)
            if (rec.kind == kind::refund) problems.add(rec.terminal, rec.seq, "sale.refund record in a ledger without the refund tables");
        return;
    }
    std::map<std::string, std::int64_t> last_number;
    std::map<std::tuple<std::string, std::int64_t, std::int64_t>, std::int64_t> units;  // (terminal, ticket, line) -> given back
    std::map<std::tuple<std::string, std::int64_t, std::int64_t>, std::int64_t> ttc;    // (terminal, ticket, rate) -> given back
    std::set<std::pair<std::string, std::int64_t>> seen;
    for (const auto& rec : others) {  // in (terminal, seq) order
        if (rec.kind != kind::refund) continue;
        seen.emplace(rec.terminal, rec.seq);
        auto bad = [&](Message m) { problems.add(rec.terminal, rec.seq, std::move(m)); };
        RefundRecord r;
        try {
            r = refund_from_payload(rec.payload);
        } catch (const std::exception&) {
            bad(Message{"sale.refund payload is malformed", {}});
            continue;
        }
        try {
            const auto rows = from_rows(db, rec.terminal, rec.seq);
            if (!rows) bad(Message{"{0} record has no projection row", {std::string(kind::refund)}});
            else if (const std::string rebuilt = refund_payload(*rows); rebuilt != rec.payload)
                problems.add(rec.terminal, rec.seq, describe_mismatch(rebuilt, rec.payload, "refunds"), 1);
        } catch (const std::exception&) {
            bad(Message{"projection row of the {0} record holds values that are not valid text or numbers", {std::string(kind::refund)}});
        }
        auto& last = last_number[rec.terminal];
        if (r.refund != last + 1) bad(Message{"refund numbers jump from {0} to {1}", {last, r.refund}});
        last = r.refund;

        const auto own = spans.find(rec.terminal);
        const SessionSpan* span = nullptr;
        if (own != spans.end())
            if (auto it = own->second.find(r.session); it != own->second.end()) span = &it->second;
        if (!span || span->opened > rec.seq || span->closed < rec.seq)
            bad(Message{"refund names session {0}, which is not open at this point of the chain", {r.session}});

        const auto sold = sold_ticket(db, rec.terminal, r.ticket);
        if (!sold || sold->seq > rec.seq) {
            bad(Message{"refund of ticket {0}, which was not recorded before it", {r.ticket}});
            continue;
        }
        bool first_refund = true;  // nothing of the ticket given back before this record
        for (std::size_t i = 0; i < sold->lines.size(); ++i)
            if (units.count({rec.terminal, r.ticket, static_cast<std::int64_t>(i + 1)})) first_refund = false;
        if (r.lines.empty()) bad(Message{"refund {0} gives back no line", {r.refund}});
        std::int64_t sum_total = 0, sum_share = 0, previous_line = 0;
        std::map<std::int64_t, std::int64_t> ttc_by_rate;
        bool lines_ok = true;
        for (const auto& rl : r.lines) {
            const auto& l = rl.line;
            sum_total += l.total;
            sum_share += l.discount_share;
            ttc_by_rate[l.vat_bp] += l.total;
            if (rl.sale_line <= previous_line || rl.sale_line > static_cast<std::int64_t>(sold->lines.size())) {
                bad(Message{"refund line names line {0} of ticket {1}, which it does not have or names twice", {rl.sale_line, r.ticket}});
                lines_ok = false;
                continue;
            }
            previous_line = rl.sale_line;
            const auto& o = sold->lines[static_cast<std::size_t>(rl.sale_line - 1)];
            if (l.sku != o.sku || l.name != o.name || l.entrepreneur != o.entrepreneur || l.category != o.category ||
                l.vat_bp != o.vat_bp || l.unit_price != o.unit_price) {
                bad(Message{"refund line {0} differs from line {0} of ticket {1} (product, entrepreneur, rate or price)", {rl.sale_line, r.ticket}});
                lines_ok = false;
            }
            auto& given = units[{rec.terminal, r.ticket, rl.sale_line}];
            if (l.quantity >= 0 || given - l.quantity > o.quantity) {
                bad(Message{"refund gives back {0} units of line {1} of ticket {2}, of which {3} were sold and {4} already given back",
                            {-l.quantity, rl.sale_line, r.ticket, o.quantity, given}});
                lines_ok = false;
                continue;
            }
            try {
                const LinePart part = refund_part(SoldLine{o.quantity, o.unit_price, o.line_discount, o.discount_share}, given, -l.quantity);
                if (l.line_discount != -part.discount || l.discount_share != -part.share || l.total != -part.total) {
                    bad(Message{"refund line {0}: amounts {1}/{2}/{3} differ from the rule's {4}/{5}/{6}",
                                {rl.sale_line, l.line_discount, l.discount_share, l.total, -part.discount, -part.share, -part.total}});
                    lines_ok = false;
                }
            } catch (const std::exception&) {
                bad(Message{"refund line {0} cannot be priced from ticket {1}", {rl.sale_line, r.ticket}});
                lines_ok = false;
            }
            given -= l.quantity;
        }
        if (sum_total != r.total) bad(Message{"refund total {0} is not the sum of its lines {1}", {r.total, sum_total}});
        if (sum_share != r.discount) bad(Message{"refund discount {0} is not the sum of its lines' shares {1}", {r.discount, sum_share}});
        // VAT per rate by the cumulative rule, against what the ticket's earlier refunds gave back.
        std::vector<VatRecord> want;
        for (const auto& [rate, t] : ttc_by_rate) {
            auto& before = ttc[{rec.terminal, r.ticket, rate}];
            const std::int64_t v = -refund_vat(rate, before, -t);
            want.push_back(VatRecord{rate, t - v, v, t});
            before -= t;
        }
        bool vat_ok = want.size() == r.vat.size();
        for (std::size_t i = 0; vat_ok && i < want.size(); ++i)
            vat_ok = want[i].rate == r.vat[i].rate && want[i].ht == r.vat[i].ht && want[i].vat == r.vat[i].vat && want[i].ttc == r.vat[i].ttc;
        if (!vat_ok) bad(Message{"refund VAT differs from the rule (each rate's VAT given back so far, less the VAT given back before)", {}});
        std::int64_t paid = 0;
        for (const auto& p : r.payments) {
            paid += p.amount;
            if (p.amount >= 0) bad(Message{"refund payment by {0} of {1}: money given back is negative", {p.method, p.amount}});
            if (p.method != "cash" && p.method != "card" && p.method != "cheque" && p.method != "voucher" && p.method != "transfer")
                bad(Message{"refund payment by unknown method {0}", {p.method}});
        }
        // Only a cancellation gives back a voucher excess: the vouchers whole, the excess with them.
        if (paid - r.voucher_excess != r.total)
            bad(Message{"refund payments {0} less its voucher_excess {1} differ from its total {2}", {paid, r.voucher_excess, r.total}});
        if (r.voucher_excess != (r.cancel ? -sold->voucher_excess : 0))
            bad(Message{"refund voucher_excess {0} is not minus the cancelled ticket's excess (0 for a refund)", {r.voucher_excess}});

        if (r.cancel) {
            // A cancellation: the whole ticket just made, in its session, by the same tenders.
            auto later = db.prepare("SELECT 1 FROM sales WHERE terminal = ?1 AND seq > ?2 AND seq < ?3");
            later.bind(1, rec.terminal).bind(2, sold->seq).bind(3, rec.seq);
            if (later.step()) bad(Message{"cancellation of ticket {0} after a later ticket", {r.ticket}});
            if (sold->session != r.session) bad(Message{"cancellation of ticket {0} from another session", {r.ticket}});
            bool whole = lines_ok && first_refund && r.lines.size() == sold->lines.size();
            for (std::size_t i = 0; whole && i < r.lines.size(); ++i) whole = -r.lines[i].line.quantity == sold->lines[i].quantity;
            if (!whole) bad(Message{"cancellation of ticket {0} does not give back the whole ticket", {r.ticket}});
            const auto tenders = net_tenders(sold->payments, sold->change);
            bool same = tenders.size() == r.payments.size();
            for (std::size_t i = 0; same && i < tenders.size(); ++i)
                same = tenders[i].method == r.payments[i].method && tenders[i].amount == -r.payments[i].amount;
            if (!same) bad(Message{"cancellation of ticket {0} does not give the money back by the same tenders", {r.ticket}});
        }
    }
    // Rows that no record claims.
    for (auto st = db.prepare("SELECT terminal, seq FROM refunds"); st.step();)
        if (!seen.count({st.str(0), st.i64(1)}))
            problems.add(st.str(0), st.i64(1), Message{"projection row points at seq {0}, which is not a {1} record", {st.i64(1), std::string(kind::refund)}});
    for (const char* table : {"refund_lines", "refund_payments", "refund_vat"}) {
        auto st = db.prepare(std::string("SELECT DISTINCT terminal, refund FROM ") + table +
                             " t WHERE NOT EXISTS (SELECT 1 FROM refunds r WHERE r.terminal = t.terminal AND r.refund = t.refund)");
        while (st.step())
            problems.add(st.str(0), 0, Message{"{0} rows of refund {1}, which was not recorded", {std::string(table), st.i64(1)}});
    }
}

}  // namespace caisse::db
