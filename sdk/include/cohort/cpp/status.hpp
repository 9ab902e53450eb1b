#pragma once
/// @file status.hpp
/// @brief C++ view of the ABI status codes, and the Result an operation returns.

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include "cohort/status.h"

namespace cohort::sdk {

/// @brief The ABI status codes as a scoped enum (same numbers as cohort/status.h).
enum class Status : std::int32_t {
  Ok = COHORT_STATUS_OK,
  Error = COHORT_STATUS_ERROR,
  InvalidArgument = COHORT_STATUS_INVALID_ARGUMENT,
  UnknownOperation = COHORT_STATUS_UNKNOWN_OPERATION,
  Timeout = COHORT_STATUS_TIMEOUT,
  Unavailable = COHORT_STATUS_UNAVAILABLE,
  NotFound = COHORT_STATUS_NOT_FOUND,
  PermissionDenied = COHORT_STATUS_PERMISSION_DENIED,
  Unsupported = COHORT_STATUS_UNSUPPORTED,
  Cancelled = COHORT_STATUS_CANCELLED,
};

/// @brief Stable lowercase name of a status ("ok", "timeout", ...).
inline std::string_view to_string(Status s) noexcept {
  return cohort_status_name(static_cast<cohort_status_t>(s));
}

/// @brief The outcome of an operation: a status, the result JSON on success, a message otherwise.
struct Result {
  Status status = Status::Ok;
  /// JSON text of the result (used when status is Ok; empty is sent as "null").
  std::string json = "{}";
  /// Why it failed, for people (used when status is not Ok).
  std::string message;

  /// @brief Success with a JSON result.
  static Result ok(std::string json = "{}") { return Result{Status::Ok, std::move(json), {}}; }
  /// @brief Failure with a message.
  static Result error(std::string message, Status status = Status::Error) {
    return Result{status, {}, std::move(message)};
  }
  /// @brief The arguments are not acceptable.
  static Result invalid_argument(std::string message) {
    return error(std::move(message), Status::InvalidArgument);
  }
  /// @brief The plugin does not offer `operation`.
  static Result unknown_operation(std::string_view operation) {
    return error("unknown operation '" + std::string(operation) + "'", Status::UnknownOperation);
  }
  bool is_ok() const noexcept { return status == Status::Ok; }
};

}  // namespace cohort::sdk
