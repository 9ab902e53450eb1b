#pragma once
/// @file recovery.hpp
/// @brief `cohort bench --durable`: durable throughput and recovery speed of the event log
///        with the engine, on the linear workflow of part (a).

#include <cstdint>
#include <string>

namespace cohort::benchmark {

/// @brief Figures of one durable run and its recovery.
struct RecoveryResult {
  bool ok = false;
  std::string error;
  std::uint64_t instances = 0;
  std::uint64_t events = 0;             ///< events logged and applied (5 per instance)
  double durable_seconds = 0;           ///< append in chunks (each durable) + apply
  double durable_events_per_s = 0;
  double memory_seconds = 0;            ///< the same events, engine only, same run
  double memory_events_per_s = 0;
  double replay_seconds = 0;            ///< reopen: read the whole log and apply it to a new engine
  double open_seconds = 0;              ///< of which opening the file (schema, SQLite's quick_check)
  double replay_events_per_s = 0;
  double rss_bytes_per_instance = 0;    ///< after recovery, history included
  std::uint64_t log_bytes = 0;
  double snapshot_seconds = 0;          ///< take a snapshot of every instance and store it (one fsync)
  std::uint64_t snapshot_bytes = 0;
  double snapshot_recovery_seconds = 0; ///< reopen from that snapshot (the log has no tail after it)
  double snapshot_recovery_events_per_s = 0;  ///< logged events covered per second of that reopen
};

/// @brief Logs `instances` x 5 events durably in `dir` (a fresh cohort.db), stores a
///        snapshot, then recovers a new engine from the log alone and another from the snapshot.
RecoveryResult run_recovery(std::uint64_t instances, unsigned threads, const std::string& dir);

}  // namespace cohort::benchmark
