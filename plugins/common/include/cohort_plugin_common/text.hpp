#pragma once
/// @file text.hpp
/// @brief ASCII text steps the plugins use to compare what people type (codes, names,
///        degrees): trimming, case folding and joining lists for messages.

#include <string>
#include <vector>

namespace cohort_plugin_common {

/// @brief Without leading and trailing spaces, tabs and line breaks.
inline std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

/// @brief ASCII letters in lower case; other bytes (UTF-8 included) unchanged.
inline std::string lower(std::string s) {
  for (char& c : s)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return s;
}

/// @brief ASCII letters in upper case; other bytes (UTF-8 included) unchanged.
inline std::string upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

/// @brief The items with `separator` between them ("DE, FR, IT").
inline std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += separator;
    out += s;
  }
  return out;
}

}  // namespace cohort_plugin_common
