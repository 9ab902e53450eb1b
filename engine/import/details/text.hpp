#pragma once
/// @file text.hpp
/// @brief Small text helpers for cells of a spreadsheet.

#include <string>
#include <string_view>

namespace cohort::import::details {

/// @brief Without leading and trailing spaces, tabs and line breaks (also no-break spaces).
std::string trim(std::string_view s);
/// @brief ASCII letters lowered; other bytes (UTF-8) unchanged.
std::string ascii_lower(std::string_view s);
/// @brief ASCII letters raised; other bytes unchanged.
std::string ascii_upper(std::string_view s);
/// @brief Runs of white space (line breaks included) made one space; trimmed.
std::string collapse_spaces(std::string_view s);
/// @brief A header cell as a key: lowered, trimmed, spaces and hyphens made '_', other
///        punctuation dropped ("E-mail address" -> "e_mail_address").
std::string header_key(std::string_view s);

}  // namespace cohort::import::details
