// Conservation commands (issue 9, items 6 and 7): archive export / verify, backup, restore.
// Text is parsed here; the services take typed values.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/cli/cli_common.hpp"
#include "app/services/archive.hpp"
#include "app/services/backup.hpp"

namespace caisse::cli {

namespace {

ordered_json ends_json(const std::vector<db::ChainEnd>& ends) {
    ordered_json j = ordered_json::object();
    for (const auto& e : ends) j[e.terminal] = e.seq;
    return j;
}

ordered_json lost_json(const std::vector<db::LostRange>& lost) {
    ordered_json j = ordered_json::array();
    for (const auto& l : lost) j.push_back({{"terminal", l.terminal}, {"first", l.first}, {"last", l.last}});
    return j;
}

void register_archive(CLI::App& app, int& exit_code) {
    auto* archive = app.add_subcommand("archive", tr("signed archives of a month or a fiscal year (docs/archive-format.md)"));
    archive->require_subcommand(1);
    {
        auto common = std::make_shared<Common>();
        auto period = std::make_shared<std::string>();
        auto out = std::make_shared<std::string>();
        auto actor = std::make_shared<ActorOptions>();
        auto* cmd = with_db(archive->add_subcommand("export", tr("write the signed archive of a period's records and closures")), *common);
        cmd->add_option("--period", *period, tr("YYYY-MM (a month) or YYYY (a fiscal year)"))->required();
        cmd->add_option("--out", *out, tr("the archive file to write (must not exist)"))->required();
        add_actor_options(cmd, *actor, false);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=, &exit_code] {
            const auto p = db::parse_archive_period(*period);
            auto till = Till::open(common->db);
            std::optional<Actor> by;
            if (!actor->user.empty()) by = sign_in(*till, *actor);
            const auto r = export_period_archive(*till, by, p, *out);
            const auto& s = r.summary;
            if (common->json) {
                print_json({{"archive", *out}, {"terminal", s.terminal}, {"period", s.period}, {"first_seq", s.first_seq},
                            {"last_seq", s.last_seq}, {"records", s.records}, {"first_z", s.first_z}, {"last_z", s.last_z},
                            {"closure_seq", s.closure_seq ? ordered_json(*s.closure_seq) : ordered_json(nullptr)},
                            {"bytes", s.bytes}, {"sha256", s.sha256_hex}, {"event_seq", r.event_seq}});
            } else {
                std::cout << tr("Archive {0} written: terminal {1}, period {2}, records {3} to {4}, Z {5} to {6}, {7} bytes.", *out,
                                s.terminal, s.period, s.first_seq, s.last_seq, s.first_z, s.last_z, static_cast<std::int64_t>(s.bytes))
                          << "\n";
                if (!s.closure_seq) std::cout << tr("The period is not closed yet: its month or year closure is not in the archive.") << "\n";
                std::cout << tr("SHA-256: {0}", s.sha256_hex) << "\n";
            }
            exit_code = 0;
        });
    }
    {
        auto file = std::make_shared<std::string>();
        auto pubkey = std::make_shared<std::string>();
        auto json = std::make_shared<bool>(false);
        auto* cmd = archive->add_subcommand("verify", tr("check an archive file alone, without the ledger"));
        cmd->add_option("file", *file, tr("the archive file"))->required();
        auto* pubkey_opt = cmd->add_option("--pubkey", *pubkey, tr("the terminal's public key (hex) recorded at init"));
        cmd->add_flag("--json", *json, tr("machine-readable output"));
        cmd->callback([=, &exit_code] {
            std::optional<db::PublicKey> pinned;
            if (pubkey_opt->count() > 0) {
                db::PublicKey pk{};
                if (!db::from_hex(*pubkey, pk.data(), pk.size())) throw InputError("--pubkey must be 64 hex digits");
                pinned = pk;
            }
            const auto r = db::verify_archive(*file, pinned);
            if (*json) {
                ordered_json problems = ordered_json::array();
                for (const auto& p : r.problems) problems.push_back({{"seq", p.seq}, {"reason", p.message.english()}});
                print_json({{"ok", r.ok}, {"terminal", r.terminal}, {"period", r.period}, {"public_key", r.public_key_hex},
                            {"first_seq", r.first_seq}, {"last_seq", r.last_seq}, {"records", r.records}, {"closures", r.closures},
                            {"first_bad", problems.empty() ? ordered_json(nullptr) : problems.front()}, {"problems", problems}});
            } else if (r.ok) {
                std::cout << tr("Archive intact: terminal {0}, period {1}, {2} records ({3} to {4}), {5} closures, signed by {6}.", r.terminal,
                                r.period, r.records, r.first_seq, r.last_seq, r.closures, r.public_key_hex)
                          << "\n";
                if (pubkey_opt->count() == 0)
                    std::cout << tr("The key was not compared with the one recorded at init: give it with --pubkey.") << "\n";
            } else {
                std::cout << tr("ARCHIVE BROKEN:") << "\n";
                for (const auto& p : r.problems) std::cout << "  " << tr(p.message) << "\n";  // each names its record
            }
            exit_code = r.ok ? 0 : 1;
        });
    }
}

