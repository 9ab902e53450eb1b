// `cohort import`: a spreadsheet of applicants (CSV) becomes their applications, applied
// through the durable event log as `cohort run --data-dir` applies events.
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/commands.hpp"
#include "import/applicant_file.hpp"
#include "import/application_events.hpp"
#include "import/progress_bar.hpp"
#include "run/programme_session.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::cli {
namespace {

// Small files are done before a bar would be seen; a terminal shows one from this size on.
constexpr std::size_t kBarFromBytes = 64 * 1024;
// Events per durable append while importing: each is one transaction and one bar step.
constexpr std::size_t kImportChunk = 1000;

bool slurp(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  out = ss.str();
  return true;
}

}  // namespace

void add_import(CLI::App& app, int& exit_code) {
  struct Options {
    std::string csv;
    std::string programme;
    std::string data_dir = "var";
    std::vector<std::string> plugin_dirs;
    std::string at;
    bool progress = false;
    bool dry_run = false;
    bool json = false;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "import", "Import applicants from a CSV file (one row per applicant) as their applications: each becomes a "
                "participant instance, checked for eligibility. Bad rows are reported and skipped; importing the "
                "same people again adds nobody twice. See docs/IMPORT.md.");
  cmd->add_option("applicants", opt->csv, "The CSV file (UTF-8; header row: name, email, nationality, ...)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--programme", opt->programme, "Programme file (workflows/programmes/*.json)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--data-dir", opt->data_dir,
                  "Where the event log (DIR/cohort.db) lives; the same directory `cohort run` and `cohort "
                  "instances` use")
      ->capture_default_str();
  cmd->add_option("--plugin-dir", opt->plugin_dirs, "Plugin directory (repeatable; default: the build's plugins/)")
      ->check(CLI::ExistingPath);
  cmd->add_option("--at", opt->at,
                  "When the applications count as submitted, for rows without a submitted_at cell (ISO 8601; "
                  "default: now)");
  cmd->add_flag("--progress", opt->progress, "Show a progress bar on stderr even when it is not a terminal");
  cmd->add_flag("--dry-run", opt->dry_run, "Check the file and report; import nothing");
  cmd->add_flag("--json", opt->json, "Print one JSON object instead of text");
  cmd->callback([opt, &exit_code] {
    Timestamp default_time{std::chrono::duration_cast<std::chrono::milliseconds>(
                               std::chrono::system_clock::now().time_since_epoch())
                               .count()};
    if (!opt->at.empty()) {
      auto t = parse_iso_datetime(opt->at);
      if (!t) {
        std::cerr << "error: --at '" << opt->at << "' is not an ISO 8601 date such as 2024-11-20T10:00:00+08:00\n";
        exit_code = 2;
        return;
      }
      default_time = *t;
    }
    std::string programme_text, csv;
    if (!slurp(opt->programme, programme_text)) {
      std::cerr << "error: " << opt->programme << ": cannot read the programme file\n";
      exit_code = 2;
      return;
    }
    if (!slurp(opt->csv, csv)) {
      std::cerr << "error: " << opt->csv << ": cannot read the file\n";
      exit_code = 2;
      return;
    }
    // The id is needed before the session opens: the file is checked first, so a file
    // that cannot be imported never touches the data directory.
    Value programme;
    JsonError jerr;
    if (!parse_json(programme_text, programme, jerr) || !programme["id"].is_string()) {
      std::cerr << opt->programme << ": error: not a programme file (a JSON object with a string \"id\")\n";
      exit_code = 1;
      return;
    }
    const std::string programme_id = programme["id"].as_string();

    import::ProgressBar bar(stderr, opt->progress || (import::ProgressBar::is_terminal(STDERR_FILENO) &&
                                                      csv.size() >= kBarFromBytes));
    bar.start("reading", csv.size());
    auto file = import::read_applicants(csv, programme_id, [&](std::size_t done, std::size_t) { bar.update(done); });
    bar.finish();

    for (const auto& w : file.warnings) std::cerr << opt->csv << ": warning: " << w << "\n";
    if (!file.ok) {
      for (const auto& e : file.errors) std::cerr << opt->csv << ": error: " << e << "\n";
      std::cerr << opt->csv << ": nothing imported\n";
      exit_code = 1;
      return;
    }
    for (const auto& p : file.problems) std::cerr << opt->csv << ": " << p.describe() << "; row skipped\n";

    std::uint64_t imported = 0, already = 0, refused = 0;
    std::map<std::string, std::uint64_t> states;
    List refusals;
    if (!opt->dry_run && !file.applicants.empty()) {
      run::SessionOptions so;
      so.programme_file = opt->programme;
      so.plugin_dirs = opt->plugin_dirs;
      so.data_dir = opt->data_dir;
      so.durable = true;
      std::vector<std::string> errors;
      auto session = run::ProgrammeSession::open(so, errors);
      for (const auto& e : errors) std::cerr << e << "\n";
      if (!session) {
        exit_code = 1;
        return;
      }
      if (session->programme_id() != programme_id) {
        std::cerr << "error: the programme file names '" << session->programme_id() << "', expected '" << programme_id
                  << "'\n";
        exit_code = 1;
        return;
      }
      auto events = import::application_events(file.applicants, programme_id, default_time);
      // The workflow refuses a submission after the call closed, as the portal would; an
      // import of last year's spreadsheet "now" would surprise, so say it before it happens.
      if (auto closes = parse_iso_datetime(programme["dates"]["call_closes"].is_string()
                                               ? programme["dates"]["call_closes"].as_string()
                                               : std::string())) {
        std::size_t late = 0;
        for (const auto& a : file.applicants) late += a.submitted_at.value_or(default_time) > *closes;
        if (late)
          std::cerr << opt->csv << ": warning: " << late << " application(s) are dated after the call closed ("
                    << programme["dates"]["call_closes"].as_string()
                    << "); the workflow refuses them as late. Give a submitted_at column or --at to date them.\n";
      }
      session->create_programme_instance(session->created_at().value_or(events.front().time));

      // Applied through the log, chunk by chunk: durable before applied, as `cohort run` does.
      bar.start("importing", file.applicants.size());
      std::vector<runtime::SubmitResult> results;
      results.reserve(events.size());
      for (std::size_t begin = 0; begin < events.size(); begin += kImportChunk) {
        const std::size_t end = std::min(events.size(), begin + kImportChunk);
        std::vector<Event> chunk(events.begin() + static_cast<std::ptrdiff_t>(begin),
                                 events.begin() + static_cast<std::ptrdiff_t>(end));
        auto r = session->feed(std::move(chunk));
        std::move(r.begin(), r.end(), std::back_inserter(results));
        bar.update(results.size() / 2);
      }
      bar.finish();

      // Events come in pairs (started, submitted) per applicant.
      for (std::size_t i = 0; i + 1 < results.size(); i += 2) {
        const Event& started = events[i];
        const auto& a = results[i];
        const auto& b = results[i + 1];
        if (a.status == runtime::SubmitStatus::Duplicate && b.status == runtime::SubmitStatus::Duplicate) {
          ++already;
          continue;
        }
        if (a.status != runtime::SubmitStatus::Accepted || b.status != runtime::SubmitStatus::Accepted) {
          ++refused;
          const std::string why = a.status != runtime::SubmitStatus::Accepted ? a.message : b.message;
          std::cerr << opt->csv << ": error: applicant " << started.subject << " was not imported: " << why << "\n";
          refusals.push_back(Value::object({{"id", Value(started.subject)}, {"reason", Value(why)}}));
          continue;
        }
        ++imported;
        if (auto v = session->engine().instance(started.subject)) ++states[v->state];
      }
    }

    const std::uint64_t to_import = file.applicants.size();
    if (opt->json) {
      List problems;
      for (const auto& p : file.problems)
        problems.push_back(Value::object({{"row", Value(static_cast<std::int64_t>(p.row))},
                                          {"line", Value(static_cast<std::int64_t>(p.line))},
                                          {"column", Value(p.column)},
                                          {"column_index", Value(static_cast<std::int64_t>(p.column_index))},
                                          {"reason", Value(p.reason)}}));
      Members by_state;
      for (const auto& [s, n] : states) by_state.emplace_back(s, Value(static_cast<std::int64_t>(n)));
      std::cout << to_json(Value::object({{"programme", Value(programme_id)},
                                          {"rows", Value(static_cast<std::int64_t>(file.rows))},
                                          {"valid", Value(static_cast<std::int64_t>(to_import))},
                                          {"skipped_rows", Value(static_cast<std::int64_t>(file.skipped_rows))},
                                          {"imported", Value(static_cast<std::int64_t>(imported))},
                                          {"already_imported", Value(static_cast<std::int64_t>(already))},
                                          {"refused", Value(static_cast<std::int64_t>(refused))},
                                          {"dry_run", Value(opt->dry_run)},
                                          {"states", Value::object(std::move(by_state))},
                                          {"problems", Value(std::move(problems))},
                                          {"refusals", Value(std::move(refusals))}}))
                << "\n";
    } else if (opt->dry_run) {
      std::cout << file.rows << " row(s) read: " << to_import << " applicant(s) can be imported into " << programme_id
                << ", " << file.skipped_rows << " row(s) would be skipped (dry run: nothing imported)\n";
    } else {
      std::cout << file.rows << " row(s) read: " << imported << " applicant(s) imported into " << programme_id << " ("
                << opt->data_dir << ")";
      if (already) std::cout << ", " << already << " imported before and left as they were";
      if (file.skipped_rows) std::cout << ", " << file.skipped_rows << " row(s) skipped";
      if (refused) std::cout << ", " << refused << " refused by the engine";
      std::cout << "\n";
      if (!states.empty()) {
        std::string line;
        for (const auto& [s, n] : states) line += (line.empty() ? "" : ", ") + s + " " + std::to_string(n);
        std::cout << "Imported applicants now: " << line << "\n";
      }
    }
    if (file.skipped_rows || refused) exit_code = 1;
  });
}

}  // namespace cohort::cli
