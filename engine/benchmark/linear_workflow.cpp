#include "benchmark/linear_workflow.hpp"

#include <malloc.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "loader/loader.hpp"
#include "runtime/engine.hpp"

namespace cohort::benchmark {

const std::string& linear_definition_json() {
  static const std::string json = R"json({
  "id": "participant", "version": 1, "correlation": "applicant_id",
  "description": "Benchmark: the five milestones of a participant, one event each.",
  "start": ["application.submitted"], "initial": "applied",
  "states": {
    "applied":   {"on": {"selection.made": {"target": "selected"}}},
    "selected":  {"on": {"visa.granted": {"target": "visa"}}},
    "visa":      {"on": {"session.checked_in": {"target": "attending"}}},
    "attending": {"on": {"certificate.issued": {"target": "certified"}}},
    "certified": {"type": "final"}
  }})json";
  return json;
}

std::uint64_t resident_bytes() {
  std::FILE* f = std::fopen("/proc/self/statm", "r");
  if (!f) return 0;
  unsigned long size = 0, resident = 0;
  int n = std::fscanf(f, "%lu %lu", &size, &resident);
  std::fclose(f);
  if (n != 2) return 0;
  return static_cast<std::uint64_t>(resident) * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

LinearResult run_linear(std::uint64_t instances, unsigned threads) {
  using clock = std::chrono::steady_clock;
  LinearResult r;
  r.instances = instances;
  r.threads = threads ? threads : std::max(1u, std::thread::hardware_concurrency());

  std::vector<loader::Diagnostic> diags;
  auto def = loader::load_definition_text(linear_definition_json(), "bench:linear.json", {}, diags);
  if (!def) return r;

  malloc_trim(0);
  const std::uint64_t baseline = resident_bytes();
  runtime::EngineOptions o;
  o.threads = r.threads;
  auto engine = std::make_unique<runtime::Engine>(o);
  engine->add_definition(def);

  auto make = [](const char* type, std::uint64_t i, int step) {
    Event e;
    e.type = type;
    e.subject = "A" + std::to_string(i);
    e.id = e.subject + "-" + std::to_string(step);
    e.source = "bench";
    return e;
  };
  {
    std::vector<Event> starts;
    starts.reserve(instances);
    for (std::uint64_t i = 0; i < instances; ++i) starts.push_back(make("application.submitted", i, 0));
    auto t0 = clock::now();
    engine->feed(std::move(starts));
    r.create_seconds = std::chrono::duration<double>(clock::now() - t0).count();
  }
  {
    static const char* kSteps[] = {"selection.made", "visa.granted", "session.checked_in", "certificate.issued"};
    std::vector<Event> events;
    events.reserve(instances * 4);
    for (int step = 0; step < 4; ++step)
      for (std::uint64_t i = 0; i < instances; ++i) events.push_back(make(kSteps[step], i, step + 1));
    r.events = events.size();
    auto t0 = clock::now();
    engine->feed(std::move(events));
    r.run_seconds = std::chrono::duration<double>(clock::now() - t0).count();
  }
  malloc_trim(0);
  const std::uint64_t after = resident_bytes();
  r.rss_bytes_per_instance =
      instances ? static_cast<double>(after > baseline ? after - baseline : 0) / static_cast<double>(instances) : 0;
  r.events_per_s = r.run_seconds > 0 ? static_cast<double>(r.events) / r.run_seconds : 0;
  r.instances_per_s = r.create_seconds > 0 ? static_cast<double>(instances) / r.create_seconds : 0;
  r.all_certified = engine->count_by_state("participant")["certified"] == instances;
  return r;
}

}  // namespace cohort::benchmark
