#pragma once
/// @file civil_time.hpp
/// @brief Calendar dates, wall-clock date-times and ISO 8601 text, without any time zone.
///        Proleptic Gregorian calendar; instants are Unix milliseconds.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cohort_eligibility {

/// @brief A calendar date (proleptic Gregorian).
struct CivilDate {
  int year = 0;
  int month = 0;  ///< 1..12
  int day = 0;    ///< 1..31
  auto operator<=>(const CivilDate&) const = default;
};

/// @brief True for years divisible by 4, except centuries not divisible by 400.
bool is_leap_year(int year);
/// @brief 28..31; 0 for a month outside 1..12.
int days_in_month(int year, int month);
/// @brief True when the date exists (no 30 February, 29 February only in leap years).
bool is_valid(const CivilDate& date);
/// @brief Days since 1970-01-01 (negative before).
std::int64_t days_from_civil(const CivilDate& date);
/// @brief The date `days` after 1970-01-01.
CivilDate civil_from_days(std::int64_t days);
/// @brief "YYYY-MM-DD".
std::string format_date(const CivilDate& date);

/// @brief A wall-clock date and time, as read off a clock in some unnamed zone.
struct LocalDateTime {
  CivilDate date;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int millisecond = 0;
  /// How precisely the text named it: a deadline covers the whole of its last named unit.
  enum class Precision { Day, Minute, Second, Millisecond } precision = Precision::Day;
};

/// @brief Seconds since 1970-01-01T00:00 of the wall-clock time, read as if it were UTC.
std::int64_t local_seconds(const LocalDateTime& t);
/// @brief The wall-clock time `seconds` after 1970-01-01T00:00 (inverse of local_seconds).
LocalDateTime local_from_seconds(std::int64_t seconds);

/// @brief ISO 8601 text split into its wall-clock part and its UTC offset, if it had one.
struct DateTimeText {
  LocalDateTime local;
  std::optional<int> offset_seconds;  ///< "Z" is 0; absent when the text named no offset
};

/// @brief Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM", "...:SS", "...:SS.fff", each optionally
///        followed by "Z" or "+hh:mm"/"-hh:mm" ("T" may be a space). Rejects impossible dates.
std::optional<DateTimeText> parse_date_time(std::string_view text);
/// @brief A strict "YYYY-MM-DD" date.
std::optional<CivilDate> parse_date(std::string_view text);

/// @brief "+08:00", "-03:30", "+00:00".
std::string format_offset(int offset_seconds);
/// @brief "2024-12-15T23:59:00+08:00" for the instant shown at that offset (".123" when it has milliseconds).
std::string format_instant(std::int64_t unix_ms, int offset_seconds);

/// @brief Floor division that rounds towards negative infinity (so instants before 1970 work).
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace cohort_eligibility
