#include "civil_date.hpp"

#include <cstdio>
#include <algorithm>
#include <cstdlib>

namespace cohort_visa {
namespace {

constexpr std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

bool read_number(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (s.size() < pos + n) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

bool is_valid(const CivilDate& d) { return d.day >= 1 && d.day <= days_in_month(d.year, d.month); }

// Eras of 400 years starting on 1 March: the leap day ends an era-year.
std::int64_t days_from_civil(const CivilDate& date) {
  const std::int64_t y = date.year - (date.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * ((date.month + 9) % 12) + 2) / 5 + date.day - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

CivilDate civil_from_days(std::int64_t days) {
  const std::int64_t z = days + 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  CivilDate d;
  d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
  return d;
}

CivilDate add_months(const CivilDate& date, int months) {
  const int index = date.year * 12 + (date.month - 1) + months;
  CivilDate out{static_cast<int>(floor_div(index, 12)), static_cast<int>(index - floor_div(index, 12) * 12) + 1, 0};
  out.day = std::min(date.day, days_in_month(out.year, out.month));
  return out;
}

std::string format_date(const CivilDate& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<CivilDate> parse_date_prefix(std::string_view s) {
  CivilDate d;
  if (!read_number(s, 0, 4, d.year) || s.size() < 10 || s[4] != '-' || !read_number(s, 5, 2, d.month) ||
      s[7] != '-' || !read_number(s, 8, 2, d.day) || !is_valid(d))
    return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  return d;
}

std::optional<Instant> parse_instant(std::string_view s) {
  auto date = parse_date_prefix(s);
  if (!date) return std::nullopt;
  std::int64_t seconds = days_from_civil(*date) * 86400;
  int millis = 0;
  Instant out;
  if (s.size() == 10) {
    out.unix_ms = seconds * 1000;
    return out;
  }
  int h = 0, m = 0, sec = 0;
  if (!read_number(s, 11, 2, h) || s.size() < 16 || s[13] != ':' || !read_number(s, 14, 2, m) || h > 23 || m > 59)
    return std::nullopt;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!read_number(s, pos + 1, 2, sec) || sec > 59) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      int scale = 100;
      std::size_t digits = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        millis += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
        ++digits;
      }
      if (digits == 0) return std::nullopt;
    }
  }
  seconds += h * 3600 + m * 60 + sec;
  if (pos < s.size()) {
    if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
      out.offset_seconds = 0;
    } else {
      int oh = 0, om = 0;
      if ((s[pos] != '+' && s[pos] != '-') || !read_number(s, pos + 1, 2, oh) || s.size() != pos + 6 ||
          s[pos + 3] != ':' || !read_number(s, pos + 4, 2, om))
        return std::nullopt;
      out.offset_seconds = (s[pos] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    }
  }
  out.unix_ms = (seconds - out.offset_seconds) * 1000 + millis;
  return out;
}

std::string format_instant(std::int64_t unix_ms, int offset_seconds) {
  const std::int64_t local_ms = unix_ms + std::int64_t{offset_seconds} * 1000;
  const std::int64_t secs = floor_div(local_ms, 1000);
  const std::int64_t days = floor_div(secs, 86400);
  const std::int64_t rest = secs - days * 86400;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", format_date(civil_from_days(days)).c_str(),
                static_cast<int>(rest / 3600), static_cast<int>(rest % 3600 / 60), static_cast<int>(rest % 60));
  std::string out = buf;
  if (offset_seconds == 0) return out + "Z";
  const int a = std::abs(offset_seconds);
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_seconds < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
  return out + buf;
}

}  // namespace cohort_visa
