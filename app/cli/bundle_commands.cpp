// Bundle commands (issue 11, item 2; docs/bundle-format.md): a till exports its chain, the
// coordinator imports the group's bundles. Text is parsed here; the services take typed values.
#include <charconv>
#include <iostream>
#include <memory>

#include "app/cli/cli_common.hpp"
#include "app/cli/commands.hpp"
#include "app/services/bundle.hpp"

namespace caisse::cli {

namespace {

// Progress is worth showing from this many records (a day of a busy till is a few hundred).
constexpr std::int64_t kShowProgressFrom = 20000;

std::int64_t parse_since(const std::string& text) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 1)
        throw InputError("--since \"{0}\" is not a seq (a whole number from 1)", text);
    return v;
}

void register_export(CLI::App* bundle, int& exit_code) {
    auto common = std::make_shared<Common>();
    auto out = std::make_shared<std::string>();
    auto since = std::make_shared<std::string>();
    auto actor = std::make_shared<ActorOptions>();
    auto* cmd = with_db(bundle->add_subcommand("export", tr("write this till's records since its last bundle, signed, for the coordinator")),
                        *common);
    cmd->add_option("--out", *out, tr("the bundle file to write (must not exist)"))->required();
    cmd->add_option("--since", *since, tr("the first seq to export (default: one past the last bundle exported)"));
    add_actor_options(cmd, *actor, false);
    cmd->add_flag("--json", common->json, tr("machine-readable output"));
    cmd->callback([=, &exit_code] {
        std::optional<std::int64_t> from;
        if (!since->empty()) from = parse_since(*since);
        auto till = Till::open(common->db);
        std::optional<Actor> by;
        if (!actor->user.empty()) by = sign_in(*till, *actor);
        const auto r = export_bundle(*till, by, from, *out);
        const auto& s = r.summary;
        if (common->json) {
            print_json({{"bundle", *out}, {"terminal", s.terminal}, {"first_seq", s.first_seq}, {"last_seq", s.last_seq},
                        {"records", s.records}, {"bytes", s.bytes}, {"sha256", s.sha256_hex}, {"last_hash", s.last_hash_hex},
                        {"event_seq", r.event_seq}});
        } else {
            std::cout << tr("Bundle {0} written: terminal {1}, records {2} to {3} ({4}), {5} bytes.", *out, s.terminal, s.first_seq,
                            s.last_seq, s.records, static_cast<std::int64_t>(s.bytes))
                      << "\n";
            std::cout << tr("SHA-256: {0}", s.sha256_hex) << "\n";
        }
        exit_code = 0;
    });
}

void register_import(CLI::App* bundle, int& exit_code) {
    auto common = std::make_shared<Common>();
    auto files = std::make_shared<std::vector<std::string>>();
    auto actor = std::make_shared<ActorOptions>();
    auto* cmd = with_db(bundle->add_subcommand("import", tr("check the bundles of the group's other tills and store their chains here")),
                        *common);
    cmd->add_option("files", *files, tr("bundle files, or folders of bundles (a USB stick, a synced folder)"))->required();
    add_actor_options(cmd, *actor, false);
    cmd->add_flag("--json", common->json, tr("machine-readable output"));
    cmd->callback([=, &exit_code] {
        auto till = Till::open(common->db);
        std::optional<Actor> by;
        if (!actor->user.empty()) by = sign_in(*till, *actor);
        const auto report = import_bundles(*till, by, *files, [&](const std::string& file, std::int64_t done, std::int64_t total) {
            if (total < kShowProgressFrom || common->json) return;
            std::cerr << tr("{0}: {1} of {2} records checked", file, done, total) << (done == total ? "\n" : "\r") << std::flush;
        });
        if (common->json) {
            ordered_json bundles = ordered_json::array();
            for (const auto& b : report.bundles) {
                ordered_json j = {{"file", b.file}, {"imported", !b.refused}};
                if (b.imported) {
                    const auto& i = *b.imported;
                    j["terminal"] = i.terminal;
                    j["first_seq"] = i.first_seq;
                    j["last_seq"] = i.last_seq;
                    j["records"] = i.records;
                    j["added"] = i.added;
                    j["already_held"] = i.records - i.added;
                    j["new_terminal"] = i.new_terminal;
                    j["sha256"] = i.sha256_hex;
                }
                if (b.refused) j["reason"] = b.refused->english();
                bundles.push_back(j);
            }
            print_json({{"ok", report.all_imported()}, {"added", report.added}, {"skipped_files", report.skipped_files},
                        {"bundles", bundles}});
        } else {
            for (const auto& b : report.bundles) {
                if (b.refused) {
                    std::cout << tr("REFUSED: {0}", tr(*b.refused)) << "\n";
                    continue;
                }
                const auto& i = *b.imported;
                if (i.added == 0)
                    std::cout << tr("{0}: terminal {1}, records {2} to {3}: all already here, nothing changed.", b.file, i.terminal,
                                    i.first_seq, i.last_seq)
                              << "\n";
                else
                    std::cout << tr("{0}: terminal {1}, records {2} to {3}: {4} new record(s) stored.", b.file, i.terminal, i.first_seq,
                                    i.last_seq, i.added)
                              << "\n";
            }
            if (report.skipped_files > 0) std::cout << tr("{0} file(s) that are not bundles were left aside.", report.skipped_files) << "\n";
        }
        exit_code = report.all_imported() ? 0 : 2;
    });
}

}  // namespace

void register_bundle_commands(CLI::App& app, int& exit_code) {
    auto* bundle = app.add_subcommand("bundle", tr("exchange chains between the group's tills (docs/bundle-format.md)"));
    bundle->require_subcommand(1);
    register_export(bundle, exit_code);
    register_import(bundle, exit_code);
}

}  // namespace caisse::cli
