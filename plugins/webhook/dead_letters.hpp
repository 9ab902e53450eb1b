#pragma once
/// @file dead_letters.hpp
/// @brief Events that could not be delivered, kept as JSON lines in the plugin's data
///        directory so that nothing given up on is lost.

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>

namespace cohort_webhook {

/// @brief One undeliverable event and why.
struct DeadLetter {
  std::string target;
  std::string url;           ///< without credentials
  std::uint32_t attempts = 0;
  std::string error;
  std::string event_json;    ///< the CloudEvent exactly as it was (or would have been) POSTed
  std::int64_t failed_at_ms = 0;
};

/// @brief An append-only JSON-lines file; each line is written with one write(2) and
///        fsync'ed before append returns. Thread-safe.
class DeadLetterFile {
 public:
  DeadLetterFile() = default;
  ~DeadLetterFile();
  DeadLetterFile(const DeadLetterFile&) = delete;
  DeadLetterFile& operator=(const DeadLetterFile&) = delete;

  /// @brief Opens (creating) `path` for appending. False with `error` when it cannot.
  bool open(const std::string& path, std::string& error);
  /// @brief Appends one line {failed_at, target, url, attempts, error, event}.
  bool append(const DeadLetter& letter, std::string& error);
  /// @brief Lines appended since open.
  std::uint64_t appended() const;
  const std::string& path() const { return path_; }

 private:
  mutable std::mutex mutex_;
  int fd_ = -1;
  std::string path_;
  std::uint64_t appended_ = 0;
};

/// @brief `url` without "user:password@" (dead letters and logs must not leak credentials).
std::string redact_url(std::string_view url);

}  // namespace cohort_webhook
