#pragma once
// Helpers shared by the CLI's command files: labels, JSON output, the --db option.
#include <CLI/CLI.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/core/tender.hpp"
#include "app/core/user.hpp"
#include "app/services/i18n.hpp"
#include "app/services/till.hpp"
#include "db/ledger.hpp"

namespace caisse::cli {

using i18n::tr;
using nlohmann::ordered_json;

// Words shown in text output; --json keeps the identifiers ("card", "seller").
std::string method_label(TenderMethod m);
std::string method_label(const std::string& name);
// Columns of text output are padded in code points, as fmt does, so that accented labels line up.
std::size_t text_width(std::string_view s);
std::size_t method_label_width();
std::string role_label(Role r);
// The whole of a regular file of at most max_bytes; InputError for a missing file, a folder, a
// pipe or device (never blocks on a FIFO), or a larger file (never reads more than max_bytes + 1).
std::string read_file(const std::string& path, std::int64_t max_bytes);
void print_json(const ordered_json& j);
ordered_json vat_json(const std::map<std::int64_t, db::VatRecord>& by_vat);  // rate bp -> {ht, vat, ttc}
std::string pct(std::int64_t bp);    // "5,5 %"
std::string eur(std::int64_t cents);  // "8,50 €"

struct Common {
    std::string db;
    bool json = false;
};
CLI::App* with_db(CLI::App* cmd, Common& c);

// --user NAME --pin PIN of a command that acts for someone (every action needs that user's PIN),
// and --manager NAME --manager-pin PIN for a manager approving what the user's role does not allow.
struct ActorOptions {
    std::string user, pin, manager, manager_pin;
};
void add_actor_options(CLI::App* cmd, ActorOptions& a, bool required = true);
Actor sign_in(Till& till, const ActorOptions& a);  // throws InputError (wrong PIN, locked, no such user)

void register_day_commands(CLI::App& app, int& exit_code);  // day_commands.cpp: session, close, report z/period
void register_refund_commands(CLI::App& app, int& exit_code);  // refund_commands.cpp: cancel, refund

// write_export_file for `till`'s ledger: never over the ledger, its key or another ledger, never
// half written; throws InputError naming the file and why.
void write_out(const std::string& path, const std::string& bytes, Till& till);

}  // namespace caisse::cli
