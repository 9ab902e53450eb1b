// `cohort instances` and `cohort history`: what a data directory's event log holds.
#include <cstdio>
#include <iostream>

#include "cli/commands.hpp"
#include "run/programme_session.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::cli {
namespace {

struct Common {
  std::string data_dir = "var";
  std::vector<std::string> plugin_dirs;
  bool json = false;
  bool from_log = false;
};

void add_common(CLI::App* cmd, Common& c) {
  cmd->add_option("--data-dir", c.data_dir, "The data directory a `cohort run` used")->capture_default_str();
  cmd->add_option("--plugin-dir", c.plugin_dirs, "Plugin directory (default: the build's plugins/)")
      ->check(CLI::ExistingPath);
  cmd->add_flag("--json", c.json, "JSON output");
  cmd->add_flag("--from-log", c.from_log, "Ignore snapshots: rebuild every instance from the event log alone");
}

std::unique_ptr<run::ProgrammeSession> reopen(const Common& c, int& exit_code) {
  std::vector<std::string> errors;
  auto session = run::open_logged(c.data_dir, c.plugin_dirs.empty() ? run::default_plugin_dirs() : c.plugin_dirs,
                                  errors, false, !c.from_log);
  for (const auto& e : errors) std::cerr << "error: " << e << "\n";
  if (!session) exit_code = 1;
  return session;
}

}  // namespace

void add_instances(CLI::App& app, int& exit_code) {
  struct Options : Common {
    std::string state;
    std::string definition;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("instances", "List the instances a data directory holds, with their states.");
  add_common(cmd, *opt);
  cmd->add_option("--state", opt->state, "Only instances in this state");
  cmd->add_option("--definition", opt->definition, "Only instances of this definition (participant, programme)");
  cmd->callback([opt, &exit_code] {
    auto session = reopen(*opt, exit_code);
    if (!session) return;
    List rows;
    std::size_t count = 0;
    session->engine().for_each_instance([&](const runtime::InstanceView& v) {
      if (!opt->state.empty() && v.state != opt->state) return;
      if (!opt->definition.empty() && v.definition != opt->definition) return;
      ++count;
      if (opt->json) {
        rows.push_back(Value::object({{"subject", Value(v.subject)},
                                      {"definition", Value(v.definition)},
                                      {"version", Value(v.definition_hash)},
                                      {"state", Value(v.state)},
                                      {"final", Value(v.final)}}));
      } else {
        std::printf("%-24s %-12s %s\n", v.subject.c_str(), v.definition.c_str(), v.state.c_str());
      }
    });
    if (opt->json)
      std::cout << to_json(Value::object({{"instances", Value(std::move(rows))}})) << "\n";
    else
      std::printf("%zu instance(s)\n", count);
  });
}

void add_history(CLI::App& app, int& exit_code) {
  struct Options : Common {
    std::string subject;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("history", "Show one instance's history: every event, transition, call and "
                                            "result, with times, and its data.");
  cmd->add_option("subject", opt->subject, "The instance's subject (an applicant or programme id)")->required();
  add_common(cmd, *opt);
  cmd->callback([opt, &exit_code] {
    auto session = reopen(*opt, exit_code);
    if (!session) return;
    auto v = session->engine().instance(opt->subject, /*with_history=*/true);
    if (!v) {
      std::cerr << "error: no instance has subject '" << opt->subject << "' in " << opt->data_dir
                << " (cohort instances --data-dir " << opt->data_dir << " lists them)\n";
      exit_code = 1;
      return;
    }
    if (opt->json) {
      List entries;
      for (const auto& h : v->history)
        entries.push_back(Value::object({{"time", Value(format_iso_datetime(h.time))},
                                         {"kind", Value(runtime::history_kind_name(h.kind))},
                                         {"detail", Value(h.detail)}}));
      std::cout << to_json(Value::object({{"subject", Value(v->subject)},
                                          {"definition", Value(v->definition)},
                                          {"version", Value(v->definition_hash)},
                                          {"state", Value(v->state)},
                                          {"data", v->data},
                                          {"history", Value(std::move(entries))}}))
                << "\n";
      return;
    }
    std::printf("%s (%s, version %s): %s\n", v->subject.c_str(), v->definition.c_str(),
                v->definition_hash.substr(0, 12).c_str(), v->state.c_str());
    for (const auto& h : v->history)
      std::printf("  %s  %-10s %s\n", format_iso_datetime(h.time).c_str(), runtime::history_kind_name(h.kind),
                  h.detail.c_str());
    std::printf("data: %s\n", to_pretty_json(v->data).c_str());
  });
}

}  // namespace cohort::cli
