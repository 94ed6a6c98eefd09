// caisse roster add|list|export|import (issue 11, item 1): the group's members, made once and
// shared with every till as a roster file. Text is parsed here; the services take typed values.
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/cli/cli_common.hpp"
#include "app/cli/commands.hpp"
#include "app/services/members.hpp"

namespace caisse::cli {

void register_roster_commands(CLI::App& app) {
    auto* roster = app.add_subcommand("roster", tr("the group's members, shared by every till (roster file)"));
    roster->require_subcommand(1);

    {
        auto common = std::make_shared<Common>();
        auto actor = std::make_shared<ActorOptions>();
        auto m = std::make_shared<NewMember>();
        auto similar = std::make_shared<bool>(false);
        auto* cmd = with_db(roster->add_subcommand("add", tr("add a member (manager)")), *common);
        cmd->add_option("name", m->name, tr("the member's name"))->required();
        cmd->add_option("--colour", m->colour, tr("#rrggbb (next of the palette by default)"));
        cmd->add_option("--cape-start", m->cape_start, tr("first day of the CAPE, YYYY-MM-DD"));
        cmd->add_option("--cape-end", m->cape_end, tr("last day of the CAPE, YYYY-MM-DD"));
        cmd->add_flag("--allow-similar", *similar, tr("add it even when a member's name is one letter away"));
        add_actor_options(cmd, *actor);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const Member added = add_member(*till, sign_in(*till, *actor), *m, *similar);
            if (common->json) print_json({{"id", added.id}, {"name", added.name}, {"colour", added.colour}});
            else std::cout << tr("Member {0} added (id {1}).", added.name, added.id) << "\n";
        });
    }
    {
        auto common = std::make_shared<Common>();
        auto* cmd = with_db(roster->add_subcommand("list", tr("list the members and their ids")), *common);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const auto all = members(till->ledger().db());
            if (common->json) {
                ordered_json out = ordered_json::array();
                for (const auto& m : all)
                    out.push_back({{"id", m.id}, {"name", m.name}, {"colour", m.colour}, {"cape_start", m.cape_start},
                                   {"cape_end", m.cape_end}, {"recorded", m.recorded}});
                print_json(out);
                return;
            }
            std::cout << tr("{0} members", static_cast<std::int64_t>(all.size())) << "\n";
            for (const auto& m : all) {
                const std::string dates = m.cape_start.empty() && m.cape_end.empty()
                                              ? tr("no CAPE dates")
                                              : (m.cape_start.empty() ? "?" : m.cape_start) + " .. " + (m.cape_end.empty() ? "?" : m.cape_end);
                std::cout << fmt::format("{}  {}  {}  {}{}\n", m.id, m.colour, m.name, dates,
                                         m.recorded ? "" : "  (" + tr("not in the roster yet") + ")");
            }
        });
    }
    {
        auto common = std::make_shared<Common>();
        auto out = std::make_shared<std::string>();
        auto* cmd = with_db(roster->add_subcommand("export", tr("write the roster file to import on the other tills")), *common);
        cmd->add_option("--out", *out, tr("the file to write"))->required();
        cmd->callback([=] {
            auto till = Till::open(common->db);
            write_out(*out, export_roster(till->ledger().db()), *till);
            std::cout << tr("{0} written.", *out) << "\n";
        });
    }
    {
        auto common = std::make_shared<Common>();
        auto actor = std::make_shared<ActorOptions>();
        auto file = std::make_shared<std::string>();
        auto similar = std::make_shared<bool>(false);
        auto* cmd = with_db(roster->add_subcommand("import", tr("import a roster file: members added or updated (manager)")), *common);
        cmd->add_option("file", *file, tr("the roster file"))->required();
        cmd->add_flag("--allow-similar", *similar, tr("add new members even when a member's name is one letter away"));
        add_actor_options(cmd, *actor);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            const std::string text = read_file(*file, kMaxRosterBytes);
            auto till = Till::open(common->db);
            const auto s = import_roster(*till, sign_in(*till, *actor), text, *similar);
            if (common->json) {
                print_json({{"added", s.added}, {"updated", s.updated}, {"unchanged", s.unchanged}, {"linked", s.linked},
                            {"added_names", s.added_names}});
                return;
            }
            std::cout << tr("{0} members added, {1} updated, {2} unchanged; {3} entrepreneurs linked.", s.added, s.updated, s.unchanged,
                            s.linked)
                      << "\n";
            for (const auto& n : s.added_names) std::cout << tr("New member: {0}", n) << "\n";
        });
    }
}

}  // namespace caisse::cli
