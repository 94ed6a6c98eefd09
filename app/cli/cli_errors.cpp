#include "app/cli/cli_errors.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace caisse::cli {

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

// One line: CLI11 joins some lists with newlines.
std::string one_line(std::string s) {
    for (auto& c : s)
        if (c == '\n' || c == '\r') c = ' ';
    return s;
}

}  // namespace

Message parse_error_message(const CLI::ParseError& error) {
    const std::string what = one_line(error.what());
    const std::string_view w = what;
    if (dynamic_cast<const CLI::RequiredError*>(&error)) {
        if (starts_with(w, "A subcommand") || starts_with(w, "Requires at least"))
            return Message{"a subcommand is missing (see --help)", {}};
        if (const auto at = w.rfind(" is required"); at != std::string_view::npos && at + 12 == w.size())
            return Message{"option {0} is required (see --help)", {std::string(w.substr(0, at))}};
    }
    if (dynamic_cast<const CLI::ExtrasError*>(&error)) {
        if (const auto colon = w.find(": "); colon != std::string_view::npos) {
            // CLI11 lists the extras last first ("2000 --amount" for "--amount 2000"): put back as typed.
            std::vector<std::string> words;
            for (std::string_view rest = w.substr(colon + 2); !rest.empty();) {
                const auto sp = rest.find(' ');
                if (sp != 0) words.emplace_back(rest.substr(0, sp));
                rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
            }
            std::string typed;
            for (auto it = words.rbegin(); it != words.rend(); ++it) typed += (typed.empty() ? "" : " ") + *it;
            return Message{"unexpected argument: {0} (see --help)", {typed}};
        }
    }
    if (dynamic_cast<const CLI::ArgumentMismatch*>(&error)) {
        // "--db: 1 required TEXT missing", "Expected exactly 1 arguments to --ticket, got 0"
        if (const auto colon = w.find(": "); colon != std::string_view::npos && w.find("required") != std::string_view::npos)
            return Message{"option {0} needs a value", {std::string(w.substr(0, colon))}};
        if (const auto to = w.find(" arguments to "); to != std::string_view::npos) {
            const auto name = w.substr(to + 14, w.find(',', to) - (to + 14));
            return Message{"option {0} needs a value", {std::string(name)}};
        }
    }
    if (dynamic_cast<const CLI::ConversionError*>(&error)) {
        // "Could not convert: --ticket = abc", "The value abc is not an allowed value for --ticket"
        if (starts_with(w, "Could not convert: ")) {
            const auto rest = w.substr(19);
            const auto eq = rest.find(" = ");
            if (eq != std::string_view::npos)
                return Message{"option {0}: \"{1}\" is not a valid value",
                               {std::string(rest.substr(0, eq)), std::string(rest.substr(eq + 3))}};
        }
        if (starts_with(w, "The value ")) {
            const auto for_at = w.rfind(" is not an allowed value for ");
            if (for_at != std::string_view::npos)
                return Message{"option {0}: \"{1}\" is not a valid value",
                               {std::string(w.substr(for_at + 29)), std::string(w.substr(10, for_at - 10))}};
        }
    }
    if (dynamic_cast<const CLI::ValidationError*>(&error)) {
        // "--x: message": the till's own checks give messages already translated.
        if (const auto colon = w.find(": "); colon != std::string_view::npos) {
            const auto detail = w.substr(colon + 2);
            // CLI11's number checks: "Value abc could not be converted", "Value 0 not in range 1 to 9"
            if (starts_with(detail, "Value ") && detail.find("could not be converted") != std::string_view::npos)
                return Message{"option {0}: \"{1}\" is not a valid value",
                               {std::string(w.substr(0, colon)),
                                std::string(detail.substr(6, detail.find(" could not") - 6))}};
            // CLI::IsMember: "fast not in {quick,full}"
            if (const auto not_in = detail.find(" not in {"); not_in != std::string_view::npos && detail.back() == '}')
                return Message{"option {0}: \"{1}\" is not one of {2}",
                               {std::string(w.substr(0, colon)), std::string(detail.substr(0, not_in)),
                                std::string(detail.substr(not_in + 8))}};
            return Message{"option {0}: {1}", {std::string(w.substr(0, colon)), std::string(detail)}};
        }
    }
    if (auto* e = dynamic_cast<const CLI::ExcludesError*>(&error); e) {
        if (const auto at = w.find(" excludes "); at != std::string_view::npos)
            return Message{"options {0} and {1} do not go together",
                           {std::string(w.substr(0, at)), std::string(w.substr(at + 10))}};
    }
    if (auto* e = dynamic_cast<const CLI::RequiresError*>(&error); e) {
        if (const auto at = w.find(" requires "); at != std::string_view::npos)
            return Message{"option {0} needs {1} too", {std::string(w.substr(0, at)), std::string(w.substr(at + 10))}};
    }
    return Message{"{0} (see --help)", {what}};
}

Message parse_error_message(const CLI::ParseError& error, CLI::App& app) {
    if (dynamic_cast<const CLI::RequiredError*>(&error)) {
        CLI::App* at = &app;
        for (auto subs = at->get_subcommands(); !subs.empty(); subs = at->get_subcommands()) at = subs.front();
        auto rest = at->remaining();
        if (rest.empty()) rest = app.remaining();  // CLI11 hands a word no subcommand takes back to the top
        if (at != &app && !rest.empty() && !starts_with(rest.front(), "-")) {
            std::string names;
            for (const CLI::App* sub : at->get_subcommands({})) names += (names.empty() ? "" : ", ") + sub->get_name();
            return Message{"unknown subcommand \"{0}\" of {1}: the subcommands are {2}", {rest.front(), at->get_name(), names}};
        }
    }
    return parse_error_message(error);
}

}  // namespace caisse::cli
