// caisse charge add|list, caisse hours add|list, caisse cape rule set|show, caisse cape statement
// (issue 11, items 3 to 5): parse the text into typed requests, call the CAPE services, print.
#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "app/cli/cli_common.hpp"
#include "app/services/cape.hpp"
#include "app/services/cape_export.hpp"
#include "app/services/cape_view.hpp"
#include "app/services/cape_pdf.hpp"

namespace caisse::cli {

namespace {

struct Period {
    std::string from = "0000-01-01", to = "9999-12-31";
};

void add_period(CLI::App* cmd, Period& p, bool required) {
    auto* f = cmd->add_option("--from", p.from, tr("first business day, YYYY-MM-DD"));
    auto* t = cmd->add_option("--to", p.to, tr("last business day, YYYY-MM-DD"));
    if (required) f->required(), t->required();
}

// An option's percentage (0 to 100, up to 2 decimals) as basis points; a clear refusal naming it.
std::int32_t percent_bp(const std::string& option, const std::string& text) {
    const std::int32_t bp = cape::percent_bp(text);
    if (bp < 0) throw InputError("{0}: \"{1}\" is not a percentage from 0 to 100 (e.g. 13,5)", option, text);
    return bp;
}

ordered_json amounts_json(const db::RateAmounts& a) { return {{"ht", a.ht}, {"vat", a.vat}, {"ttc", a.ttc}}; }


// The rule in effect as JSON: split, source (default, recorded, what-if), contribution (cents per
// month, basis points of the margin), charge key, salary rates (bp), and its description.
ordered_json rule_json(const RuleInEffect& e) {
    const char* source = e.source == RuleInEffect::Source::Default ? "default" : e.source == RuleInEffect::Source::Recorded ? "recorded" : "what-if";
    return {{"split", cape::split_name(e.rule.split)},
            {"source", source},
            {"contribution_per_month", e.rule.contribution_per_month.value()},
            {"contribution_bp", e.rule.contribution_bp},
            {"charge_key", cape::charge_key_name(e.rule.charge_key)},
            {"employer_bp", e.rule.employer_bp},
            {"employee_bp", e.rule.employee_bp},
            {"description", tr(rule_description(e))}};
}

ordered_json statement_json(const CapeStatement& st) {
    const auto& s = st.split;
    ordered_json members = ordered_json::object();
    for (const auto& m : st.members) {
        const auto& p = m.split;
        ordered_json by_rate = ordered_json::object();
        for (const auto& [rate, a] : m.by_rate) by_rate[std::to_string(rate)] = amounts_json(a);
        ordered_json best = ordered_json::array();
        for (const auto& b : m.best_sellers) best.push_back({{"sku", b.sku}, {"name", b.name}, {"quantity", b.quantity}, {"ttc", b.ttc.value()}});
        ordered_json by_day = ordered_json::object();
        for (const auto& [d, v] : m.by_day) by_day[d] = v;
        ordered_json j;
        // The contract's four keys first; charges = own charges and the share of the group's, HT.
        j["sales_ttc"] = p.sales_ttc.value();
        j["sales_ht"] = p.sales_ht.value();
        j["charges"] = (p.own_charges_ht + p.group_charges).value();
        j["share"] = p.share.value();
        j["id"] = p.id;
        j["vat"] = (p.sales_ttc - p.sales_ht).value();
        j["by_rate"] = by_rate;
        j["tickets"] = m.tickets;
        j["refunds"] = m.refunds;
        j["own_charges_ht"] = p.own_charges_ht.value();
        j["own_charges_ttc"] = m.own_charges_ttc.value();
        j["group_charges"] = p.group_charges.value();
        j["net"] = p.net.value();
        j["minutes"] = p.minutes;
        j["contribution"] = p.contribution.value();
        j["charges_exceed_sales"] = p.flags.charges_exceed_sales;
        j["no_hours"] = p.flags.no_hours;
        if (s.has_salary_estimate) {
            j["gross_salary_estimate"] = p.gross_salary_estimate.value();
            j["net_salary_estimate"] = p.net_salary_estimate.value();
        }
        j["invoiced_ht"] = m.invoiced_ht.value();
        j["invoiced_ttc"] = m.invoiced_ttc.value();
        j["invoices"] = m.invoices;
        j["best_sellers"] = best;
        j["by_day"] = by_day;
        j["by_hour"] = m.by_hour;
        members[p.name] = j;
    }
    ordered_json coverage = ordered_json::array();
    for (const auto& [c, missing] : coverage_view(st))
        coverage.push_back({{"terminal", c.terminal}, {"first_seq", c.first_seq}, {"last_seq", c.last_seq},
                            {"first_ticket", c.first_ticket}, {"last_ticket", c.last_ticket}, {"tickets", c.tickets},
                            {"refunds", c.refunds}, {"held_last_seq", c.held_last_seq}, {"held_last_at", c.held_last_at},
                            {"bundle_may_be_missing", missing}});
    ordered_json by_rate = ordered_json::object();
    for (const auto& [rate, a] : st.by_rate) by_rate[std::to_string(rate)] = amounts_json(a);
    ordered_json j;
    j["members"] = members;
    j["distributable"] = s.distributable.value();
    j["contribution"] = s.contribution.value();
    j["coverage"] = coverage;
    j["from"] = st.from;
    j["to"] = st.to;
    j["rule"] = rule_json(st.rule);
    j["months"] = s.months;
    j["sales_ttc"] = s.sales_ttc.value();
    j["sales_ht"] = s.sales_ht.value();
    j["by_rate"] = by_rate;
    j["own_charges_ht"] = s.own_charges_ht.value();
    j["group_charges_ht"] = s.group_charges_ht.value();
    j["group_charges_ttc"] = st.group_charges_ttc.value();
    j["gross_margin"] = s.gross_margin.value();
    j["contribution_fixed"] = s.contribution_fixed.value();
    j["contribution_variable"] = s.contribution_variable.value();
    j["shortfall"] = s.shortfall.value();
    j["weights_fell_back_to_equal"] = s.weights_fell_back_to_equal;
    j["salary_estimate"] = s.has_salary_estimate;
    j["tickets"] = st.tickets;
    j["refunds"] = st.refunds;
    j["invoiced_ht"] = st.invoiced_ht.value();
    j["invoiced_ttc"] = st.invoiced_ttc.value();
    return j;
}

void print_statement(const CapeStatement& st) {
    const auto& s = st.split;
    std::cout << tr("CAPE statement {0} to {1}", st.from, st.to) << "\n";
    std::cout << tr("Rule: {0}", tr(rule_description(st.rule))) << "\n\n";
    std::cout << fmt::format("{:<24} {:>14} {:>14} {:>14} {:>14} {:>8} {:>14}\n", tr("Member"), tr("Sales TTC"), tr("Sales HT"),
                             tr("Charges HT"), tr("Contribution"), tr("Hours"), tr("Share"));
    for (const auto& m : st.members) {
        const auto& p = m.split;
        std::string name = p.name;
        if (p.flags.charges_exceed_sales) name += " (!)";
        std::cout << fmt::format("{:<24} {:>14} {:>14} {:>14} {:>14} {:>8} {:>14}\n", name, p.sales_ttc.format(), p.sales_ht.format(),
                                 (p.own_charges_ht + p.group_charges).format(), p.contribution.format(),
                                 cape::minutes_text(p.minutes), p.share.format());
        if (s.has_salary_estimate)
            std::cout << "  " << tr("salary estimate: gross {0}, net {1} (an estimate, not a payslip)",
                                    p.gross_salary_estimate.format(), p.net_salary_estimate.format())
                      << "\n";
    }
    std::cout << "\n" << tr("Sales {0} TTC, {1} HT; charges {2} HT of which group {3}; gross margin {4}", s.sales_ttc.format(),
                            s.sales_ht.format(), (s.own_charges_ht + s.group_charges_ht).format(), s.group_charges_ht.format(),
                            s.gross_margin.format())
              << "\n";
    std::cout << tr("CAE contribution {0} ({1} fixed, months begun: {2}; {3} of the margin); distributable {4}",
                    s.contribution.format(), s.contribution_fixed.format(), s.months, s.contribution_variable.format(),
                    s.distributable.format())
              << "\n";
    if (st.invoiced_ht != Money{})
        std::cout << tr("Of which catering invoices: {0} HT, {1} TTC (not in the Z)", st.invoiced_ht.format(), st.invoiced_ttc.format())
                  << "\n";
    if (s.shortfall > Money{}) std::cout << tr("The contribution exceeds the margin by {0}: nothing to split.", s.shortfall.format()) << "\n";
    if (s.weights_fell_back_to_equal) std::cout << tr("Nobody has a weight under this rule: the distributable is split equally.") << "\n";
    for (const auto& m : st.members)
        if (m.split.flags.charges_exceed_sales)
            std::cout << (cape::splits_by_own_net(st.rule.rule.split)
                              ? tr("(!) {0}: own charges exceed own sales by {1}; the group bears it, and the member gets no part of "
                                   "what is split by own net sales.",
                                   m.split.name, (-m.split.net).format())
                              : tr("(!) {0}: own charges exceed own sales by {1}; the group bears it.", m.split.name,
                                   (-m.split.net).format()))
                      << "\n";
    std::cout << "\n" << tr("Coverage (tickets: {0}, refunds: {1}):", st.tickets, st.refunds) << "\n";
    for (const auto& [c, missing] : coverage_view(st)) {
        if (c.first_seq == 0)  // a till with no sale in the period (the coordinator's own, often)
            std::cout << "  " << tr("{0}: no sale in the period; newest record held: seq {1} of {2}", c.terminal, c.held_last_seq, c.held_last_at)
                      << "\n";
        else
            std::cout << "  " << tr("{0}: seq {1} to {2}, tickets {3} to {4}; newest record held: seq {5} of {6}", c.terminal, c.first_seq,
                                    c.last_seq, c.first_ticket, c.last_ticket, c.held_last_seq, c.held_last_at)
                      << "\n";
        if (missing)
            std::cout << "  " << tr("Till {0} stops before the others: a bundle of it may be missing; import it before the meeting.", c.terminal)
                      << "\n";
    }
}

void register_charge(CLI::App& app) {
    auto common = std::make_shared<Common>();
    auto* charge = app.add_subcommand("charge", tr("charges of the CAPE roll-up: add, list"));
    charge->require_subcommand(1);
    {
        auto actor = std::make_shared<ActorOptions>();
        auto date = std::make_shared<std::string>(), amount = std::make_shared<std::string>(), vat = std::make_shared<std::string>(),
             category = std::make_shared<std::string>(), supplier = std::make_shared<std::string>(),
             member = std::make_shared<std::string>();
        auto group = std::make_shared<bool>(false), drawer = std::make_shared<bool>(false);
        auto* add = with_db(charge->add_subcommand("add", tr("record a charge (manager)")), *common);
        add_actor_options(add, *actor);
        add->add_option("--date", *date, tr("the invoice's date, YYYY-MM-DD (default: today)"));
        add->add_option("--amount", *amount, tr("amount incl. VAT, e.g. 120,00 (negative: a credit note)"))->required();
        add->add_option("--vat", *vat, tr("its VAT, e.g. 20,00"))->required();
        add->add_option("--category", *category, tr("e.g. \"ingrédients\", \"emplacement\""))->required();
        add->add_option("--supplier", *supplier, tr("who was paid"))->required();
        auto* m = add->add_option("--member,--entrepreneur", *member, tr("the member whose own charge it is"));
        auto* g = add->add_flag("--group", *group, tr("a charge of the whole group (the default)"));
        m->excludes(g);
        add->add_flag("--from-drawer", *drawer, tr("paid with cash from the drawer (a cash out of the open session)"));
        add->add_flag("--json", common->json, tr("machine-readable output"));
        add->callback([=] {
            auto till = Till::open(common->db);
            ChargeRequest r;
            r.day = date->empty() ? till->today() : *date;
            r.ttc = Money::parse(*amount);
            r.vat = Money::parse(*vat);
            r.category = *category;
            r.supplier = *supplier;
            // --group is the default; naming it keeps its flag's storage alive in this callback.
            if (!member->empty() && !*group) r.entrepreneur = *member;
            r.from_drawer = *drawer;
            const auto c = add_charge(*till, sign_in(*till, *actor), r);
            if (common->json)
                print_json({{"seq", c.seq}, {"date", c.day}, {"ttc", c.ttc}, {"vat", c.vat}, {"member", r.entrepreneur.value_or("")},
                            {"cash_move", c.cash_move_seq ? ordered_json(*c.cash_move_seq) : ordered_json(nullptr)}});
            else
                std::cout << tr("Charge recorded (seq {0}): {1} incl. VAT {2}, {3}, {4}, {5}.", c.seq, eur(c.ttc), eur(c.vat),
                                c.supplier, r.entrepreneur.value_or(tr("group")),
                                c.cash_move_seq ? tr("paid from the drawer") : tr("paid otherwise"))
                          << "\n";
        });
    }
    {
        auto period = std::make_shared<Period>();
        auto* list = with_db(charge->add_subcommand("list", tr("list the charges of a period")), *common);
        add_period(list, *period, false);
        list->add_flag("--json", common->json, tr("machine-readable output, amounts in cents"));
        list->callback([=] {
            auto till = Till::open(common->db);
            const auto lines = list_charges(*till, period->from, period->to);
            if (common->json) {
                ordered_json a = ordered_json::array();
                for (const auto& l : lines) {
                    const auto& c = l.record;
                    a.push_back({{"terminal", c.terminal}, {"seq", c.seq}, {"date", c.day}, {"ttc", c.ttc}, {"vat", c.vat},
                                 {"category", c.category}, {"supplier", c.supplier}, {"member", l.member},
                                 {"cash_move", c.cash_move_seq ? ordered_json(*c.cash_move_seq) : ordered_json(nullptr)}});
                }
                print_json(a);
                return;
            }
            for (const auto& l : lines) {
                const auto& c = l.record;
                std::cout << fmt::format("{} {:<6} {:>6} {:>12} {:>10}  {:<16} {:<20} {}{}\n", c.day, c.terminal, c.seq, eur(c.ttc),
                                         eur(c.vat), l.member.empty() ? tr("group") : l.member, c.category, c.supplier,
                                         c.cash_move_seq ? " [" + tr("drawer") + "]" : "");
            }
            if (lines.empty()) std::cout << tr("No charge in this period.") << "\n";
        });
    }
}

void register_hours(CLI::App& app) {
    auto common = std::make_shared<Common>();
    auto* hours = app.add_subcommand("hours", tr("hours worked by members: add, list"));
    hours->require_subcommand(1);
    {
        auto actor = std::make_shared<ActorOptions>();
        auto date = std::make_shared<std::string>(), member = std::make_shared<std::string>(), text = std::make_shared<std::string>();
        auto* add = with_db(hours->add_subcommand("add", tr("record hours a member worked on a day (manager)")), *common);
        add_actor_options(add, *actor);
        add->add_option("--date", *date, tr("the day, YYYY-MM-DD (default: today)"));
        add->add_option("--member,--entrepreneur", *member, tr("who worked"))->required();
        add->add_option("--hours", *text, tr("e.g. 7:30, 7h30 or 7,5; -1:00 corrects an earlier entry"))->required();
        add->add_flag("--json", common->json, tr("machine-readable output"));
        add->callback([=] {
            auto till = Till::open(common->db);
            HoursRequest r{date->empty() ? till->today() : *date, *member, cape::parse_minutes(*text)};
            const auto h = add_hours(*till, sign_in(*till, *actor), r);
            if (common->json) print_json({{"seq", h.seq}, {"date", h.day}, {"member", *member}, {"minutes", h.minutes}});
            else std::cout << tr("Hours recorded (seq {0}): {1} for {2} on {3}.", h.seq, cape::minutes_text(h.minutes), *member, h.day) << "\n";
        });
    }
    {
        auto period = std::make_shared<Period>();
        auto* list = with_db(hours->add_subcommand("list", tr("list the hours of a period")), *common);
        add_period(list, *period, false);
        list->add_flag("--json", common->json, tr("machine-readable output"));
        list->callback([=] {
            auto till = Till::open(common->db);
            const auto lines = list_hours(*till, period->from, period->to);
            if (common->json) {
                ordered_json a = ordered_json::array();
                for (const auto& l : lines)
                    a.push_back({{"terminal", l.record.terminal}, {"seq", l.record.seq}, {"date", l.record.day}, {"member", l.member},
                                 {"minutes", l.record.minutes}});
                print_json(a);
                return;
            }
            for (const auto& l : lines)
                std::cout << fmt::format("{} {:<6} {:>6} {:<24} {:>7}\n", l.record.day, l.record.terminal, l.record.seq, l.member,
                                         cape::minutes_text(l.record.minutes));
            if (lines.empty()) std::cout << tr("No hours in this period.") << "\n";
        });
    }
}

void register_cape(CLI::App& app) {
    auto common = std::make_shared<Common>();
    auto* cape_cmd = app.add_subcommand("cape", tr("the CAPE roll-up: split rule, statement"));
    cape_cmd->require_subcommand(1);
    auto* rule = cape_cmd->add_subcommand("rule", tr("the split rule the group voted: set, show"));
    rule->require_subcommand(1);
    {
        auto actor = std::make_shared<ActorOptions>();
        // Each option changes that part of the rule in effect; what is not given stays as it is.
        auto split = std::make_shared<std::string>(), key = std::make_shared<std::string>(), monthly = std::make_shared<std::string>(),
             pct_margin = std::make_shared<std::string>(), employer = std::make_shared<std::string>(),
             employee = std::make_shared<std::string>();
        auto* set = with_db(rule->add_subcommand("set", tr("record the split rule (manager); the newest applies; what is not given stays as it is")),
                            *common);
        add_actor_options(set, *actor);
        auto* o_split = set->add_option("--split", *split, tr("equal, own-net, hours or hybrid:PERCENT (pooled equally), e.g. hybrid:30"));
        auto* o_monthly = set->add_option("--contribution-monthly", *monthly, tr("the CAE's fixed contribution per month begun, e.g. 50,00"));
        auto* o_pct = set->add_option("--contribution-percent", *pct_margin, tr("the CAE's percentage of the gross margin, e.g. 13,5"));
        auto* o_key = set->add_option("--charge-key", *key, tr("how group charges are allocated: equal, sales or hours"));
        auto* o_employer = set->add_option("--employer-rate", *employer, tr("salary estimate: employer contributions, percent of gross"));
        auto* o_employee = set->add_option("--employee-rate", *employee, tr("salary estimate: employee contributions, percent of gross"));
        set->add_flag("--json", common->json, tr("machine-readable output"));
        set->callback([=] {
            if (o_split->count() + o_monthly->count() + o_pct->count() + o_key->count() + o_employer->count() + o_employee->count() == 0)
                throw InputError("say what the rule changes: --split, --contribution-monthly, --contribution-percent, --charge-key, "
                                 "--employer-rate or --employee-rate; nothing was recorded");
            auto till = Till::open(common->db);
            cape::Rule r = rule_in_effect(*till).rule;
            if (o_split->count()) r.split = cape::parse_split(*split);
            if (o_key->count()) r.charge_key = cape::parse_charge_key(*key);
            if (o_monthly->count()) r.contribution_per_month = Money::parse(*monthly);
            if (o_pct->count()) r.contribution_bp = percent_bp("--contribution-percent", *pct_margin);
            if (o_employer->count()) r.employer_bp = percent_bp("--employer-rate", *employer);
            if (o_employee->count()) r.employee_bp = percent_bp("--employee-rate", *employee);
            const auto rec = set_rule(*till, sign_in(*till, *actor), r);
            RuleInEffect e{rec.rule, RuleInEffect::Source::Recorded, rec};
            if (common->json) print_json({{"seq", rec.seq}, {"split", cape::split_name(r.split)}});
            else std::cout << tr("Split rule recorded (seq {0}): {1}.", rec.seq, tr(rule_description(e))) << "\n";
        });
    }
    {
        auto* show = with_db(rule->add_subcommand("show", tr("show the rule in effect")), *common);
        show->add_flag("--json", common->json, tr("machine-readable output"));
        show->callback([=] {
            auto till = Till::open(common->db);
            const RuleInEffect e = rule_in_effect(*till);
            if (common->json) print_json(rule_json(e));
            else std::cout << tr(rule_description(e)) << "\n";
        });
    }
    {
        auto period = std::make_shared<Period>();
        auto what_if = std::make_shared<std::string>();
        auto csv = std::make_shared<bool>(false);
        auto pdf = std::make_shared<std::string>();
        auto* st = with_db(cape_cmd->add_subcommand("statement", tr("the CAPE statement of a period over every terminal; records nothing")),
                           *common);
        add_period(st, *period, true);
        st->add_option("--rule", *what_if, tr("what-if: split by this rule instead (equal, own-net, hours, hybrid:30); records nothing"));
        auto* j = st->add_flag("--json", common->json, tr("machine-readable output, amounts in cents"));
        auto* c = st->add_flag("--csv", *csv, tr("CSV for the CAE's accountant (French spreadsheets: ';', decimal comma, BOM)"));
        j->excludes(c);
        auto* f = st->add_option("--pdf", *pdf, tr("write the statement for the group meeting as a PDF file, with its charts"));
        f->excludes(j)->excludes(c);
        st->callback([=] {
            std::optional<cape::SplitRule> rule_override;
            if (!what_if->empty()) rule_override = cape::parse_split(*what_if);
            auto till = Till::open(common->db);
            const CapeStatement s = cape_statement(*till, period->from, period->to, rule_override);
            if (!pdf->empty()) {
                write_statement_pdf(s, *pdf, till->ledger().path());
                std::cout << tr("Statement written to {0}.", *pdf) << "\n";
            } else if (common->json) print_json(statement_json(s));
            else if (*csv) std::cout << statement_csv(s);
            else print_statement(s);
        });
    }
}

}  // namespace

void register_cape_commands(CLI::App& app) {
    register_charge(app);
    register_hours(app);
    register_cape(app);
}

}  // namespace caisse::cli
