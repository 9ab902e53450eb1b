#pragma once
/// @file passport.hpp
/// @brief Passport validity for the visa: valid at least six months (or N days) past departure.

#include <cstdint>
#include <optional>
#include <string>

#include <cohort_plugin_common/civil_date.hpp>

namespace cohort_visa {

using cohort_plugin_common::CivilDate;

/// @brief How long past departure the passport must stay valid: `days` when set, else `months`.
struct ValidityRule {
  int months = 6;
  std::optional<int> days;
};

/// @brief The verdict, with the dates it was decided on.
struct PassportVerdict {
  bool valid = false;
  std::string code;    ///< ok, expiry_missing, expiry_invalid, departure_missing, departure_invalid,
                       ///< expires_before_departure, too_short
  std::string reason;  ///< one sentence for people
  std::optional<CivilDate> expires;
  std::optional<CivilDate> departure;
  std::optional<CivilDate> required_until;  ///< departure + the rule; expiring on this day passes
  std::optional<std::int64_t> days_spare;   ///< expires - required_until (negative: days short)
};

/// @brief Checks an expiry date against a departure date (both ISO; a date-time counts by its
///        own calendar date). Months are calendar months, clamped at the month's end, so six
///        months after 31 August is 28 February (29 in leap years).
PassportVerdict check_passport(const std::string& expires, const std::string& departure, const ValidityRule& rule);

/// @brief "6 months" or "183 days".
std::string describe(const ValidityRule& rule);

}  // namespace cohort_visa
