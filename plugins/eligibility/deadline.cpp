#include "deadline.hpp"

#include <cctype>
#include <cstdio>
#include <optional>
#include <string_view>

#include <cohort_plugin_common/civil_date.hpp>
#include <cohort_plugin_common/iso_time.hpp>

namespace cohort_eligibility {
namespace {

using cohort_plugin_common::civil_from_days;
using cohort_plugin_common::days_from_civil;
using cohort_plugin_common::floor_div;
using cohort_plugin_common::format_date;
using cohort_plugin_common::format_instant;
using cohort_plugin_common::format_offset;
using cohort_plugin_common::local_from_seconds;
using cohort_plugin_common::local_seconds;
using cohort_plugin_common::LocalDateTime;
using cohort_plugin_common::parse_date_time;
using cohort_plugin_common::ResolvedTime;
using Precision = LocalDateTime::Precision;

// A deadline as named: the start of its last unit, and the first instant after it.
struct Window {
  std::int64_t start_ms = 0;
  std::int64_t closes_ms = 0;
  Precision precision = Precision::Minute;
};

std::int64_t unit_ms(Precision p) {
  switch (p) {
    case Precision::Minute: return 60'000;
    case Precision::Second: return 1'000;
    case Precision::Millisecond: return 1;
    case Precision::Day: break;
  }
  return 86'400'000;
}

std::string plural(std::int64_t n, const char* unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s");
}

// "5 seconds", "3 minutes 20 seconds", "2 hours 5 minutes", "4 days 1 hour".
std::string span(std::int64_t seconds) {
  if (seconds < 1) return "less than a second";
  if (seconds < 60) return plural(seconds, "second");
  if (seconds < 3600)
    return plural(seconds / 60, "minute") + (seconds % 60 ? " " + plural(seconds % 60, "second") : "");
  if (seconds < 86400)
    return plural(seconds / 3600, "hour") + (seconds % 3600 / 60 ? " " + plural(seconds % 3600 / 60, "minute") : "");
  return plural(seconds / 86400, "day") + (seconds % 86400 / 3600 ? " " + plural(seconds % 86400 / 3600, "hour") : "");
}

// The wall-clock time of an instant in the zone, to the given precision, for sentences.
std::string wall(const TimeZone& zone, std::int64_t ms, Precision p) {
  const std::int64_t s = floor_div(ms, 1000);
  const auto t = local_from_seconds(s + zone.offset_at(s));
  char buf[48];
  switch (p) {
    case Precision::Day: return format_date(t.date);
    case Precision::Minute: std::snprintf(buf, sizeof buf, " %02d:%02d", t.hour, t.minute); break;
    default: std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", t.hour, t.minute, t.second); break;
  }
  return format_date(t.date) + buf;
}

std::string zone_label(const TimeZone& zone, std::int64_t ms) {
  return zone.name() + ", UTC" + format_offset(zone.offset_at(floor_div(ms, 1000)));
}

// An instant named by `text`: with its own offset, or as a wall-clock time in `zone`.
bool read_instant(const std::string& text, const char* what, const TimeZone& zone, std::int64_t& ms,
                  Precision& precision, std::vector<std::string>& warnings, std::string& error) {
  auto parsed = parse_date_time(text);
  if (!parsed) {
    error = std::string(what) + " '" + text + "' is not an ISO 8601 date or date-time";
    return false;
  }
  const LocalDateTime& local = parsed->local;
  precision = local.precision;
  const std::int64_t wall_seconds = local_seconds(local);
  if (parsed->offset_seconds) {
    ms = (wall_seconds - *parsed->offset_seconds) * 1000 + local.millisecond;
    // A submission may carry the applicant's own offset; only the programme's dates should match the zone.
    const int zone_offset = zone.offset_at(floor_div(ms, 1000));
    if (std::string_view(what) != "at" && zone_offset != *parsed->offset_seconds)
      warnings.push_back(std::string(what) + " " + text + " has offset " + format_offset(*parsed->offset_seconds) +
                         " but " + zone.name() + " is at " + format_offset(zone_offset) +
                         " then; the written offset was used");
    return true;
  }
  // The later reading of a repeated or skipped time, so a deadline never comes earlier than
  // the clock on the wall suggests.
  const auto r = zone.resolve(wall_seconds);
  ms = r.later.unix_seconds * 1000 + local.millisecond;
  if (r.kind == ResolvedTime::Kind::Skipped)
    warnings.push_back(std::string(what) + " " + text + " does not exist in " + zone.name() +
                       " (clocks jump forward over it); read as " + format_instant(ms, r.later.offset_seconds));
  else if (r.kind == ResolvedTime::Kind::Ambiguous)
    warnings.push_back(std::string(what) + " " + text + " happens twice in " + zone.name() +
                       " (clocks go back); the later one was used: " + format_instant(ms, r.later.offset_seconds));
  return true;
}

// The window a deadline text names: its start, and the end of its last named unit.
bool read_window(const std::string& text, const char* what, const TimeZone& zone, Window& w,
                 std::vector<std::string>& warnings, std::string& error) {
  if (!read_instant(text, what, zone, w.start_ms, w.precision, warnings, error)) return false;
  if (w.precision != Precision::Day) {
    w.closes_ms = w.start_ms + unit_ms(w.precision);
    return true;
  }
  // A whole day ends at the next local midnight, which is not always 24 hours later.
  auto parsed = parse_date_time(text);
  LocalDateTime next;
  next.date = civil_from_days(days_from_civil(parsed->local.date) + 1);
  const std::int64_t next_wall = local_seconds(next);
  w.closes_ms = (parsed->offset_seconds ? next_wall - *parsed->offset_seconds : zone.resolve(next_wall).later.unix_seconds) * 1000;
  return true;
}

struct Duration {
  std::int64_t days = 0;     // calendar days: same wall-clock time, however long the day
  std::int64_t seconds = 0;  // elapsed time
};

// PnW, PnD, PTnHnMnS and combinations of them. Months and years have no fixed length.
std::optional<Duration> parse_duration(const std::string& s) {
  if (s.size() < 3 || s[0] != 'P') return std::nullopt;
  Duration d;
  bool in_time = false, any = false;
  std::size_t i = 1;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    std::int64_t n = 0;
    std::size_t digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && digits < 9) {
      n = n * 10 + (s[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || i >= s.size()) return std::nullopt;
    const char unit = s[i++];
    any = true;
    if (!in_time && unit == 'W') d.days += 7 * n;
    else if (!in_time && unit == 'D') d.days += n;
    else if (in_time && unit == 'H') d.seconds += 3600 * n;
    else if (in_time && unit == 'M') d.seconds += 60 * n;
    else if (in_time && unit == 'S') d.seconds += n;
    else return std::nullopt;
  }
  if (!any) return std::nullopt;
  return d;
}

// Moves an instant by a duration: days on the zone's calendar, then elapsed seconds.
std::int64_t shift(const TimeZone& zone, std::int64_t ms, const Duration& d) {
  const std::int64_t s = floor_div(ms, 1000);
  const std::int64_t sub = ms - s * 1000;
  std::int64_t moved = s;
  if (d.days != 0) moved = zone.resolve(s + zone.offset_at(s) + d.days * 86400).later.unix_seconds;
  return (moved + d.seconds) * 1000 + sub;
}

}  // namespace

bool check_deadline(const DeadlineQuery& q, ZoneCache& zones, DeadlineVerdict& v, std::string& error) {
  v = DeadlineVerdict{};
  if (q.timezone.empty()) {
    error = "timezone is required (the venue's IANA zone, e.g. Asia/Shanghai)";
    return false;
  }
  auto zone = zones.get(q.timezone, error);
  if (!zone) return false;
  if (q.deadline.empty()) {
    error = "deadline is required";
    return false;
  }
  if (q.at.empty()) {
    error = "at (the submission time) is required";
    return false;
  }

  Window base;
  if (!read_window(q.deadline, "deadline", *zone, base, v.warnings, error)) return false;
  Window effective = base;

  if (!q.extension.empty()) {
    Window personal;
    if (q.extension[0] == 'P') {
      auto d = parse_duration(q.extension);
      if (!d) {
        error = "extension '" + q.extension + "' is not a duration of weeks, days, hours, minutes or seconds (P3D, PT12H)";
        return false;
      }
      personal.precision = base.precision;
      personal.closes_ms = shift(*zone, base.closes_ms, *d);
      personal.start_ms = personal.closes_ms - (base.closes_ms - base.start_ms);
    } else if (!read_window(q.extension, "extension", *zone, personal, v.warnings, error)) {
      return false;
    }
    if (personal.closes_ms > base.closes_ms) {
      effective = personal;
      v.extended = true;
    } else if (personal.closes_ms < base.closes_ms) {
      v.warnings.push_back("extension " + q.extension + " ends before the deadline; the deadline stands");
    }
  }

  Precision at_precision;
  if (!read_instant(q.at, "at", *zone, v.at_ms, at_precision, v.warnings, error)) return false;

  v.deadline_ms = effective.start_ms;
  v.closes_at_ms = effective.closes_ms;
  v.deadline_offset = zone->offset_at(floor_div(effective.start_ms, 1000));
  v.at_offset = zone->offset_at(floor_div(v.at_ms, 1000));

  const std::string submitted =
      "submitted " + wall(*zone, v.at_ms, Precision::Second) + " (" + zone_label(*zone, v.at_ms) + ")";
  std::string deadline_words = (v.extended ? "the extended deadline " : "the deadline ") +
                               wall(*zone, effective.start_ms, effective.precision);
  if (effective.precision == Precision::Day) deadline_words += " (end of day)";
  deadline_words += " (" + zone_label(*zone, effective.start_ms) + ")";
  if (v.extended) deadline_words += ", extended from " + wall(*zone, base.start_ms, base.precision);

  if (!q.opens.empty()) {
    std::int64_t opens_ms = 0;
    Precision p;
    if (!read_instant(q.opens, "opens", *zone, opens_ms, p, v.warnings, error)) return false;
    if (v.at_ms < opens_ms) {
      v.code = "not_open";
      v.reason = submitted + ", before the call opened at " + wall(*zone, opens_ms, p) + " (" +
                 zone_label(*zone, opens_ms) + ")";
      return true;
    }
  }

  if (v.at_ms < v.closes_at_ms) {
    v.on_time = true;
    v.code = "on_time";
    v.seconds_left = (v.closes_at_ms - v.at_ms) / 1000;
    v.reason = submitted + ", within " + deadline_words;
  } else {
    v.code = "late";
    v.seconds_late = (v.at_ms - v.closes_at_ms) / 1000;
    v.reason = submitted + ", " + span(v.seconds_late) + " after " + deadline_words + " had passed";
  }
  return true;
}

}  // namespace cohort_eligibility
