#pragma once
/// @file schedule.hpp
/// @brief The programme's sessions as instants in the venue's time zone, and the attendance
///        policy (threshold, status weights, grace, check-in margin, excused sessions).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <cohort_plugin_common/time_zone.hpp>

namespace cohort_attendance {

using cohort_plugin_common::TimeZone;

/// @brief Check-in statuses, best first.
enum class Status { Present, Late, Excused, Absent };

/// @brief "present", "late", "excused", "absent".
const char* status_name(Status s);
/// @brief The status a name means; nullopt for anything else.
std::optional<Status> parse_status(const std::string& name);

/// @brief How an excused session counts.
enum class ExcusedRule {
  Credited,  ///< it stays in the total and earns weight × status_weights.excused
  Excluded,  ///< it leaves the total: the rate is over the sessions the participant was expected at
};

/// @brief The attendance rules of a programme (programme file `attendance`).
struct Policy {
  double threshold = 0.8;        ///< share (0-1) of the counted weight to attend
  double present = 1, late = 1, excused = 0, absent = 0;  ///< status weights (as rules.attendance)
  int late_after_minutes = 10;   ///< a check-in more than this after the start is late
  int opens_before_minutes = 30; ///< check-in opens this long before the start
  ExcusedRule excused_rule = ExcusedRule::Credited;

  /// @brief The weight of one status.
  double weight_of(Status s) const;
};

/// @brief One scheduled session, fixed to instants.
struct Session {
  std::string id;
  std::string title;
  double weight = 1;
  std::string date, start, end;   ///< as the programme file writes them (venue-local)
  std::int64_t starts_ms = 0;     ///< Unix ms
  std::int64_t ends_ms = 0;
  std::int64_t opens_ms = 0;      ///< check-in opens (start - opens_before_minutes)
  std::int64_t late_after_ms = 0; ///< check-ins after this are late
};

/// @brief A session as written in the programme file.
struct SessionSpec {
  std::string id, title, date, start, end;
  double weight = 1;
};

/// @brief The programme's sessions in schedule order, its zone and its policy.
struct Schedule {
  std::string programme;  ///< programme id (GLC-2025)
  std::shared_ptr<const TimeZone> zone;
  std::vector<Session> sessions;
  Policy policy;

  /// @brief The session with that id, or nullptr.
  const Session* find(const std::string& id) const;
  /// @brief "2025-03-10T09:00:00+08:00": an instant in the venue's offset at that time.
  std::string local(std::int64_t unix_ms) const;
  /// @brief Sum of the session weights.
  double total_weight() const;
};

/// @brief Fixes each session to instants in `zone`. Refuses (false, `error` naming the
///        session and field) a bad date or time, an end not after its start, a negative
///        weight or a duplicate id.
bool make_schedule(const std::string& programme, std::shared_ptr<const TimeZone> zone,
                   const std::vector<SessionSpec>& specs, const Policy& policy, Schedule& out, std::string& error);

}  // namespace cohort_attendance
