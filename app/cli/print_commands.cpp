// Printing subcommands: printers, print-test, receipt, reprint, settings. Exit code 5: the printer
// could not print (the ledger is unchanged, except the duplicate record of a reprint).
#include <chrono>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/cli_common.hpp"
#include "app/cli/commands.hpp"
#include "app/services/catering_documents.hpp"
#include "app/services/i18n.hpp"
#include "app/services/printing.hpp"

namespace caisse::cli {
namespace {

using i18n::tr;
using nlohmann::ordered_json;

constexpr int kPrinterFailed = 5;

std::string hex4(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "%04x", v & 0xFFFF);
    return buf;
}
std::string hex2(unsigned v) {
    char buf[8];
    std::snprintf(buf, sizeof buf, "0x%02x", v & 0xFF);
    return buf;
}

struct PrintOptions {
    std::string db;
    std::string printer;
    std::string profile;
    std::int64_t ticket = 0;
    int wait_seconds = 20;
    bool json = false;
};

void add_printer_options(CLI::App* cmd, PrintOptions& o, bool with_db) {
    if (with_db) cmd->add_option("--db", o.db, tr("ledger file (SQLite)"))->required();
    cmd->add_option("--printer", o.printer,
                    tr("printer URI: usb:auto, usb:VID:PID[:SERIAL], tcp://HOST[:PORT], file:PATH, screen: or auto "
                       "(default: setting printer.uri, else auto)"));
    cmd->add_option("--profile", o.profile, tr("printer profile: generic-58, generic-80, epson-tm-t20iii, pos-5890"));
    cmd->add_option("--wait", o.wait_seconds, tr("seconds to wait for the printer before giving up"))->capture_default_str();
    cmd->add_flag("--json", o.json, tr("machine-readable output"));
}

std::optional<std::string> given(const std::string& s) { return s.empty() ? std::nullopt : std::optional(s); }

// Runs one job to its end (or the wait), reports it, and returns the exit code.
int run_job(PrintQueue& queue, PrintJobKind kind, drivers::Document doc, std::optional<std::int64_t> ticket,
            std::optional<std::int64_t> duplicate, const PrintOptions& o) {
    const auto id = queue.submit(kind, std::move(doc), ticket);
    const bool done = queue.wait(id, std::chrono::seconds(std::max(0, o.wait_seconds)));
    const auto info = queue.job(id).value();
    const auto status = queue.status();
    if (o.json) {
        ordered_json j = {{"job", to_string(kind)},          {"state", to_string(info.state)},
                          {"printer", queue.printer()},      {"profile", queue.profile().id},
                          {"status", status.summary()},      {"detail", info.detail},
                          {"attempts", info.attempts}};
        if (ticket) j["ticket"] = *ticket;
        if (duplicate) j["duplicate"] = *duplicate;
        if (!info.preview.empty()) j["preview"] = info.preview;
        std::cout << j.dump(2) << "\n";
    } else {
        for (const auto& line : info.preview) std::cout << line << "\n";
        if (done) {
            std::cout << tr("Printed on {0}.", queue.printer()) << "\n";
        } else {
            std::cerr << tr("caisse: error: {0}",
                            tr("the printer {0} did not print ({1}: {2}); the sale is kept, print it again later",
                               queue.printer(), to_string(info.state), info.detail.empty() ? status.summary() : info.detail))
                      << "\n";
        }
    }
    return done ? 0 : kPrinterFailed;
}

}  // namespace

