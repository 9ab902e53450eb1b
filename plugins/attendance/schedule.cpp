#include "schedule.hpp"

#include <cmath>
#include <set>
#include <string_view>

#include <cohort_plugin_common/civil_date.hpp>
#include <cohort_plugin_common/iso_time.hpp>

namespace cohort_attendance {
namespace {

// "HH:MM" exactly, as minutes since midnight: 00:00 to 23:59, and 24:00 for a session that
// runs to the end of the day.
std::optional<int> parse_clock(std::string_view s) {
  const auto digit = [&](std::size_t i) { return s[i] >= '0' && s[i] <= '9'; };
  if (s.size() != 5 || !digit(0) || !digit(1) || s[2] != ':' || !digit(3) || !digit(4)) return std::nullopt;
  const int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

}  // namespace

const char* status_name(Status s) {
  switch (s) {
    case Status::Present: return "present";
    case Status::Late: return "late";
    case Status::Excused: return "excused";
    case Status::Absent: return "absent";
  }
  return "absent";
}

std::optional<Status> parse_status(const std::string& name) {
  if (name == "present") return Status::Present;
  if (name == "late") return Status::Late;
  if (name == "excused") return Status::Excused;
  if (name == "absent") return Status::Absent;
  return std::nullopt;
}

double Policy::weight_of(Status s) const {
  switch (s) {
    case Status::Present: return present;
    case Status::Late: return late;
    case Status::Excused: return excused;
    case Status::Absent: return absent;
  }
  return 0;
}

const Session* Schedule::find(const std::string& id) const {
  for (const auto& s : sessions)
    if (s.id == id) return &s;
  return nullptr;
}

std::string Schedule::local(std::int64_t unix_ms) const {
  const std::int64_t seconds = cohort_plugin_common::floor_div(unix_ms, 1000);
  return cohort_plugin_common::format_instant(unix_ms, zone ? zone->offset_at(seconds) : 0);
}

double Schedule::total_weight() const {
  double total = 0;
  for (const auto& s : sessions) total += s.weight;
  return total;
}

bool make_schedule(const std::string& programme, std::shared_ptr<const TimeZone> zone,
                   const std::vector<SessionSpec>& specs, const Policy& policy, Schedule& out, std::string& error) {
  if (!zone) {
    error = "no time zone";
    return false;
  }
  Schedule schedule;
  schedule.programme = programme;
  schedule.zone = zone;
  schedule.policy = policy;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < specs.size(); ++i) {
    const auto& spec = specs[i];
    const std::string where = "sessions[" + std::to_string(i) + "]";
    if (spec.id.empty()) {
      error = where + ".id is missing";
      return false;
    }
    if (!seen.insert(spec.id).second) {
      error = where + ".id '" + spec.id + "' appears twice";
      return false;
    }
    const auto date = cohort_plugin_common::parse_date(spec.date);
    if (!date) {
      error = where + ".date must be YYYY-MM-DD, got '" + spec.date + "'";
      return false;
    }
    const auto start = parse_clock(spec.start);
    const auto end = parse_clock(spec.end);
    if (!start || *start >= 24 * 60) {
      error = where + ".start must be HH:MM, got '" + spec.start + "'";
      return false;
    }
    if (!end) {
      error = where + ".end must be HH:MM, got '" + spec.end + "'";
      return false;
    }
    if (*end <= *start) {
      error = where + " (" + spec.id + ") ends at " + spec.end + ", not after its start " + spec.start;
      return false;
    }
    if (!std::isfinite(spec.weight) || spec.weight < 0) {
      error = where + ".weight must be a number >= 0";
      return false;
    }
    const std::int64_t midnight = cohort_plugin_common::days_from_civil(*date) * 86400;
    Session s;
    s.id = spec.id;
    s.title = spec.title;
    s.weight = spec.weight;
    s.date = spec.date;
    s.start = spec.start;
    s.end = spec.end;
    // A time the clock shows twice is its first occurrence; a skipped one is read with the
    // offset from before the jump.
    s.starts_ms = zone->resolve(midnight + *start * 60LL).earlier.unix_seconds * 1000;
    s.ends_ms = zone->resolve(midnight + *end * 60LL).earlier.unix_seconds * 1000;
    s.opens_ms = s.starts_ms - policy.opens_before_minutes * 60000LL;
    s.late_after_ms = s.starts_ms + policy.late_after_minutes * 60000LL;
    schedule.sessions.push_back(std::move(s));
  }
  out = std::move(schedule);
  return true;
}

}  // namespace cohort_attendance
