#include "cohort_plugin_common/civil_date.hpp"

#include <algorithm>
#include <cstdio>

namespace cohort_plugin_common {

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid(const CivilDate& d) { return d.day >= 1 && d.day <= days_in_month(d.year, d.month); }

// Counts in 400-year eras starting on 1 March, so the leap day is the last day of an
// era-year and month lengths before it never depend on leap years.
std::int64_t days_from_civil(const CivilDate& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t year_of_era = y - era * 400;            // 0..399
  const std::int64_t shifted_month = (date.month + 9) % 12;  // March = 0
  const std::int64_t day_of_year = (153 * shifted_month + 2) / 5 + date.day - 1;
  const std::int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719468: days from 0000-03-01 to 1970-01-01
}

CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t day_of_era = z - era * 146097;  // 0..146096
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t shifted_month = (5 * day_of_year + 2) / 153;
  CivilDate d;
  d.day = static_cast<int>(day_of_year - (153 * shifted_month + 2) / 5 + 1);
  d.month = static_cast<int>(shifted_month < 10 ? shifted_month + 3 : shifted_month - 9);
  d.year = static_cast<int>(year_of_era + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

int weekday(std::int64_t days) {
  const std::int64_t from_sunday = days + 4;  // 1970-01-01 was a Thursday
  return static_cast<int>(from_sunday - floor_div(from_sunday, 7) * 7);
}

CivilDate add_months(const CivilDate& date, int months) {
  const std::int64_t index = std::int64_t{date.year} * 12 + (date.month - 1) + months;
  CivilDate out;
  out.year = static_cast<int>(floor_div(index, 12));
  out.month = static_cast<int>(index - floor_div(index, 12) * 12) + 1;
  out.day = std::min(date.day, days_in_month(out.year, out.month));
  return out;
}

int age_on(const CivilDate& birth, const CivilDate& on) {
  int age = on.year - birth.year;
  // Not yet had this year's birthday; 29 February compares after 28 February.
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

std::string format_date(const CivilDate& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

}  // namespace cohort_plugin_common
