#include "app/services/cape.hpp"

#include <algorithm>
#include <set>

#include "app/core/limits.hpp"
#include "app/core/text.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/catering_revenue.hpp"
#include "app/services/members.hpp"
#include "db/records/catalogue.hpp"
#include "db/records/member.hpp"

namespace caisse {

namespace {

void check_not_future(Till& till, const std::string& day) {
    check_date(day);
    if (day > till.today()) throw InputError("date {0} is after today ({1})", day, till.today());
}

// This till's entrepreneur for a person named on a charge or hours (inside Ledger::write): the
// entrepreneur of the same name_key, else the roster's member of that name, who then gets an
// entrepreneur here linked to them (a coordinator's till records charges of members who sell on
// other tills). Throws InputError naming the person otherwise.
std::int64_t member_entrepreneur(Till& till, const std::string& name) {
    auto& ledger = till.ledger();
    const std::string key = name_key(name);
    for (const auto& e : db::entrepreneurs(ledger))
        if (name_key(e.name) == key) return e.id;
    for (const auto& m : db::current_members(ledger.db()))
        if (name_key(m.name) == key) {
            const std::int64_t id = db::add_entrepreneur(ledger, m.name, m.colour, till.now_utc());
            db::link_member(ledger, id, m.id, till.now_utc());
            return id;
        }
    for (const auto& m : member_resolution(ledger.db()).members)  // every till's entrepreneurs too
        if (names_one_edit_apart(m.name, name))
            throw InputError("\"{0}\" is not a member: did you mean \"{1}\"?", name, m.name);
    throw InputError("\"{0}\" is neither an entrepreneur of this till nor a member of the roster (caisse roster add, or "
                     "import the group's roster)",
                     name);
}

// The member's display name of (terminal, entrepreneur), or "#id" for one the file does not know.
std::string member_name(const MemberResolution& who, const std::string& terminal, std::int64_t entrepreneur) {
    const std::string id = member_of(who.map, terminal, entrepreneur);
    for (const auto& m : who.members)
        if (m.id == id) return m.name;
    return "#" + std::to_string(entrepreneur);
}

// The minutes recorded on day for the member that this till's entrepreneur is, over every
// terminal of the file (the same person's hours entered on two tills count together).
std::int64_t member_minutes_on(Till& till, std::int64_t entrepreneur, const std::string& day) {
    const auto who = member_resolution(till.ledger().db());
    const std::string member = member_of(who.map, till.ledger().terminal(), entrepreneur);
    std::int64_t minutes = 0;
    for (const auto& h : db::hours_between(till.ledger().db(), day, day))
        if (member_of(who.map, h.terminal, h.entrepreneur) == member) minutes += h.minutes;
    return minutes;
}

}  // namespace

db::ChargeRecord add_charge(Till& till, const Actor& by, const ChargeRequest& r) {
    check_not_future(till, r.day);
    if (r.ttc == Money{}) throw InputError("a charge cannot be zero");
    const Money mag = r.ttc < Money{} ? -r.ttc : r.ttc;
    if (mag.value() > kMaxChargeCents)
        throw InputError("a charge of {0} is above {1}: check the amount", r.ttc.format(), Money::cents(kMaxChargeCents).format());
    const bool same_sign = r.ttc > Money{} ? r.vat >= Money{} : r.vat <= Money{};
    const Money vat_mag = r.vat < Money{} ? -r.vat : r.vat;
    // 20 % is the highest French rate: its VAT is a sixth of the TTC; a larger VAT is a typo.
    if (!same_sign || vat_mag.value() * 6 > mag.value() + 5)
        throw InputError("a VAT of {0} does not fit a charge of {1} (at most 20 % VAT, same sign)", r.vat.format(), r.ttc.format());
    check_display_text(r.category, "the category", kMaxCategoryNameChars);
    check_display_text(r.supplier, "the supplier", kMaxBusinessFieldChars);
    if (r.from_drawer && r.ttc < Money{}) throw InputError("a credit note cannot be paid from the drawer");
    const char* action = "record a charge";
    const User user = till.authorise(by, Role::Manager, action);
    db::ChargeRecord c;
    c.day = r.day;
    c.ttc = r.ttc.value();
    c.vat = r.vat.value();
    c.category = r.category;
    c.supplier = r.supplier;
    c.user = user.id;
    till.ledger().write([&] {
        if (r.entrepreneur) c.entrepreneur = member_entrepreneur(till, *r.entrepreneur);
        if (r.from_drawer) {
            if (mag.value() > kMaxDrawerCents)
                throw InputError("a cash move of {0} is above {1}: check the amount", mag.format(), Money::cents(kMaxDrawerCents).format());
            c.cash_move_seq = cash_move_in_commit(till, user, true, r.ttc, "charge: " + r.supplier, c.entrepreneur).seq;
        }
        db::record_charge(till.ledger(), c, till.now_utc());
        till.journal_override(by, Role::Manager, action, r.ttc.format());
    });
    return c;
}

db::HoursRecord add_hours(Till& till, const Actor& by, const HoursRequest& r) {
    check_not_future(till, r.day);
    if (r.minutes == 0 || r.minutes > kMaxMinutesPerDay || r.minutes < -kMaxMinutesPerDay)
        throw InputError("hours of one day must be more than zero and at most 24:00, not {0}", cape::minutes_text(r.minutes));
    const char* action = "record hours";
    const User user = till.authorise(by, Role::Manager, action);
    db::HoursRecord h;
    h.day = r.day;
    h.minutes = r.minutes;
    h.user = user.id;
    till.ledger().write([&] {
        h.entrepreneur = member_entrepreneur(till, r.entrepreneur);
        const std::int64_t before = member_minutes_on(till, h.entrepreneur, r.day);
        if (before + r.minutes < 0 || before + r.minutes > kMaxMinutesPerDay)
            throw InputError("{0} would have {1} hours on {2}: a day holds 0:00 to 24:00", r.entrepreneur,
                             cape::minutes_text(before + r.minutes), r.day);
        db::record_hours(till.ledger(), h, till.now_utc());
        till.journal_override(by, Role::Manager, action, cape::minutes_text(r.minutes));
    });
    return h;
}

db::RuleRecord set_rule(Till& till, const Actor& by, const cape::Rule& rule) {
    auto bp_ok = [](std::int32_t v) { return v >= 0 && v <= 10000; };
    if (!bp_ok(rule.contribution_bp) || !bp_ok(rule.employer_bp) || !bp_ok(rule.employee_bp) || !bp_ok(rule.split.pooled_bp))
        throw InputError("a rate of the split rule must be between 0 and 100 %");
    if (rule.contribution_per_month < Money{} || rule.contribution_per_month.value() > kMaxChargeCents)
        throw InputError("the CAE's fixed contribution per month must be between 0 and {0}", Money::cents(kMaxChargeCents).format());
    const char* action = "set the split rule";
    const User user = till.authorise(by, Role::Manager, action);
    db::RuleRecord r;
    r.rule = rule;
    r.user = user.id;
    till.ledger().write([&] {
        db::record_rule(till.ledger(), r, till.now_utc());
        till.journal_override(by, Role::Manager, action, cape::split_name(rule.split));
    });
    return r;
}

RuleInEffect rule_in_effect(Till& till, const std::optional<cape::SplitRule>& what_if) {
    return rule_in_effect(till.ledger().db(), what_if);
}

RuleInEffect rule_in_effect(db::Database& db, const std::optional<cape::SplitRule>& what_if) {
    RuleInEffect e;
    e.recorded = db::current_rule(db);
    if (e.recorded) {
        e.rule = e.recorded->rule;
        e.source = RuleInEffect::Source::Recorded;
    }
    if (what_if) {
        // A what-if changes the split only: the CAE's contribution and the key of group charges
        // are the group's, whatever split is being compared.
        e.rule.split = *what_if;
        e.source = RuleInEffect::Source::WhatIf;
    }
    return e;
}

std::vector<ChargeLine> list_charges(Till& till, const std::string& from, const std::string& to) {
    check_date(from);
    check_date(to);
    std::vector<ChargeLine> out;
    const auto who = member_resolution(till.ledger().db());
    for (auto& c : db::charges_between(till.ledger().db(), from, to)) {
        std::string name = c.entrepreneur ? member_name(who, c.terminal, *c.entrepreneur) : "";
        out.push_back({std::move(c), std::move(name)});
    }
    return out;
}

std::vector<HoursLine> list_hours(Till& till, const std::string& from, const std::string& to) {
    check_date(from);
    check_date(to);
    std::vector<HoursLine> out;
    const auto who = member_resolution(till.ledger().db());
    for (auto& h : db::hours_between(till.ledger().db(), from, to)) {
        std::string name = member_name(who, h.terminal, h.entrepreneur);
        out.push_back({std::move(h), std::move(name)});
    }
    return out;
}

namespace {

// What every statement of a period reads, once (a what-if splits it under several rules).
struct PeriodInputs {
    std::int64_t months = 0;
    std::vector<RuleInEffect> rules;  // one per rule asked for, in order
    db::PeriodSales sales;
    std::vector<db::ChargeRecord> charges;
    std::vector<db::HoursRecord> hours;
    MemberResolution who;
    std::map<std::pair<std::string, std::int64_t>, InvoicedAmounts> invoiced;  // (terminal, entrepreneur)
};

PeriodInputs read_period(Till& till, const std::string& from, const std::string& to,
                         const std::vector<std::optional<cape::SplitRule>>& what_ifs) {
    PeriodInputs in;
    in.months = cape::months_begun(from, to);  // checks both dates and their order
    // Every figure of a statement is of one commit, even while a till process sells into the
    // same file: two connections in one snapshot (the sales are read on both, side by side).
    db::ReadSnapshot snap(till.ledger().path(), 2);
    auto& db = snap.at(0);
    for (const auto& w : what_ifs) in.rules.push_back(rule_in_effect(db, w));
    in.sales = db::period_sales(snap, from, to);
    in.charges = db::charges_between(db, from, to);
    in.hours = db::hours_between(db, from, to);
    in.who = member_resolution(db);
    in.invoiced = invoiced_revenue(db, from, to);
    if (in.who.members.empty()) throw InputError("the ledger has no entrepreneur: there is nobody to split between");
    return in;
}

// The statement of the period's inputs under one rule (no reading).
CapeStatement compose(const PeriodInputs& period, const RuleInEffect& rule, const std::string& from, const std::string& to) {
    const auto& sales = period.sales;
    const auto& charges = period.charges;
    const auto& hours = period.hours;
    const auto& who = period.who;
    const std::int64_t months = period.months;
    CapeStatement st;
    st.from = from;
    st.to = to;
    st.rule = rule;

    // Members of the roster (member_resolution: every entrepreneur of every till is one), keyed by
    // their id, the same on every till; a member whose CAPE dates miss the period and who has no
    // figure in it is left out below.
    std::map<std::string, MemberStatement> members;
    std::map<std::string, cape::MemberInput> inputs;
    std::map<std::string, const Member*> roster;
    for (const auto& m : who.members) {
        roster[m.id] = &m;
        inputs[m.id].id = m.id;
        inputs[m.id].name = m.name;
    }
    std::set<std::string> with_figures;
    auto member_for = [&](const std::string& terminal, std::int64_t entrepreneur) -> std::string {
        std::string id = member_of(who.map, terminal, entrepreneur);
        if (id.empty()) {
            // A line of an entrepreneur the file has no record of (an imported till's, before its
            // catalogue): a member of its own, so its sales are never dropped.
            id = "#" + terminal + "/" + std::to_string(entrepreneur);
            inputs[id].id = id;
            inputs[id].name = "#" + std::to_string(entrepreneur);
        }
        with_figures.insert(id);
        return id;
    };
    std::map<std::string, std::map<std::string, ProductLine>> products;
    for (const auto& [terminal, ents] : sales.by_terminal)
    for (const auto& [ent, p] : ents) {
        const std::string id = member_for(terminal, ent);
        auto& m = members[id];
        auto& in = inputs[id];
        for (const auto& [rate, a] : p.by_rate) {
            auto& r = m.by_rate[rate];
            r.ht += a.ht;
            r.vat += a.vat;
            r.ttc += a.ttc;
            auto& g = st.by_rate[rate];
            g.ht += a.ht;
            g.vat += a.vat;
            g.ttc += a.ttc;
            in.sales_ht += Money::cents(a.ht);
            in.sales_ttc += Money::cents(a.ttc);
        }
        m.tickets += p.tickets;
        m.refunds += p.refunds;
        for (const auto& [d, v] : p.by_day) m.by_day[d] += v;
        for (std::size_t h = 0; h < 24; ++h) m.by_hour[h] += p.by_hour[h];
        for (const auto& [sku, ps] : p.by_sku) {
            auto& line = products[id][sku];
            line.sku = sku;
            if (line.name.empty()) line.name = ps.name;
            line.quantity += ps.quantity;
            line.ttc += Money::cents(ps.ttc);
        }
    }
    for (const auto& [key, a] : period.invoiced) {
        const std::string id = member_for(key.first, key.second);
        auto& m = members[id];
        auto& in = inputs[id];
        m.invoiced_ht += a.ht;
        m.invoiced_ttc += a.ht + a.vat;
        m.invoices += a.invoices;
        in.sales_ht += a.ht;
        in.sales_ttc += a.ht + a.vat;
        st.invoiced_ht += a.ht;
        st.invoiced_ttc += a.ht + a.vat;
    }
    for (const auto& c : charges) {
        ++st.charges;
        st.charge_lines.push_back({c, c.entrepreneur ? inputs[member_for(c.terminal, *c.entrepreneur)].name : ""});
        if (!c.entrepreneur) {
            st.group_charges_ttc += Money::cents(c.ttc);
            st.group_charges_vat += Money::cents(c.vat);
            continue;
        }
        const std::string id = member_for(c.terminal, *c.entrepreneur);
        inputs[id].own_charges_ttc += Money::cents(c.ttc);
        inputs[id].own_charges_vat += Money::cents(c.vat);
    }
    for (const auto& h : hours) {
        ++st.hours_entries;
        inputs[member_for(h.terminal, h.entrepreneur)].minutes += h.minutes;
    }
    for (auto& [id, in] : inputs) in.minutes = std::max<std::int64_t>(0, in.minutes);

    std::vector<cape::MemberInput> list;
    for (auto& [id, in] : inputs) {
        const auto r = roster.find(id);
        const bool outside = r != roster.end() && ((!r->second->cape_end.empty() && r->second->cape_end < from) ||
                                                   (!r->second->cape_start.empty() && r->second->cape_start > to));
        if (outside && !with_figures.count(id)) continue;  // not in the CAPE during the period
        list.push_back(in);
    }
    st.split = cape::split(list, st.group_charges_ttc, st.group_charges_vat, st.rule.rule, months);
    for (const auto& s : st.split.members) {
        MemberStatement m = std::move(members[s.id]);
        m.split = s;
        if (const auto r = roster.find(s.id); r != roster.end()) m.colour = r->second->colour;
        m.own_charges_ttc = inputs[s.id].own_charges_ttc;
        m.own_charges_vat = inputs[s.id].own_charges_vat;
        std::vector<ProductLine> best;
        for (auto& [sku, line] : products[s.id]) best.push_back(line);
        std::sort(best.begin(), best.end(), [](const ProductLine& a, const ProductLine& b) {
            return a.ttc != b.ttc ? a.ttc > b.ttc : a.sku < b.sku;
        });
        if (best.size() > 5) best.resize(5);
        m.best_sellers = std::move(best);
        st.members.push_back(std::move(m));
    }
    // Shown by name (the split itself ran in member id order, its deterministic tie-break).
    std::stable_sort(st.members.begin(), st.members.end(), [](const MemberStatement& a, const MemberStatement& b) {
        return name_key(a.split.name) < name_key(b.split.name);
    });
    st.tickets = sales.tickets;
    st.refunds = sales.refunds;
    st.coverage = sales.coverage;
    return st;
}

}  // namespace


CapeStatement cape_statement(Till& till, const std::string& from, const std::string& to,
                             const std::optional<cape::SplitRule>& what_if) {
    const PeriodInputs period = read_period(till, from, to, {what_if});
    return compose(period, period.rules.front(), from, to);
}

std::vector<CapeStatement> cape_statements(Till& till, const std::string& from, const std::string& to,
                                           const std::vector<cape::SplitRule>& rules) {
    std::vector<std::optional<cape::SplitRule>> what_ifs(rules.begin(), rules.end());
    const PeriodInputs period = read_period(till, from, to, what_ifs);
    std::vector<CapeStatement> out;
    for (const auto& r : period.rules) out.push_back(compose(period, r, from, to));
    return out;
}

}  // namespace caisse
