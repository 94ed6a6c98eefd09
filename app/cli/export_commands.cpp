// caisse export fec|tickets|lines|catalogue (issue 11, items 6 and 7): files for the CAE's
// accountant and for spreadsheets. Text is parsed here; the services take typed values.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>

#include "app/cli/cli_common.hpp"
#include "app/cli/commands.hpp"
#include "app/services/csv_export.hpp"
#include "app/services/fec_export.hpp"

namespace caisse::cli {

namespace {

struct Period {
    std::string from, to, year;
};

// --year Y, or --from D --to D; every day when none is given (all), else InputError.
std::pair<std::string, std::string> period_of(const Period& p, bool required) {
    if (!p.year.empty()) {
        if (!p.from.empty() || !p.to.empty()) throw InputError("give --year or --from/--to, not both");
        if (p.year.size() != 4 || p.year.find_first_not_of("0123456789") != std::string::npos)
            throw InputError("year \"{0}\" is not YYYY", p.year);
        return {p.year + "-01-01", p.year + "-12-31"};
    }
    if (p.from.empty() != p.to.empty()) throw InputError("give both --from and --to");
    if (p.from.empty()) {
        if (required) throw InputError("give --year or --from and --to");
        return {"1970-01-01", "9999-12-31"};
    }
    return {p.from, p.to};
}

}  // namespace

void register_export_commands(CLI::App& app) {
    auto* exp = app.add_subcommand("export", tr("files for the accountant and for spreadsheets: FEC, tickets, lines, catalogue"));
    exp->require_subcommand(1);

    // export fec
    {
        auto common = std::make_shared<Common>();
        auto period = std::make_shared<Period>();
        auto out = std::make_shared<std::string>(), per = std::make_shared<std::string>("z"),
             separator = std::make_shared<std::string>("tab");
        auto* cmd = with_db(exp->add_subcommand("fec", tr("the FEC (Fichier des Écritures Comptables) of a year or a period")), *common);
        cmd->add_option("--year", period->year, tr("a calendar year, YYYY"));
        cmd->add_option("--from", period->from, tr("first business day, YYYY-MM-DD"));
        cmd->add_option("--to", period->to, tr("last business day, YYYY-MM-DD"));
        cmd->add_option("--out", *out, tr("the file to write"))->required();
        cmd->add_option("--per", *per, tr("one entry per Z (z) or per ticket (ticket)"))->check(CLI::IsMember({"z", "ticket"}));
        cmd->add_option("--separator", *separator, tr("tab or pipe"))->check(CLI::IsMember({"tab", "pipe"}));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto [from, to] = period_of(*period, true);
            auto till = Till::open(common->db);
            FecRequest r{from, to, *per == "ticket" ? FecGrain::per_ticket : FecGrain::per_z, *separator == "pipe" ? '|' : '\t'};
            const auto fec = export_fec(till->ledger(), r);
            write_out(*out, fec.bytes, *till);
            journal_export(*till, "FEC " + from + ".." + to);
            if (common->json) {
                print_json({{"file", *out}, {"entries", fec.entries}, {"lines", fec.lines}, {"debit", fec.debit}, {"credit", fec.credit},
                            {"name_expected", fec_file_name(till->ledger(), to)}});
                return;
            }
            std::cout << tr("FEC written to {0}: {1} entries, {2} lines, debit {3} = credit {4}.", *out, fec.entries, fec.lines,
                            eur(fec.debit), eur(fec.credit))
                      << "\n"
                      << tr("The name the administration expects: {0}", fec_file_name(till->ledger(), to)) << "\n";
            if (fec.entries == 0 && r.grain == FecGrain::per_z)
                std::cout << tr("No Z closes a day of this period: close the days (caisse close), or write one entry per ticket "
                                "(--per ticket).")
                          << "\n";
        });
    }

    // export tickets | lines | catalogue
    for (const char* what : {"tickets", "lines", "catalogue"}) {
        auto common = std::make_shared<Common>();
        auto period = std::make_shared<Period>();
        auto out = std::make_shared<std::string>();
        const std::string kind = what;
        const std::string help = kind == "tickets" ? tr("one row per ticket and refund, for a spreadsheet (CSV ; UTF-8)")
                                 : kind == "lines" ? tr("one row per ticket line, for a spreadsheet (CSV ; UTF-8)")
                                                   : tr("the catalogue for a spreadsheet (CSV ; UTF-8)");
        auto* cmd = with_db(exp->add_subcommand(kind, help), *common);
        if (kind != "catalogue") {
            cmd->add_option("--from", period->from, tr("first business day, YYYY-MM-DD"));
            cmd->add_option("--to", period->to, tr("last business day, YYYY-MM-DD"));
        }
        cmd->add_option("--out", *out, tr("the file to write"))->required();
        cmd->callback([=] {
            auto [from, to] = period_of(*period, false);
            auto till = Till::open(common->db);
            const std::string csv = kind == "tickets" ? export_tickets_csv(*till, from, to)
                                    : kind == "lines" ? export_lines_csv(*till, from, to)
                                                      : export_catalogue_french_csv(*till);
            write_out(*out, csv, *till);
            journal_export(*till, kind + " CSV");
            std::cout << tr("{0} written.", *out) << "\n";
        });
    }
}

}  // namespace caisse::cli
