#include "details/civil.hpp"

#include <cstdio>
#include <cstdlib>

namespace cohort_attendance::details {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t n) {
  if (s.size() < pos + n) return false;
  for (std::size_t i = pos; i < pos + n; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

int number(std::string_view s, std::size_t pos, std::size_t n) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days: exact for every proleptic Gregorian date.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

Date civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2)), m, d};
}

unsigned days_in_month(std::int64_t year, unsigned month) {
  static constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return month >= 1 && month <= 12 ? lengths[month - 1] : 0;
}

unsigned weekday(std::int64_t days) {
  // 1970-01-01 was a Thursday.
  return static_cast<unsigned>(((days % 7) + 7 + 4) % 7);
}

std::optional<Date> parse_date(std::string_view s) {
  if (s.size() != 10 || !digits(s, 0, 4) || s[4] != '-' || !digits(s, 5, 2) || s[7] != '-' || !digits(s, 8, 2))
    return std::nullopt;
  Date d{number(s, 0, 4), static_cast<unsigned>(number(s, 5, 2)), static_cast<unsigned>(number(s, 8, 2))};
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > days_in_month(d.year, d.month)) return std::nullopt;
  return d;
}

std::optional<int> parse_clock(std::string_view s) {
  if (s.size() != 5 || !digits(s, 0, 2) || s[2] != ':' || !digits(s, 3, 2)) return std::nullopt;
  const int h = number(s, 0, 2), m = number(s, 3, 2);
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::optional<std::int64_t> parse_instant(std::string_view s) {
  if (s.size() < 17) return std::nullopt;
  auto date = parse_date(s.substr(0, 10));
  if (!date || (s[10] != 'T' && s[10] != 't' && s[10] != ' ')) return std::nullopt;
  if (!digits(s, 11, 2) || s[13] != ':' || !digits(s, 14, 2)) return std::nullopt;
  const int h = number(s, 11, 2), mi = number(s, 14, 2);
  if (h > 23 || mi > 59) return std::nullopt;
  std::int64_t ms = days_from_civil(date->year, date->month, date->day) * 86400000LL +
                    (h * 3600LL + mi * 60LL) * 1000LL;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2) || number(s, pos + 1, 2) > 60) return std::nullopt;
    ms += number(s, pos + 1, 2) * 1000LL;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      const std::size_t first = pos;
      int scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        ms += (s[pos] - '0') * scale;
        scale /= 10;
        ++pos;
      }
      if (pos == first) return std::nullopt;
    }
  }
  if (pos == s.size()) return std::nullopt;  // no offset: not one instant
  if (s[pos] == 'Z' || s[pos] == 'z') return pos + 1 == s.size() ? std::optional(ms) : std::nullopt;
  if ((s[pos] == '+' || s[pos] == '-') && s.size() == pos + 6 && digits(s, pos + 1, 2) && s[pos + 3] == ':' &&
      digits(s, pos + 4, 2)) {
    const std::int64_t offset = (number(s, pos + 1, 2) * 60LL + number(s, pos + 4, 2)) * 60000LL;
    return s[pos] == '+' ? ms - offset : ms + offset;
  }
  return std::nullopt;
}

std::string format_instant(std::int64_t unix_ms, int offset_seconds) {
  const std::int64_t local_ms = unix_ms + offset_seconds * 1000LL;
  const std::int64_t days = floor_div(local_ms, 86400000LL);
  const std::int64_t rem = local_ms - days * 86400000LL;
  const Date d = civil_from_days(days);
  const int h = static_cast<int>(rem / 3600000), mi = static_cast<int>(rem / 60000 % 60),
            sec = static_cast<int>(rem / 1000 % 60), milli = static_cast<int>(rem % 1000);
  char offset[8];
  if (offset_seconds == 0) {
    std::snprintf(offset, sizeof offset, "Z");
  } else {
    const int a = std::abs(offset_seconds) / 60;
    std::snprintf(offset, sizeof offset, "%c%02d:%02d", offset_seconds < 0 ? '-' : '+', a / 60 % 100, a % 60);
  }
  char buf[48];
  if (milli)
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03d%s", d.year, d.month, d.day, h, mi, sec, milli,
                  offset);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%s", d.year, d.month, d.day, h, mi, sec, offset);
  return buf;
}

}  // namespace cohort_attendance::details
