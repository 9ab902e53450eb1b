#pragma once
/// @file time.hpp
/// @brief ISO 8601 dates, date-times and durations.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "value/value.hpp"

namespace cohort {

/// @brief Parses "2025-03-01", "2025-03-01T09:00:00Z", "2025-03-01T09:00:00.250+08:00".
///        A date alone means midnight UTC; a date-time without offset means UTC.
std::optional<Timestamp> parse_iso_datetime(std::string_view text);
/// @brief "2025-03-01T01:00:00Z" (milliseconds shown only when not zero).
std::string format_iso_datetime(Timestamp t);
/// @brief Parses a duration "P14D", "PT36H", "P1DT2H30M", "PT0.5S", "P2W".
///        Years and months are refused (their length depends on the date).
std::optional<std::int64_t> parse_iso_duration_ms(std::string_view text);
/// @brief Days since 1970-01-01 for a proleptic Gregorian civil date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
/// @brief The civil date of a day count since 1970-01-01 (inverse of days_from_civil).
void civil_from_days(std::int64_t days, int& y, unsigned& m, unsigned& d);

}  // namespace cohort
