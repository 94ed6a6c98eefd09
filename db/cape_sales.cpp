#include "db/cape_sales.hpp"

#include <algorithm>
#include <ctime>
#include <exception>
#include <thread>
#include <unordered_map>

#include "app/core/money.hpp"
#include "db/records/refund.hpp"

namespace caisse::db {

namespace {

struct Line {
    std::int64_t entrepreneur = 0, quantity = 0, total = 0;
    std::int32_t rate = 0;
};

// A line's product for the best sellers: looked up by the row's text, copied only when new.
void add_product(EntrepreneurPeriod& e, std::string_view sku, std::string_view name, std::int64_t quantity, std::int64_t total) {
    auto it = e.by_sku.find(sku);
    if (it == e.by_sku.end()) it = e.by_sku.emplace(std::string(sku), ProductSales{std::string(name), 0, 0}).first;
    it->second.quantity += quantity;
    it->second.ttc += total;
}

// The local hour of a UTC "YYYY-MM-DDTHH:MM:SS.mmmZ": the offset is looked up once per UTC hour
// (time zones change offset on the hour), so a year of tickets costs a few thousand lookups.
class LocalHours {
public:
    int hour(std::string_view at) {
        if (at.size() < 16) return 0;
        // Tickets come in time order: most share the previous one's UTC hour.
        if (at.substr(0, 13) != last_key_) {
            last_key_ = std::string(at.substr(0, 13));
            auto it = offsets_.find(last_key_);
            if (it == offsets_.end()) it = offsets_.emplace(last_key_, offset_minutes(std::string(at))).first;
            last_offset_ = it->second;
        }
        const int minutes = (at[11] - '0') * 600 + (at[12] - '0') * 60 + (at[14] - '0') * 10 + (at[15] - '0');
        return ((minutes + last_offset_) % 1440 + 1440) % 1440 / 60;
    }

private:
    static int offset_minutes(const std::string& at) {
        std::tm tm{};
        tm.tm_year = std::stoi(at.substr(0, 4)) - 1900;
        tm.tm_mon = std::stoi(at.substr(5, 2)) - 1;
        tm.tm_mday = std::stoi(at.substr(8, 2));
        tm.tm_hour = std::stoi(at.substr(11, 2));
        const std::time_t t = timegm(&tm);
        std::tm local{};
        localtime_r(&t, &local);
        return static_cast<int>(local.tm_gmtoff / 60);
    }
    std::unordered_map<std::string, int> offsets_;
    std::string last_key_;
    int last_offset_ = 0;
};

// Shares `vat` (any sign) among the lines of one rate in proportion to |total|, largest remainder,
// ties by entrepreneur id; adds each part to its entrepreneur's amounts for that rate.
void share_vat(std::map<std::int64_t, EntrepreneurPeriod>& out, std::int32_t rate,
               const std::vector<std::pair<std::int64_t, std::int64_t>>& ttc_by_ent, std::int64_t vat) {
    if (ttc_by_ent.size() == 1) {
        auto& a = out[ttc_by_ent[0].first].by_rate[rate];
        a.ttc += ttc_by_ent[0].second;
        a.vat += vat;
        a.ht += ttc_by_ent[0].second - vat;
        return;
    }
    const std::int64_t sign = vat < 0 ? -1 : 1, mag = vat < 0 ? -vat : vat;
    __int128 den = 0;
    for (const auto& [e, t] : ttc_by_ent) den += t < 0 ? -t : t;
    std::vector<std::int64_t> parts(ttc_by_ent.size());
    std::vector<__int128> rem(ttc_by_ent.size());
    std::int64_t given = 0;
    for (std::size_t i = 0; i < ttc_by_ent.size() && den > 0; ++i) {
        const std::int64_t t = ttc_by_ent[i].second < 0 ? -ttc_by_ent[i].second : ttc_by_ent[i].second;
        const __int128 exact = static_cast<__int128>(mag) * t;
        parts[i] = static_cast<std::int64_t>(exact / den);
        rem[i] = exact % den;
        given += parts[i];
    }
    std::vector<std::size_t> order(ttc_by_ent.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    // ttc_by_ent is sorted by entrepreneur id: a stable sort keeps the smaller id first on a tie.
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rem[a] > rem[b]; });
    for (std::int64_t left = den > 0 ? mag - given : 0, k = 0; left > 0; --left, ++k) ++parts[order[static_cast<std::size_t>(k)]];
    if (den == 0) parts[0] = mag;  // a rate whose lines are all free: only a refund could carry VAT
    for (std::size_t i = 0; i < ttc_by_ent.size(); ++i) {
        auto& a = out[ttc_by_ent[i].first].by_rate[rate];
        a.ttc += ttc_by_ent[i].second;
        a.vat += sign * parts[i];
        a.ht += ttc_by_ent[i].second - sign * parts[i];
    }
}

// One ticket's or refund's lines: VAT per rate (given, or by the sale's rule), shared, and the
// entrepreneurs' counts, days, hours and products.
template <class VatOf>
void add_lines(std::map<std::int64_t, EntrepreneurPeriod>& out, std::vector<Line>& lines, const std::string& day, int hour,
               bool refund, VatOf vat_of) {
    std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) {
        return a.rate != b.rate ? a.rate < b.rate : a.entrepreneur < b.entrepreneur;
    });
    std::vector<std::pair<std::int64_t, std::int64_t>> by_ent;
    for (std::size_t i = 0; i < lines.size();) {
        const std::int32_t rate = lines[i].rate;
        by_ent.clear();
        std::int64_t ttc = 0;
        for (; i < lines.size() && lines[i].rate == rate; ++i) {
            if (by_ent.empty() || by_ent.back().first != lines[i].entrepreneur) by_ent.emplace_back(lines[i].entrepreneur, 0);
            by_ent.back().second += lines[i].total;
            ttc += lines[i].total;
        }
        share_vat(out, rate, by_ent, vat_of(rate, ttc));
    }
    // Each entrepreneur of the ticket: counted once, its TTC added to the day and the hour.
    std::sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.entrepreneur < b.entrepreneur; });
    for (std::size_t i = 0; i < lines.size();) {
        const std::int64_t ent = lines[i].entrepreneur;
        std::int64_t ttc = 0;
        for (; i < lines.size() && lines[i].entrepreneur == ent; ++i) ttc += lines[i].total;
        auto& e = out[ent];
        ++(refund ? e.refunds : e.tickets);
        e.by_day[day] += ttc;
        e.by_hour[static_cast<std::size_t>(hour)] += ttc;
    }
}

