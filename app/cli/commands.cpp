#include "app/cli/commands.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/core/limits.hpp"
#include "app/services/i18n.hpp"
#include "app/services/printing.hpp"
#include "app/services/till.hpp"
#include "app/cli/cli_common.hpp"

namespace caisse::cli {

namespace {

// A witness of verify in the user's words; --json keeps its key (head_anchor, backup_head,
// z_fingerprint, bundles, bundle_file).
std::string witness_label(const std::string& key) {
    if (key == "head_anchor") return tr("head anchor");
    if (key == "backup_head") return tr("backup's head anchor");
    if (key == "z_fingerprint") return tr("Z fingerprint");
    if (key == "bundles") return tr("imported bundles");
    if (key == "bundle_file") return tr("bundle file");
    return key;
}

}  // namespace

void register_commands(CLI::App& app, int& exit_code) {
    auto common = std::make_shared<Common>();
    register_print_commands(app, exit_code);
    register_roster_commands(app);
    register_entrepreneur_commands(app);
    register_export_commands(app);

    // init
    {
        auto terminal = std::make_shared<std::string>("T1"), group = std::make_shared<std::string>();
        auto demo = std::make_shared<bool>(false);
        auto* cmd = with_db(app.add_subcommand("init", tr("create a new ledger with its signing key")), *common);
        cmd->add_option("--terminal", *terminal, tr("name of this till (letters, digits, - and _)"))->capture_default_str();
        cmd->add_option("--group", *group, tr("a group that may read the ledger (mode 0640); default: the owner only (0600)"));
        cmd->add_flag("--demo", *demo, tr("load the demo restaurant and textile catalogues and demo users"));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::init(common->db, *terminal, *demo, system_clock(), *group);
            const std::string key = db::to_hex(till->ledger().public_key());
            if (common->json) {
                print_json({{"terminal", *terminal}, {"public_key", key}, {"demo", *demo}});
            } else {
                std::cout << tr("Ledger {0} created for terminal {1}.", common->db, *terminal) << "\n";
                std::cout << tr("Public key (keep a copy away from this till; verify --pubkey checks it):\n  {0}", key) << "\n";
                if (*demo) {
                    std::cout << tr("Demo catalogue and users loaded. Their PINs:") << "\n";
                    for (const auto& u : demo_users())
                        std::cout << "  " << tr("{0} ({1}): PIN {2}", u.name, role_label(*parse_role(u.role)), u.pin) << "\n";
                }
            }
        });
    }

    // user add, user pin, user role
    {
        auto* user = app.add_subcommand("user", tr("manage users"));
        user->require_subcommand(1);
        auto name = std::make_shared<std::string>(), role = std::make_shared<std::string>(), new_pin = std::make_shared<std::string>();
        auto actor = std::make_shared<ActorOptions>();
        auto* add = with_db(user->add_subcommand("add", tr("add a user with a role and a PIN (a manager's --user and --pin; the first user, an admin, needs neither)")), *common);
        add->add_option("--name", *name, tr("user name"))->required();
        add->add_option("--role", *role, tr("seller, manager or admin"))->required();
        add->add_option("--new-pin", *new_pin, tr("the new user's PIN, 4 to 8 digits (for the first user, --pin says the same)"));
        add_actor_options(add, *actor, false);
        add->add_flag("--json", common->json, tr("machine-readable output"));
        add->callback([=] {
            auto till = Till::open(common->db);
            // Without --user (setting a till up), --pin is the new user's PIN, as it always was.
            std::optional<Actor> by;
            std::string pin = *new_pin;
            if (!actor->user.empty()) {
                if (new_pin->empty()) throw InputError("give the new user's PIN with --new-pin (--pin is the PIN of --user)");
                by = sign_in(*till, *actor);
            } else if (pin.empty()) {
                pin = actor->pin;
            }
            User u = till->add_user(by, *name, *role, pin);
            if (common->json) print_json({{"id", u.id}, {"name", u.name}, {"role", role_name(u.role)}});
            else std::cout << tr("User {0} ({1}) added.", u.name, role_label(u.role)) << "\n";
        });
        // user list: who may act on this till, with their role. Reading: no PIN (an auditor's copy
        // has no credentials file).
        auto* list = with_db(user->add_subcommand("list", tr("list the users and their roles (no PIN needed)")), *common);
        list->add_flag("--json", common->json, tr("machine-readable output"));
        list->callback([=] {
            auto till = Till::open(common->db);
            const auto all = till->users();
            if (common->json) {
                ordered_json out = ordered_json::array();
                for (const auto& u : all) out.push_back({{"id", u.id}, {"name", u.name}, {"role", role_name(u.role)}});
                print_json(out);
                return;
            }
            for (const auto& u : all) std::cout << tr("{0} ({1})", u.name, role_label(u.role)) << "\n";
        });
        // user pin: a new PIN for a user (Till::reset_pin; the screen's Gestion > Utilisateurs).
        auto pin_name = std::make_shared<std::string>(), pin_new = std::make_shared<std::string>();
        auto pin_actor = std::make_shared<ActorOptions>();
        auto* pin = with_db(user->add_subcommand("pin", tr("give a user a new PIN (manager; never a user whose role is above yours)")), *common);
        pin->add_option("--name", *pin_name, tr("user name"))->required();
        pin->add_option("--new-pin", *pin_new, tr("the new PIN, 4 to 8 digits"))->required();
        add_actor_options(pin, *pin_actor);
        pin->callback([=] {
            auto till = Till::open(common->db);
            till->reset_pin(sign_in(*till, *pin_actor), *pin_name, *pin_new);
            std::cout << tr("{0} has a new PIN", *pin_name) << "\n";
        });
        // user role: another role for a user (Till::set_user_role; the screen's Gestion > Utilisateurs).
        auto role_user = std::make_shared<std::string>(), role_new = std::make_shared<std::string>();
        auto role_actor = std::make_shared<ActorOptions>();
        auto* rolecmd = with_db(user->add_subcommand("role", tr("give a user another role (manager; the admin role: an admin)")), *common);
        rolecmd->add_option("name,--name", *role_user, tr("user name"))->required();
        rolecmd->add_option("--role", *role_new, tr("seller, manager or admin"))->required();
        add_actor_options(rolecmd, *role_actor);
        rolecmd->add_flag("--json", common->json, tr("machine-readable output"));
        rolecmd->callback([=] {
            auto till = Till::open(common->db);
            const User u = till->set_user_role(sign_in(*till, *role_actor), *role_user, *role_new);
            if (common->json) print_json({{"id", u.id}, {"name", u.name}, {"role", role_name(u.role)}});
            else std::cout << tr("{0} now has the {1} role.", u.name, role_label(u.role)) << "\n";
        });
    }

    // catalog import / export
    {
        auto* cat = app.add_subcommand("catalog", tr("import or export the catalogue (CSV)"));
        cat->require_subcommand(1);
        auto file = std::make_shared<std::string>();
        auto actor = std::make_shared<ActorOptions>();
        auto similar = std::make_shared<bool>(false);
        auto* imp = with_db(cat->add_subcommand("import", tr("import a CSV: all rows or none (manager)")), *common);
        imp->add_flag("--allow-similar", *similar, tr("add new members even when a member's name is one letter away"));
        imp->add_option("file", *file, tr("CSV with columns sku,name,price,vat,entrepreneur,category"))->required();
        add_actor_options(imp, *actor);
        imp->add_flag("--json", common->json, tr("machine-readable output"));
        imp->callback([=] {
            const std::string text = read_file(*file, kMaxCatalogueBytes);
            auto till = Till::open(common->db);
            auto s = till->import_catalogue(sign_in(*till, *actor), text, *similar);
            if (common->json) {
                print_json({{"added", s.added}, {"changed", s.changed}, {"unchanged", s.unchanged},
                            {"entrepreneurs_created", s.entrepreneurs_created}, {"categories_created", s.categories_created},
                            {"members_created", s.members_created}});
            } else {
                std::cout << tr("{0} products added, {1} changed, {2} unchanged; {3} entrepreneurs and {4} categories created.",
                                s.added, s.changed, s.unchanged, s.entrepreneurs_created, s.categories_created)
                          << "\n";
                for (const auto& n : s.members_created) std::cout << tr("New member: {0}", n) << "\n";
            }
        });
        auto* exp = with_db(cat->add_subcommand("export", tr("print the current catalogue as CSV")), *common);
        exp->add_flag("--json", common->json, tr("machine-readable output, amounts in cents"));
        exp->callback([=] {
            auto till = Till::open(common->db);
            if (!common->json) {
                std::cout << till->export_catalogue();
                return;
            }
            ordered_json products = ordered_json::array();
            for (const auto& r : till->catalogue_rows())
                products.push_back({{"sku", r.sku}, {"name", r.name}, {"price", r.price.value()}, {"vat", r.vat.bp},
                                    {"entrepreneur", r.entrepreneur}, {"category", r.category},
                                    {"open_price", r.open_price}, {"active", r.active}, {"picture", r.picture}});
            print_json(products);
        });
    }

    // sell
    {
        auto actor = std::make_shared<ActorOptions>();
        auto items = std::make_shared<std::vector<std::string>>(), pays = std::make_shared<std::vector<std::string>>();
        auto discount = std::make_shared<std::string>(), request_id = std::make_shared<std::string>();
        auto* cmd = with_db(app.add_subcommand("sell", tr("record a sale: one transaction, one fsync")), *common);
        add_actor_options(cmd, *actor);
        cmd->add_option("--request-id", *request_id,
                        tr("idempotency key: a request already recorded on this till returns its ticket instead of selling again"));
        cmd->add_option("--item", *items, tr("SKU[*QTY][@PRICE], repeatable"))->required();
        cmd->add_option("--discount", *discount, tr("ticket discount: AMOUNT or PCT%"));
        cmd->add_option("--pay", *pays, tr("METHOD[:AMOUNT], METHOD in cash, card, cheque, voucher, transfer"))->required();
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            SellRequest r;
            if (!request_id->empty()) r.request_id = *request_id;
            for (const auto& i : *items) r.items.push_back(ItemSpec::parse(i));
            for (const auto& p : *pays) r.payments.push_back(TenderRequest::parse(p));
            if (!discount->empty()) r.discount = TicketDiscount::parse(*discount);
            auto till = Till::open(common->db);
            auto s = till->sell(sign_in(*till, *actor), r);
            // The sale is committed; now the drawer, which never fails the sale.
            if (auto pulse = drawer_for_sale(*till, s)) {
                try {
                    PrintQueue queue(printer_config(*till, std::nullopt, std::nullopt));
                    const auto id = queue.submit(PrintJobKind::drawer, std::move(*pulse));
                    if (!queue.wait(id, std::chrono::seconds(3)))
                        std::cerr << tr("warning: {0}", tr("the cash drawer did not open ({0}); the sale is recorded",
                                                           queue.job(id)->detail)) << "\n";
                } catch (const InputError& e) {
                    std::cerr << tr("warning: {0}", tr("the cash drawer did not open ({0}); the sale is recorded", tr(e.message()))) << "\n";
                }
            }
            if (common->json) {
                ordered_json by_ent = ordered_json::object();
                for (const auto& [name, m] : s.by_entrepreneur) by_ent[name] = m.value();
                std::map<std::int64_t, db::VatRecord> vat;
                for (const auto& [bp, v] : s.priced.by_vat) vat[bp] = {bp, v.ht.value(), v.vat.value(), v.ttc.value()};
                ordered_json pays = ordered_json::array();
                for (const auto& p : s.settlement.payments) pays.push_back({{"method", method_name(p.method)}, {"amount", p.amount.value()}});
                print_json({{"ticket", s.ticket}, {"training", s.training}, {"replayed", s.replayed}, {"seq", s.seq}, {"total", s.priced.total.value()},
                            {"discount", s.priced.ticket_discount.value()}, {"change", s.settlement.change.value()},
                            {"voucher_excess", s.settlement.voucher_excess.value()},
                            {"hash", s.hash_hex}, {"payments", pays}, {"by_entrepreneur", by_ent}, {"by_vat", vat_json(vat)}});
                return;
            }
            // Columns are padded before they go into the (translated) line.
            if (s.replayed) std::cout << tr("Request {0} was already recorded: nothing sold again.", *request_id) << "\n";
            if (s.training)
                std::cout << tr("TRAINING MODE: training ticket {0}  total {1} (not a sale, counted nowhere)", s.ticket,
                                s.priced.total.format())
                          << "\n";
            else
                std::cout << tr("Ticket {0}  total {1}", s.ticket, s.priced.total.format()) << "\n";
            if (s.priced.ticket_discount != Money())
                std::cout << "  " << tr("discount   {0}", s.priced.ticket_discount.format()) << "\n";
            for (const auto& [bp, v] : s.priced.by_vat)
                std::cout << "  "
                          << tr("VAT {0}  HT {1}  VAT {2}  TTC {3}", fmt::format("{:>7}", pct(bp)), fmt::format("{:>12}", v.ht.format()),
                                fmt::format("{:>10}", v.vat.format()), fmt::format("{:>12}", v.ttc.format()))
                          << "\n";
            for (const auto& [name, m] : s.by_entrepreneur) std::cout << fmt::format("  {:<24} {:>12}\n", name, m.format());
            for (const auto& p : s.settlement.payments)
                std::cout << "  "
                          << tr("paid {0} {1}", fmt::format("{:<{}}", method_label(p.method), method_label_width()), fmt::format("{:>12}", p.amount.format()))
                          << "\n";
            std::cout << "  " << tr("change due {0}", s.settlement.change.format()) << "\n";
            if (s.settlement.voucher_excess != Money())
                std::cout << "  " << tr("meal voucher above the bill: the customer leaves {0} (no change, not a sale)",
                                        s.settlement.voucher_excess.format())
                          << "\n";
            std::cout << "  " << tr("record {0} hash {1}", s.seq, s.hash_hex) << "\n";
        });
    }

    // report day
    {
        auto* rep = app.add_subcommand("report", tr("reports"));
        rep->require_subcommand(1);
        auto date = std::make_shared<std::string>();
        auto* day = with_db(rep->add_subcommand("day", tr("takings of one day: per entrepreneur, VAT rate and tender")), *common);
        day->add_option("--date", *date, tr("YYYY-MM-DD (default: today)"));
        day->add_flag("--json", common->json, tr("machine-readable output, amounts in cents"));
        auto print_to = std::make_shared<std::string>();
        day->add_option("--print", *print_to, tr("also print it on this printer (URI, or \"default\" for the setting printer.uri)"));
        day->callback([=, &exit_code] {
            auto till = Till::open(common->db);
            auto r = till->report_day(date->empty() ? std::nullopt : std::optional<std::string>(*date));
            if (!print_to->empty()) {
                PrintQueue queue(printer_config(*till, *print_to == "default" ? std::nullopt : std::optional(*print_to), std::nullopt));
                const auto id = queue.submit(PrintJobKind::z_report, day_report_printout(*till, r));
                const bool printed = queue.wait(id, std::chrono::seconds(20));
                const PrintJobInfo job = queue.job(id).value();
                if (!common->json)
                    for (const auto& line : job.preview) std::cout << line << "\n";
                if (!printed) {
                    std::cerr << tr("caisse: error: {0}", tr("the printer {0} did not print ({1}: {2}); the sale is kept, print it again later",
                                                             queue.printer(), to_string(job.state), job.detail))
                              << "\n";
                    exit_code = 5;
                }
            }
            if (common->json) {
                print_json({{"date", r.date}, {"tickets", r.tickets}, {"total", r.total}, {"refunds", r.refunds},
                            {"refunds_total", r.refunds_total}, {"by_entrepreneur", r.by_entrepreneur}, {"by_vat", vat_json(r.by_vat)}, {"by_tender", r.by_tender},
                            {"voucher_excess", r.voucher_excess}, {"voucher_excess_account", voucher_excess_account(*till)}});
                return;
            }
            std::cout << tr("Day {0}: {1} tickets, total {2}", r.date, r.tickets, eur(r.total)) << "\n";
            std::cout << tr("By entrepreneur:") << "\n";
            for (const auto& [name, c] : r.by_entrepreneur) std::cout << fmt::format("  {:<24} {:>14}\n", name, eur(c));
            std::cout << tr("By VAT rate:") << "\n";
            for (const auto& [bp, v] : r.by_vat)
                std::cout << "  "
                          << tr("{0}  HT {1}  VAT {2}  TTC {3}", fmt::format("{:>7}", pct(bp)), fmt::format("{:>14}", eur(v.ht)),
                                fmt::format("{:>12}", eur(v.vat)), fmt::format("{:>14}", eur(v.ttc)))
                          << "\n";
            std::cout << tr("By tender:") << "\n";
            for (const auto& [m, c] : r.by_tender) std::cout << fmt::format("  {:<24} {:>14}\n", method_label(m), eur(c));
            std::cout << tr("Meal vouchers above the bill (not sales, account {0}): {1}", voucher_excess_account(*till), eur(r.voucher_excess))
                      << "\n";
        });
    }

    // verify
    {
        auto pubkey = std::make_shared<std::string>();
        auto zs = std::make_shared<std::vector<std::string>>();
        auto backup = std::make_shared<std::string>();
        auto bundles = std::make_shared<std::vector<std::string>>();
        auto integrity = std::make_shared<std::string>("quick");
        auto* cmd = with_db(app.add_subcommand("verify", tr("check the chain, signatures and projections from genesis")), *common);
        auto* pubkey_opt = cmd->add_option("--pubkey", *pubkey, tr("the terminal's public key (hex) recorded at init"));
        cmd->add_option("--z-fingerprint", *zs, tr("Z_NUMBER:HEX, the fingerprint printed on a Z (repeatable)"));
        auto* backup_opt = cmd->add_option("--backup-dir", *backup, tr("folder holding a backup's copy of the head anchor (NAME.db.head)"));
        cmd->add_option("--bundle", *bundles, tr("a bundle this till exported, kept by the coordinator: the chain must still reach its head (repeatable)"));
        cmd->add_option("--integrity", *integrity,
                        tr("SQLite's check of the file: quick (every page and B-tree, the default) or full (also every index "
                           "entry against its row, slower)"))
            ->check(CLI::IsMember({"quick", "full"}));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=, &exit_code] {
            db::VerifyOptions opts;
            opts.bundle_files = *bundles;
            opts.integrity = *integrity == "full" ? db::IntegrityCheck::full : db::IntegrityCheck::quick;
            // Given but empty is a mistake (an unset shell variable), never "no key to check".
            if (pubkey_opt->count() > 0) {
                db::PublicKey pk{};
                if (!db::from_hex(*pubkey, pk.data(), pk.size())) throw InputError("--pubkey must be 64 hex digits");
                opts.pinned_key = pk;
            }
            for (const auto& z : *zs) opts.z_fingerprints.push_back(db::parse_z_fingerprint(z));
            if (backup_opt->count() > 0) {
                if (backup->empty()) throw InputError("--backup-dir must name a folder");
                // A folder that is not there is a wrong argument, not a sign of tampering.
                if (!std::filesystem::is_directory(*backup))
                    throw InputError("backup folder {0} does not exist or is not a folder", *backup);
                opts.backup_dir = *backup;
            }
            auto r = db::verify_ledger(common->db, opts);
            if (common->json) {
                ordered_json first = nullptr, problems = ordered_json::array();
                for (const auto& p : r.problems) problems.push_back({{"terminal", p.terminal}, {"seq", p.seq}, {"reason", p.reason}});
                if (!r.problems.empty()) first = problems.front();
                ordered_json warnings = ordered_json::array();
                for (const auto& w : r.warnings) warnings.push_back(w.english());  // JSON stays English
                ordered_json witnesses = ordered_json::array();
                for (const auto& w : r.witnesses)
                    witnesses.push_back({{"witness", w.witness}, {"subject", w.subject}, {"result", w.result}, {"detail", w.detail.english()}});
                print_json({{"ok", r.ok}, {"records", r.records}, {"first_bad", first}, {"problems", problems},
                            {"warnings", warnings}, {"witnesses", witnesses}, {"integrity_check", r.integrity_check},
                            {"integrity_mode", r.integrity_mode}});
            } else if (r.ok) {
                std::cout << tr("Ledger intact: {0} records verified.", r.records) << "\n";
                for (const auto& w : r.warnings) std::cout << tr("warning: {0}", MessageArg(w)) << "\n";
            } else {
                // A problem of the whole file (schema, a witness) names no record: say so, not "terminal  seq 0".
                const auto where = [](const db::VerifyProblem& p) {
                    if (p.terminal.empty() && p.seq == 0) return tr("the file");
                    if (p.seq == 0) return tr("terminal {0}", p.terminal);
                    return tr("terminal {0} seq {1}", p.terminal, p.seq);
                };
                const auto& p = r.problems.front();
                std::cout << tr("LEDGER BROKEN: first problem, {0}: {1}", where(p), MessageArg(p.message)) << "\n";
                for (std::size_t i = 1; i < r.problems.size(); ++i)
                    std::cout << "  " << tr("also {0}: {1}", where(r.problems[i]), MessageArg(r.problems[i].message)) << "\n";
                for (const auto& w : r.warnings) std::cout << tr("warning: {0}", MessageArg(w)) << "\n";
            }
            if (!common->json) {
                std::cout << (r.integrity_mode == "full" ? tr("SQLite integrity check (full): {0}", r.integrity_check)
                                                         : tr("SQLite integrity check (quick): {0}", r.integrity_check))
                          << "\n";
                std::cout << tr("Witnesses of the tail:") << "\n";
                for (const auto& w : r.witnesses) {
                    // "coordinator" stands for the ledger itself (no imported chain): no subject to name.
                    const std::string who = witness_label(w.witness) + (w.subject == "coordinator" ? "" : " " + w.subject);
                    std::cout << "  " << tr("{0}: {1} ({2})", who,
                                            w.result == "ok" ? tr("ok") : w.result == "failed" ? tr("FAILED") : tr("not checked"),
                                            MessageArg(w.detail))
                              << "\n";
                }
            }
            exit_code = r.ok ? 0 : 1;
        });
    }
}

}  // namespace caisse::cli
