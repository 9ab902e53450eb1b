#pragma once
/// @file date_time.hpp
/// @brief The date-times written into certificates (RFC 3339, as xsd:dateTime with a zone).

#include <string>
#include <string_view>

namespace cohort::credentials {

/// @brief The current UTC time, "2025-04-01T10:00:00Z".
std::string now_utc();

/// @brief True for "YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)" with plausible fields.
bool is_date_time(std::string_view text);

}  // namespace cohort::credentials
