#pragma once
/// @file lock_file.hpp
/// @brief The one-writer-process rule: an exclusive flock on "<log>.lock".
///
/// flock (not fcntl) because POSIX record locks on the database file would be dropped
/// by SQLite closing any descriptor of it; the kernel releases a flock when the process
/// dies, even by kill -9, so a crash never leaves the log locked.

#include <string>

#include "store/status.hpp"

namespace cohort::store::details {

/// @brief Holds the writer lock of one log while alive.
class LockFile {
 public:
  LockFile() = default;
  ~LockFile();
  LockFile(const LockFile&) = delete;
  LockFile& operator=(const LockFile&) = delete;

  /// @brief Takes the lock for the log at `log_path` without waiting. Busy (naming the
  ///        holder's pid) when another process has it.
  Status acquire(const std::string& log_path);
  void release();

 private:
  int fd_ = -1;
};

}  // namespace cohort::store::details
