#pragma once
/// @file host.hpp
/// @brief C++ wrapper of the host vtable a plugin receives (log, emit, config, data dir).

#include <cstddef>
#include <string_view>

#include "cohort/extension.h"
#include "cohort/host.h"
#include "cohort/cpp/details/abi.hpp"
#include "cohort/cpp/status.hpp"

namespace cohort::sdk {

/// @brief Log severities (same numbers as cohort/host.h).
enum class LogLevel : std::int32_t {
  Trace = COHORT_LOG_TRACE,
  Debug = COHORT_LOG_DEBUG,
  Info = COHORT_LOG_INFO,
  Warn = COHORT_LOG_WARN,
  Error = COHORT_LOG_ERROR,
};

/// @brief The engine's services, as seen from a plugin. Cheap to copy; valid while the plugin lives.
class Host {
 public:
  explicit Host(const cohort_host_t* host = nullptr) noexcept : host_(host) {}

  /// @brief Writes one log line (tagged with the plugin id by the engine).
  void log(LogLevel level, std::string_view message) const noexcept {
    if (has(offsetof(cohort_host_t, log)) && host_->log)
      host_->log(host_, static_cast<cohort_log_level_t>(level), details::to_c(message));
  }
  void trace(std::string_view m) const noexcept { log(LogLevel::Trace, m); }
  void debug(std::string_view m) const noexcept { log(LogLevel::Debug, m); }
  void info(std::string_view m) const noexcept { log(LogLevel::Info, m); }
  void warn(std::string_view m) const noexcept { log(LogLevel::Warn, m); }
  void error(std::string_view m) const noexcept { log(LogLevel::Error, m); }

  /// @brief Sends an event (JSON object text) into the engine.
  Status emit(std::string_view event_json) const noexcept {
    if (!has(offsetof(cohort_host_t, emit)) || !host_->emit) return Status::Unsupported;
    return static_cast<Status>(host_->emit(host_, details::to_c(event_json)));
  }

  /// @brief The plugin's configuration, JSON object text ("{}" when none).
  std::string_view config() const noexcept {
    if (!has(offsetof(cohort_host_t, config)) || !host_->config) return "{}";
    return details::to_view(host_->config(host_));
  }

  /// @brief The plugin's own data directory (absolute path; exists).
  std::string_view data_dir() const noexcept {
    if (!has(offsetof(cohort_host_t, data_dir)) || !host_->data_dir) return {};
    return details::to_view(host_->data_dir(host_));
  }

  /// @brief The run's data directory (absolute; exists), where files for people go
  /// (outbox, documents, certificates); empty when the engine does not offer "cohort.paths/1".
  std::string_view run_dir() const noexcept {
    const auto* paths = extension<cohort_ext_paths_t>(COHORT_EXT_PATHS);
    if (!paths || paths->struct_size < offsetof(cohort_ext_paths_t, run_dir) + sizeof(paths->run_dir) || !paths->run_dir)
      return {};
    return details::to_view(paths->run_dir(host_));
  }

  /// @brief A host extension by "name/revision", or nullptr when not offered.
  template <class T = void>
  const T* extension(std::string_view id) const noexcept {
    if (!has(offsetof(cohort_host_t, get_extension)) || !host_->get_extension) return nullptr;
    return static_cast<const T*>(host_->get_extension(host_, details::to_c(id)));
  }

  /// @brief The engine's name and version.
  std::string_view engine_name() const noexcept { return host_ ? details::to_view(host_->name) : ""; }
  std::string_view engine_version() const noexcept { return host_ ? details::to_view(host_->version) : ""; }

  /// @brief The raw C vtable, for what the wrapper does not cover.
  const cohort_host_t* raw() const noexcept { return host_; }

 private:
  // A member exists only if the engine's struct is long enough to hold it (older engines).
  bool has(std::size_t offset) const noexcept {
    return host_ && host_->struct_size >= offset + sizeof(void*);
  }
  const cohort_host_t* host_;
};

}  // namespace cohort::sdk
