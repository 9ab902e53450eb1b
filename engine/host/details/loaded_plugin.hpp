#pragma once
/// @file loaded_plugin.hpp
/// @brief Internal: one plugin instance with the library it came from and the host vtable it uses.

#include <cstddef>
#include <deque>
#include <filesystem>
#include <functional>
#include <memory>
#include <condition_variable>
#include <mutex>
#include <string>
#include <utility>

#include <cohort/cohort.h>

#include "host/details/library.hpp"
#include "host/manifest.hpp"

namespace cohort::host::details {

/// @brief What all plugins of a host share, kept alive by each plugin (a call stuck in a
/// hung plugin may outlive the PluginHost).
struct HostShared {
  std::mutex mutex;
  std::function<void(std::string, std::string)> emit_handler;
};

/// @brief A host-side growable output buffer handed to the plugin as a cohort_buffer_t.
class OutputBuffer {
 public:
  explicit OutputBuffer(std::size_t limit);
  OutputBuffer(const OutputBuffer&) = delete;
  OutputBuffer& operator=(const OutputBuffer&) = delete;
  const cohort_buffer_t* c() const { return &c_; }
  std::string& text() { return text_; }
  bool overflowed() const { return overflow_; }

 private:
  std::string text_;
  std::size_t limit_;
  bool overflow_ = false;
  cohort_buffer_t c_{};
};

/// @brief One loaded plugin. The library is declared first so that it is released last,
/// after the instance is destroyed and the entry's deinit ran.
class LoadedPlugin {
 public:
  LoadedPlugin() = default;
  ~LoadedPlugin();
  LoadedPlugin(const LoadedPlugin&) = delete;
  LoadedPlugin& operator=(const LoadedPlugin&) = delete;

  /// @brief Fills the host vtable; call once the fields below are set.
  void make_vtable();
  const std::string& id() const { return manifest.id; }

  std::shared_ptr<Library> library;
  const cohort_plugin_entry_t* entry = nullptr;
  bool library_initialised = false;
  const cohort_plugin_descriptor_t* descriptor = nullptr;
  const cohort_plugin_t* instance = nullptr;

  Manifest manifest;
  std::shared_ptr<HostShared> shared;
  std::string config = "{}";
  std::filesystem::path data_dir;
  std::filesystem::path run_dir;  ///< the run's data directory ("cohort.paths/1")
  std::string engine_version;
  std::size_t max_bytes = std::size_t{16} << 20;
  cohort_host_t vtable{};

  /// Events waiting for this plugin (event JSON, type), delivered one at a time.
  std::mutex event_mutex;
  std::condition_variable event_space;  ///< signalled when the queue gets shorter
  std::deque<std::pair<std::string, std::string>> events;
  bool draining = false;

  /// The data directory as given to the plugin; created on first request.
  std::once_flag data_dir_once;
  std::string data_dir_text;
  std::once_flag run_dir_once;
  std::string run_dir_text;
};

/// @brief Maps a plugin's status code to text ("ok", "timeout", ..., "status 42").
std::string status_text(cohort_status_t status);

}  // namespace cohort::host::details
