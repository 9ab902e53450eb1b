#include "schedule.hpp"

#include <cmath>
#include <set>

#include "details/civil.hpp"

namespace cohort_attendance {

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
  const std::int64_t seconds = unix_ms >= 0 ? unix_ms / 1000 : -((-unix_ms + 999) / 1000);
  return details::format_instant(unix_ms, zone ? zone->offset_at(seconds) : 0);
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
    const auto date = details::parse_date(spec.date);
    if (!date) {
      error = where + ".date must be YYYY-MM-DD, got '" + spec.date + "'";
      return false;
    }
    const auto start = details::parse_clock(spec.start);
    const auto end = details::parse_clock(spec.end);
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
    const std::int64_t midnight = details::days_from_civil(date->year, date->month, date->day) * 86400;
    Session s;
    s.id = spec.id;
    s.title = spec.title;
    s.weight = spec.weight;
    s.date = spec.date;
    s.start = spec.start;
    s.end = spec.end;
    s.starts_ms = zone->to_utc(midnight + *start * 60LL) * 1000;
    s.ends_ms = zone->to_utc(midnight + *end * 60LL) * 1000;
    s.opens_ms = s.starts_ms - policy.opens_before_minutes * 60000LL;
    s.late_after_ms = s.starts_ms + policy.late_after_minutes * 60000LL;
    schedule.sessions.push_back(std::move(s));
  }
  out = std::move(schedule);
  return true;
}

}  // namespace cohort_attendance
