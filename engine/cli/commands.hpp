#pragma once
/// @file commands.hpp
/// @brief The `cohort` subcommands. Each adds itself to the app and sets `exit_code`
///        when it runs: 0 success, 1 the input was bad (diagnostics printed), 2 usage
///        or environment errors.

#include <CLI/CLI.hpp>

namespace cohort::cli {

void add_validate(CLI::App& app, int& exit_code);
void add_graph(CLI::App& app, int& exit_code);
void add_plugins(CLI::App& app, int& exit_code);
void add_generate(CLI::App& app, int& exit_code);
void add_run(CLI::App& app, int& exit_code);
void add_bench(CLI::App& app, int& exit_code);
void add_instances(CLI::App& app, int& exit_code);
void add_history(CLI::App& app, int& exit_code);
void add_verify(CLI::App& app, int& exit_code);
void add_import(CLI::App& app, int& exit_code);
void add_export(CLI::App& app, int& exit_code);
void add_migrate(CLI::App& app, int& exit_code);
void add_retry(CLI::App& app, int& exit_code);

}  // namespace cohort::cli
