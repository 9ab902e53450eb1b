#pragma once
/// @file time_zone.hpp
/// @brief An IANA time zone read from the system database (/usr/share/zoneinfo). g++ 12's
///        <chrono> has no std::chrono::locate_zone, and the TZ-aware libc functions change
///        process-wide state, so the TZif files are read here.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "cohort_plugin_common/details/posix_tz.hpp"
#include "cohort_plugin_common/details/tzif.hpp"

namespace cohort_plugin_common {

/// @brief An instant and the UTC offset the zone's clocks show at it.
struct ZonedTime {
  std::int64_t unix_seconds = 0;
  int offset_seconds = 0;
};

/// @brief What a wall-clock time names in one zone. Which reading to use is the caller's
///        choice: a deadline takes `later` (nobody loses time), a session start `earlier`
///        (the first time the clock on the wall shows it).
struct ResolvedTime {
  /// Unique: the clock shows that time once. Ambiguous: twice (clocks went back).
  /// Skipped: never (clocks jumped forward over it).
  enum class Kind { Unique, Ambiguous, Skipped } kind = Kind::Unique;
  /// Ambiguous: the first occurrence, still at the offset from before clocks went back.
  /// Skipped: the time read with the offset from before the jump, so 02:30 in a gap from
  /// 02:00 to 03:00 is 03:30 after it. Unique: the one instant.
  ZonedTime earlier;
  /// Ambiguous: the second occurrence, at the offset after clocks went back. Otherwise the
  /// same as `earlier`.
  ZonedTime later;
};

/// @brief $TZDIR when set, else /usr/share/zoneinfo.
std::string default_zone_dir();

/// @brief One IANA zone. Immutable once loaded; safe to share between threads.
class TimeZone {
 public:
  /// @brief Loads `name` (e.g. "Asia/Shanghai") from the zoneinfo directory `dir`
  ///        (default_zone_dir() when empty). nullptr with `error` set for a name that is not
  ///        a zone name, an unknown zone or a malformed file.
  static std::shared_ptr<const TimeZone> load(const std::string& name, const std::string& dir, std::string& error);
  /// @brief A zone from TZif bytes (what load() reads), for tests or zones shipped elsewhere.
  static std::shared_ptr<const TimeZone> from_tzif(const std::string& name, std::string_view bytes,
                                                   std::string& error);

  const std::string& name() const { return name_; }
  /// @brief UTC offset in seconds (east positive) at a Unix instant.
  int offset_at(std::int64_t unix_seconds) const;
  /// @brief The instants a wall-clock time (seconds since 1970-01-01T00:00 on the local
  ///        calendar, see local_seconds()) names in this zone.
  ResolvedTime resolve(std::int64_t local_seconds) const;

 private:
  TimeZone() = default;

  std::string name_;
  details::TzifData data_;
  std::optional<details::PosixRule> rule_;
};

}  // namespace cohort_plugin_common
