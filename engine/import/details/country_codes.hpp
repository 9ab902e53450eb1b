#pragma once
/// @file country_codes.hpp
/// @brief ISO 3166-1 alpha-2 country codes.

#include <string_view>

namespace cohort::import::details {

/// @brief True for an assigned ISO 3166-1 alpha-2 code (upper case), and XK (Kosovo,
///        user-assigned but used by passports and the EU).
bool is_country_code(std::string_view code);

}  // namespace cohort::import::details
