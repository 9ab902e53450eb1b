#pragma once
/// @file time_zone.hpp
/// @brief An IANA time zone read from the system database (/usr/share/zoneinfo), and a
///        thread-safe cache of them. g++ 12's <chrono> has no std::chrono::locate_zone, and
///        the TZ-aware libc functions change process-wide state, so the files are read here.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "details/posix_tz.hpp"
#include "details/tzif.hpp"

namespace cohort_eligibility {

/// @brief A wall-clock time mapped to an instant.
struct ResolvedTime {
  std::int64_t unix_seconds = 0;
  int offset_seconds = 0;
  /// Unique: the clock shows that time once. Ambiguous: twice (clocks went back; the later
  /// instant was chosen). Skipped: never (clocks jumped over it; read with the offset from
  /// before the jump, which is the later of the two readings).
  enum class Kind { Unique, Ambiguous, Skipped } kind = Kind::Unique;
};

/// @brief One IANA zone. Immutable once loaded; safe to share between threads.
class TimeZone {
 public:
  /// @brief Loads `name` (e.g. "Asia/Shanghai") from the zoneinfo directory `dir`.
  ///        nullptr with `error` set for an unknown or malformed zone.
  static std::shared_ptr<const TimeZone> load(const std::string& name, const std::string& dir, std::string& error);
  /// @brief A zone from TZif bytes (tests, or a database elsewhere).
  static std::shared_ptr<const TimeZone> from_tzif(const std::string& name, std::string_view bytes,
                                                   std::string& error);

  const std::string& name() const { return name_; }
  /// @brief UTC offset in seconds at a Unix instant.
  int offset_at(std::int64_t unix_seconds) const;
  /// @brief The instant a wall-clock time (seconds, see local_seconds()) denotes in this zone.
  ///        Ambiguous and skipped times resolve to the later reading, so a deadline never
  ///        comes earlier than the clock on the wall suggests.
  ResolvedTime resolve(std::int64_t local_seconds) const;

 private:
  std::string name_;
  details::TzifData data_;
  std::optional<details::PosixRule> rule_;
};

/// @brief Zones by name, loaded once from one directory. Thread-safe.
class ZoneCache {
 public:
  /// @brief `dir` empty: $TZDIR, else /usr/share/zoneinfo.
  explicit ZoneCache(std::string dir = {});
  /// @brief The zone, or nullptr with `error` (unknown zone, unreadable file, bad name).
  std::shared_ptr<const TimeZone> get(const std::string& name, std::string& error);
  const std::string& dir() const { return dir_; }

 private:
  std::string dir_;
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const TimeZone>> zones_;
};

}  // namespace cohort_eligibility
