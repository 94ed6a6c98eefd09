// caisse entrepreneur brand (issue 12, item 12): an entrepreneur's own header on receipts. Text is
// taken as typed; the service checks it and the role.
#include <iostream>
#include <memory>

#include "app/cli/cli_common.hpp"
#include "app/cli/commands.hpp"
#include "app/services/receipt_brand.hpp"

namespace caisse::cli {

void register_entrepreneur_commands(CLI::App& app) {
    auto* group = app.add_subcommand("entrepreneur", tr("an entrepreneur's settings (receipt header)"));
    group->require_subcommand(1);
    auto common = std::make_shared<Common>();
    auto actor = std::make_shared<ActorOptions>();
    auto name = std::make_shared<std::string>();
    auto header = std::make_shared<std::string>();
    auto line = std::make_shared<std::string>();
    auto* cmd = with_db(group->add_subcommand("brand", tr("set the header printed above an entrepreneur's lines on receipts (manager)")),
                        *common);
    cmd->add_option("--entrepreneur", *name, tr("the entrepreneur's name"))->required();
    cmd->add_option("--header", *header, tr("the brand name printed large; empty removes the header"))->required();
    cmd->add_option("--line", *line, tr("a short line under it (optional)"));
    add_actor_options(cmd, *actor);
    cmd->add_flag("--json", common->json, tr("machine-readable output"));
    cmd->callback([=] {
        auto till = Till::open(common->db);
        const auto id = set_entrepreneur_brand(*till, sign_in(*till, *actor), *name, *header, *line);
        if (common->json) {
            print_json({{"entrepreneur", id}, {"header", *header}, {"line", header->empty() ? std::string() : *line}});
        } else if (header->empty()) {
            std::cout << tr("Receipt header of {0} removed.", *name) << "\n";
        } else {
            std::cout << tr("Receipt header of {0} set.", *name) << "\n";
        }
    });
}

}  // namespace caisse::cli
