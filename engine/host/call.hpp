#pragma once
/// @file call.hpp
/// @brief A call to a plugin operation: its context and its outcome.

#include <cstdint>
#include <string>
#include <string_view>

namespace cohort::host {

/// @brief How a call ended. Mirrors the SDK's status codes (cohort/status.h).
enum class CallStatus : std::int32_t {
  Ok = 0,
  Error = 1,
  InvalidArgument = 2,
  UnknownOperation = 3,
  Timeout = 4,
  Unavailable = 5,
  NotFound = 6,
  PermissionDenied = 7,
  Unsupported = 8,
  Cancelled = 9,
};

/// @brief Stable lowercase name ("ok", "timeout", ...).
std::string_view to_string(CallStatus s);

/// @brief Who calls and how long to wait.
struct CallContext {
  /// The workflow instance (its subject).
  std::string instance;
  /// The step of the instance that makes the call.
  std::string step;
  /// 1 for the first try.
  std::uint32_t attempt = 1;
  /// Same key = same side effect. Empty: the host uses "instance/step/attempt".
  std::string idempotency_key;
  /// How long to wait for the plugin; 0: the host's default.
  std::uint32_t timeout_ms = 0;

  /// @brief "instance/step/attempt".
  static std::string make_key(std::string_view instance, std::string_view step, std::uint32_t attempt);
};

/// @brief The outcome of a call. `json` holds the result on Ok; `message` says why otherwise.
struct CallResult {
  CallStatus status = CallStatus::Ok;
  std::string json;
  std::string message;
  /// The plugin that served the call (empty when no plugin offers the operation).
  std::string plugin_id;

  bool ok() const { return status == CallStatus::Ok; }
};

}  // namespace cohort::host
