#include "app/services/cape_export.hpp"

#include "app/core/csv.hpp"
#include "app/services/i18n.hpp"

namespace caisse {

namespace {

using i18n::tr;

// 1350 -> "13,5 %", 3000 -> "30 %".
std::string percent(std::int64_t bp) {
    std::string s = std::to_string(bp / 100);
    if (const std::int64_t f = bp % 100; f != 0) {
        s += ',';
        s += static_cast<char>('0' + f / 10);
        if (f % 10) s += static_cast<char>('0' + f % 10);
    }
    return s + " %";
}

}  // namespace

Message rule_description(const RuleInEffect& e) {
    const auto& r = e.rule;
    Message split;
    switch (r.split.method) {
        case cape::SplitMethod::equal: split = Message{"equal shares", {}}; break;
        case cape::SplitMethod::own_net: split = Message{"pro rata to own net sales", {}}; break;
        case cape::SplitMethod::hours: split = Message{"pro rata to hours worked", {}}; break;
        case cape::SplitMethod::hybrid: split = Message{"{0} pooled equally, the rest pro rata to own net sales", {percent(r.split.pooled_bp)}}; break;
    }
    const Message contribution =
        r.contribution_bp == 0 && r.contribution_per_month == Money{}
            ? Message{"no CAE contribution", {}}
            : Message{"CAE contribution {0} per month and {1} of the gross margin", {r.contribution_per_month.format(), percent(r.contribution_bp)}};
    Message key;
    switch (r.charge_key) {
        case cape::ChargeKey::equal: key = Message{"equal shares", {}}; break;
        case cape::ChargeKey::sales: key = Message{"sales", {}}; break;
        case cape::ChargeKey::hours: key = Message{"hours worked", {}}; break;
    }
    Message source;
    switch (e.source) {
        case RuleInEffect::Source::Default: source = Message{"no rule recorded yet: equal shares and no contribution until the group sets one", {}}; break;
        case RuleInEffect::Source::Recorded: source = Message{"the rule recorded on {0}", {e.recorded ? e.recorded->at_utc.substr(0, 10) : ""}}; break;
        case RuleInEffect::Source::WhatIf: source = Message{"what-if: this split is not the recorded rule", {}}; break;
    }
    return Message{"{0}; {1}; group charges by {2} ({3})", {split, contribution, key, source}};
}

std::string statement_csv(const CapeStatement& st) {
    FrenchCsv out;
    const auto& s = st.split;
    const auto texts = [&out](std::initializer_list<std::string> cells) {
        for (const auto& c : cells) out.text(c);
        out.end_row();
    };
    texts({tr("CAPE statement"), st.from, st.to});
    texts({tr("Rule"), cape::split_name(st.rule.rule.split), tr(rule_description(st.rule))});
    out.end_row();
    std::vector<std::string> head = {tr("Member"), tr("Sales incl. VAT"), tr("Sales excl. VAT"), tr("VAT"), tr("Tickets"),
                                     tr("Own charges excl. VAT"), tr("Share of group charges"), tr("Own net"), tr("Hours"),
                                     tr("Share of the contribution"), tr("Envelope (share)"), tr("Flags")};
    if (s.has_salary_estimate) {
        head.push_back(tr("Gross salary (estimate)"));
        head.push_back(tr("Net salary (estimate)"));
    }
    for (const auto& h : head) out.text(h);
    out.end_row();
    for (const auto& m : st.members) {
        const auto& p = m.split;
        std::string flags;
        if (p.flags.charges_exceed_sales) flags = tr("charges exceed sales");
        if (p.flags.no_hours) flags += (flags.empty() ? "" : ", ") + tr("no hours");
        out.text(p.name).money(p.sales_ttc).money(p.sales_ht).money(p.sales_ttc - p.sales_ht).integer(m.tickets);
        out.money(p.own_charges_ht).money(p.group_charges).money(p.net).text(cape::minutes_text(p.minutes));
        out.money(p.contribution).money(p.share).text(flags);
        if (s.has_salary_estimate) out.money(p.gross_salary_estimate).money(p.net_salary_estimate);
        out.end_row();
    }
    out.end_row();
    texts({tr("Group"), tr("Amount")});
    const std::vector<std::pair<std::string, Money>> totals = {
        {tr("Sales incl. VAT"), s.sales_ttc},          {tr("Sales excl. VAT"), s.sales_ht},
        {tr("Own charges excl. VAT"), s.own_charges_ht}, {tr("Group charges excl. VAT"), s.group_charges_ht},
        {tr("Gross margin"), s.gross_margin},          {tr("CAE contribution, fixed part"), s.contribution_fixed},
        {tr("CAE contribution, share of the margin"), s.contribution_variable}, {tr("CAE contribution"), s.contribution},
        {tr("Distributable"), s.distributable},        {tr("Shortfall (not split)"), s.shortfall}};
    for (const auto& [label, m] : totals) {
        out.text(label).money(m);
        out.end_row();
    }
    out.text(tr("Tickets")).integer(st.tickets);
    out.end_row();
    out.text(tr("Refunds")).integer(st.refunds);
    out.end_row();
    out.end_row();
    texts({tr("Member"), tr("VAT rate"), tr("Sales excl. VAT"), tr("VAT"), tr("Sales incl. VAT")});
    for (const auto& m : st.members)
        for (const auto& [rate, a] : m.by_rate) {
            out.text(m.split.name).rate(VatRate{rate}).money(a.ht).money(a.vat).money(a.ttc);
            out.end_row();
        }
    out.end_row();
    texts({tr("Date"), tr("Member"), tr("Category"), tr("Supplier"), tr("Amount incl. VAT"), tr("VAT"),
           tr("Paid from the drawer"), tr("Terminal"), tr("Seq")});
    for (const auto& l : st.charge_lines) {
        const auto& c = l.record;
        out.text(c.day).text(l.member.empty() ? tr("group") : l.member).text(c.category).text(c.supplier);
        out.money(c.ttc).money(c.vat).text(c.cash_move_seq ? tr("yes") : tr("no")).text(c.terminal).integer(c.seq);
        out.end_row();
    }
    out.end_row();
    texts({tr("Terminal"), tr("First seq"), tr("Last seq"), tr("First ticket"), tr("Last ticket"), tr("Tickets"),
           tr("Refunds"), tr("Newest seq held"), tr("Newest record")});
    for (const auto& c : st.coverage) {
        out.text(c.terminal).integer(c.first_seq).integer(c.last_seq).integer(c.first_ticket).integer(c.last_ticket);
        out.integer(c.tickets).integer(c.refunds).integer(c.held_last_seq).text(c.held_last_at);
        out.end_row();
    }
    return out.str();
}

}  // namespace caisse
