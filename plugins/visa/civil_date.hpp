#pragma once
/// @file civil_date.hpp
/// @brief Calendar dates and ISO 8601 instants for the visa rules (proleptic Gregorian).

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cohort_visa {

/// @brief A calendar date.
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CivilDate&) const = default;
};

/// @brief True for Gregorian leap years.
bool is_leap_year(int year);
/// @brief 28..31; 0 for a month outside 1..12.
int days_in_month(int year, int month);
/// @brief True when the date exists.
bool is_valid(const CivilDate& date);
/// @brief Days since 1970-01-01.
std::int64_t days_from_civil(const CivilDate& date);
/// @brief The date `days` after 1970-01-01.
CivilDate civil_from_days(std::int64_t days);
/// @brief Calendar months later, the day clamped to the month's end (31 August + 6 months = 28/29 February).
CivilDate add_months(const CivilDate& date, int months);
/// @brief "YYYY-MM-DD".
std::string format_date(const CivilDate& date);

/// @brief The calendar date written at the start of an ISO date or date-time: the local date
///        where the text was written ("2025-03-21T18:00:00+08:00" -> 2025-03-21).
std::optional<CivilDate> parse_date_prefix(std::string_view text);

/// @brief An instant written with its UTC offset.
struct Instant {
  std::int64_t unix_ms = 0;
  int offset_seconds = 0;  ///< the offset it was written with, to write derived instants alike
};

/// @brief "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±hh:mm)"; a date alone is midnight UTC; no offset is UTC.
std::optional<Instant> parse_instant(std::string_view text);
/// @brief The instant at the given offset, "2025-02-07T23:59:00+08:00" ("Z" for offset 0).
std::string format_instant(std::int64_t unix_ms, int offset_seconds);

}  // namespace cohort_visa
