#pragma once
/// @file dates.hpp
/// @brief The Date header (RFC 5322 section 3.3) from an ISO 8601 instant or the clock.

#include <cstdint>
#include <string>
#include <string_view>

namespace cohort_email::details {

/// @brief "Mon, 06 Jan 2025 10:00:00 +0800" for an ISO 8601 date-time with an offset
///        ("2025-01-06T10:00:00+08:00", "...Z", fractions allowed). False when `iso` is not one.
bool rfc5322_date(std::string_view iso, std::string& out);

/// @brief The Date header for a Unix time in milliseconds, in UTC ("+0000").
std::string rfc5322_date(std::int64_t unix_ms);

}  // namespace cohort_email::details
