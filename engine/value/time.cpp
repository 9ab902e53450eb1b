#include "value/time.hpp"

#include <cctype>
#include <charconv>
#include <cstdio>

namespace cohort {
namespace {

bool read_digits(std::string_view s, std::size_t& i, int count, int& out) {
  if (i + count > s.size()) return false;
  int v = 0;
  for (int k = 0; k < count; ++k) {
    char c = s[i + k];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  i += count;
  out = v;
  return true;
}

bool expect(std::string_view s, std::size_t& i, char c) {
  if (i < s.size() && s[i] == c) {
    ++i;
    return true;
  }
  return false;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int days_in_month(int y, int m) {
  static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : d[m - 1];
}

}  // namespace

void civil_from_days(std::int64_t z, int& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t yy = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y = static_cast<int>(yy + (m <= 2));
}

std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

std::optional<Timestamp> parse_iso_datetime(std::string_view s) {
  std::size_t i = 0;
  int y = 0, mo = 0, d = 0;
  if (!read_digits(s, i, 4, y) || !expect(s, i, '-') || !read_digits(s, i, 2, mo) ||
      !expect(s, i, '-') || !read_digits(s, i, 2, d))
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return std::nullopt;
  std::int64_t ms = days_from_civil(y, mo, d) * 86400000LL;
  if (i == s.size()) return Timestamp{ms};
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  ++i;
  int h = 0, mi = 0, sec = 0;
  if (!read_digits(s, i, 2, h) || !expect(s, i, ':') || !read_digits(s, i, 2, mi)) return std::nullopt;
  if (expect(s, i, ':') && !read_digits(s, i, 2, sec)) return std::nullopt;
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  int frac_ms = 0;
  if (expect(s, i, '.')) {
    int digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (digits < 3) frac_ms = frac_ms * 10 + (s[i] - '0');
      ++digits;
      ++i;
    }
    if (digits == 0) return std::nullopt;
    for (int k = digits; k < 3; ++k) frac_ms *= 10;
  }
  ms += ((h * 60LL + mi) * 60LL + sec) * 1000LL + frac_ms;
  if (i == s.size()) return Timestamp{ms};
  if (s[i] == 'Z' || s[i] == 'z') {
    ++i;
  } else if (s[i] == '+' || s[i] == '-') {
    int sign = s[i] == '+' ? 1 : -1;
    ++i;
    int oh = 0, om = 0;
    if (!read_digits(s, i, 2, oh)) return std::nullopt;
    if (expect(s, i, ':')) {
      if (!read_digits(s, i, 2, om)) return std::nullopt;
    } else if (i < s.size() && !read_digits(s, i, 2, om)) {
      return std::nullopt;
    }
    if (oh > 23 || om > 59) return std::nullopt;
    ms -= sign * (oh * 60LL + om) * 60000LL;
  } else {
    return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return Timestamp{ms};
}

std::string format_iso_datetime(Timestamp t) {
  std::int64_t ms = t.ms;
  std::int64_t days = ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000);
  std::int64_t rem = ms - days * 86400000;
  int y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  int h = static_cast<int>(rem / 3600000), mi = static_cast<int>(rem / 60000 % 60),
      s = static_cast<int>(rem / 1000 % 60), milli = static_cast<int>(rem % 1000);
  char buf[40];
  if (milli)
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", y, m, d, h, mi, s, milli);
  else
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", y, m, d, h, mi, s);
  return buf;
}

std::optional<std::int64_t> parse_iso_duration_ms(std::string_view s) {
  std::size_t i = 0;
  if (!expect(s, i, 'P') || i == s.size()) return std::nullopt;
  bool in_time = false, any = false;
  double total = 0;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      if (i == s.size()) return std::nullopt;
      continue;
    }
    std::size_t start = i;
    while (i < s.size() && (std::isdigit(static_cast<unsigned char>(s[i])) || s[i] == '.' || s[i] == ','))
      ++i;
    if (start == i || i == s.size()) return std::nullopt;
    std::string num(s.substr(start, i - start));
    for (auto& c : num)
      if (c == ',') c = '.';
    double n = 0;
    auto [end, ec] = std::from_chars(num.data(), num.data() + num.size(), n);
    if (ec != std::errc() || end != num.data() + num.size()) return std::nullopt;
    char unit = s[i++];
    double factor = 0;
    if (!in_time && unit == 'W') factor = 7 * 86400000.0;
    else if (!in_time && unit == 'D') factor = 86400000.0;
    else if (in_time && unit == 'H') factor = 3600000.0;
    else if (in_time && unit == 'M') factor = 60000.0;
    else if (in_time && unit == 'S') factor = 1000.0;
    else return std::nullopt;
    total += n * factor;
    any = true;
  }
  // Refuse what an int64 of milliseconds cannot hold (about 292 million years) rather
  // than convert out of range.
  if (!any || !(total < 9.0e18)) return std::nullopt;
  return static_cast<std::int64_t>(total + 0.5);
}

}  // namespace cohort
