#pragma once
/// @file linear_workflow.hpp
/// @brief `cohort bench` part (a): a 5-state linear workflow over many instances.

#include <cstdint>
#include <string>

namespace cohort::benchmark {

/// @brief The definition used by part (a): applied -> selected -> visa -> attending -> certified.
///        The same machine is written for XState in bench/xstate/linear.mjs.
const std::string& linear_definition_json();

/// @brief Figures of one part (a) run.
struct LinearResult {
  std::uint64_t instances = 0;
  std::uint64_t events = 0;          ///< transition events applied in the timed phase
  double create_seconds = 0;         ///< creating the instances (start events)
  double run_seconds = 0;            ///< applying the 4 events of every instance
  double events_per_s = 0;
  double instances_per_s = 0;        ///< instance creations per second
  double rss_bytes_per_instance = 0; ///< resident memory per idle instance, history included
  unsigned threads = 0;
  bool all_certified = false;        ///< every instance ended in `certified`
};

/// @brief Runs part (a).
LinearResult run_linear(std::uint64_t instances, unsigned threads);

/// @brief Current resident set size of this process, in bytes (from /proc/self/statm).
std::uint64_t resident_bytes();

}  // namespace cohort::benchmark
