#pragma once
// CLI11's argument errors as the till's own messages: one line, translated (issue 10, item 9).
// CLI11 (2.1) words its errors in English inside the exception text; the common kinds are
// recognised by their class and wording and turned into a Message with a msgid of
// assets/i18n/fr.po. Anything else keeps CLI11's English text, still on one line.
#include <CLI/CLI.hpp>

#include "app/core/message.hpp"

namespace caisse::cli {

Message parse_error_message(const CLI::ParseError& error);
// The same, and a word standing where a subcommand of `app`'s parsed path was due ("caisse user
// lsit") named with the subcommands there are, instead of "a subcommand is missing".
Message parse_error_message(const CLI::ParseError& error, CLI::App& app);

}  // namespace caisse::cli
