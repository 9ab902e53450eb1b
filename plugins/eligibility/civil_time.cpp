#include "civil_time.hpp"

#include <cstdio>
#include <cstdlib>

namespace cohort_eligibility {
namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `n` digits at `pos`; false when any is not a digit or the text is short.
bool read_number(std::string_view s, std::size_t pos, std::size_t n, int& out) {
  if (s.size() < pos + n) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (!digit(s[i])) return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

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
  const std::int64_t year_of_era = y - era * 400;                       // 0..399
  const std::int64_t shifted_month = (date.month + 9) % 12;             // March = 0
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

std::string format_date(const CivilDate& d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::int64_t local_seconds(const LocalDateTime& t) {
  return days_from_civil(t.date) * 86400 + t.hour * 3600 + t.minute * 60 + t.second;
}

LocalDateTime local_from_seconds(std::int64_t seconds) {
  LocalDateTime t;
  const std::int64_t days = floor_div(seconds, 86400);
  const std::int64_t rest = seconds - days * 86400;
  t.date = civil_from_days(days);
  t.hour = static_cast<int>(rest / 3600);
  t.minute = static_cast<int>(rest % 3600 / 60);
  t.second = static_cast<int>(rest % 60);
  t.precision = LocalDateTime::Precision::Second;
  return t;
}

std::optional<CivilDate> parse_date(std::string_view text) {
  auto parsed = parse_date_time(text);
  if (!parsed || text.size() != 10) return std::nullopt;
  return parsed->local.date;
}

std::optional<DateTimeText> parse_date_time(std::string_view s) {
  DateTimeText out;
  LocalDateTime& t = out.local;
  if (!read_number(s, 0, 4, t.date.year) || s.size() < 10 || s[4] != '-' || !read_number(s, 5, 2, t.date.month) ||
      s[7] != '-' || !read_number(s, 8, 2, t.date.day) || !is_valid(t.date))
    return std::nullopt;
  std::size_t pos = 10;
  if (pos < s.size() && (s[pos] == 'T' || s[pos] == 't' || s[pos] == ' ')) {
    if (!read_number(s, pos + 1, 2, t.hour) || s.size() < pos + 6 || s[pos + 3] != ':' ||
        !read_number(s, pos + 4, 2, t.minute) || t.hour > 23 || t.minute > 59)
      return std::nullopt;
    t.precision = LocalDateTime::Precision::Minute;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!read_number(s, pos + 1, 2, t.second) || t.second > 59) return std::nullopt;
      // "23:59:00" names the minute 23:59 as the programme files write it; other seconds name a second.
      if (t.second != 0) t.precision = LocalDateTime::Precision::Second;
      pos += 3;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        int scale = 100, digits = 0;
        while (pos < s.size() && digit(s[pos])) {
          t.millisecond += (s[pos] - '0') * scale;
          scale /= 10;
          ++pos;
          ++digits;
        }
        if (digits == 0) return std::nullopt;
        if (t.millisecond != 0) t.precision = LocalDateTime::Precision::Millisecond;
      }
    }
  }
  if (pos == s.size()) return out;
  if ((s[pos] == 'Z' || s[pos] == 'z') && pos + 1 == s.size()) {
    out.offset_seconds = 0;
    return out;
  }
  int oh = 0, om = 0;
  if ((s[pos] == '+' || s[pos] == '-') && read_number(s, pos + 1, 2, oh)) {
    std::size_t end = pos + 3;
    if (end < s.size() && s[end] == ':') {
      if (!read_number(s, end + 1, 2, om)) return std::nullopt;
      end += 3;
    } else if (end < s.size()) {
      if (!read_number(s, end, 2, om)) return std::nullopt;
      end += 2;
    }
    if (end != s.size() || oh > 23 || om > 59) return std::nullopt;
    const int offset = oh * 3600 + om * 60;
    out.offset_seconds = s[pos] == '+' ? offset : -offset;
    return out;
  }
  return std::nullopt;
}

std::string format_offset(int offset_seconds) {
  const int a = std::abs(offset_seconds);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", offset_seconds < 0 ? '-' : '+', a / 3600, a % 3600 / 60);
  return buf;
}

std::string format_instant(std::int64_t unix_ms, int offset_seconds) {
  const std::int64_t ms = unix_ms + std::int64_t{offset_seconds} * 1000;
  const std::int64_t seconds = floor_div(ms, 1000);
  const auto t = local_from_seconds(seconds);
  const int millis = static_cast<int>(ms - seconds * 1000);
  char buf[64];
  if (millis != 0)
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d.%03d", format_date(t.date).c_str(), t.hour, t.minute, t.second,
                  millis);
  else
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d", format_date(t.date).c_str(), t.hour, t.minute, t.second);
  return std::string(buf) + (offset_seconds == 0 ? std::string("Z") : format_offset(offset_seconds));
}

}  // namespace cohort_eligibility
