#pragma once
/// @file iso_time.hpp
/// @brief ISO 8601 / RFC 3339 text: wall-clock date-times with or without a UTC offset,
///        instants (Unix milliseconds) and how to write them back. No time zone database:
///        see time_zone.hpp for wall-clock times in a named zone.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cohort_plugin_common/civil_date.hpp"

namespace cohort_plugin_common {

/// @brief A wall-clock date and time, as read off a clock in some unnamed zone.
struct LocalDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;
  /// The finest unit the text named with a non-zero value, at least the minute once a time
  /// is written: "23:59:00" names the minute 23:59, as programme files write it, and a
  /// deadline covers the whole of its last named unit.
  enum class Precision { Day, Minute, Second, Millisecond } precision = Precision::Day;
};

/// @brief Seconds since 1970-01-01T00:00 of the wall-clock time, read as if it were UTC
///        (milliseconds are left out).
std::int64_t local_seconds(const LocalDateTime& t);
/// @brief The wall-clock time `seconds` after 1970-01-01T00:00 (inverse of local_seconds).
LocalDateTime local_from_seconds(std::int64_t seconds);

/// @brief ISO 8601 text split into its wall-clock part and its UTC offset, if it had one.
struct DateTimeText {
  LocalDateTime local;
  std::optional<int> offset_seconds;  ///< "Z" is 0; absent when the text named no offset
};

/// @brief Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "...:SS", "...:SS.fff" (or ",fff"), each
///        optionally followed by "Z" or an offset "+hh:mm", "+hhmm" or "+hh" ("T" may be "t"
///        or a space). Rejects impossible dates and times (24:00, :60, 30 February).
std::optional<DateTimeText> parse_date_time(std::string_view text);
/// @brief A strict "YYYY-MM-DD" date, nothing before or after it.
std::optional<CivilDate> parse_date(std::string_view text);
/// @brief The calendar date an ISO date or date-time starts with: the local date where the
///        text was written ("2025-03-21T18:00:00+08:00" -> 2025-03-21). What follows the
///        "T" (or space) is not looked at.
std::optional<CivilDate> parse_date_prefix(std::string_view text);

/// @brief An instant and the UTC offset it was written with (to write derived instants alike).
struct Instant {
  std::int64_t unix_ms = 0;
  int offset_seconds = 0;
};

/// @brief A date-time that names one instant: it must have a time and an offset
///        ("2025-03-10T09:05:00+08:00", "2025-03-10T01:05Z"); a date alone or a time
///        without offset names none.
std::optional<Instant> parse_instant(std::string_view text);
/// @brief Like parse_instant, but a text without an offset is read as UTC, and a date alone
///        is its midnight UTC.
std::optional<Instant> parse_instant_or_utc(std::string_view text);

/// @brief "+08:00", "-03:30", "+00:00" (seconds of the offset are left out).
std::string format_offset(int offset_seconds);
/// @brief "2024-12-15T23:59:00+08:00" for the instant shown at that offset: "Z" for offset 0,
///        ".005" after the seconds when the instant has milliseconds.
std::string format_instant(std::int64_t unix_ms, int offset_seconds);

}  // namespace cohort_plugin_common
