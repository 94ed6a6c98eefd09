// caisse: the till's use cases as subcommands; without one, the till's touch screen (a window). Exit codes: 0 ok, 1 verify found a broken ledger,
// 2 bad input or usage (nothing recorded), 3 ledger busy (another process writing; nothing recorded),
// 4 storage or internal error, 5 the printer could not print (the sale is kept).
// Messages are French unless English is asked for: --lang, else $CAISSE_LANG, else an English locale
// (app/services/i18n.hpp). --json output is the same in every language.
#include <CLI/CLI.hpp>

#include <charconv>
#include <functional>
#include <iostream>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "app/cli/cli_common.hpp"
#include "app/cli/cli_errors.hpp"
#include "app/cli/commands.hpp"
#include "app/core/money.hpp"
#include "app/services/i18n.hpp"
#include "app/ui/window.hpp"
#include "db/sqlite.hpp"
#include "drivers/printer_error.hpp"

namespace {

// --lang must be known before the commands are registered (their help is translated), so it is
// read here first; CLI11 then parses it again with everything else.
std::optional<std::string_view> lang_argument(int argc, char** argv) {
    std::optional<std::string_view> lang;
    for (int i = 1; i < argc; ++i) {
        const std::string_view a = argv[i];
        if (a == "--") break;
        if (a == "--lang" && i + 1 < argc) lang = argv[++i];
        else if (a.substr(0, 7) == "--lang=") lang = a.substr(7);
    }
    return lang;
}

// "1920x1080" -> {1920, 1080}, within what a till's screen may be; nullopt otherwise.
std::optional<std::pair<int, int>> window_size(std::string_view text) {
    const auto x = text.find('x');
    if (x == std::string_view::npos) return std::nullopt;
    int w = 0, h = 0;
    const auto parse = [](std::string_view part, int& out) {
        const auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), out);
        return !part.empty() && ec == std::errc() && end == part.data() + part.size();
    };
    if (!parse(text.substr(0, x), w) || !parse(text.substr(x + 1), h)) return std::nullopt;
    if (w < 1024 || h < 768 || w > 3840 || h > 2160) return std::nullopt;
    return std::pair{w, h};
}

void error_line(const std::string& message) {
    std::cerr << caisse::i18n::tr("caisse: error: {0}", message) << "\n";
}

}  // namespace

