#include "details/dates.hpp"

#include <cstdio>
#include <string>

#include <cohort_plugin_common/iso_time.hpp>

namespace cohort_email::details {

namespace {

using cohort_plugin_common::CivilDate;

constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string format(const CivilDate& date, int hour, int minute, int second, int offset_minutes) {
  const int weekday = cohort_plugin_common::weekday(cohort_plugin_common::days_from_civil(date));
  const int abs_offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", kDays[weekday], date.day,
                kMonths[date.month - 1], date.year, hour, minute, second, offset_minutes < 0 ? '-' : '+',
                abs_offset / 60, abs_offset % 60);
  return buf;
}

}  // namespace

bool rfc5322_date(std::string_view iso, std::string& out) {
  // The header names a second, so the text must write one ("...T10:00:00", not "...T10:00").
  if (iso.size() < 19 || iso[16] != ':') return false;
  // A leap second (":60") is shown as the second before it, which the calendar knows.
  std::string text(iso);
  if (text.compare(17, 2, "60") == 0) text.replace(17, 2, "59");
  const auto t = cohort_plugin_common::parse_date_time(text);
  if (!t || !t->offset_seconds) return false;  // a local time without an offset names no instant
  out = format(t->local.date, t->local.hour, t->local.minute, t->local.second, *t->offset_seconds / 60);
  return true;
}

std::string rfc5322_date(std::int64_t unix_ms) {
  const auto t = cohort_plugin_common::local_from_seconds(cohort_plugin_common::floor_div(unix_ms, 1000));
  return format(t.date, t.hour, t.minute, t.second, 0);
}

}  // namespace cohort_email::details
