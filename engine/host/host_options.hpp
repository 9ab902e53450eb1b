#pragma once
/// @file host_options.hpp
/// @brief Settings of the plugin host.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

namespace cohort::host {

/// @brief Settings of a PluginHost.
struct HostOptions {
  /// Root of plugin data: each plugin gets <data_dir>/plugins/<id>/ (created when first asked for).
  /// Empty: <current directory>/data.
  std::filesystem::path data_dir;
  /// Configuration per plugin id: JSON object text. A plugin without an entry gets "{}".
  std::map<std::string, std::string> config;
  /// Timeout of a call whose context gives none.
  std::uint32_t default_timeout_ms = 30000;
  /// Workers kept even when idle.
  std::size_t min_workers = 2;
  /// Upper bound of workers; the pool grows towards it when workers are stuck in hung plugins.
  std::size_t max_workers = 64;
  /// Largest result or message a plugin may write, in bytes.
  std::size_t max_result_bytes = std::size_t{16} << 20;
  /// Events queued for one subscriber before publish() waits for it to catch up; 0: no limit.
  std::size_t max_queued_events = 4096;
  /// How long publish() waits for room before it drops the event for that subscriber.
  std::chrono::milliseconds queue_full_wait{10000};
  /// The engine's version as told to plugins.
  std::string engine_version = "0.1.0";
};

}  // namespace cohort::host
