#include <cstdio>
#include <filesystem>
#include <iostream>

#include "benchmark/linear_workflow.hpp"
#include "benchmark/programme_run.hpp"
#include "benchmark/recovery.hpp"
#include "cli/commands.hpp"
#include "run/programme_session.hpp"
#include "value/json.hpp"

namespace cohort::cli {
namespace {

Value number(double v) { return Value(v); }
Value count(std::uint64_t v) { return Value(static_cast<std::int64_t>(v)); }

std::string default_programme() {
  for (const char* base : {".", COHORT_SOURCE_DIR}) {
    auto p = std::filesystem::path(base) / "workflows" / "programmes" / "glc-2025.json";
    if (std::filesystem::exists(p)) return p.string();
  }
  return "workflows/programmes/glc-2025.json";
}

}  // namespace

void add_bench(CLI::App& app, int& exit_code) {
  struct Options {
    std::uint64_t instances = 100000;
    unsigned threads = 0;
    bool json = false;
    std::string programme = default_programme();
    int applicants = 2000;
    bool skip_programme = false;
    std::vector<std::string> plugin_dirs;
    std::uint64_t durable = 0;
    std::string durable_dir = "var/bench-durable";
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "bench", "Measure the engine: (a) a 5-state linear workflow over many instances, 4 events each; "
               "(b) a whole default programme with guards and plugin calls.");
  cmd->add_option("--instances", opt->instances, "Instances for part (a)")->capture_default_str();
  cmd->add_option("--threads", opt->threads, "Worker threads (default: one per core)");
  cmd->add_option("--programme", opt->programme, "Programme file for part (b)")->capture_default_str();
  cmd->add_option("--applicants", opt->applicants, "Applicants for part (b)")
      ->check(CLI::Range(1, 1000000))
      ->capture_default_str();
  cmd->add_option("--plugin-dir", opt->plugin_dirs, "Plugin directory for part (b) (default: the build's plugins/)");
  cmd->add_flag("--skip-programme", opt->skip_programme, "Run part (a) only");
  cmd->add_option("--durable", opt->durable,
                  "Also (c): log N instances x 5 events durably (chunks of 10,000, each fsync'ed before it is "
                  "applied), then recover a new engine from the log alone");
  cmd->add_option("--durable-dir", opt->durable_dir, "Where (c) writes its cohort.db (removed afterwards)")
      ->capture_default_str();
  cmd->add_flag("--json", opt->json, "One JSON object");
  cmd->callback([opt, &exit_code] {
    auto a = benchmark::run_linear(opt->instances, opt->threads);
    if (!a.all_certified) {
      std::cerr << "error: part (a) did not bring every instance to 'certified'\n";
      exit_code = 1;
    }
    benchmark::ProgrammeResult b;
    if (!opt->skip_programme) {
      auto dirs = opt->plugin_dirs.empty() ? run::default_plugin_dirs() : opt->plugin_dirs;
      b = benchmark::run_programme(opt->programme, opt->applicants, 2025, dirs, opt->threads);
      if (!b.ok) {
        std::cerr << "error: part (b): " << b.error << "\n";
        exit_code = 1;
      }
    }
    benchmark::RecoveryResult c;
    if (opt->durable) {
      c = benchmark::run_recovery(opt->durable, opt->threads, opt->durable_dir);
      if (!c.ok) {
        std::cerr << "error: part (c): " << c.error << "\n";
        exit_code = 1;
      }
    }
    if (opt->json) {
      Members m{
          {"events_per_s", number(a.events_per_s)},
          {"instances_per_s", number(a.instances_per_s)},
          {"rss_bytes_per_instance", number(a.rss_bytes_per_instance)},
          {"instances", count(a.instances)},
          {"events", count(a.events)},
          {"threads", count(a.threads)},
          {"run_seconds", number(a.run_seconds)},
          {"create_seconds", number(a.create_seconds)},
      };
      if (b.ok)
        m.emplace_back("programme", Value::object({{"programme", Value(b.programme)},
                                                   {"applicants", count(b.applicants)},
                                                   {"events", count(b.events)},
                                                   {"internal_events", count(b.internal)},
                                                   {"plugin_calls", count(b.calls)},
                                                   {"instances", count(b.instances)},
                                                   {"events_per_s", number(b.events_per_s)},
                                                   {"instances_per_s", number(b.instances_per_s)},
                                                   {"rss_bytes_per_instance", number(b.rss_bytes_per_instance)},
                                                   {"run_seconds", number(b.run_seconds)},
                                                   {"generate_seconds", number(b.generate_seconds)}}));
      if (c.ok)
        m.emplace_back("durable", Value::object({{"instances", count(c.instances)},
                                                 {"events", count(c.events)},
                                                 {"durable_events_per_s", number(c.durable_events_per_s)},
                                                 {"memory_events_per_s", number(c.memory_events_per_s)},
                                                 {"replay_events_per_s", number(c.replay_events_per_s)},
                                                 {"replay_seconds", number(c.replay_seconds)},
                                                 {"open_seconds", number(c.open_seconds)},
                                                 {"rss_bytes_per_instance", number(c.rss_bytes_per_instance)},
                                                 {"log_bytes", count(c.log_bytes)},
                                                 {"snapshot_seconds", number(c.snapshot_seconds)},
                                                 {"snapshot_bytes", count(c.snapshot_bytes)},
                                                 {"snapshot_recovery_seconds", number(c.snapshot_recovery_seconds)},
                                                 {"snapshot_recovery_events_per_s",
                                                  number(c.snapshot_recovery_events_per_s)}}));
      std::cout << to_json(Value::object(std::move(m))) << "\n";
      return;
    }
    std::printf("(a) linear workflow, %llu instances x 4 events, %u threads\n",
                static_cast<unsigned long long>(a.instances), a.threads);
    std::printf("    events/s          %12.0f   (%.3f s for %llu events)\n", a.events_per_s, a.run_seconds,
                static_cast<unsigned long long>(a.events));
    std::printf("    instances/s       %12.0f   (creation, %.3f s)\n", a.instances_per_s, a.create_seconds);
    std::printf("    resident/instance %12.0f bytes (idle, history included)\n", a.rss_bytes_per_instance);
    if (b.ok) {
      std::printf("(b) programme %s, %llu applicants: %llu events, %llu internal, %llu plugin calls\n",
                  b.programme.c_str(), static_cast<unsigned long long>(b.applicants),
                  static_cast<unsigned long long>(b.events), static_cast<unsigned long long>(b.internal),
                  static_cast<unsigned long long>(b.calls));
      std::printf("    events/s          %12.0f   (%.3f s; generating the file took %.3f s)\n", b.events_per_s,
                  b.run_seconds, b.generate_seconds);
      std::printf("    participants/s    %12.0f\n", b.instances_per_s);
      std::printf("    resident/instance %12.0f bytes (history included)\n", b.rss_bytes_per_instance);
    }
    if (c.ok) {
      std::printf("(c) event log, %llu instances x 5 events\n", static_cast<unsigned long long>(c.instances));
      std::printf("    durable events/s  %12.0f   (each durable before applied; engine alone: %.0f)\n",
                  c.durable_events_per_s, c.memory_events_per_s);
      std::printf("    recovery events/s %12.0f   (open the log, read all of it and apply it while SQLite's "
                  "quick_check runs alongside, %.3f s; opening %.3f s)\n",
                  c.replay_events_per_s, c.replay_seconds, c.open_seconds);
      std::printf("    resident/instance %12.0f bytes after recovery; log %.1f MB\n", c.rss_bytes_per_instance,
                  static_cast<double>(c.log_bytes) / 1e6);
      std::printf("    snapshot          %12.3f s to take and store, %.1f MB\n", c.snapshot_seconds,
                  static_cast<double>(c.snapshot_bytes) / 1e6);
      std::printf("    from the snapshot %12.0f logged events/s   (restore, no tail: %.3f s)\n",
                  c.snapshot_recovery_events_per_s, c.snapshot_recovery_seconds);
    }
  });
}

}  // namespace cohort::cli
