// End-of-day commands (a contract: issue "End of day"): session open / cash-in / cash-out / x,
// close, report z, report period. Text is parsed here; the services take typed values.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/cli/cli_common.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/printing.hpp"

namespace caisse::cli {

namespace {

// Names of ids, and the till's accounting account of voucher excess: what reports print beside ids.
struct Names {
    std::map<std::int64_t, std::string> entrepreneurs, users;
    std::string voucher_excess_account;
    explicit Names(Till& till) : voucher_excess_account(caisse::voucher_excess_account(till)) {
        for (const auto& e : till.entrepreneurs()) entrepreneurs[e.id] = e.name;
        for (const auto& u : till.users()) users[u.id] = u.name;
    }
    static std::string of(const std::map<std::int64_t, std::string>& m, std::int64_t id) {
        auto it = m.find(id);
        return it == m.end() ? "#" + std::to_string(id) : it->second;
    }
};

// The breakdowns every closure shows, amounts in cents, entrepreneurs and cashiers by name.
void put_totals(ordered_json& j, const db::ClosureTotals& t, const Names& names) {
    ordered_json tender = ordered_json::object(), ent = ordered_json::object(), cashier = ordered_json::object();
    std::map<std::int64_t, db::VatRecord> vat;
    for (const auto& [m, c] : t.by_tender) tender[m] = c;
    for (const auto& [id, c] : t.by_entrepreneur) ent[Names::of(names.entrepreneurs, id)] = c;
    for (const auto& [id, c] : t.by_cashier) cashier[Names::of(names.users, id)] = c;
    for (const auto& [bp, v] : t.by_vat) vat[bp] = db::VatRecord{bp, v.ht, v.vat, v.ttc};
    j["tickets"] = t.tickets;
    j["total"] = t.total;
    j["refunds"] = t.refunds;              // refunds and cancellations, already in every amount as negatives
    j["refunds_total"] = t.refunds_total;
    j["discounts"] = t.discounts;
    j["by_tender"] = tender;
    // Meal vouchers beyond their tickets: kept, never a sale (not in total nor by_tender).
    j["voucher_excess"] = t.voucher_excess;
    j["voucher_excess_account"] = names.voucher_excess_account;
    j["by_vat"] = vat_json(vat);
    j["by_entrepreneur"] = ent;
    j["by_cashier"] = cashier;
    j["cash_in"] = t.cash_in;
    j["cash_out"] = t.cash_out;
}

ordered_json moves_json(const std::vector<db::CashMoveRecord>& moves, const Names& names) {
    ordered_json a = ordered_json::array();
    for (const auto& m : moves)
        a.push_back({{"seq", m.seq},
                     {"amount", m.amount},
                     {"reason", m.reason},
                     {"user", Names::of(names.users, m.user)},
                     {"entrepreneur", m.entrepreneur ? ordered_json(Names::of(names.entrepreneurs, *m.entrepreneur)) : ordered_json("group")},
                     {"at_utc", m.at_utc}});
    return a;
}

ordered_json z_json(Till& till, const db::DayClosure& z) {
    const Names names(till);
    // Cash moves are stored as seqs in the Z; their details come from the session.
    std::vector<db::CashMoveRecord> moves = db::cash_moves_of_session(till.ledger(), z.session);
    ordered_json j;
    j["z"] = z.z;
    j["session"] = z.session;
    j["date"] = z.date;
    j["tickets"] = z.totals.tickets;
    j["first_ticket"] = z.first_ticket;
    j["last_ticket"] = z.last_ticket;
    j["float"] = z.float_cents;
    j["expected_cash"] = z.expected_cash;
    j["counted_cash"] = z.counted_cash;
    j["over_short"] = z.over_short;
    put_totals(j, z.totals, names);
    j["cash_moves"] = moves_json(moves, names);
    ordered_json count = ordered_json::object();
    for (auto it = z.count.rbegin(); it != z.count.rend(); ++it) count[std::to_string(it->first)] = it->second;
    j["count"] = count;
    j["counts"] = z.counts;
    if (z.card_declared) j["card_declared"] = *z.card_declared;
    if (z.voucher_declared) j["voucher_declared"] = *z.voucher_declared;
    j["note"] = z.note;
    ordered_json steps = ordered_json::array();
    for (const auto& c : z.clock_backwards) steps.push_back({{"seq", c.seq}, {"at_utc", c.at_utc}, {"previous_at_utc", c.previous_at_utc}});
    j["clock_backwards"] = steps;
    j["month"] = z.month;
    j["month_total"] = z.month_total;
    j["year"] = z.year;
    j["year_total"] = z.year_total;
    j["grand_total"] = z.grand_total;
    j["grand_total_abs"] = z.grand_total_abs;
    j["opened_at"] = z.opened_at;
    j["closed_at"] = z.closed_at;
    j["closed_by"] = Names::of(names.users, z.closed_by);
    j["seq"] = z.seq;
    j["hash"] = db::to_hex(z.hash);
    j["signature"] = db::to_hex(z.signature);
    return j;
}

void print_totals(const db::ClosureTotals& t, const Names& names) {
    std::cout << tr("By tender:") << "\n";
    for (const auto& [m, c] : t.by_tender) std::cout << fmt::format("  {:<24} {:>14}\n", method_label(m), eur(c));
    std::cout << tr("Meal vouchers above the bill (not sales, account {0}): {1}", names.voucher_excess_account, eur(t.voucher_excess))
              << "\n";
    std::cout << tr("By VAT rate:") << "\n";
    for (const auto& [bp, v] : t.by_vat)
        std::cout << "  "
                  << tr("{0}  HT {1}  VAT {2}  TTC {3}", fmt::format("{:>7}", pct(bp)), fmt::format("{:>14}", eur(v.ht)),
                        fmt::format("{:>12}", eur(v.vat)), fmt::format("{:>14}", eur(v.ttc)))
                  << "\n";
    std::cout << tr("By entrepreneur:") << "\n";
    for (const auto& [id, c] : t.by_entrepreneur) std::cout << fmt::format("  {:<24} {:>14}\n", Names::of(names.entrepreneurs, id), eur(c));
    std::cout << tr("By cashier:") << "\n";
    for (const auto& [id, c] : t.by_cashier) std::cout << fmt::format("  {:<24} {:>14}\n", Names::of(names.users, id), eur(c));
    std::cout << tr("Discounts {0}, cash in {1}, cash out {2}", eur(t.discounts), eur(t.cash_in), eur(t.cash_out)) << "\n";
    if (t.refunds != 0) std::cout << tr("Refunds and cancellations: {0}, total {1} (included above)", t.refunds, eur(t.refunds_total)) << "\n";
}

void print_moves(const std::vector<db::CashMoveRecord>& moves, const Names& names) {
    for (const auto& m : moves)
        std::cout << fmt::format("  {:>12}  ", eur(m.amount)) << m.reason << " ("
                  << (m.entrepreneur ? Names::of(names.entrepreneurs, *m.entrepreneur) : tr("group")) << ", "
                  << Names::of(names.users, m.user) << ")\n";
}

void print_z_text(Till& till, const db::DayClosure& z) {
    const Names names(till);
    std::cout << tr("Z {0} of {1} (session {2}): {3} tickets, total {4}", z.z, z.date, z.session, z.totals.tickets,
                    eur(z.totals.total))
              << "\n";
    print_totals(z.totals, names);
    print_moves(z.cash_moves, names);
    std::cout << tr("Cash: float {0}, expected {1}, counted {2}, over/short {3}", eur(z.float_cents), eur(z.expected_cash),
                    eur(z.counted_cash), eur(z.over_short))
              << "\n";
    // The typed batch totals beside what the tickets recorded (a card batch may be negative: card
    // refunds above the day's card sales).
    for (const auto& [method, declared] : {std::pair{"card", z.card_declared}, std::pair{"voucher", z.voucher_declared}}) {
        if (!declared) continue;
        const auto it = z.totals.by_tender.find(method);
        // The voucher stack holds the vouchers' face value, their excess over the tickets included.
        const std::int64_t recorded = (it == z.totals.by_tender.end() ? 0 : it->second) +
                                      (std::string_view(method) == "voucher" ? z.totals.voucher_excess : 0);
        std::cout << tr("{0}: declared {1}, recorded {2}, difference {3}", method_label(std::string(method)), eur(*declared),
                        eur(recorded), eur(*declared - recorded))
                  << "\n";
    }
    if (!z.note.empty()) std::cout << tr("Note: {0}", z.note) << "\n";
    for (const auto& c : z.clock_backwards)
        std::cout << tr("warning: {0}", tr("record {0} is dated {1}, before the record ahead of it ({2}): the clock was set back",
                                           c.seq, c.at_utc, c.previous_at_utc))
                  << "\n";
    std::cout << tr("Month {0}: {1}; year {2}: {3}", z.month, eur(z.month_total), z.year, eur(z.year_total)) << "\n";
    std::cout << tr("Grand total {0} (absolute {1})", eur(z.grand_total), eur(z.grand_total_abs)) << "\n";
    std::cout << tr("record {0} hash {1}", z.seq, db::to_hex(z.hash)) << "\n";
}

// Prints a Z on paper; returns false (after saying why) when the printer did not print it.
bool print_z(Till& till, const db::DayClosure& z, const std::string& uri, bool quiet) {
    PrintQueue queue(printer_config(till, uri == "default" ? std::nullopt : std::optional(uri), std::nullopt));
    const auto id = queue.submit(PrintJobKind::z_report, z_printout(till, z));
    const bool printed = queue.wait(id, std::chrono::seconds(20));
    const PrintJobInfo job = queue.job(id).value();
    if (!quiet)
        for (const auto& line : job.preview) std::cout << line << "\n";
    if (!printed)
        std::cerr << tr("caisse: error: {0}", tr("the printer {0} did not print the Z ({1}: {2}); it is recorded, print it again with caisse report z",
                                                 queue.printer(), to_string(job.state), job.detail))
                  << "\n";
    return printed;
}


}  // namespace

void register_day_commands(CLI::App& app, int& exit_code) {
    auto common = std::make_shared<Common>();

    auto* ses = app.add_subcommand("session", tr("cash sessions: open, cash in and out, X report"));
    ses->require_subcommand(1);
    {
        auto actor = std::make_shared<ActorOptions>();
        auto flt = std::make_shared<std::string>(), count = std::make_shared<std::string>();
        auto* open = with_db(ses->add_subcommand("open", tr("open a session with a counted float")), *common);
        add_actor_options(open, *actor);
        auto* f = open->add_option("--float", *flt, tr("cash in the drawer at opening, e.g. 150,00"));
        auto* c = open->add_option("--count", *count, tr("the float counted by denomination, e.g. \"20x5,10x4,1x10\""));
        f->excludes(c);
        open->add_flag("--json", common->json, tr("machine-readable output"));
        open->callback([=] {
            if (flt->empty() && count->empty()) throw InputError("give the float: --float AMOUNT or --count COUNT");
            OpenSessionRequest r{{}, std::nullopt};
            if (!count->empty()) r.count = CashCount::parse(*count);
            else r.float_amount = Money::parse(*flt);
            auto till = Till::open(common->db);
            const auto id = open_cash_session(*till, sign_in(*till, *actor), r);
            const Money total = r.float_amount.value_or(r.count.total());
            if (common->json) print_json({{"session", id}, {"float", total.value()}});
            else std::cout << tr("Session {0} opened with a float of {1}.", id, total.format()) << "\n";
        });
    }
    for (const bool out : {false, true}) {
        auto actor = std::make_shared<ActorOptions>();
        auto amount = std::make_shared<std::string>(), reason = std::make_shared<std::string>(),
             entrepreneur = std::make_shared<std::string>();
        auto group = std::make_shared<bool>(false);
        auto* cmd = with_db(ses->add_subcommand(out ? "cash-out" : "cash-in",
                                                out ? tr("take cash out of the drawer (manager)") : tr("put cash into the drawer (manager)")),
                            *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--amount", *amount, tr("amount, e.g. 20,00"))->required();
        cmd->add_option("--reason", *reason, tr("why, e.g. \"achat ingrédients\""))->required();
        auto* e = cmd->add_option("--entrepreneur", *entrepreneur, tr("the entrepreneur it was spent for (a charge in the CAPE roll-up)"));
        auto* g = cmd->add_flag("--group", *group, tr("spent for the whole group (the default)"));
        e->excludes(g);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            CashMoveRequest r{out, Money::parse(*amount), *reason, std::nullopt};
            // --group is the default; naming it keeps its flag's storage alive in this callback.
            if (!entrepreneur->empty() && !*group) r.entrepreneur = *entrepreneur;
            auto till = Till::open(common->db);
            const auto m = record_cash_move(*till, sign_in(*till, *actor), r);
            if (common->json) print_json({{"seq", m.seq}, {"session", m.session}, {"amount", m.amount}, {"reason", m.reason}});
            else
                std::cout << tr("Recorded {0} in session {1}: {2} ({3}, {4}).", eur(m.amount), m.session, m.reason,
                                tr(out ? "cash out" : "cash in"), r.entrepreneur.value_or(tr("group")))
                          << "\n";
        });
    }
    {
        auto* x = with_db(ses->add_subcommand("x", tr("X report: the open session's totals so far; records nothing")), *common);
        x->add_flag("--json", common->json, tr("machine-readable output, amounts in cents"));
        x->callback([=] {
            auto till = Till::open(common->db);
            const XReport r = x_report(*till);
            const Names names(*till);
            if (common->json) {
                ordered_json j;
                j["session"] = r.session.id;
                j["date"] = r.session.day;
                j["opened_at"] = r.session.opened_at;
                j["float"] = r.session.float_cents;
                j["first_ticket"] = r.first_ticket;
                j["last_ticket"] = r.last_ticket;
                put_totals(j, r.totals, names);
                j["cash_moves"] = moves_json(r.cash_moves, names);
                j["expected_cash"] = r.expected_cash.value();
                print_json(j);
                return;
            }
            std::cout << tr("X of session {0} ({1}): {2} tickets, total {3}", r.session.id, r.session.day, r.totals.tickets, eur(r.totals.total))
                      << "\n";
            print_totals(r.totals, names);
            print_moves(r.cash_moves, names);
            std::cout << tr("Cash expected in the drawer: {0}", r.expected_cash.format()) << "\n";
        });
    }