void register_backup(CLI::App& app, int& exit_code) {
    {
        auto common = std::make_shared<Common>();
        auto dir = std::make_shared<std::string>();
        auto keep = std::make_shared<int>(kDefaultBackupKeep);
        auto actor = std::make_shared<ActorOptions>();
        auto* cmd = with_db(app.add_subcommand("backup", tr("copy the ledger and its head anchor while the till runs, verify the copy, keep the newest N")),
                            *common);
        cmd->add_option("--to", *dir, tr("the backup folder (a USB stick); default: the setting backup.dir"));
        cmd->add_option("--keep", *keep, tr("backups kept in the folder, 1 to 366 (default 7)"));
        add_actor_options(cmd, *actor, false);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=, &exit_code] {
            auto till = Till::open(common->db);
            std::optional<Actor> by;
            if (!actor->user.empty()) by = sign_in(*till, *actor);
            BackupOptions o;
            if (auto configured = configured_backup(*till)) o = *configured;
            if (!dir->empty()) o.dir = *dir;
            if (o.dir.empty()) throw InputError("no backup folder: give --to DIR or set backup.dir");
            if (*keep != kDefaultBackupKeep || o.keep == kDefaultBackupKeep) o.keep = *keep;
            const auto r = backup_ledger(*till, by, o);
            if (common->json) {
                ordered_json removed = ordered_json::array();
                for (const auto& f : r.removed) removed.push_back(f);
                print_json({{"backup", r.folder}, {"records", r.records}, {"up_to", ends_json(r.ends)}, {"bytes", r.copy.bytes},
                            {"pages", r.copy.pages}, {"steps", r.copy.steps}, {"copy_seconds", r.copy.seconds},
                            {"verify_seconds", r.verify_seconds}, {"verified", true}, {"removed", removed}});
            } else {
                std::cout << tr("Backup {0}: {1} records, verified.", r.folder, r.records) << "\n";
                for (const auto& e : r.ends) std::cout << "  " << tr("terminal {0} up to record {1}", e.terminal, e.seq) << "\n";
                for (const auto& f : r.removed) std::cout << "  " << tr("older backup removed: {0}", f) << "\n";
            }
            exit_code = 0;
        });
    }
    {
        auto from = std::make_shared<std::string>();
        auto common = std::make_shared<Common>();
        auto accept = std::make_shared<bool>(false);
        auto* cmd = with_db(app.add_subcommand("restore", tr("put a backup back in place of the ledger (the till must be closed)")), *common);
        cmd->add_option("--from", *from, tr("a backup folder (or its ledger file)"))->required();
        cmd->add_flag("--accept-loss", *accept, tr("restore even though the ledger holds newer records, which are lost"));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=, &exit_code] {
            const auto r = restore_ledger(*from, common->db, *accept);
            if (common->json) {
                print_json({{"restored", common->db}, {"from", *from}, {"up_to", ends_json(r.ends)}, {"lost", lost_json(r.lost)},
                            {"journaled", r.journaled}});
            } else {
                std::cout << tr("Ledger {0} restored from {1}.", common->db, *from) << "\n";
                for (const auto& e : r.ends) std::cout << "  " << tr("terminal {0} up to record {1}", e.terminal, e.seq) << "\n";
                if (!r.lost.empty()) std::cout << tr("Records lost: {0}", describe_lost(r.lost)) << "\n";
                if (!r.journaled) std::cout << tr("Not journaled: the signing key of this ledger is not here.") << "\n";
            }
            exit_code = 0;
        });
    }
}

}  // namespace

void register_conservation_commands(CLI::App& app, int& exit_code) {
    register_archive(app, exit_code);
    register_backup(app, exit_code);
}

}  // namespace caisse::cli
