#include "db/archive/closure_sums.hpp"

#include <cstdlib>

namespace caisse::db {

namespace {

using nlohmann::json;

std::int64_t num(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number_integer() ? it->get<std::int64_t>() : 0;
}

std::string text(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A closure's totals keys (docs/ledger-format.md, "Closures") as the sums compare them.
ClosureSums::Totals totals_of(const json& p) {
    ClosureSums::Totals t;
    t.tickets = num(p, "tickets");
    t.total = num(p, "total");
    t.total_abs = num(p, "total_abs");
    t.cash_in = num(p, "cash_in");
    t.cash_out = num(p, "cash_out");
    t.voucher_excess = num(p, "voucher_excess");
    if (const auto e = p.find("by_entrepreneur"); e != p.end() && e->is_array())
        for (const auto& x : *e) t.by_entrepreneur[num(x, "entrepreneur")] += num(x, "total");
    if (const auto b = p.find("by_tender"); b != p.end() && b->is_array())
        for (const auto& x : *b) t.by_tender[text(x, "method")] += num(x, "amount");
    return t;
}

void add_into(ClosureSums::Totals& to, const ClosureSums::Totals& t) {
    to.tickets += t.tickets;
    to.total += t.total;
    to.total_abs += t.total_abs;
    to.cash_in += t.cash_in;
    to.cash_out += t.cash_out;
    to.voucher_excess += t.voucher_excess;
    for (const auto& [k, v] : t.by_entrepreneur) to.by_entrepreneur[k] += v;
    for (const auto& [k, v] : t.by_tender) to.by_tender[k] += v;
}

// The first totals key that differs, or "" when they agree.
std::string first_difference(const ClosureSums::Totals& a, const ClosureSums::Totals& b) {
    if (a.tickets != b.tickets) return "tickets";
    if (a.total != b.total) return "total";
    if (a.total_abs != b.total_abs) return "total_abs";
    if (a.cash_in != b.cash_in) return "cash_in";
    if (a.cash_out != b.cash_out) return "cash_out";
    if (a.by_entrepreneur != b.by_entrepreneur) return "by_entrepreneur";
    if (a.by_tender != b.by_tender) return "by_tender";
    if (a.voucher_excess != b.voucher_excess) return "voucher_excess";
    return "";
}

}  // namespace

std::optional<SaleSums> ClosureSums::sale_sums_of(const json& p) {
    if (!p.is_object()) return std::nullopt;
    SaleSums s;
    s.session = num(p, "session");
    s.total = num(p, "total");
    s.change = num(p, "change");
    s.voucher_excess = num(p, "voucher_excess");
    if (const auto lines = p.find("lines"); lines != p.end() && lines->is_array())
        for (const auto& l : *lines) s.lines.emplace_back(num(l, "ent"), num(l, "total"));
    if (const auto pays = p.find("payments"); pays != p.end() && pays->is_array())
        for (const auto& x : *pays) s.payments.emplace_back(text(x, "method"), num(x, "amount"));
    return s;
}

void ClosureSums::add(const JournalRecord& r, const json& p, const std::optional<SaleSums>& sale, const Report& report) {
    if (r.kind == "session.open") {
        if (p.is_object()) sessions_[num(p, "id")];
    } else if (r.kind == "sale") {
        if (sale) add_sale(*sale);
    } else if (r.kind == "sale.refund") {
        if (sale) add_refund(*sale);
    } else if (r.kind == "cash.move") {
        if (!p.is_object()) return;
        const auto s = sessions_.find(num(p, "session"));
        if (s == sessions_.end()) return;
        const std::int64_t amount = num(p, "amount");
        (amount > 0 ? s->second.cash_in : s->second.cash_out) += std::llabs(amount);
    } else if (r.kind == "closure.day") {
        add_z(r, p, report);
    } else if (r.kind == "closure.month" || r.kind == "closure.year") {
        add_period(r, p, report);
    }
}

void ClosureSums::add_sale(const SaleSums& p) {
    const auto s = sessions_.find(p.session);
    if (s == sessions_.end()) return;  // its session opened before the archive: its Z is not checked
    Totals& t = s->second;
    ++t.tickets;
    t.total += p.total;
    t.total_abs += std::llabs(p.total);
    for (const auto& [ent, total] : p.lines) t.by_entrepreneur[ent] += total;
    for (const auto& [method, amount] : p.payments) t.by_tender[method] += amount;
    if (p.change != 0) t.by_tender["cash"] -= p.change;
    // Vouchers beyond the ticket are counted apart (the Z's rule, db/records/closure.cpp).
    t.voucher_excess += p.voucher_excess;
    if (p.voucher_excess != 0) t.by_tender["voucher"] -= p.voucher_excess;
}

// As the Z counts it (db/records/closure.cpp, add_session_refunds): the refund's total (<= 0) in the
// total and its absolute value in total_abs, its payments by tender and its lines by entrepreneur.
void ClosureSums::add_refund(const SaleSums& p) {
    const auto s = sessions_.find(p.session);
    if (s == sessions_.end()) return;
    Totals& t = s->second;
    t.total += p.total;
    t.total_abs += std::llabs(p.total);
    for (const auto& [ent, total] : p.lines) t.by_entrepreneur[ent] += total;
    for (const auto& [method, amount] : p.payments) t.by_tender[method] += amount;
    // A cancellation takes its ticket's voucher excess back (<= 0), as the Z counts it.
    t.voucher_excess += p.voucher_excess;
    if (p.voucher_excess != 0) t.by_tender["voucher"] -= p.voucher_excess;
}

void ClosureSums::add_z(const JournalRecord& r, const json& p, const Report& report) {
    ++closures_;
    if (!p.is_object()) {
        report(r.seq, Message{"record {0}: the Z's payload is not a JSON object", {r.seq}});
        return;
    }
    Z z{r.seq, totals_of(p), text(p, "month"), text(p, "year")};
    const std::int64_t number = num(p, "z");
    if (const auto s = sessions_.find(num(p, "session")); s != sessions_.end()) {
        // A session's tender entries that sum to 0 are still listed by the Z: compare non-zero ones.
        auto nonzero = [](Totals t) {
            std::erase_if(t.by_tender, [](const auto& e) { return e.second == 0; });
            return t;
        };
        const std::string diff = first_difference(nonzero(z.totals), nonzero(s->second));
        if (!diff.empty())
            report(r.seq, Message{"Z {0} (record {1}) does not add up to the records of its session: {2} differs", {number, r.seq, diff}});
    }
    const std::int64_t grand = num(p, "grand_total");
    if (last_z_) {
        if (number != last_z_->first + 1)
            report(r.seq, Message{"Z {0} (record {1}) follows Z {2}: Z numbers must run on", {number, r.seq, last_z_->first}});
        else if (grand != last_z_->second + z.totals.total)
            report(r.seq, Message{"Z {0} (record {1}): its grand total does not run on from the Z before it", {number, r.seq}});
    }
    last_z_ = {number, grand};
    zs_[number] = std::move(z);
}

void ClosureSums::add_period(const JournalRecord& r, const json& p, const Report& report) {
    ++closures_;
    if (!p.is_object()) {
        report(r.seq, Message{"record {0}: the closure's payload is not a JSON object", {r.seq}});
        return;
    }
    periods_[r.seq] = {r.kind, text(p, "period")};
    const std::int64_t first = num(p, "first_z"), last = num(p, "last_z");
    Totals sum;
    for (std::int64_t z = first; z <= last; ++z) {
        const auto it = zs_.find(z);
        if (it == zs_.end()) return;  // Zs before the archive: not checked here
        add_into(sum, it->second.totals);
    }
    auto stated = totals_of(p);
    const std::string diff = first_difference(stated, sum);
    if (!diff.empty())
        report(r.seq, Message{"the {0} closure of {1} (record {2}) is not the sum of its Zs: {3} differs", {r.kind, text(p, "period"), r.seq, diff}});
}

void ClosureSums::finish(std::int64_t first_z, std::int64_t last_z, const json& closure_seq, const Report& report) {
    const bool month = period_.size() == 7;
    for (std::int64_t z = first_z; z <= last_z; ++z) {
        const auto it = zs_.find(z);
        if (it == zs_.end()) {
            report(0, Message{"Z {0} of the period is missing from the archive", {z}});
            continue;
        }
        if ((month ? it->second.month : it->second.year) != period_)
            report(it->second.seq, Message{"Z {0} (record {1}) is not of the period {2}", {z, it->second.seq, period_}});
    }
    for (const auto& [z, info] : zs_)
        if ((z < first_z || z > last_z) && (month ? info.month : info.year) == period_)
            report(info.seq, Message{"Z {0} (record {1}) is of the period {2} but the header leaves it out", {z, info.seq, period_}});
    if (closure_seq.is_number_integer()) {
        const auto it = periods_.find(closure_seq.get<std::int64_t>());
        if (it == periods_.end() || it->second.first != (month ? "closure.month" : "closure.year") || it->second.second != period_)
            report(0, Message{"the header's closure of the period is not in the archive", {}});
    } else if (!closure_seq.is_null()) {
        report(0, Message{"the header's closure_seq is neither a record number nor null", {}});
    }
}

}  // namespace caisse::db
