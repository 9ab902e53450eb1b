#pragma once
/// @file time_zone.hpp
/// @brief An IANA time zone read from the system's compiled zone files (TZif, RFC 8536), so
///        a session at 09:00 in Asia/Shanghai becomes one instant. libstdc++ 12 has no
///        std::chrono::tzdb, and TZ/mktime would change the whole process's zone.

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "details/posix_tz.hpp"

namespace cohort_attendance {

/// @brief One zone: its transitions and the rule after the last of them. Immutable once loaded.
class TimeZone {
 public:
  /// @brief Reads `<root>/<name>` (root: $TZDIR, else /usr/share/zoneinfo, when empty).
  ///        nullopt with `error` set when the name is not a zone or the file is not TZif.
  static std::optional<TimeZone> load(std::string_view name, std::string& error, const std::string& root = {});
  /// @brief Parses TZif bytes (what load() reads), for zones shipped some other way.
  static std::optional<TimeZone> from_tzif(std::string name, std::string_view bytes, std::string& error);

  const std::string& name() const { return name_; }
  /// @brief Seconds east of UTC in effect at `unix_seconds`.
  int offset_at(std::int64_t unix_seconds) const;
  /// @brief The instant a local wall-clock time names (`local_seconds`: seconds since
  ///        1970-01-01T00:00 on the local calendar). A time repeated when clocks go back is
  ///        its first occurrence; a time skipped when clocks go forward is read with the
  ///        offset before the change (so 02:30 on a spring-forward night is 03:30).
  std::int64_t to_utc(std::int64_t local_seconds) const;

 private:
  std::string name_;
  std::vector<std::int64_t> transitions_;  ///< Unix seconds, ascending
  std::vector<int> transition_offsets_;    ///< offset from each transition on
  int initial_offset_ = 0;                 ///< before the first transition
  std::optional<details::PosixTz> footer_; ///< after the last transition
};

/// @brief Zones loaded once per process and shared; safe to use from several threads.
class ZoneCache {
 public:
  /// @brief The zone, loading it on first use; nullptr with `error` set when it cannot be read.
  std::shared_ptr<const TimeZone> get(const std::string& name, std::string& error);

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const TimeZone>> zones_;
};

}  // namespace cohort_attendance
