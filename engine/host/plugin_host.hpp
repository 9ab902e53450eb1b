#pragma once
/// @file plugin_host.hpp
/// @brief Loads plugins (Boost.DLL), routes operation calls with deadlines, delivers events.

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/call.hpp"
#include "host/host_options.hpp"
#include "host/load_result.hpp"
#include "host/manifest.hpp"

namespace cohort::host {

namespace details {
class HostState;
}

/// @brief A loaded plugin, as the engine sees it.
struct LoadedPluginInfo {
  Manifest manifest;
  /// The library's ABI version.
  unsigned abi_major = 0, abi_minor = 0, abi_revision = 0;
};

/// @brief The in-process plugin host.
///
/// A bad plugin is refused with a one-line error and nothing else changes: the
/// engine and the plugins already loaded keep working. Calls run on the host's
/// own workers and the caller waits at most until the deadline. Thread-safe.
class PluginHost {
 public:
  explicit PluginHost(HostOptions options = {});
  /// Destroys the plugin instances that are not busy; a call stuck in a hung plugin keeps
  /// its plugin (and library) alive until it returns.
  ~PluginHost();
  PluginHost(const PluginHost&) = delete;
  PluginHost& operator=(const PluginHost&) = delete;

  /// @brief Loads one plugin from its plugin.json, its directory, or its library (with
  /// plugin.json beside it). Checks the ABI before calling anything, then the descriptor
  /// against the manifest, the operations against those already registered, the config,
  /// and runs the plugin's init.
  LoadResult load(const std::filesystem::path& path);

  /// @brief Loads every plugin found in `dirs` (see find_manifests). One result per manifest.
  std::vector<LoadResult> load_all(const std::vector<std::filesystem::path>& dirs);

  /// @brief The loaded plugins, by id.
  std::vector<LoadedPluginInfo> plugins() const;

  /// @brief The id of the plugin offering `operation`, if any.
  std::optional<std::string> plugin_for(std::string_view operation) const;

  /// @brief Calls an operation and waits at most ctx.timeout_ms (or the default).
  /// Never throws; a throwing, failing or hung plugin gives a CallResult with that status.
  CallResult call(std::string_view operation, std::string_view args_json, const CallContext& ctx);

  /// @brief Like call(), but returns at once; `done` runs exactly once, on a host thread,
  /// with the result or with Timeout when the deadline passes first (Cancelled when the
  /// host is destroyed first). Keep `done` short: post real work to your own executor.
  void call_async(std::string_view operation, std::string_view args_json, const CallContext& ctx,
                  std::function<void(CallResult)> done);

  /// @brief Hands an event (JSON object text) of type `type` to every plugin subscribed to it.
  /// Returns at once; each plugin gets its events one at a time, in publish order. Errors are logged.
  void publish(const std::string& event_json, std::string_view type);

  /// @brief Waits until every published event has been delivered (or `timeout` passed).
  /// Returns true when none is pending.
  bool wait_for_events(std::chrono::milliseconds timeout = std::chrono::seconds(30));

  /// @brief Where events a plugin emits go. Without a handler, emit() returns Unavailable to the plugin.
  void set_emit_handler(std::function<void(std::string plugin_id, std::string event_json)> handler);

  /// @brief The options the host was made with (data_dir resolved to an absolute path).
  const HostOptions& options() const;

 private:
  std::shared_ptr<details::HostState> state_;
};

}  // namespace cohort::host
