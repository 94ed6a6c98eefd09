// caisse: the till's use cases as subcommands. Exit codes: 0 ok, 1 verify found a broken ledger,
// 2 bad input or usage (nothing recorded), 3 ledger busy (another process writing; nothing recorded),
// 4 storage or internal error.
#include <CLI/CLI.hpp>

#include <iostream>

#include "app/cli/commands.hpp"
#include "app/core/money.hpp"
#include "db/sqlite.hpp"

int main(int argc, char** argv) {
    CLI::App app{"Caisse Commune: a till for small collective businesses"};
    app.require_subcommand(1);
    app.set_help_all_flag("--help-all", "help for every subcommand");
    int exit_code = 0;
    caisse::cli::register_commands(app, exit_code);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    } catch (const caisse::InputError& e) {
        std::cerr << "caisse: error: " << e.what() << "\n";
        return 2;
    } catch (const caisse::MoneyOverflow& e) {
        std::cerr << "caisse: error: amount out of range\n";
        return 2;
    } catch (const caisse::db::SqliteError& e) {
        if (e.busy()) {
            std::cerr << "caisse: error: the ledger is busy: another process is writing to it; nothing was recorded\n";
            return 3;
        }
        std::cerr << "caisse: error: storage: " << e.what() << "\n";
        return 4;
    } catch (const std::exception& e) {
        std::cerr << "caisse: error: " << e.what() << "\n";
        return 4;
    }
    return exit_code;
}
