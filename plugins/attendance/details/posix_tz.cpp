#include "details/posix_tz.hpp"

#include "details/civil.hpp"

namespace cohort_attendance::details {
namespace {

class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool done() const { return i_ >= s_.size(); }
  char peek() const { return done() ? '\0' : s_[i_]; }
  bool eat(char c) {
    if (peek() != c) return false;
    ++i_;
    return true;
  }
  bool number(int& out, int max_digits) {
    int n = 0, v = 0;
    while (!done() && n < max_digits && s_[i_] >= '0' && s_[i_] <= '9') {
      v = v * 10 + (s_[i_++] - '0');
      ++n;
    }
    out = v;
    return n > 0;
  }
  // A zone abbreviation: three or more letters, or anything but '>' inside <...>.
  bool name() {
    if (eat('<')) {
      const std::size_t start = i_;
      while (!done() && s_[i_] != '>') ++i_;
      return i_ - start >= 1 && eat('>');
    }
    const std::size_t start = i_;
    while (!done() && ((s_[i_] >= 'A' && s_[i_] <= 'Z') || (s_[i_] >= 'a' && s_[i_] <= 'z'))) ++i_;
    return i_ - start >= 3;
  }
  // [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536 extension for transition times).
  bool hms(std::int64_t& seconds) {
    int sign = 1;
    if (eat('-'))
      sign = -1;
    else
      eat('+');
    int h = 0, m = 0, sec = 0;
    if (!number(h, 3) || h > 167) return false;
    if (eat(':')) {
      if (!number(m, 2) || m > 59) return false;
      if (eat(':') && (!number(sec, 2) || sec > 59)) return false;
    }
    seconds = sign * (h * 3600LL + m * 60LL + sec);
    return true;
  }
  bool transition(PosixTransition& t) {
    if (eat('M')) {
      t.kind = PosixTransition::Kind::MonthWeekDay;
      if (!number(t.month, 2) || t.month < 1 || t.month > 12 || !eat('.')) return false;
      if (!number(t.week, 1) || t.week < 1 || t.week > 5 || !eat('.')) return false;
      if (!number(t.day, 1) || t.day > 6) return false;
    } else if (eat('J')) {
      t.kind = PosixTransition::Kind::JulianNoLeap;
      if (!number(t.day, 3) || t.day < 1 || t.day > 365) return false;
    } else {
      t.kind = PosixTransition::Kind::ZeroBasedDay;
      if (!number(t.day, 3) || t.day > 365) return false;
    }
    t.time_seconds = 7200;
    if (eat('/')) return hms(t.time_seconds);
    return true;
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

// Local midnight (as seconds since the epoch on the local calendar) of the rule's day in `year`.
std::int64_t rule_day_local_seconds(const PosixTransition& t, std::int64_t year) {
  std::int64_t day = 0;
  switch (t.kind) {
    case PosixTransition::Kind::JulianNoLeap: {
      // Day 60 is always 1 March: February 29 is never counted.
      day = days_from_civil(year, 1, 1) + t.day - 1;
      const bool leap = days_in_month(year, 2) == 29;
      if (leap && t.day >= 60) ++day;
      break;
    }
    case PosixTransition::Kind::ZeroBasedDay:
      day = days_from_civil(year, 1, 1) + t.day;
      break;
    case PosixTransition::Kind::MonthWeekDay: {
      const std::int64_t first = days_from_civil(year, static_cast<unsigned>(t.month), 1);
      const int first_wd = static_cast<int>(weekday(first));
      int dom = 1 + (t.day - first_wd + 7) % 7 + (t.week - 1) * 7;
      const int length = static_cast<int>(days_in_month(year, static_cast<unsigned>(t.month)));
      while (dom > length) dom -= 7;
      day = first + dom - 1;
      break;
    }
  }
  return day * 86400 + t.time_seconds;
}

}  // namespace

std::optional<PosixTz> PosixTz::parse(std::string_view text) {
  Cursor c(text);
  PosixTz tz;
  std::int64_t off = 0;
  if (!c.name() || !c.hms(off)) return std::nullopt;
  tz.std_offset = static_cast<int>(-off);
  if (c.done()) return tz;
  if (!c.name()) return std::nullopt;
  tz.has_dst = true;
  tz.dst_offset = tz.std_offset + 3600;
  if (!c.done() && c.peek() != ',') {
    if (!c.hms(off)) return std::nullopt;
    tz.dst_offset = static_cast<int>(-off);
  }
  if (c.done()) {
    // No rule given: POSIX leaves it to the implementation; use the US rule as glibc does.
    tz.start = {PosixTransition::Kind::MonthWeekDay, 0, 3, 2, 7200};
    tz.end = {PosixTransition::Kind::MonthWeekDay, 0, 11, 1, 7200};
    return tz;
  }
  if (!c.eat(',') || !c.transition(tz.start) || !c.eat(',') || !c.transition(tz.end) || !c.done())
    return std::nullopt;
  return tz;
}

int PosixTz::offset_at(std::int64_t t) const {
  if (!has_dst) return std_offset;
  const std::int64_t local_days = (t + std_offset) >= 0 ? (t + std_offset) / 86400 : -((-(t + std_offset) + 86399) / 86400);
  const std::int64_t year = civil_from_days(local_days).year;
  // The start is written in standard time, the end in daylight time.
  const std::int64_t start = rule_day_local_seconds(this->start, year) - std_offset;
  const std::int64_t end = rule_day_local_seconds(this->end, year) - dst_offset;
  if (start < end) return (t >= start && t < end) ? dst_offset : std_offset;
  // Southern hemisphere: daylight time spans the new year.
  return (t >= end && t < start) ? std_offset : dst_offset;
}

}  // namespace cohort_attendance::details
