#pragma once
/// @file files.hpp
/// @brief File writes that never leave half a file and never replace what must not be replaced.

#include <filesystem>
#include <string>
#include <string_view>

namespace cohort_certificates::details {

/// @brief How a no-replace write ended.
enum class WriteResult { Written, Exists, Failed };

/// @brief Writes a new file: the content goes to a temporary file (O_CREAT | O_EXCL), is
///        synced when `sync`, then linked to `path`. link(2) fails when `path` exists, just
///        as O_EXCL would, so an existing file is never replaced, and a reader sees either
///        no file or the whole of it.
WriteResult write_new_file(const std::filesystem::path& path, std::string_view content, unsigned mode, bool sync,
                           std::string& error);

/// @brief Replaces `path` with `content` atomically (temporary file, then rename(2)).
bool replace_file(const std::filesystem::path& path, std::string_view content, unsigned mode, bool sync,
                  std::string& error);

/// @brief Gives the file `from` a second name `to`, never replacing `to`.
WriteResult link_file(const std::filesystem::path& from, const std::filesystem::path& to, bool sync,
                      std::string& error);

/// @brief Creates a directory (and parents) with `mode`; true when it exists afterwards.
bool make_directory(const std::filesystem::path& dir, unsigned mode, std::string& error);

/// @brief An exclusive flock(2) on a lock file, held until destruction. Serialises writers
///        in other processes; threads of this process are serialised by the caller's mutex.
class FileLock {
 public:
  explicit FileLock(const std::filesystem::path& path);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  /// @brief Empty when the lock is held, else why not.
  const std::string& error() const { return error_; }

 private:
  int fd_ = -1;
  std::string error_;
};

}  // namespace cohort_certificates::details
