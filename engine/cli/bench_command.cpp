#include <iostream>

#include "benchmark/linear_workflow.hpp"
#include "cli/commands.hpp"
#include "value/json.hpp"

namespace cohort::cli {

void add_bench(CLI::App& app, int& exit_code) {
  struct Options {
    std::uint64_t instances = 100000;
    unsigned threads = 0;
    bool json = false;
  };
  auto opt = std::make_shared<Options>();
  auto* cmd = app.add_subcommand("bench", "Measure the engine: (a) a 5-state linear workflow over many instances, "
                                          "4 events each.");
  cmd->add_option("--instances", opt->instances, "Instances for part (a)")->capture_default_str();
  cmd->add_option("--threads", opt->threads, "Worker threads (default: one per core)");
  cmd->add_flag("--json", opt->json, "One JSON object");
  cmd->callback([opt, &exit_code] {
    auto a = benchmark::run_linear(opt->instances, opt->threads);
    if (!a.all_certified) {
      std::cerr << "error: part (a) did not bring every instance to 'certified'\n";
      exit_code = 1;
    }
    if (opt->json) {
      auto v = Value::object({
          {"events_per_s", Value(a.events_per_s)},
          {"instances_per_s", Value(a.instances_per_s)},
          {"rss_bytes_per_instance", Value(a.rss_bytes_per_instance)},
          {"instances", Value(static_cast<std::int64_t>(a.instances))},
          {"events", Value(static_cast<std::int64_t>(a.events))},
          {"threads", Value(static_cast<std::int64_t>(a.threads))},
          {"run_seconds", Value(a.run_seconds)},
          {"create_seconds", Value(a.create_seconds)},
      });
      std::cout << to_json(v) << "\n";
      return;
    }
    std::printf("(a) linear workflow, %llu instances x 4 events, %u threads\n",
                static_cast<unsigned long long>(a.instances), a.threads);
    std::printf("    events/s          %12.0f   (%.3f s for %llu events)\n", a.events_per_s, a.run_seconds,
                static_cast<unsigned long long>(a.events));
    std::printf("    instances/s       %12.0f   (creation, %.3f s)\n", a.instances_per_s, a.create_seconds);
    std::printf("    resident/instance %12.0f bytes (idle, history included)\n", a.rss_bytes_per_instance);
  });
}

}  // namespace cohort::cli
