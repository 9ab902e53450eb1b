#include "cohort_plugin_common/iso_time.hpp"

#include <cstdio>
#include <cstdlib>

namespace cohort_plugin_common {
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

// "YYYY-MM-DD" at the start of `s`, a date that exists.
bool read_date(std::string_view s, CivilDate& d) {
  return read_number(s, 0, 4, d.year) && s.size() >= 10 && s[4] == '-' && read_number(s, 5, 2, d.month) &&
         s[7] == '-' && read_number(s, 8, 2, d.day) && is_valid(d);
}

bool time_separator(char c) { return c == 'T' || c == 't' || c == ' '; }

Instant instant_of(const DateTimeText& t, int offset_seconds) {
  Instant out;
  out.offset_seconds = offset_seconds;
  out.unix_ms = (local_seconds(t.local) - offset_seconds) * 1000 + t.local.millisecond;
  return out;
}

}  // namespace

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

std::optional<DateTimeText> parse_date_time(std::string_view s) {
  DateTimeText out;
  LocalDateTime& t = out.local;
  if (!read_date(s, t.date)) return std::nullopt;
  std::size_t pos = 10;
  if (pos < s.size() && time_separator(s[pos])) {
    if (!read_number(s, pos + 1, 2, t.hour) || s.size() < pos + 6 || s[pos + 3] != ':' ||
        !read_number(s, pos + 4, 2, t.minute) || t.hour > 23 || t.minute > 59)
      return std::nullopt;
    t.precision = LocalDateTime::Precision::Minute;
    pos += 6;
    if (pos < s.size() && s[pos] == ':') {
      if (!read_number(s, pos + 1, 2, t.second) || t.second > 59) return std::nullopt;
      if (t.second != 0) t.precision = LocalDateTime::Precision::Second;
      pos += 3;
      if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
        ++pos;
        int scale = 100, digits = 0;
        while (pos < s.size() && digit(s[pos])) {
          t.millisecond += (s[pos] - '0') * scale;  // digits past the millisecond add nothing
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

std::optional<CivilDate> parse_date(std::string_view text) {
  CivilDate d;
  if (text.size() != 10 || !read_date(text, d)) return std::nullopt;
  return d;
}

std::optional<CivilDate> parse_date_prefix(std::string_view s) {
  CivilDate d;
  if (!read_date(s, d) || (s.size() > 10 && !time_separator(s[10]))) return std::nullopt;
  return d;
}

std::optional<Instant> parse_instant(std::string_view text) {
  const auto t = parse_date_time(text);
  if (!t || t->local.precision == LocalDateTime::Precision::Day || !t->offset_seconds) return std::nullopt;
  return instant_of(*t, *t->offset_seconds);
}

std::optional<Instant> parse_instant_or_utc(std::string_view text) {
  const auto t = parse_date_time(text);
  if (!t) return std::nullopt;
  return instant_of(*t, t->offset_seconds.value_or(0));
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

}  // namespace cohort_plugin_common
