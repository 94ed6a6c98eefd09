#pragma once
#include <CLI/CLI.hpp>

namespace caisse::cli {
// Registers every subcommand on app; returns the exit code of the one that ran.
void register_commands(CLI::App& app, int& exit_code);
void register_print_commands(CLI::App& app, int& exit_code);  // print_commands.cpp
void register_jet_commands(CLI::App& app);  // jet_commands.cpp: events, training
void register_conservation_commands(CLI::App& app, int& exit_code);  // conservation_commands.cpp: archive, backup, restore
void register_roster_commands(CLI::App& app);  // roster_commands.cpp: roster add, list, export, import
void register_entrepreneur_commands(CLI::App& app);  // entrepreneur_commands.cpp: entrepreneur brand
void register_export_commands(CLI::App& app);  // export_commands.cpp: export fec, tickets, lines, catalogue
void register_bundle_commands(CLI::App& app, int& exit_code);  // bundle_commands.cpp: bundle export, bundle import
void register_cape_commands(CLI::App& app);  // cape_commands.cpp: charge, hours, cape rule, cape statement
void register_catering_commands(CLI::App& app);  // catering_commands.cpp: customer, quote, invoice, invoices
}  // namespace caisse::cli
