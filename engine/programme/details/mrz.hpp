#pragma once
/// @file mrz.hpp
/// @brief The machine-readable zone (ICAO 9303 TD3) of a simulated passport.

#include <string>
#include <vector>

namespace cohort::programme::details {

/// @brief What the two MRZ lines of a passport are made of. Dates are `YYYY-MM-DD`.
struct PassportData {
  std::string country;      ///< ISO 3166-1 alpha-2: issuing state and nationality
  std::string family_name;  ///< surname, ASCII
  std::string given_names;  ///< ASCII, space separated
  std::string number;       ///< document number, up to 9 of A-Z 0-9
  std::string birth_date;
  std::string sex;          ///< `female`, `male`, anything else is unspecified
  std::string expires;
};

/// @brief The two 44-character TD3 lines with correct check digits, or an empty list
///        when the country has no ICAO code in the generator's table.
std::vector<std::string> td3_mrz(const PassportData& passport);

/// @brief The ICAO 9303 check digit of a field (weights 7, 3, 1; `<` counts as 0).
int mrz_check_digit(const std::string& field);

}  // namespace cohort::programme::details