void widen(TerminalCoverage& c, std::int64_t seq) {
    c.first_seq = c.first_seq == 0 ? seq : std::min(c.first_seq, seq);
    c.last_seq = std::max(c.last_seq, seq);
}

}  // namespace

namespace {

// A terminal's tickets lo..hi (a part of the period's range).
struct Range {
    std::string terminal;
    std::int64_t lo, hi;
};

const auto vat_rule = [](std::int32_t rate, std::int64_t ttc) {
    return div_round_half_up(static_cast<__int128>(ttc) * rate, 10000 + rate);
};

// The sales of the ranges, read on one connection into `out` (figures and coverage per terminal).
// Tickets of a terminal are numbered in time order, so the period's tickets lie in one ticket
// range per terminal; sales and their lines are read side by side along the key, and a ticket of
// the range whose day is outside the period (a clock gone wrong) is left out.
void read_sales(Database& db, const std::vector<Range>& ranges, const std::string& from, const std::string& to, PeriodSales& out,
                std::map<std::string, TerminalCoverage>& coverage) {
    LocalHours hours;
    auto sales = db.prepare("SELECT ticket, day, seq FROM sales WHERE terminal = ?1 AND ticket BETWEEN ?2 AND ?3 ORDER BY ticket");
    // The records' times, read along the journal beside the sales (a ticket's seq grows with its
    // number) rather than looked up one by one; a seq the walk misses is looked up.
    auto seq_of = db.prepare("SELECT seq FROM sales WHERE terminal = ?1 AND ticket = ?2");
    auto times = db.prepare("SELECT seq, at_utc FROM journal WHERE terminal = ?1 AND seq BETWEEN ?2 AND ?3 ORDER BY seq");
    auto time_of = db.prepare("SELECT at_utc FROM journal WHERE terminal = ?1 AND seq = ?2");
    auto lines = db.prepare(
        "SELECT ticket, entrepreneur_id, vat_bp, quantity, total, sku, name FROM sale_lines "
        "WHERE terminal = ?1 AND ticket BETWEEN ?2 AND ?3 ORDER BY ticket, line_no");
    std::vector<Line> ticket_lines;
    for (const auto& r : ranges) {
        auto& cov = coverage[r.terminal];
        cov.terminal = r.terminal;
        auto& by_entrepreneur = out.by_terminal[r.terminal];
        sales.bind(1, r.terminal).bind(2, r.lo).bind(3, r.hi);
        lines.bind(1, r.terminal).bind(2, r.lo).bind(3, r.hi);
        bool more_lines = lines.step();
        std::int64_t seq_lo = 0, seq_hi = -1;
        for (const auto& [ticket, bound] : {std::pair{r.lo, &seq_lo}, std::pair{r.hi, &seq_hi}}) {
            seq_of.bind(1, r.terminal).bind(2, ticket);
            if (seq_of.step()) *bound = seq_of.i64(0);
            seq_of.reset();
        }
        times.bind(1, r.terminal).bind(2, seq_lo).bind(3, seq_hi);
        bool more_times = times.step();
        auto hour_of = [&](std::int64_t seq) {
            while (more_times && times.i64(0) < seq) more_times = times.step();
            if (more_times && times.i64(0) == seq) return hours.hour(times.text(1));
            time_of.bind(1, r.terminal).bind(2, seq);
            const int h = time_of.step() ? hours.hour(time_of.text(0)) : 0;
            time_of.reset();
            return h;
        };
        std::string day;
        while (sales.step()) {
            const std::int64_t ticket = sales.i64(0);
            day = sales.text(1);
            if (day < from || day > to) continue;  // its lines are skipped by the next ticket's
            ticket_lines.clear();
            while (more_lines && lines.i64(0) < ticket) more_lines = lines.step();
            for (; more_lines && lines.i64(0) == ticket; more_lines = lines.step()) {
                const Line l{lines.i64(1), lines.i64(3), lines.i64(4), static_cast<std::int32_t>(lines.i64(2))};
                add_product(by_entrepreneur[l.entrepreneur], lines.text(5), lines.text(6), l.quantity, l.total);
                ticket_lines.push_back(l);
            }
            add_lines(by_entrepreneur, ticket_lines, day, hour_of(sales.i64(2)), false, vat_rule);
            ++out.tickets;
            ++cov.tickets;
            widen(cov, sales.i64(2));
            cov.first_ticket = cov.first_ticket == 0 ? ticket : std::min(cov.first_ticket, ticket);
            cov.last_ticket = std::max(cov.last_ticket, ticket);
        }
        sales.reset();
        lines.reset();
        times.reset();
    }
}

void add_to(EntrepreneurPeriod& into, const EntrepreneurPeriod& part) {
    for (const auto& [rate, a] : part.by_rate) {
        auto& r = into.by_rate[rate];
        r.ht += a.ht;
        r.vat += a.vat;
        r.ttc += a.ttc;
    }
    into.tickets += part.tickets;
    into.refunds += part.refunds;
    for (const auto& [d, v] : part.by_day) into.by_day[d] += v;
    for (std::size_t h = 0; h < 24; ++h) into.by_hour[h] += part.by_hour[h];
    for (const auto& [sku, p] : part.by_sku) {
        auto& q = into.by_sku[sku];
        if (q.name.empty()) q.name = p.name;
        q.quantity += p.quantity;
        q.ttc += p.ttc;
    }
}

void add_to(TerminalCoverage& into, const TerminalCoverage& part) {
    if (part.first_seq) widen(into, part.first_seq);
    if (part.last_seq) widen(into, part.last_seq);
    if (part.first_ticket) into.first_ticket = into.first_ticket == 0 ? part.first_ticket : std::min(into.first_ticket, part.first_ticket);
    into.last_ticket = std::max(into.last_ticket, part.last_ticket);
    into.tickets += part.tickets;
    into.refunds += part.refunds;
}

}  // namespace

