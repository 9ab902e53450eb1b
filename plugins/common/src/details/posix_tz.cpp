#include "cohort_plugin_common/details/posix_tz.hpp"

#include "cohort_plugin_common/civil_date.hpp"

namespace cohort_plugin_common::details {
namespace {

bool ascii_letter(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }
bool ascii_digit(char c) { return c >= '0' && c <= '9'; }

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return pos_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[pos_]; }
  bool take(char c) {
    if (peek() != c) return false;
    ++pos_;
    return true;
  }

  // A zone abbreviation: 3+ letters, or at least one character between < and > ("<+08>").
  bool name() {
    if (take('<')) {
      const std::size_t start = pos_;
      while (!done() && peek() != '>') ++pos_;
      return pos_ > start && take('>');
    }
    const std::size_t start = pos_;
    while (!done() && ascii_letter(peek())) ++pos_;
    return pos_ - start >= 3;
  }

  bool number(int& out, int max_digits) {
    int v = 0, n = 0;
    while (!done() && ascii_digit(peek()) && n < max_digits) {
      v = v * 10 + (peek() - '0');
      ++pos_;
      ++n;
    }
    out = v;
    return n > 0;
  }

  // [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536 allows that much in transition times).
  bool duration(int& seconds) {
    int sign = 1;
    if (take('-'))
      sign = -1;
    else
      take('+');
    int h = 0, m = 0, s = 0;
    if (!number(h, 3) || h > 167) return false;
    if (take(':')) {
      if (!number(m, 2) || m > 59) return false;
      if (take(':') && (!number(s, 2) || s > 59)) return false;
    }
    seconds = sign * (h * 3600 + m * 60 + s);
    return true;
  }

  bool transition(PosixTransition& t) {
    if (take('J')) {
      t.kind = PosixTransition::Kind::Julian1;
      if (!number(t.day, 3) || t.day < 1 || t.day > 365) return false;
    } else if (take('M')) {
      t.kind = PosixTransition::Kind::MonthWeekDay;
      if (!number(t.month, 2) || t.month < 1 || t.month > 12 || !take('.') || !number(t.week, 1) || t.week < 1 ||
          t.week > 5 || !take('.') || !number(t.day, 1) || t.day > 6)
        return false;
    } else {
      t.kind = PosixTransition::Kind::Julian0;
      if (!number(t.day, 3) || t.day > 365) return false;
    }
    t.seconds = 7200;
    if (take('/')) return duration(t.seconds);
    return true;
  }

 private:
  std::string_view s_;
  std::size_t pos_ = 0;
};

// Seconds from 1970-01-01T00:00 local to the rule's day in `year`, at midnight.
std::int64_t day_start(const PosixTransition& t, int year) {
  const std::int64_t jan1 = days_from_civil({year, 1, 1});
  switch (t.kind) {
    case PosixTransition::Kind::Julian1: {
      // 1..365, never counting 29 February: day 60 is always 1 March.
      std::int64_t d = t.day - 1;
      if (is_leap_year(year) && t.day >= 60) ++d;
      return (jan1 + d) * 86400;
    }
    case PosixTransition::Kind::Julian0:
      return (jan1 + t.day) * 86400;
    case PosixTransition::Kind::MonthWeekDay: {
      const std::int64_t first = days_from_civil({year, t.month, 1});
      std::int64_t d = first + (t.day - weekday(first) + 7) % 7 + 7 * (t.week - 1);
      const std::int64_t month_end = first + days_in_month(year, t.month);
      while (d >= month_end) d -= 7;  // week 5 means the last such weekday
      return d * 86400;
    }
  }
  return jan1 * 86400;
}

}  // namespace

std::optional<PosixRule> parse_posix_rule(std::string_view text) {
  Cursor c(text);
  PosixRule r;
  int west = 0;
  if (!c.name() || !c.duration(west)) return std::nullopt;
  r.std_offset = -west;
  if (c.done()) return r;
  if (!c.name()) return std::nullopt;
  r.has_dst = true;
  r.dst_offset = r.std_offset + 3600;
  if (c.peek() != ',' && !c.done()) {
    if (!c.duration(west)) return std::nullopt;
    r.dst_offset = -west;
  }
  if (c.done()) {
    // No rule given: POSIX leaves it to the implementation; the US rule is the customary one.
    r.start = {PosixTransition::Kind::MonthWeekDay, 0, 3, 2, 7200};
    r.end = {PosixTransition::Kind::MonthWeekDay, 0, 11, 1, 7200};
    return r;
  }
  if (!c.take(',') || !c.transition(r.start) || !c.take(',') || !c.transition(r.end) || !c.done())
    return std::nullopt;
  return r;
}

int PosixRule::offset_at(std::int64_t t) const {
  if (!has_dst) return std_offset;
  const int year = civil_from_days(floor_div(t + std_offset, 86400)).year;
  // Both changes of the local year; rules never put a change near new year, so the year of
  // the instant in standard time picks the right pair.
  const std::int64_t start_utc = day_start(start, year) + start.seconds - std_offset;
  const std::int64_t end_utc = day_start(end, year) + end.seconds - dst_offset;
  if (start_utc < end_utc) return (t >= start_utc && t < end_utc) ? dst_offset : std_offset;
  // Southern hemisphere: daylight time from `start` to `end` of the next year.
  return (t >= end_utc && t < start_utc) ? std_offset : dst_offset;
}

}  // namespace cohort_plugin_common::details
