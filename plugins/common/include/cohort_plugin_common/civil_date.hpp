#pragma once
/// @file civil_date.hpp
/// @brief Calendar dates in the proleptic Gregorian calendar, counted as days since
///        1970-01-01, for every plugin that reasons about dates (ages, passports, sessions).

#include <compare>
#include <cstdint>
#include <string>

namespace cohort_plugin_common {

/// @brief A calendar date (proleptic Gregorian). Not checked: see is_valid().
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
/// @brief Day of the week of a day count since 1970-01-01: 0 = Sunday ... 6 = Saturday.
int weekday(std::int64_t days);
/// @brief Calendar months later (or earlier, when negative), the day clamped to the end of
///        the month reached (31 August + 6 months = 28 or 29 February).
CivilDate add_months(const CivilDate& date, int months);
/// @brief Completed years from `birth` to `on` (the age on that day). Someone born on
///        29 February has their birthday on 1 March in other years.
int age_on(const CivilDate& birth, const CivilDate& on);
/// @brief "YYYY-MM-DD".
std::string format_date(const CivilDate& date);

/// @brief Division rounding towards negative infinity, so days and instants before 1970 work.
constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

}  // namespace cohort_plugin_common
