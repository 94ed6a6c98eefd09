#include "app/cli/commands.hpp"

#include <fmt/format.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/services/till.hpp"

namespace caisse::cli {

namespace {

using nlohmann::ordered_json;

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void print_json(const ordered_json& j) { std::cout << j.dump(2) << "\n"; }

ordered_json vat_json(const std::map<std::int64_t, db::VatRecord>& by_vat) {
    ordered_json out = ordered_json::object();
    for (const auto& [bp, v] : by_vat) out[std::to_string(bp)] = {{"ht", v.ht}, {"vat", v.vat}, {"ttc", v.ttc}};
    return out;
}

std::string pct(std::int64_t bp) { return VatRate{static_cast<std::int32_t>(bp)}.percent(); }
std::string eur(std::int64_t cents) { return Money::cents(cents).format(); }

struct Common {
    std::string db;
    bool json = false;
};

CLI::App* with_db(CLI::App* cmd, Common& c) {
    cmd->add_option("--db", c.db, "ledger file (SQLite)")->required();
    return cmd;
}

}  // namespace

void register_commands(CLI::App& app, int& exit_code) {
    auto common = std::make_shared<Common>();

    // init
    {
        auto terminal = std::make_shared<std::string>("T1");
        auto demo = std::make_shared<bool>(false);
        auto* cmd = with_db(app.add_subcommand("init", "create a new ledger with its signing key"), *common);
        cmd->add_option("--terminal", *terminal, "name of this till (letters, digits, - and _)")->capture_default_str();
        cmd->add_flag("--demo", *demo, "load the demo restaurant and textile catalogues and demo users");
        cmd->add_flag("--json", common->json, "machine-readable output");
        cmd->callback([=] {
            auto till = Till::init(common->db, *terminal, *demo);
            const std::string key = db::to_hex(till->ledger().public_key());
            if (common->json) {
                print_json({{"terminal", *terminal}, {"public_key", key}, {"demo", *demo}});
            } else {
                std::cout << fmt::format("Ledger {} created for terminal {}.\n", common->db, *terminal);
                std::cout << fmt::format("Public key (keep a copy away from this till; verify --pubkey checks it):\n  {}\n", key);
                if (*demo) std::cout << "Demo catalogue and users loaded (PINs in README.md).\n";
            }
        });
    }

    // user add
    {
        auto* user = app.add_subcommand("user", "manage users");
        user->require_subcommand(1);
        auto name = std::make_shared<std::string>(), role = std::make_shared<std::string>(), pin = std::make_shared<std::string>();
        auto* add = with_db(user->add_subcommand("add", "add a user with a role and a PIN"), *common);
        add->add_option("--name", *name, "user name")->required();
        add->add_option("--role", *role, "seller, manager or admin")->required();
        add->add_option("--pin", *pin, "4 to 8 digits")->required();
        add->add_flag("--json", common->json, "machine-readable output");
        add->callback([=] {
            auto till = Till::open(common->db);
            User u = till->add_user(*name, *role, *pin);
            if (common->json) print_json({{"id", u.id}, {"name", u.name}, {"role", role_name(u.role)}});
            else std::cout << fmt::format("User {} ({}) added.\n", u.name, role_name(u.role));
        });
    }

    // catalog import / export
    {
        auto* cat = app.add_subcommand("catalog", "import or export the catalogue (CSV)");
        cat->require_subcommand(1);
        auto file = std::make_shared<std::string>();
        auto* imp = with_db(cat->add_subcommand("import", "import a CSV: all rows or none"), *common);
        imp->add_option("file", *file, "CSV with columns sku,name,price,vat,entrepreneur,category")->required();
        imp->add_flag("--json", common->json, "machine-readable output");
        imp->callback([=] {
            const std::string text = read_file(*file);
            auto till = Till::open(common->db);
            auto s = till->import_catalogue(text);
            if (common->json)
                print_json({{"added", s.added}, {"changed", s.changed}, {"unchanged", s.unchanged},
                            {"entrepreneurs_created", s.entrepreneurs_created}, {"categories_created", s.categories_created}});
            else
                std::cout << fmt::format("{} products added, {} changed, {} unchanged; {} entrepreneurs and {} categories created.\n",
                                         s.added, s.changed, s.unchanged, s.entrepreneurs_created, s.categories_created);
        });
        auto* exp = with_db(cat->add_subcommand("export", "print the current catalogue as CSV"), *common);
        exp->callback([=] { std::cout << Till::open(common->db)->export_catalogue(); });
    }

    // session open
    {
        auto* ses = app.add_subcommand("session", "cash sessions");
        ses->require_subcommand(1);
        auto user = std::make_shared<std::string>(), flt = std::make_shared<std::string>();
        auto* open = with_db(ses->add_subcommand("open", "open a session with a counted float"), *common);
        open->add_option("--user", *user, "user opening the drawer")->required();
        open->add_option("--float", *flt, "cash in the drawer at opening, e.g. 150,00")->required();
        open->add_flag("--json", common->json, "machine-readable output");
        open->callback([=] {
            auto till = Till::open(common->db);
            auto id = till->open_session(*user, *flt);
            if (common->json) print_json({{"session", id}});
            else std::cout << fmt::format("Session {} opened with a float of {}.\n", id, Money::parse(*flt).format());
        });
    }

    // sell
    {
        auto req = std::make_shared<SellRequest>();
        auto pin = std::make_shared<std::string>(), discount = std::make_shared<std::string>();
        auto* cmd = with_db(app.add_subcommand("sell", "record a sale: one transaction, one fsync"), *common);
        cmd->add_option("--user", req->user, "seller")->required();
        cmd->add_option("--pin", *pin, "seller's PIN (checked when given)");
        cmd->add_option("--item", req->items, "SKU[*QTY][@PRICE], repeatable")->required();
        cmd->add_option("--discount", *discount, "ticket discount: AMOUNT or PCT%");
        cmd->add_option("--pay", req->payments, "METHOD[:AMOUNT], METHOD in cash, card, cheque, voucher, transfer")->required();
        cmd->add_flag("--json", common->json, "machine-readable output");
        cmd->callback([=] {
            SellRequest r = *req;
            if (!pin->empty()) r.pin = *pin;
            if (!discount->empty()) r.discount = *discount;
            auto till = Till::open(common->db);
            auto s = till->sell(r);
            if (common->json) {
                ordered_json by_ent = ordered_json::object();
                for (const auto& [name, m] : s.by_entrepreneur) by_ent[name] = m.value();
                std::map<std::int64_t, db::VatRecord> vat;
                for (const auto& [bp, v] : s.priced.by_vat) vat[bp] = {bp, v.ht.value(), v.vat.value(), v.ttc.value()};
                ordered_json pays = ordered_json::array();
                for (const auto& p : s.settlement.payments) pays.push_back({{"method", method_name(p.method)}, {"amount", p.amount.value()}});
                print_json({{"ticket", s.ticket}, {"seq", s.seq}, {"total", s.priced.total.value()},
                            {"discount", s.priced.ticket_discount.value()}, {"change", s.settlement.change.value()},
                            {"hash", s.hash_hex}, {"payments", pays}, {"by_entrepreneur", by_ent}, {"by_vat", vat_json(vat)}});
                return;
            }
            std::cout << fmt::format("Ticket {}  total {}\n", s.ticket, s.priced.total.format());
            if (s.priced.ticket_discount != Money()) std::cout << fmt::format("  discount   {}\n", s.priced.ticket_discount.format());
            for (const auto& [bp, v] : s.priced.by_vat)
                std::cout << fmt::format("  VAT {:>7}  HT {:>12}  VAT {:>10}  TTC {:>12}\n", pct(bp), v.ht.format(), v.vat.format(), v.ttc.format());
            for (const auto& [name, m] : s.by_entrepreneur) std::cout << fmt::format("  {:<24} {:>12}\n", name, m.format());
            for (const auto& p : s.settlement.payments) std::cout << fmt::format("  paid {:<10} {:>12}\n", method_name(p.method), p.amount.format());
            std::cout << fmt::format("  change due {}\n  record {} hash {}\n", s.settlement.change.format(), s.seq, s.hash_hex);
        });
    }

    // report day
    {
        auto* rep = app.add_subcommand("report", "reports");
        rep->require_subcommand(1);
        auto date = std::make_shared<std::string>();
        auto* day = with_db(rep->add_subcommand("day", "takings of one day: per entrepreneur, VAT rate and tender"), *common);
        day->add_option("--date", *date, "YYYY-MM-DD (default: today)");
        day->add_flag("--json", common->json, "machine-readable output, amounts in cents");
        day->callback([=] {
            auto till = Till::open(common->db);
            auto r = till->report_day(date->empty() ? std::nullopt : std::optional<std::string>(*date));
            if (common->json) {
                print_json({{"date", r.date}, {"tickets", r.tickets}, {"total", r.total},
                            {"by_entrepreneur", r.by_entrepreneur}, {"by_vat", vat_json(r.by_vat)}, {"by_tender", r.by_tender}});
                return;
            }
            std::cout << fmt::format("Day {}: {} tickets, total {}\n", r.date, r.tickets, eur(r.total));
            std::cout << "By entrepreneur:\n";
            for (const auto& [name, c] : r.by_entrepreneur) std::cout << fmt::format("  {:<24} {:>14}\n", name, eur(c));
            std::cout << "By VAT rate:\n";
            for (const auto& [bp, v] : r.by_vat)
                std::cout << fmt::format("  {:>7}  HT {:>14}  VAT {:>12}  TTC {:>14}\n", pct(bp), eur(v.ht), eur(v.vat), eur(v.ttc));
            std::cout << "By tender:\n";
            for (const auto& [m, c] : r.by_tender) std::cout << fmt::format("  {:<24} {:>14}\n", m, eur(c));
        });
    }

    // verify
    {
        auto pubkey = std::make_shared<std::string>();
        auto* cmd = with_db(app.add_subcommand("verify", "check the chain, signatures and projections from genesis"), *common);
        cmd->add_option("--pubkey", *pubkey, "the terminal's public key (hex) recorded at init");
        cmd->add_flag("--json", common->json, "machine-readable output");
        cmd->callback([=, &exit_code] {
            db::VerifyOptions opts;
            if (!pubkey->empty()) {
                db::PublicKey pk{};
                if (!db::from_hex(*pubkey, pk.data(), pk.size())) throw InputError("--pubkey must be 64 hex digits");
                opts.pinned_key = pk;
            }
            auto r = db::verify_ledger(common->db, opts);
            if (common->json) {
                ordered_json first = nullptr, problems = ordered_json::array();
                for (const auto& p : r.problems) problems.push_back({{"terminal", p.terminal}, {"seq", p.seq}, {"reason", p.reason}});
                if (!r.problems.empty()) first = problems.front();
                print_json({{"ok", r.ok}, {"records", r.records}, {"first_bad", first}, {"problems", problems},
                            {"warnings", r.warnings}});
            } else if (r.ok) {
                std::cout << fmt::format("Ledger intact: {} records verified.\n", r.records);
                for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
            } else {
                const auto& p = r.problems.front();
                std::cout << fmt::format("LEDGER BROKEN: first bad record terminal {} seq {}: {}\n", p.terminal, p.seq, p.reason);
                for (std::size_t i = 1; i < r.problems.size(); ++i)
                    std::cout << fmt::format("  also terminal {} seq {}: {}\n", r.problems[i].terminal, r.problems[i].seq, r.problems[i].reason);
                for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
            }
            exit_code = r.ok ? 0 : 1;
        });
    }
}

}  // namespace caisse::cli
