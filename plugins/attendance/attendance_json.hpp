#pragma once
/// @file attendance_json.hpp
/// @brief The JSON face of the attendance plugin: each operation takes JSON text and gives
///        JSON text. The plugin class forwards here; tests call it directly.

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <cohort_plugin_common/zone_cache.hpp>

#include "token.hpp"

namespace cohort_attendance {

using cohort_plugin_common::ZoneCache;

/// @brief What operations need from around them: the token key (loaded or created on first
///        use) and the shared zone cache.
struct Environment {
  /// Returns the signer, or nullptr with `error` set when no key can be had.
  std::function<std::shared_ptr<const TokenSigner>(std::string& error)> signer;
  ZoneCache* zones = nullptr;
};

/// @brief The outcome of one operation.
struct OperationOutcome {
  enum class Kind { Ok, InvalidArgument, Unavailable };
  Kind kind = Kind::Ok;
  std::string json;     ///< the result when Ok
  std::string message;  ///< the error otherwise
  bool ok() const { return kind == Kind::Ok; }
};

/// @brief The operations this plugin offers: attendance.schedule, attendance.token,
///        attendance.check_in, attendance.correct, attendance.summary.
const std::vector<std::string>& operation_names();

/// @brief Runs one operation. Malformed arguments give InvalidArgument with a message naming
///        the field ("attendance.summary: programme.sessions[2].end must be HH:MM, got '25:00'");
///        a token key that cannot be read or created gives Unavailable. A check-in that is
///        refused (bad token, outside the window, already used) is an Ok result with
///        "accepted": false, so the workflow can tell the desk why.
OperationOutcome run_operation(std::string_view operation, std::string_view args_json, Environment& env);

}  // namespace cohort_attendance