int main(int argc, char** argv) {
    using caisse::i18n::tr;
    caisse::i18n::set_language(caisse::i18n::choose_language(lang_argument(argc, argv)));

    CLI::App app{tr("Caisse Commune: a till for small collective businesses")};
    app.require_subcommand(0, 1);  // none: the till window
    app.fallthrough();  // --lang after the subcommand too
    // CLI11 writes a heading's colon right after it; French sets a no-break space before a colon.
    const auto heading = [](std::string text) {
        return caisse::i18n::current()->language() == "fr" ? text + "\u00A0" : text;
    };
    app.option_defaults()->group(heading(tr("Options")));
    app.set_help_flag("-h,--help", tr("Print this help message and exit"));
    app.set_help_all_flag("--help-all", tr("help for every subcommand"));
    // help2man reads this line for the man page (CMake's project version, issue 13).
    app.set_version_flag("--version", "caisse (Caisse Commune) " CAISSE_VERSION, tr("print the version and exit"));
    const auto help = app.get_formatter();
    help->label("Usage", heading(tr("Usage")));
    help->label("OPTIONS", tr("OPTIONS"));
    help->label("SUBCOMMAND", tr("SUBCOMMAND"));
    help->label("REQUIRED", tr("REQUIRED"));
    help->label("TEXT", tr("TEXT"));
    help->label("Positionals", heading(tr("Positionals")));
    help->label("Needs", tr("Needs"));        // "--manager-pin TEXT Needs: --manager"
    help->label("Excludes", tr("Excludes"));
    std::string lang;
    app.add_option("--lang", lang,
                   tr("language of the messages: fr or en (default: $CAISSE_LANG, else French unless the locale is English)"))
        ->check([](const std::string& v) {
            return caisse::i18n::normalize_language(v) ? std::string() : tr("\"{0}\" is not a language such as fr or en", v);
        });
    // Without a subcommand caisse opens the till's window; these options are for it.
    caisse::ui::WindowOptions window;
    std::string size, screenshot;
    const std::string window_group = heading(tr("Till window (no subcommand)"));
    std::vector<CLI::Option*> window_options{
        app.add_option("--db", window.db,
                       tr("ledger of the till (default: caisse-commune/caisse.db in $XDG_DATA_HOME or ~/.local/share, "
                          "created with the demo catalogue)")),
        app.add_flag("--fullscreen", window.fullscreen, tr("full screen on the main monitor, without window borders (kiosk)")),
        app.add_option("--size", size, tr("window size WIDTHxHEIGHT, from 1024x768 to 3840x2160 (default: 1280x800)"))
            ->check([](const std::string& v) {
                return window_size(v) ? std::string() : tr("\"{0}\" is not a window size from 1024x768 to 3840x2160 such as 1920x1080", v);
            }),
        app.add_option("--screenshot", screenshot, tr("write a PNG of the last frame drawn before quitting")),
        app.add_option("--quit-after-frames", window.quit_after_frames, tr("quit after drawing this many frames (tests, benchmarks)"))
            ->check([](const std::string& v) {
                int n = 0;
                const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
                return ec == std::errc() && end == v.data() + v.size() && n > 0 ? std::string()
                                                                              : tr("\"{0}\" is not a number of frames", v);
            }),
        app.add_flag("--timing", window.timing, tr("print the start-up time, frames drawn, CPU time and peak memory on stderr")),
    };
    for (CLI::Option* o : window_options) o->group(window_group);
    // They open the window: given with a subcommand, they would be ignored silently.
    app.parse_complete_callback([&] {
        if (app.get_subcommands().empty()) return;
        for (const CLI::Option* o : window_options)
            if (o->count() > 0)
                throw caisse::InputError("{0} is for the till window: it does not go with a subcommand", o->get_name());
    });
    int exit_code = 0;
    caisse::cli::register_commands(app, exit_code);
    caisse::cli::register_day_commands(app, exit_code);
    caisse::cli::register_jet_commands(app);
    caisse::cli::register_refund_commands(app, exit_code);
    caisse::cli::register_conservation_commands(app, exit_code);
    caisse::cli::register_bundle_commands(app, exit_code);
    caisse::cli::register_cape_commands(app);
    caisse::cli::register_catering_commands(app);
    const std::string subcommands = heading(tr("Subcommands"));
    const std::string options_group = heading(tr("Options"));
    std::function<void(CLI::App*)> group_subcommands = [&](CLI::App* parent) {
        for (CLI::App* sub : parent->get_subcommands({})) {
            sub->group(subcommands);
            // A subcommand's options (its help flag included) are in CLI11's own "Options" group.
            for (CLI::Option* o : sub->get_options())
                if (o->get_group() == "Options" || o->get_group() == tr("Options")) o->group(options_group);
            group_subcommands(sub);
        }
    };
    group_subcommands(&app);
    try {
        app.parse(argc, argv);
        if (app.get_subcommands().empty()) {  // no subcommand: the till's touch screen
            if (!size.empty()) {
                std::tie(window.width, window.height) = *window_size(size);
                window.size_given = true;
            }
            if (!screenshot.empty()) window.screenshot = screenshot;
            if (!lang.empty()) window.lang = lang;
            exit_code = caisse::ui::run_window(window);
        }
    } catch (const CLI::Success& e) {  // --help, --help-all: printed as CLI11 lays them out
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        // One line in the user's language (cli_errors.cpp), exit 2 like any bad input.
        error_line(tr(caisse::cli::parse_error_message(e, app)));
        return 2;
    } catch (const caisse::InputError& e) {
        error_line(tr(e.message()));
        return 2;
    } catch (const caisse::MoneyOverflow& e) {
        error_line(tr("amount out of range"));
        return 2;
    } catch (const caisse::drivers::PrinterError& e) {
        error_line(tr("printer: {0}", e.detail()));
        return 5;
    } catch (const caisse::db::StorageError& e) {  // disk full, write or sync failed: said plainly
        error_line(tr(e.message()));
        return 4;
    } catch (const caisse::db::SqliteError& e) {
        if (e.busy()) {
            error_line(tr("the ledger is busy: another process is writing to it; nothing was recorded"));
            return 3;
        }
        error_line(tr("storage: {0}", e.what()));
        return 4;
    } catch (const std::exception& e) {
        error_line(e.what());
        return 4;
    }
    return exit_code;
}
