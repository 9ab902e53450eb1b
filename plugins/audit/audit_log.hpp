#pragma once

#include <chrono>
/// @file audit_log.hpp
/// @brief An append-only JSON-lines file: the audit plugin's storage, in plain C++ so
///        that it is testable without an engine.

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace cohort_audit {

/// @brief When appended lines are forced to disk.
enum class FsyncPolicy {
  EveryEvent,  ///< fsync after every line: nothing written is lost on power failure
  Interval,    ///< fsync at most once per interval (and on close): a burst shares one sync
  None,        ///< write() only: survives a crash of the process, not of the machine
};

/// @brief Parses "every_event" / "interval" / "none"; false for anything else.
bool parse_fsync_policy(std::string_view text, FsyncPolicy& out);

/// @brief A filter for reading the log back.
struct Query {
  std::string type;     ///< exact event type; empty: any
  std::string subject;  ///< exact subject; empty: any
  std::size_t limit = 1000;
};

/// @brief An append-only log of one JSON object per line. Thread-safe.
///
/// The file is opened with O_APPEND and never truncated or rewritten: each line is
/// written with a single write(2), so earlier lines are never touched and a crash
/// leaves at most the last line incomplete (a reader skips a line that does not end
/// with a newline).
class AuditLog {
 public:
  AuditLog() = default;
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  /// @brief Opens (creating if needed) `path`. On failure returns false and sets `error`.
  bool open(const std::string& path, FsyncPolicy policy, std::string& error);
  /// @brief Appends one JSON object as one line (raw line breaks are turned into spaces).
  bool append(std::string_view json, std::string& error);
  /// @brief Lines matching the query, oldest first, as JSON texts.
  std::vector<std::string> read(const Query& query, std::string& error) const;
  /// @brief Lines appended since open plus those found in the file at open.
  std::uint64_t count() const;
  const std::string& path() const { return path_; }

 private:
  mutable std::mutex mutex_;
  int fd_ = -1;
  FsyncPolicy policy_ = FsyncPolicy::EveryEvent;
  std::chrono::steady_clock::time_point last_sync_{};
  bool unsynced_ = false;
  std::string path_;
  std::uint64_t count_ = 0;
};

}  // namespace cohort_audit
