#include "details/dates.hpp"

#include <cstdio>

namespace cohort_email::details {

namespace {

constexpr const char* kDays[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};  // day 0 = 1970-01-01
constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2);
}

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
  if (at + n > s.size()) return false;
  out = 0;
  for (std::size_t i = at; i < at + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::string format(std::int64_t days, int hour, int minute, int second, int offset_minutes) {
  std::int64_t y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  const auto weekday = static_cast<std::size_t>(((days % 7) + 7) % 7);
  const int abs_offset = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02d:%02d:%02d %c%02d%02d", kDays[weekday], d, kMonths[m - 1],
                static_cast<long long>(y), hour, minute, second, offset_minutes < 0 ? '-' : '+', abs_offset / 60,
                abs_offset % 60);
  return buf;
}

}  // namespace

bool rfc5322_date(std::string_view iso, std::string& out) {
  int year, month, day, hour, minute, second;
  if (!digits(iso, 0, 4, year) || iso.size() < 19 || iso[4] != '-' || !digits(iso, 5, 2, month) || iso[7] != '-' ||
      !digits(iso, 8, 2, day) || (iso[10] != 'T' && iso[10] != 't' && iso[10] != ' ') || !digits(iso, 11, 2, hour) ||
      iso[13] != ':' || !digits(iso, 14, 2, minute) || iso[16] != ':' || !digits(iso, 17, 2, second))
    return false;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return false;
  std::size_t i = 19;
  if (i < iso.size() && iso[i] == '.') {
    ++i;
    while (i < iso.size() && iso[i] >= '0' && iso[i] <= '9') ++i;
  }
  int offset = 0;
  if (i < iso.size() && (iso[i] == 'Z' || iso[i] == 'z')) {
    ++i;
  } else if (i < iso.size() && (iso[i] == '+' || iso[i] == '-')) {
    int oh, om;
    if (!digits(iso, i + 1, 2, oh) || i + 3 >= iso.size() || iso[i + 3] != ':' || !digits(iso, i + 4, 2, om))
      return false;
    offset = (oh * 60 + om) * (iso[i] == '-' ? -1 : 1);
    i += 6;
  } else {
    return false;  // a local time without an offset names no instant
  }
  if (i != iso.size()) return false;
  out = format(days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)), hour, minute,
               second == 60 ? 59 : second, offset);
  return true;
}

std::string rfc5322_date(std::int64_t unix_ms) {
  std::int64_t secs = unix_ms / 1000;
  if (unix_ms < 0 && unix_ms % 1000) --secs;
  std::int64_t days = secs / 86400;
  std::int64_t rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  return format(days, static_cast<int>(rem / 3600), static_cast<int>(rem % 3600 / 60), static_cast<int>(rem % 60), 0);
}

}  // namespace cohort_email::details