PeriodSales period_sales(ReadSnapshot& snap, const std::string& from, const std::string& to) {
    Database& db = snap.at(0);
    PeriodSales out;
    std::map<std::string, TerminalCoverage> coverage;
    for (auto st = db.prepare("SELECT terminal FROM terminals ORDER BY terminal"); st.step();) coverage[st.str(0)].terminal = st.str(0);
    {
        auto top = db.prepare("SELECT seq, at_utc FROM journal WHERE terminal = ?1 ORDER BY seq DESC LIMIT 1");
        for (auto& [t, c] : coverage) {
            top.bind(1, t);
            if (top.step()) {
                c.held_last_seq = top.i64(0);
                c.held_last_at = top.str(1);
            }
            top.reset();
        }
    }

    // Sales: each terminal's ticket range cut in as many parts as the snapshot has connections,
    // read side by side (the sales and their lines are most of the statement's time), then added up.
    // A ticket's VAT is shared within the ticket, so cutting between tickets changes no cent.
    const std::size_t workers = snap.size();
    std::vector<std::vector<Range>> parts(workers);
    {
        auto st = db.prepare("SELECT terminal, MIN(ticket), MAX(ticket) FROM sales WHERE day BETWEEN ?1 AND ?2 GROUP BY terminal");
        st.bind(1, from).bind(2, to);
        while (st.step()) {
            const std::int64_t lo = st.i64(1), hi = st.i64(2);
            const std::int64_t step = (hi - lo + 1 + static_cast<std::int64_t>(workers) - 1) / static_cast<std::int64_t>(workers);
            for (std::size_t w = 0; w < workers; ++w) {
                const std::int64_t a = lo + static_cast<std::int64_t>(w) * step, b = std::min(hi, a + step - 1);
                if (a <= b) parts[w].push_back({st.str(0), a, b});
            }
        }
    }
    std::vector<PeriodSales> partial(workers);
    std::vector<std::map<std::string, TerminalCoverage>> partial_coverage(workers);
    std::vector<std::exception_ptr> failed(workers);
    {
        std::vector<std::thread> threads;
        for (std::size_t w = 1; w < workers; ++w)
            threads.emplace_back([&, w] {
                try {
                    read_sales(snap.at(w), parts[w], from, to, partial[w], partial_coverage[w]);
                } catch (...) {
                    failed[w] = std::current_exception();
                }
            });
        try {
            read_sales(db, parts[0], from, to, partial[0], partial_coverage[0]);
        } catch (...) {
            failed[0] = std::current_exception();
        }
        for (auto& t : threads) t.join();
    }
    for (const auto& f : failed)
        if (f) std::rethrow_exception(f);
    for (std::size_t w = 0; w < workers; ++w) {
        for (const auto& [terminal, ents] : partial[w].by_terminal)
            for (const auto& [ent, p] : ents) add_to(out.by_terminal[terminal][ent], p);
        out.tickets += partial[w].tickets;
        for (const auto& [terminal, c] : partial_coverage[w]) {
            coverage[terminal].terminal = terminal;
            add_to(coverage[terminal], c);
        }
    }

    // Refunds, by their own business day (as the closures count them); few, read one by one.
    LocalHours hours;
    std::vector<Line> ticket_lines;
    if (has_refund_tables(db)) {
        auto refunds = db.prepare(
            "SELECT r.terminal, r.refund, r.seq, r.day, j.at_utc FROM refunds r JOIN journal j ON j.terminal = r.terminal "
            "AND j.seq = r.seq WHERE r.day BETWEEN ?1 AND ?2 ORDER BY r.terminal, r.refund");
        auto rlines = db.prepare(
            "SELECT entrepreneur_id, vat_bp, quantity, total, sku, name FROM refund_lines WHERE terminal = ?1 AND refund = ?2 "
            "ORDER BY line_no");
        auto rvat = db.prepare("SELECT rate, vat FROM refund_vat WHERE terminal = ?1 AND refund = ?2");
        refunds.bind(1, from).bind(2, to);
        while (refunds.step()) {
            const std::string terminal = refunds.str(0);
            const std::int64_t refund = refunds.i64(1);
            ticket_lines.clear();
            rlines.bind(1, terminal).bind(2, refund);
            while (rlines.step()) {
                const Line l{rlines.i64(0), rlines.i64(2), rlines.i64(3), static_cast<std::int32_t>(rlines.i64(1))};
                add_product(out.by_terminal[terminal][l.entrepreneur], rlines.text(4), rlines.text(5), l.quantity, l.total);
                ticket_lines.push_back(l);
            }
            rlines.reset();
            std::map<std::int32_t, std::int64_t> vat;
            rvat.bind(1, terminal).bind(2, refund);
            while (rvat.step()) vat[static_cast<std::int32_t>(rvat.i64(0))] = rvat.i64(1);
            rvat.reset();
            add_lines(out.by_terminal[terminal], ticket_lines, refunds.str(3), hours.hour(refunds.text(4)), true,
                      [&](std::int32_t rate, std::int64_t) { return vat[rate]; });
            auto& cov = coverage[terminal];
            cov.terminal = terminal;
            ++cov.refunds;
            ++out.refunds;
            widen(cov, refunds.i64(2));
        }
    }
    for (auto& [t, c] : coverage) out.coverage.push_back(std::move(c));
    return out;
}

}  // namespace caisse::db
