// `cohort`: the command line of the Cohort workflow engine.
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Cohort: runs international training programmes as JSON-defined workflows.", "cohort"};
  // At most one command; a missing one is reported after parsing. With require_subcommand(1)
  // CLI11 checks the count before the extras, so `cohort frobnicate` or `cohort --frob` said
  // only "A subcommand is required" and never named the argument it did not understand.
  app.require_subcommand(0, 1);
  app.set_version_flag("--version", std::string("cohort ") + COHORT_VERSION);
  std::string log_level = "warn";
  app.add_option("--log-level", log_level, "Logging threshold")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "critical", "off"}))
      ->capture_default_str();

  int exit_code = 0;
  cohort::cli::add_validate(app, exit_code);
  cohort::cli::add_graph(app, exit_code);
  cohort::cli::add_plugins(app, exit_code);
  cohort::cli::add_generate(app, exit_code);
  cohort::cli::add_run(app, exit_code);
  cohort::cli::add_bench(app, exit_code);
  cohort::cli::add_instances(app, exit_code);
  cohort::cli::add_history(app, exit_code);
  cohort::cli::add_verify(app, exit_code);
  cohort::cli::add_import(app, exit_code);
  cohort::cli::add_export(app, exit_code);
  cohort::cli::add_migrate(app, exit_code);
  cohort::cli::add_retry(app, exit_code);

  // Logs go to stderr so that stdout carries only results (JSON, graphs, events).
  auto logger = spdlog::stderr_color_mt("cohort");
  logger->set_pattern("%^%l%$: %v");
  spdlog::set_default_logger(logger);
  app.parse_complete_callback([&] { spdlog::set_level(spdlog::level::from_str(log_level)); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  if (app.get_subcommands().empty()) {
    // Listed from the app itself, so a new command is never missing from the message.
    std::string names;
    for (const CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; }))
      names += (names.empty() ? "" : ", ") + sub->get_name();
    std::cerr << "error: a command is required: " << names << "\nRun with --help for more information.\n";
    return 2;
  }
  spdlog::shutdown();
  return exit_code;
}