    {
        auto actor = std::make_shared<ActorOptions>();
        auto count = std::make_shared<std::string>(), card = std::make_shared<std::string>(), voucher = std::make_shared<std::string>(),
             note = std::make_shared<std::string>(), print_to = std::make_shared<std::string>();
        auto* cmd = with_db(app.add_subcommand("close", tr("close the day: blind count, Z closure, session closed")), *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--count", *count, tr("the drawer counted by denomination, e.g. \"50x2,20x3,2x10,0.5x4\""))->required();
        cmd->add_option("--card", *card, tr("the card terminal's batch total"));
        cmd->add_option("--voucher", *voucher, tr("the meal-voucher stack's total"));
        cmd->add_option("--note", *note, tr("why the count differs (needed when it does)"));
        cmd->add_flag("--json", common->json, tr("machine-readable output, amounts in cents"));
        cmd->add_option("--print", *print_to, tr("also print the Z on this printer (URI, or \"default\")"));
        cmd->callback([=, &exit_code] {
            CloseRequest r{CashCount::parse(*count), std::nullopt, std::nullopt, *note, 1};
            if (!card->empty()) r.card_declared = Money::parse(*card);
            if (!voucher->empty()) r.voucher_declared = Money::parse(*voucher);
            auto till = Till::open(common->db);
            const auto z = close_day(*till, sign_in(*till, *actor), r);
            // Recorded as unchecked in the Z (no card_declared); said so that it is a choice.
            for (const auto& [method, declared] : {std::pair{"card", z.card_declared}, std::pair{"voucher", z.voucher_declared}})
                if (!declared && z.totals.by_tender.count(method) && z.totals.by_tender.at(method) != 0)
                    std::cerr << tr("warning: {0}", tr("the {0} total of {1} was not checked against a typed total ({2})",
                                                       method_label(std::string(method)), eur(z.totals.by_tender.at(method)),
                                                       std::string("--") + method))
                              << "\n";
            if (!print_to->empty() && !print_z(*till, z, *print_to, common->json)) exit_code = 5;
            if (common->json) print_json(z_json(*till, z));
            else print_z_text(*till, z);
        });
    }

    auto* rep = app.get_subcommand("report");
    {
        auto number = std::make_shared<std::int64_t>(0);
        auto date = std::make_shared<std::string>(), print_to = std::make_shared<std::string>();
        auto* cmd = with_db(rep->add_subcommand("z", tr("a recorded Z: by number, by date, or the newest")), *common);
        auto* n = cmd->add_option("--number", *number, tr("the Z's number"));
        auto* d = cmd->add_option("--date", *date, tr("YYYY-MM-DD: the newest Z of that day"));
        n->excludes(d);
        cmd->add_flag("--json", common->json, tr("machine-readable output, amounts in cents"));
        cmd->add_option("--print", *print_to, tr("print it on this printer (URI, or \"default\")"));
        cmd->callback([=, &exit_code] {
            auto till = Till::open(common->db);
            const auto z = find_z(*till, *number > 0 ? std::optional(*number) : std::nullopt,
                                  date->empty() ? std::nullopt : std::optional(*date));
            if (!print_to->empty() && !print_z(*till, z, *print_to, common->json)) exit_code = 5;
            if (common->json) print_json(z_json(*till, z));
            else print_z_text(*till, z);
        });
    }
    {
        auto month = std::make_shared<std::string>(), year = std::make_shared<std::string>();
        auto* cmd = with_db(rep->add_subcommand("period", tr("a month or fiscal year: its closure, or its Zs so far")), *common);
        auto* m = cmd->add_option("--month", *month, tr("YYYY-MM"));
        auto* y = cmd->add_option("--year", *year, tr("YYYY: the fiscal year that starts in it"));
        m->excludes(y);
        cmd->add_flag("--json", common->json, tr("machine-readable output, amounts in cents"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const auto r = period_report(*till, month->empty() ? std::nullopt : std::optional(*month),
                                         year->empty() ? std::nullopt : std::optional(*year));
            const Names names(*till);
            const auto& c = r.closure;
            if (common->json) {
                ordered_json j;
                j["kind"] = c.kind;
                j["period"] = c.period;
                j["closed"] = r.closed;
                j["number"] = c.number;
                j["days"] = c.days;
                j["first_z"] = c.first_z;
                j["last_z"] = c.last_z;
                j["first_day"] = c.first_day;
                j["last_day"] = c.last_day;
                put_totals(j, c.totals, names);
                j["grand_total"] = c.grand_total;
                j["grand_total_abs"] = c.grand_total_abs;
                if (r.closed) {
                    j["seq"] = c.seq;
                    j["hash"] = db::to_hex(c.hash);
                }
                j["invoices"] = r.invoices;
                j["invoiced_ht"] = r.invoiced_ht.value();
                j["invoiced_vat"] = r.invoiced_vat.value();
                j["invoiced_ttc"] = (r.invoiced_ht + r.invoiced_vat).value();
                print_json(j);
                return;
            }
            const std::string name = c.kind == "month" ? tr("Month {0}", c.period) : tr("Fiscal year {0}", c.period);
            std::cout << (r.closed ? tr("{0}: closed (closure {1}), Z {2} to {3}, total {4}", name, c.number, c.first_z, c.last_z, eur(c.totals.total))
                          : c.days == 0 ? tr("{0}: not closed yet, no Z so far", name)
                                        : tr("{0}: not closed yet, Z {1} to {2} so far, total {3}", name, c.first_z, c.last_z, eur(c.totals.total)))
                      << "\n";
            print_totals(c.totals, names);
            std::cout << tr("Grand total {0} (absolute {1})", eur(c.grand_total), eur(c.grand_total_abs)) << "\n";
            if (r.invoices > 0)
                std::cout << tr("Catering invoices of the period (not in the Z): {0}, {1} excl. VAT, VAT {2}, {3} incl. VAT", r.invoices,
                                eur(r.invoiced_ht.value()), eur(r.invoiced_vat.value()), eur((r.invoiced_ht + r.invoiced_vat).value()))
                          << "\n"
                          << tr("Counter and invoices together: {0} incl. VAT", eur(c.totals.total + (r.invoiced_ht + r.invoiced_vat).value()))
                          << "\n";
        });
    }
}

}  // namespace caisse::cli
