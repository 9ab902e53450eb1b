#pragma once
/// @file names.hpp
/// @brief Plausible names and languages per country, for synthetic applicants.

#include <string>
#include <string_view>
#include <vector>

namespace cohort::programme::details {

/// @brief Name pools and languages of one country.
struct CountryNames {
  std::vector<std::string> male;
  std::vector<std::string> female;
  std::vector<std::string> family;
  std::string language;  ///< ISO 639-1 of the main language
  bool family_first = false;
};

/// @brief The pools for a country code; a generic pool when the country is not known.
const CountryNames& names_for(std::string_view country);

/// @brief Countries with pools, for applicants from outside the eligible list.
const std::vector<std::string>& known_countries();

}  // namespace cohort::programme::details
