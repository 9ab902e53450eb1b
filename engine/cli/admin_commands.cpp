// `cohort migrate` and `cohort retry`: an administrator's changes to a stored run. Each is
// recorded in the event log at its place, so every later replay makes it again.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "run/programme_session.hpp"
#include "value/json.hpp"

namespace cohort::cli {
namespace {

struct Common {
  std::string data_dir = "var";
  std::vector<std::string> plugin_dirs;
  bool json = false;
};

void add_common(CLI::App* cmd, Common& c) {
  cmd->add_option("--data-dir", c.data_dir, "The data directory a `cohort run` used")->capture_default_str();
  cmd->add_option("--plugin-dir", c.plugin_dirs, "Plugin directory (default: the build's plugins/)")
      ->check(CLI::ExistingPath);
  cmd->add_flag("--json", c.json, "JSON output");
}

std::unique_ptr<run::ProgrammeSession> reopen(const Common& c, bool for_writing, int& exit_code) {
  std::vector<std::string> errors;
  auto session = run::open_logged(c.data_dir, c.plugin_dirs.empty() ? run::default_plugin_dirs() : c.plugin_dirs,
                                  errors, for_writing);
  for (const auto& e : errors) std::cerr << "error: " << e << "\n";
  if (!session) exit_code = 1;
  return session;
}

Value item_json(const run::MigrationItem& item) {
  return Value::object({{"subject", Value(item.subject)},
                        {"from_version", Value(item.from_version)},
                        {"from_state", Value(item.from_state)},
                        {"to_state", Value(item.to_state)},
                        {"ok", Value(item.problem.empty())},
                        {"problem", item.problem.empty() ? Value() : Value(item.problem)}});
}

}  // namespace

void add_migrate(CLI::App& app, int& exit_code) {
  struct Options : Common {
    std::string plan_file;
    bool dry_run = false;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("migrate",
                                 "Move running instances to another version of their workflow, as a plan says "
                                 "(old state -> new state, data transforms). All or nothing; recorded in the log.");
  cmd->add_option("plan", opt->plan_file, "The migration plan (JSON; see docs/STORE.md)")->required();
  add_common(cmd, *opt);
  cmd->add_flag("--dry-run", opt->dry_run, "List what would happen to every affected instance; change nothing");
  cmd->callback([opt, &exit_code] {
    std::ifstream in(opt->plan_file, std::ios::binary);
    if (!in) {
      std::cerr << "error: " << opt->plan_file << ": cannot read the migration plan\n";
      exit_code = 2;
      return;
    }
    std::stringstream text;
    text << in.rdbuf();
    run::MigrationPlan plan;
    std::vector<std::string> errors;
    if (!run::parse_migration_plan(text.str(), opt->plan_file, plan, errors)) {
      for (const auto& e : errors) std::cerr << e << "\n";
      exit_code = 1;
      return;
    }
    auto session = reopen(*opt, !opt->dry_run, exit_code);
    if (!session) return;
    std::vector<run::MigrationItem> items;
    std::string error;
    bool ok = opt->dry_run ? session->plan_migration(plan, items, error) : session->migrate(plan, items, error);
    std::size_t problems = 0;
    for (const auto& item : items) problems += !item.problem.empty();
    if (opt->json) {
      List rows;
      for (const auto& item : items) rows.push_back(item_json(item));
      std::cout << to_json(Value::object({{"dry_run", Value(opt->dry_run)},
                                          {"applied", Value(ok && !opt->dry_run)},
                                          {"affected", Value(static_cast<std::int64_t>(items.size()))},
                                          {"cannot_move", Value(static_cast<std::int64_t>(problems))},
                                          {"error", error.empty() ? Value() : Value(error)},
                                          {"instances", Value(std::move(rows))}}))
                << "\n";
    } else {
      for (const auto& item : items)
        std::printf("%-24s %s %s -> %s%s%s\n", item.subject.c_str(), item.from_version.substr(0, 12).c_str(),
                    item.from_state.c_str(), item.to_state.c_str(), item.problem.empty() ? "" : "   CANNOT MOVE: ",
                    item.problem.c_str());
      std::printf("%zu instances affected, %zu cannot be moved%s\n", items.size(), problems,
                  opt->dry_run ? " (dry run: nothing changed)"
                  : ok         ? "; migration applied and recorded in the log"
                               : "");
    }
    if (!ok) {
      std::cerr << "error: " << opt->plan_file << ": " << error << "\n";
      exit_code = 1;
    } else if (opt->dry_run && problems) {
      exit_code = 1;
    }
  });
}

void add_retry(CLI::App& app, int& exit_code) {
  struct Options : Common {
    std::string subject;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("retry", "Retry the failed plugin call of an instance parked in incident "
                                          "(one more attempt; recorded in the log).");
  cmd->add_option("subject", opt->subject, "The instance's subject")->required();
  add_common(cmd, *opt);
  cmd->callback([opt, &exit_code] {
    auto session = reopen(*opt, true, exit_code);
    if (!session) return;
    std::string error;
    if (!session->retry(opt->subject, error)) {
      std::cerr << "error: " << error << " in " << opt->data_dir << "\n";
      exit_code = 1;
      return;
    }
    auto v = session->engine().instance(opt->subject);
    std::printf("%s: retried; now in state %s\n", opt->subject.c_str(), v ? v->state.c_str() : "?");
  });
}

}  // namespace cohort::cli
