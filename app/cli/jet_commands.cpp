// caisse events (the technical event log, JET) and caisse training on|off (MODE ÉCOLE).
#include <fmt/format.h>

#include <iostream>
#include <memory>

#include "app/cli/cli_common.hpp"
#include "app/cli/commands.hpp"
#include "app/services/event_text.hpp"

namespace caisse::cli {

namespace {

std::string who(const db::LogEntry& e) {
    std::string w = !e.user_name.empty() ? e.user_name : e.user ? "#" + std::to_string(*e.user) : "-";
    if (!e.approver_name.empty()) w += " (" + tr("approved by {0}", e.approver_name) + ")";
    return w;
}

// One line per event: a multi-line value (an address) is shown with " | " between its lines.
std::string one_line(std::string s) {
    for (std::size_t i = 0; (i = s.find_first_of("\r\n\t", i)) != std::string::npos;) s.replace(i, 1, s[i] == '\t' ? " " : " | ");
    return s;
}

}  // namespace

void register_jet_commands(CLI::App& app) {
    auto common = std::make_shared<Common>();

    // events: reading needs no PIN and works on a read-only copy, like verify.
    {
        auto since = std::make_shared<std::string>();
        auto* cmd = with_db(app.add_subcommand("events", tr("list the technical event log (JET): sign-ins, refusals, closures, "
                                                            "settings, catalogue, training, errors")),
                            *common);
        cmd->add_option("--since", *since, tr("from this date (YYYY-MM-DD, UTC) or UTC time (YYYY-MM-DDTHH:MM:SSZ)"));
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const auto log = till->event_log(*since);
            if (common->json) {
                ordered_json out = ordered_json::array();
                for (const auto& e : log) {
                    auto id = [](const std::optional<std::int64_t>& v) { return v ? ordered_json(*v) : ordered_json(nullptr); };
                    out.push_back({{"terminal", e.terminal}, {"seq", e.seq}, {"at_utc", e.at_utc}, {"kind", e.kind},
                                   {"code", e.code}, {"user", id(e.user)}, {"user_name", e.user_name},
                                   {"approver", id(e.approver)}, {"approver_name", e.approver_name}, {"action", e.action},
                                   {"detail", e.detail}});
                }
                print_json(out);
                return;
            }
            std::cout << tr("Events: {0}", static_cast<std::int64_t>(log.size())) << "\n";
            for (const auto& e : log) {
                // Recorded in English; the JSON keeps it so, the text is in the reader's language.
                std::string what = e.action.empty() ? "" : tr(e.action);
                if (!e.detail.empty()) what += (what.empty() ? "" : ": ") + tr(event_detail_message(e));
                std::cout << fmt::format("{}  {}#{:<6} {:<18} {:<16} {}\n", e.at_utc, e.terminal, e.seq, e.code, who(e), one_line(what));
            }
        });
    }

    // training on|off
    {
        auto* cmd = with_db(app.add_subcommand("training", tr("turn training mode (MODE ÉCOLE) on or off (manager)")), *common);
        auto state = std::make_shared<std::string>();
        auto actor = std::make_shared<ActorOptions>();
        cmd->add_option("state", *state, tr("on or off"))->required()->check(CLI::IsMember({"on", "off"}));
        add_actor_options(cmd, *actor);
        cmd->add_flag("--json", common->json, tr("machine-readable output"));
        cmd->callback([=] {
            auto till = Till::open(common->db);
            const bool on = *state == "on";
            till->set_training(sign_in(*till, *actor), on);
            if (common->json) print_json({{"training", on}});
            else
                std::cout << (on ? tr("Training mode on: sales are training tickets (MODE ÉCOLE), counted nowhere.")
                                 : tr("Training mode off: sales are real again."))
                          << "\n";
        });
    }
}

}  // namespace caisse::cli
