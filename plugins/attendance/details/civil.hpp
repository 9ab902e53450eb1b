#pragma once
/// @file civil.hpp
/// @brief Calendar arithmetic and ISO 8601 text for the attendance plugin: days since the
///        epoch, "YYYY-MM-DD", "HH:MM" and instants with a UTC offset. Internal.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cohort_attendance::details {

/// @brief A civil date (proleptic Gregorian).
struct Date {
  int year = 0;
  unsigned month = 0;
  unsigned day = 0;
};

/// @brief Days since 1970-01-01 of a civil date.
std::int64_t days_from_civil(std::int64_t year, unsigned month, unsigned day);
/// @brief The civil date of a day count since 1970-01-01.
Date civil_from_days(std::int64_t days);
/// @brief Days in that month (leap years included).
unsigned days_in_month(std::int64_t year, unsigned month);
/// @brief 0 = Sunday ... 6 = Saturday.
unsigned weekday(std::int64_t days);

/// @brief "YYYY-MM-DD" exactly, with a real day of a real month.
std::optional<Date> parse_date(std::string_view text);
/// @brief "HH:MM" exactly (00:00 to 23:59, and 24:00 for the end of the day), as minutes.
std::optional<int> parse_clock(std::string_view text);
/// @brief An ISO 8601 date-time that carries its offset ("Z" or "+08:00"): Unix milliseconds.
///        Seconds and fractions are optional; a date-time without offset is refused because
///        it does not name one instant.
std::optional<std::int64_t> parse_instant(std::string_view text);

/// @brief "2025-03-10T09:05:00+08:00": the instant written in the given offset (seconds east).
std::string format_instant(std::int64_t unix_ms, int offset_seconds);

}  // namespace cohort_attendance::details
