#pragma once
/// @file status.hpp
/// @brief How a store operation ended: a code numbered by subsystem (store: 300-399)
///        and a message for people that names the file and says what to do.

#include <cstdint>
#include <string>
#include <string_view>

namespace cohort::store {

/// @brief Store error codes. The numbers are stable: they appear in logs and exit paths.
enum class Code : std::int32_t {
  Ok = 0,
  CannotOpen = 301,    ///< the file or its directory cannot be created or opened
  Corrupt = 302,       ///< the file is damaged or is not an SQLite database at all
  NewerVersion = 303,  ///< written by a newer Cohort whose schema this build cannot read
  DiskFull = 304,      ///< no space left; the batch was not recorded
  Busy = 305,          ///< another cohort process has the log open for writing
  IoError = 306,       ///< the operating system reported a read or write error
  NotALog = 307,       ///< an SQLite database, but not a Cohort event log
  ReadOnly = 308,      ///< a write on a log opened read-only
  Invalid = 309,       ///< the request itself is wrong (e.g. an external event without id)
};

/// @brief The short name of a code: "corrupt", "disk_full", ...
std::string_view code_name(Code code);

/// @brief The outcome of a store operation. No exception crosses the store's interface.
struct Status {
  Code code = Code::Ok;
  std::string message;

  bool ok() const { return code == Code::Ok; }
  /// @brief "error 302 (corrupt): MESSAGE", or "ok".
  std::string to_string() const;
};

}  // namespace cohort::store
