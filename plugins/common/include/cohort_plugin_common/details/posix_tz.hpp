#pragma once
/// @file posix_tz.hpp
/// @brief The POSIX TZ rule at the end of a TZif file ("CET-1CEST,M3.5.0,M10.5.0/3"), which
///        gives the offset for every instant after the file's last listed transition.

#include <cstdint>
#include <optional>
#include <string_view>

namespace cohort_plugin_common::details {

/// @brief One end of daylight saving time: a day rule and a local time of day.
struct PosixTransition {
  enum class Kind { Julian1, Julian0, MonthWeekDay } kind = Kind::MonthWeekDay;
  int day = 0;         ///< Jn: 1..365 (29 Feb never counted); n: 0..365; Mm.w.d: weekday 0 (Sunday)..6
  int month = 0;       ///< Mm.w.d only
  int week = 0;        ///< Mm.w.d only: 1..5 (5 = last)
  int seconds = 7200;  ///< local time of day of the change, may be negative or past 24 h
};

/// @brief A parsed POSIX TZ rule. Offsets are seconds east of UTC (the TZ text has them west).
struct PosixRule {
  int std_offset = 0;
  bool has_dst = false;
  int dst_offset = 0;
  PosixTransition start;  ///< into daylight saving time, in standard local time
  PosixTransition end;    ///< out of it, in daylight local time

  /// @brief The UTC offset at a Unix instant (seconds).
  int offset_at(std::int64_t unix_seconds) const;
};

/// @brief Parses "STDoffset[DST[offset][,start[/time],end[/time]]]"; nullopt when it is not
///        a rule this reader understands.
std::optional<PosixRule> parse_posix_rule(std::string_view text);

}  // namespace cohort_plugin_common::details
