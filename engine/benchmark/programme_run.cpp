#include "benchmark/programme_run.hpp"

#include <malloc.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "benchmark/linear_workflow.hpp"
#include "programme/generator.hpp"
#include "run/programme_session.hpp"
#include "value/json.hpp"

namespace cohort::benchmark {

ProgrammeResult run_programme(const std::string& programme_file, int applicants, std::uint64_t seed,
                              const std::vector<std::string>& plugin_dirs, unsigned threads) {
  using clock = std::chrono::steady_clock;
  namespace fs = std::filesystem;
  ProgrammeResult r;
  r.applicants = static_cast<std::uint64_t>(applicants);

  std::ifstream in(programme_file, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  Value programme;
  JsonError err;
  if (!in || !parse_json(text.str(), programme, err)) {
    r.error = programme_file + ": cannot read the programme file";
    return r;
  }
  const fs::path scratch = fs::temp_directory_path() / ("cohort-bench-" + std::to_string(::getpid()));

  programme::GenerateOptions go;
  go.applicants = applicants;
  go.seed = seed;
  go.programme_file = programme_file;
  go.plugin_paths.assign(plugin_dirs.begin(), plugin_dirs.end());
  go.data_dir = scratch / "generate";
  go.threads = threads;
  auto t0 = clock::now();
  auto generated = programme::generate_events(programme, go);
  r.generate_seconds = std::chrono::duration<double>(clock::now() - t0).count();
  if (!generated.ok) {
    r.error = generated.error;
    return r;
  }
  r.programme = generated.programme_id;
  r.events = generated.events.size();

  run::SessionOptions so;
  so.programme_file = programme_file;
  so.plugin_dirs = plugin_dirs;
  so.data_dir = (scratch / "run").string();
  so.threads = threads;
  std::vector<std::string> errors;
  malloc_trim(0);
  const std::uint64_t baseline = resident_bytes();
  auto session = run::ProgrammeSession::open(so, errors);
  if (!session) {
    r.error = errors.empty() ? "the programme does not open" : errors.front();
    return r;
  }
  auto t1 = clock::now();
  session->create_programme_instance(session->created_at().value_or(generated.events.front().time));
  session->feed(std::move(generated.events));
  session->advance_to(generated.until);
  r.run_seconds = std::chrono::duration<double>(clock::now() - t1).count();
  malloc_trim(0);
  const std::uint64_t after = resident_bytes();

  auto stats = session->engine().stats();
  r.instances = session->engine().instance_count();
  r.internal = stats.internal;
  r.calls = stats.calls;
  r.events_per_s = r.run_seconds > 0 ? static_cast<double>(r.events) / r.run_seconds : 0;
  r.instances_per_s = r.run_seconds > 0 ? static_cast<double>(r.applicants) / r.run_seconds : 0;
  r.rss_bytes_per_instance =
      r.instances ? static_cast<double>(after > baseline ? after - baseline : 0) / static_cast<double>(r.instances) : 0;
  session.reset();
  std::error_code ec;
  fs::remove_all(scratch, ec);
  r.ok = true;
  return r;
}

}  // namespace cohort::benchmark
