#pragma once
/// @file sent_log.hpp
/// @brief The durable record of mails handed over, so that no call sends one twice.

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace cohort_email {

/// @brief An append-only JSON-lines file in the plugin's data directory: one line
///        `{"name", "state": "sending"}` when a mail is about to be handed over and one
///        `{"name", "state": "sent", "result": {...}}` once it was. Thread-safe.
///
/// A "sent" line is forced to disk (fsync) before the call returns. Lines appended by
/// another process (a crashed predecessor) are picked up on the next lookup. A crash
/// can leave at most a last line without its newline; it is ignored, and ended before
/// the next append so the following line stays readable.
class SentLog {
 public:
  explicit SentLog(std::string path) : path_(std::move(path)) {}
  ~SentLog();
  SentLog(const SentLog&) = delete;
  SentLog& operator=(const SentLog&) = delete;

  /// @brief The recorded result of mail `name` (JSON text), when it was sent. False with
  ///        `error` empty when it was not; false with `error` set when the log is unreadable.
  bool find_sent(const std::string& name, std::string& result_json, std::string& error);

  /// @brief True when an earlier attempt began to hand `name` over without recording the
  ///        outcome (it crashed, or the server never answered).
  bool was_sending(const std::string& name);

  /// @brief Notes that `name` is about to be handed over (not synced: it only informs logs).
  bool note_sending(const std::string& name, std::string& error);

  /// @brief Records `name` as sent with its result, durably unless `sync` is false (for
  ///        deliveries that are idempotent anyway). False with `error` on failure.
  bool record_sent(const std::string& name, std::string_view result_json, std::string& error, bool sync = true);

  const std::string& path() const { return path_; }

 private:
  bool open_locked(std::string& error);
  bool catch_up_locked(std::string& error);
  bool append_locked(const std::string& line, bool sync, std::string& error);

  std::string path_;
  std::mutex mutex_;
  int fd_ = -1;
  std::uint64_t read_offset_ = 0;
  std::unordered_map<std::string, std::string> sent_;
  std::unordered_set<std::string> sending_;
};

}  // namespace cohort_email
