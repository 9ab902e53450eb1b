#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "cli/commands.hpp"
#include "event/cloudevent.hpp"
#include "run/funnel.hpp"
#include "run/programme_session.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort::cli {

void add_run(CLI::App& app, int& exit_code) {
  struct Options {
    std::string programme;
    std::string events;
    std::string data_dir = "var";
    std::string until;
    std::vector<std::string> plugin_dirs;
    unsigned threads = 0;
    bool json = false;
    bool in_memory = false;
    std::uint64_t snapshot_every = 100000;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("run", "Run a programme's events (CloudEvents, JSON Lines) through its workflows "
                                        "in event time, then print the funnel and a per-country table.");
  cmd->add_option("programme", opt->programme, "Programme file (workflows/programmes/*.json)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--events", opt->events, "Events file, one CloudEvent per line")->required()->check(CLI::ExistingFile);
  cmd->add_option("--data-dir", opt->data_dir,
                  "Where the event log (DIR/cohort.db) and plugin data live; a later run with the same "
                  "directory continues where this one stopped")
      ->capture_default_str();
  cmd->add_flag("--in-memory", opt->in_memory, "Keep no event log: nothing is durable, nothing is continued");
  cmd->add_option("--until", opt->until, "Advance the clock to this date after the last event, firing due timers");
  cmd->add_option("--plugin-dir", opt->plugin_dirs, "Plugin directory (repeatable; default: the build's plugins/)")
      ->check(CLI::ExistingPath);
  cmd->add_option("--threads", opt->threads, "Worker threads (default: one per core)");
  cmd->add_option("--snapshot-every", opt->snapshot_every,
                  "Store a snapshot of every instance after each N applied events (and always at the end), "
                  "so a restart after a crash replays only what came after it; 0: only at the end")
      ->check(CLI::NonNegativeNumber)  // "-5" would otherwise wrap to a number nobody reaches
      ->capture_default_str();
  cmd->add_flag("--json", opt->json, "Print one JSON object instead of tables");
  cmd->callback([opt, &exit_code] {
    std::optional<Timestamp> until;
    if (!opt->until.empty()) {
      until = parse_iso_datetime(opt->until);
      if (!until) {
        std::cerr << "error: --until '" << opt->until << "' is not an ISO 8601 date such as 2025-12-31\n";
        exit_code = 2;
        return;
      }
    }
    run::SessionOptions so;
    so.programme_file = opt->programme;
    so.plugin_dirs = opt->plugin_dirs;
    so.data_dir = opt->data_dir;
    so.threads = opt->threads;
    so.durable = !opt->in_memory;
    so.snapshot_every = opt->snapshot_every;
    // Snapshots are taken between commits: a commit never spans more events than a snapshot interval.
    if (opt->snapshot_every) so.commit_chunk = std::min<std::size_t>(so.commit_chunk, opt->snapshot_every);
    std::vector<std::string> errors;
    auto session = run::ProgrammeSession::open(so, errors);
    for (const auto& e : errors) std::cerr << e << "\n";
    if (!session) {
      exit_code = 1;
      return;
    }

    // Read every line first: a bad line is reported with its number and skipped.
    std::vector<Event> events;
    std::vector<std::size_t> lines;
    std::uint64_t bad_lines = 0;
    std::string read_error;
    bool readable = read_event_lines(opt->events, [&](EventLine& l) {
      if (!l.ok) {
        ++bad_lines;
        std::cerr << opt->events << ":" << l.line << ": error: " << l.error << "; line skipped\n";
        return;
      }
      events.push_back(std::move(l.event));
      lines.push_back(l.line);
    }, read_error);
    if (!readable) {
      std::cerr << "error: " << read_error << "\n";
      exit_code = 2;
      return;
    }

    if (const auto& rec = session->recovery(); rec.replayed_events || rec.snapshot_seq)
      std::cerr << "continuing: " << (rec.snapshot_seq ? "from the snapshot after event " + std::to_string(rec.snapshot_seq) + ", " : std::string())
                << "replayed " << rec.replayed_events << " events logged in " << opt->data_dir
                << " (" << rec.recorded_calls << " plugin results taken from the log, none called again"
                << (rec.interrupted_effects ? "; " + std::to_string(rec.interrupted_effects) +
                                                  " calls with side effects the last run left unfinished were made "
                                                  "again with the same idempotency keys"
                                            : std::string())
                << ")\n";
    for (const auto& line : session->recovery().deployments) std::cerr << "deployed: " << line << "\n";
    Timestamp start = session->created_at().value_or(events.empty() || !events.front().has_time
                                                         ? Timestamp{0}
                                                         : events.front().time);
    session->create_programme_instance(start);
    auto t0 = std::chrono::steady_clock::now();
    const std::size_t total = events.size();
    auto results = session->feed(std::move(events), [&](std::size_t done) {
      if (total >= 20000) spdlog::info("applied {}/{} events", done, total);
    });
    if (!session->log_failure().empty()) {
      // Nothing after the failed chunk was applied: report once, not once per event.
      std::size_t stored = 0;
      for (const auto& r : results) stored += r.status != runtime::SubmitStatus::Invalid;
      std::cerr << "error: " << session->log_failure() << "\n"
                << "error: the run stopped: " << results.size() - stored << " of " << results.size()
                << " events of " << opt->events << " were not stored and not applied, and what was applied is "
                << "not all recorded; free space (or fix the disk) and run the same command again: what was "
                << "stored is kept, only the rest is applied, and calls whose results were lost are made again "
                << "with the same idempotency keys\n";
      exit_code = 2;
      return;
    }
    if (until) session->advance_to(*until);
    if (!opt->in_memory) {
      // The next open starts from here instead of replaying the whole log.
      std::string why;
      if (!session->checkpoint(why)) spdlog::warn("{}: {}", opt->data_dir, why);
    }
    auto elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

    // The counts are this file's: a continued run's replayed events are not in them.
    auto stats = session->engine().stats();
    stats.applied = stats.duplicates = 0;
    stats.rejected = bad_lines;
    constexpr std::uint64_t kDuplicatesShown = 10;
    for (std::size_t i = 0; i < results.size(); ++i) {
      const auto& r = results[i];
      if (r.status == runtime::SubmitStatus::Accepted) {
        ++stats.applied;
        continue;
      }
      if (r.status == runtime::SubmitStatus::Duplicate) {
        if (++stats.duplicates <= kDuplicatesShown)
          std::cerr << opt->events << ":" << lines[i] << ": warning: " << r.message << "\n";
        continue;
      }
      ++stats.rejected;
      std::cerr << opt->events << ":" << lines[i] << ": error: " << r.message << "\n";
    }
    if (stats.duplicates > kDuplicatesShown)
      std::cerr << opt->events << ": warning: " << stats.duplicates - kDuplicatesShown
                << " more events were applied before (same source and id) and were skipped\n";
    // Instances parked after a failed plugin call need an administrator: say so loudly.
    std::uint64_t incidents = 0;
    for (const auto& [state, n] : session->engine().count_by_state("participant"))
      if (state == "incident") incidents += n;
    for (const auto& [state, n] : session->engine().count_by_state("programme"))
      if (state == "incident") incidents += n;
    if (incidents)
      std::cerr << "warning: " << incidents << " instance(s) ended in 'incident' after a plugin call failed "
                << "for good; their history says which call and why\n";
    const auto* participant = session->definition("participant");
    auto funnel = run::make_funnel(session->engine(), *participant, session->programme_id());
    if (opt->json) {
      auto v = run::render_json(funnel, stats);
      v.set("elapsed_s", Value(elapsed));
      if (!opt->in_memory) {
        const auto& rec = session->recovery();
        v.set("log", Value::object({{"continued_from_snapshot_after_event", Value(rec.snapshot_seq)},
                                    {"replayed_events", Value(static_cast<std::int64_t>(rec.replayed_events))},
                                    {"recorded_calls", Value(static_cast<std::int64_t>(rec.recorded_calls))},
                                    {"snapshots_taken", Value(static_cast<std::int64_t>(rec.snapshots_taken))},
                                    {"interrupted_effects", Value(static_cast<std::int64_t>(rec.interrupted_effects))}}));
      }
      std::cout << to_json(v) << "\n";
    } else {
      std::cout << run::render_text(funnel, stats);
      std::cout << "Clock: " << format_iso_datetime(session->engine().now()) << "; ran in " << elapsed << " s\n";
    }
  });
}

}  // namespace cohort::cli
