#include "passport.hpp"

#include <cohort_plugin_common/iso_time.hpp>
#include <cohort_plugin_common/text.hpp>

namespace cohort_visa {
namespace {

using cohort_plugin_common::add_months;
using cohort_plugin_common::civil_from_days;
using cohort_plugin_common::days_from_civil;
using cohort_plugin_common::format_date;
using cohort_plugin_common::parse_date_prefix;
using cohort_plugin_common::trim;

std::string days_words(std::int64_t n) { return std::to_string(n) + (n == 1 ? " day" : " days"); }

}  // namespace

std::string describe(const ValidityRule& rule) {
  if (rule.days) return days_words(*rule.days);
  return std::to_string(rule.months) + (rule.months == 1 ? " month" : " months");
}

PassportVerdict check_passport(const std::string& expires_text, const std::string& departure_text,
                               const ValidityRule& rule) {
  PassportVerdict v;
  const std::string expires = trim(expires_text), departure = trim(departure_text);
  if (expires.empty()) {
    v.code = "expiry_missing";
    v.reason = "the passport's expiry date is not given";
    return v;
  }
  v.expires = parse_date_prefix(expires);
  if (!v.expires) {
    v.code = "expiry_invalid";
    v.reason = "the passport's expiry date '" + expires + "' is not a date (YYYY-MM-DD)";
    return v;
  }
  if (departure.empty()) {
    v.code = "departure_missing";
    v.reason = "the departure date is not given";
    return v;
  }
  v.departure = parse_date_prefix(departure);
  if (!v.departure) {
    v.code = "departure_invalid";
    v.reason = "the departure date '" + departure + "' is not a date";
    return v;
  }
  v.required_until = rule.days ? civil_from_days(days_from_civil(*v.departure) + *rule.days)
                               : add_months(*v.departure, rule.months);
  v.days_spare = days_from_civil(*v.expires) - days_from_civil(*v.required_until);
  const std::string need = "it must be valid until at least " + format_date(*v.required_until) + ", " +
                           describe(rule) + " after the departure on " + format_date(*v.departure);
  if (*v.days_spare >= 0) {
    v.valid = true;
    v.code = "ok";
    v.reason = "the passport expires on " + format_date(*v.expires) + ", at least " + describe(rule) +
               " after the departure on " + format_date(*v.departure);
  } else if (*v.expires <= *v.departure) {
    v.code = "expires_before_departure";
    v.reason = "the passport expires on " + format_date(*v.expires) + ", on or before the day of departure; " + need;
  } else {
    v.code = "too_short";
    v.reason = "the passport expires on " + format_date(*v.expires) + ", " + days_words(-*v.days_spare) +
               " too early: " + need;
  }
  return v;
}

}  // namespace cohort_visa
