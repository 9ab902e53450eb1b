// `cohort export`: the participants of a stored run for the ministry's reports, as CSV or
// JSON, or their counts per country, sector and gender.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

#include "cli/commands.hpp"
#include "import/participant_export.hpp"
#include "run/programme_session.hpp"
#include "store/sqlite_log.hpp"
#include "value/json.hpp"

namespace cohort::cli {

void add_export(CLI::App& app, int& exit_code) {
  struct Options {
    std::string data_dir = "var";
    std::vector<std::string> states;
    std::string format = "csv";
    std::string programme;
    std::vector<std::string> plugin_dirs;
    std::string output;
    bool summary = false;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("export",
                                 "Export the participants of a data directory (id, name, country, sector, employer, "
                                 "gender, state) as CSV or JSON, or with --summary their counts per country, "
                                 "sector, gender and state. See docs/IMPORT.md.");
  cmd->add_option("--data-dir", opt->data_dir, "The data directory `cohort run` or `cohort import` used")
      ->capture_default_str();
  cmd->add_option("--state", opt->states,
                  "Only participants in this state (repeatable or comma-separated, e.g. certified,completed; "
                  "default: all)")
      ->delimiter(',');
  cmd->add_option("--format", opt->format, "csv or json")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  cmd->add_option("--programme", opt->programme,
                  "The programme: its file (when the one recorded in the log has moved) or its id (checked "
                  "against the data directory's)");
  cmd->add_option("--plugin-dir", opt->plugin_dirs, "Plugin directory (default: the build's plugins/)")
      ->check(CLI::ExistingPath);
  cmd->add_option("--output,-o", opt->output, "Write to this file instead of stdout");
  cmd->add_flag("--summary", opt->summary, "Counts per country, sector, gender and state instead of the list");
  cmd->callback([opt, &exit_code] {
    const auto dirs = opt->plugin_dirs.empty() ? run::default_plugin_dirs() : opt->plugin_dirs;
    std::vector<std::string> errors;
    std::unique_ptr<run::ProgrammeSession> session;
    std::error_code ec;
    const bool programme_is_file = !opt->programme.empty() && std::filesystem::is_regular_file(opt->programme, ec);
    if (programme_is_file) {
      run::SessionOptions so;
      so.programme_file = opt->programme;
      so.plugin_dirs = dirs;
      so.data_dir = opt->data_dir;
      so.durable = true;
      so.read_only = true;
      if (!std::filesystem::exists(store::log_path_in(opt->data_dir), ec))
        errors.push_back(opt->data_dir + ": no event log here; import or run a programme with --data-dir " +
                         opt->data_dir + " first");
      else
        session = run::ProgrammeSession::open(so, errors);
    } else {
      session = run::open_logged(opt->data_dir, dirs, errors);
    }
    for (const auto& e : errors) std::cerr << "error: " << e << "\n";
    if (!session) {
      exit_code = 1;
      return;
    }
    if (!opt->programme.empty() && !programme_is_file && session->programme_id() != opt->programme) {
      std::cerr << "error: " << opt->data_dir << " holds programme " << session->programme_id() << ", not "
                << opt->programme << "\n";
      exit_code = 1;
      return;
    }
    // A misspelt state would give an empty report that looks like a true one.
    std::set<std::string> states(opt->states.begin(), opt->states.end());
    if (const auto* def = session->definition("participant")) {
      std::set<std::string> known;
      for (const auto& st : def->states) known.insert(st.name);
      known.insert("incident");
      for (const auto& s : states) {
        if (known.count(s)) continue;
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        std::cerr << "error: --state " << s << " is not a state of the participant workflow; states: " << list
                  << "\n";
        exit_code = 2;
        return;
      }
    }

    const auto rows = import::participant_rows(session->engine(), states);
    std::string out;
    if (opt->summary) {
      const auto s = import::summarize(rows);
      out = opt->format == "json" ? to_pretty_json(import::summary_json(s)) + "\n" : import::summary_csv(s);
    } else {
      out = opt->format == "json" ? to_pretty_json(import::rows_json(rows)) + "\n" : import::rows_csv(rows);
    }
    if (opt->output.empty()) {
      std::cout << out;
      return;
    }
    std::ofstream file(opt->output, std::ios::binary | std::ios::trunc);
    file << out;
    file.close();
    if (!file) {
      std::cerr << "error: " << opt->output << ": cannot write the export\n";
      exit_code = 2;
      return;
    }
    std::cerr << rows.size() << " participant(s) written to " << opt->output << "\n";
  });
}

}  // namespace cohort::cli
