#pragma once
/// @file programme_run.hpp
/// @brief `cohort bench` part (b): a whole default programme, with guards and plugin calls.

#include <cstdint>
#include <string>
#include <vector>

namespace cohort::benchmark {

/// @brief Figures of one part (b) run.
struct ProgrammeResult {
  bool ok = false;
  std::string error;
  std::string programme;
  std::uint64_t applicants = 0;
  std::uint64_t events = 0;        ///< external events in the file
  std::uint64_t instances = 0;     ///< participant and programme instances at the end
  std::uint64_t internal = 0;      ///< emits, call results and timer firings applied
  std::uint64_t calls = 0;         ///< plugin calls made
  double generate_seconds = 0;     ///< simulating the event file (not part of the figures)
  double run_seconds = 0;          ///< applying the file and running its timers out
  double events_per_s = 0;         ///< external events per second
  double instances_per_s = 0;      ///< participant instances run to completion per second
  double rss_bytes_per_instance = 0;
};

/// @brief Generates a programme of `applicants` (seeded) and times running it through a
///        fresh session, exactly as `cohort run` does.
ProgrammeResult run_programme(const std::string& programme_file, int applicants, std::uint64_t seed,
                              const std::vector<std::string>& plugin_dirs, unsigned threads);

}  // namespace cohort::benchmark
