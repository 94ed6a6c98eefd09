#pragma once
#include <CLI/CLI.hpp>

namespace caisse::cli {
// Registers every subcommand on app; returns the exit code of the one that ran.
void register_commands(CLI::App& app, int& exit_code);
void register_print_commands(CLI::App& app, int& exit_code);  // print_commands.cpp
void register_jet_commands(CLI::App& app);  // jet_commands.cpp: events, training
void register_conservation_commands(CLI::App& app, int& exit_code);  // conservation_commands.cpp: archive, backup, restore
}  // namespace caisse::cli
