#pragma once
/// @file posix_tz.hpp
/// @brief The POSIX TZ string a TZif file ends with ("CET-1CEST,M3.5.0,M10.5.0/3"): the
///        rule for instants after the file's last transition. Internal.

#include <cstdint>
#include <optional>
#include <string_view>

namespace cohort_attendance::details {

/// @brief One end of daylight saving time: a day rule and the local time of the change.
struct PosixTransition {
  enum class Kind { JulianNoLeap, ZeroBasedDay, MonthWeekDay };
  Kind kind = Kind::MonthWeekDay;
  int day = 0;    ///< Jn: 1-365; n: 0-365; Mm.w.d: d (0 = Sunday)
  int month = 0;  ///< Mm.w.d only
  int week = 0;   ///< Mm.w.d only: 1-5, 5 = the last
  std::int64_t time_seconds = 7200;  ///< local time of day of the change (may be negative or past 24h)
};

/// @brief A parsed POSIX TZ string.
struct PosixTz {
  int std_offset = 0;  ///< seconds east of UTC (POSIX writes the opposite sign)
  bool has_dst = false;
  int dst_offset = 0;  ///< seconds east of UTC
  PosixTransition start, end;

  /// @brief Parses "STDoffset[DST[offset][,start[/time],end[/time]]]"; nullopt when malformed.
  static std::optional<PosixTz> parse(std::string_view text);
  /// @brief Seconds east of UTC in effect at `unix_seconds`.
  int offset_at(std::int64_t unix_seconds) const;
};

}  // namespace cohort_attendance::details