void register_print_commands(CLI::App& app, int& exit_code) {
    // printers
    {
        auto json = std::make_shared<bool>(false);
        auto* cmd = app.add_subcommand("printers", tr("list the USB receipt printers and whether the till can open them"));
        cmd->add_flag("--json", *json, tr("machine-readable output"));
        cmd->callback([=] {
            const auto found = usb_printers();
            if (*json) {
                ordered_json list = ordered_json::array();
                for (const auto& p : found)
                    list.push_back({{"uri", p.uri()},
                                    {"vendor", hex4(p.vendor)},
                                    {"product", hex4(p.product)},
                                    {"manufacturer", p.manufacturer},
                                    {"product_name", p.product_name},
                                    {"serial", p.serial},
                                    {"bus", p.bus},
                                    {"address", p.address},
                                    {"interface", p.interface_number},
                                    {"interface_class", p.interface_class},
                                    {"endpoint_out", hex2(p.endpoint_out)},
                                    {"endpoint_in", p.endpoint_in ? ordered_json(hex2(p.endpoint_in)) : ordered_json(nullptr)},
                                    {"can_open", p.can_open},
                                    {"problem", p.problem},
                                    {"fix", p.fix}});
                std::cout << list.dump(2) << "\n";
                return;
            }
            if (found.empty()) {
                std::cout << tr("No USB receipt printer found. Receipts go to the screen (printer screen:).") << "\n";
                return;
            }
            for (const auto& p : found) {
                std::cout << p.uri() << "  " << p.manufacturer << " " << p.product_name << "\n";
                std::cout << "  "
                          << tr("bus {0} device {1}, interface {2} class {3}, OUT {4}, IN {5}", p.bus, p.address,
                                p.interface_number, hex2(static_cast<unsigned>(p.interface_class)), hex2(p.endpoint_out),
                                p.endpoint_in ? hex2(p.endpoint_in) : tr("none"))
                          << "\n";
                if (p.can_open) {
                    std::cout << "  " << tr("ready: the till can open it") << "\n";
                } else {
                    std::cout << "  " << tr("cannot open: {0}", p.problem) << "\n";
                    if (!p.fix.empty()) std::cout << "  " << tr("fix: {0}", p.fix) << "\n";
                }
            }
        });
    }

    // print-test
    {
        auto o = std::make_shared<PrintOptions>();
        auto* cmd = app.add_subcommand("print-test", tr("print a test page: accents, euro sign, styles, other scripts, QR"));
        cmd->add_option("--db", o->db, tr("ledger file (SQLite), for the business name and printer settings"));
        add_printer_options(cmd, *o, false);
        cmd->callback([=, &exit_code] {
            std::unique_ptr<Till> till;
            if (!o->db.empty()) till = Till::open(o->db);
            PrinterConfig config = till ? printer_config(*till, given(o->printer), given(o->profile))
                                        : printer_config_without_till(given(o->printer), given(o->profile));
            PrintQueue queue(config);
            exit_code = run_job(queue, PrintJobKind::test_page, test_page(till.get(), config.uri), std::nullopt,
                                std::nullopt, *o);
        });
    }

    // production-sheets (issue 14 item 6): each cook's sheet of a catering order, on the receipt printer
    {
        auto o = std::make_shared<PrintOptions>();
        auto order = std::make_shared<std::int64_t>(0);
        auto* cmd = app.add_subcommand("production-sheets",
                                       tr("print each cook's production sheet of a catering order: what to prepare, for how many, when"));
        add_printer_options(cmd, *o, true);
        cmd->add_option("--order", *order, tr("the order's number (caisse quote accept)"))->required();
        cmd->callback([=, &exit_code] {
            auto till = Till::open(o->db);
            auto config = printer_config(*till, given(o->printer), given(o->profile));
            auto sheets = production_sheets_of(*till, *order, receipt_translator(*till));
            PrintQueue queue(config);
            for (auto& [cook, sheet] : sheets) {
                exit_code = run_job(queue, PrintJobKind::production_sheet, std::move(sheet), std::nullopt, std::nullopt, *o);
                if (exit_code != 0) return;
            }
        });
    }

    // receipt (the customer asked for it)
    {
        auto o = std::make_shared<PrintOptions>();
        auto* cmd = app.add_subcommand("receipt", tr("print the receipt of a ticket the customer asked for"));
        add_printer_options(cmd, *o, true);
        cmd->add_option("--ticket", o->ticket, tr("ticket number"))->required();
        cmd->callback([=, &exit_code] {
            auto till = Till::open(o->db);
            auto config = printer_config(*till, given(o->printer), given(o->profile));
            auto receipt = customer_receipt(*till, o->ticket);
            PrintQueue queue(config);
            exit_code = run_job(queue, PrintJobKind::receipt, std::move(receipt.doc), receipt.ticket, std::nullopt, *o);
        });
    }

    // reprint (a duplicate, numbered and journaled)
    {
        auto o = std::make_shared<PrintOptions>();
        auto actor = std::make_shared<ActorOptions>();
        auto* cmd = app.add_subcommand("reprint", tr("print a numbered duplicate of a ticket (recorded in the ledger; manager)"));
        add_printer_options(cmd, *o, true);
        cmd->add_option("--ticket", o->ticket, tr("ticket number"))->required();
        add_actor_options(cmd, *actor);
        cmd->callback([=, &exit_code] {
            auto till = Till::open(o->db);
            auto config = printer_config(*till, given(o->printer), given(o->profile));  // bad URI: nothing recorded
            auto receipt = duplicate_receipt(*till, sign_in(*till, *actor), o->ticket);
            PrintQueue queue(config);
            exit_code = run_job(queue, PrintJobKind::duplicate, std::move(receipt.doc), receipt.ticket,
                                receipt.duplicate_number, *o);
        });
    }

    // settings
    {
        auto db = std::make_shared<std::string>();
        auto sets = std::make_shared<std::vector<std::string>>();
        auto json = std::make_shared<bool>(false);
        auto* cmd = app.add_subcommand("settings", tr("show or change this till's settings (business identity, printer)"));
        cmd->add_option("--db", *db, tr("ledger file (SQLite)"))->required();
        cmd->add_option("--set", *sets, tr("KEY=VALUE, repeatable; all are checked before any is stored (a manager's --user and --pin)"));
        auto actor = std::make_shared<ActorOptions>();
        add_actor_options(cmd, *actor, false);
        cmd->add_flag("--json", *json, tr("machine-readable output"));
        cmd->callback([=] {
            if (!sets->empty() && actor->user.empty())
                throw InputError("changing settings needs a manager's --user NAME and --pin PIN");
            auto till = Till::open(*db);
            std::vector<std::pair<std::string, std::string>> pairs;
            for (const auto& s : *sets) {
                const auto eq = s.find('=');
                if (eq == std::string::npos || eq == 0) throw InputError("--set needs KEY=VALUE, not \"{0}\"", s);
                pairs.emplace_back(s.substr(0, eq), s.substr(eq + 1));
            }
            if (!pairs.empty()) set_till_settings(*till, sign_in(*till, *actor), pairs);
            const auto all = till_settings(*till);
            if (*json) {
                ordered_json j = ordered_json::object();
                for (const auto& [k, v] : all) j[k] = v;
                std::cout << j.dump(2) << "\n";
                return;
            }
            for (const auto& [k, v] : all) std::cout << k << " = " << v << "\n";
        });
    }
}

}  // namespace caisse::cli
