#pragma once
/// @file summary.hpp
/// @brief Attendance at an instant: the weighted rate to date and over all sessions, the
///        best rate still reachable, an early warning, and at the end completed/incomplete.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "record.hpp"
#include "schedule.hpp"

namespace cohort_attendance {

/// @brief Early-warning levels.
enum class Warning {
  None,
  AtRisk,       ///< below the threshold to date, or one more absence would make it unreachable
  CannotReach,  ///< even attending every remaining session cannot reach the threshold
};
/// @brief "none", "at_risk", "cannot_reach".
const char* warning_name(Warning w);

/// @brief Where the participant stands.
enum class Outcome { InProgress, Completed, Incomplete };
/// @brief "in_progress", "completed", "incomplete".
const char* outcome_name(Outcome o);

/// @brief One session in a summary.
struct SessionState {
  std::string id;
  double weight = 0;
  std::optional<Status> status;  ///< effective status; nullopt: nothing recorded
  std::string method;            ///< of the record that set the status
  bool ended = false;            ///< its end has passed (or the summary is final)
  bool counted = true;           ///< in the total (false: excused while excused sessions are excluded)
  double credit = 0;             ///< weight × status weight
};

/// @brief A weighted share: attended / counted, nullopt when nothing counts yet.
struct Share {
  double attended = 0;
  double counted = 0;
  std::optional<double> rate() const;
};

/// @brief The attendance picture at `at_ms`.
struct Summary {
  std::int64_t at_ms = 0;
  bool final = false;
  double threshold = 0;
  Share to_date;                ///< sessions that have ended
  int sessions_ended = 0;
  Share overall;                ///< all sessions; open ones earn nothing yet
  std::optional<double> max_rate;                ///< overall if every open session without a record is attended
  std::optional<double> max_rate_after_absence;  ///< the same with the heaviest of those missed
  std::string heaviest_open;                     ///< that session
  int sessions_remaining = 0;   ///< not ended
  bool met = false;             ///< overall rate reaches the threshold
  Warning warning = Warning::None;
  std::string warning_reason;
  Outcome outcome = Outcome::InProgress;
  std::string reason;
  std::vector<std::string> missed;   ///< ended sessions attended neither present nor late nor excused
  std::vector<std::string> unknown;  ///< recorded sessions not in the schedule
  std::optional<std::int64_t> next_review_ms;  ///< the next session end after at_ms
  std::vector<SessionState> sessions;
};

/// @brief Computes the summary. `final` treats every session as ended (the programme is over).
Summary summarise(const Schedule& schedule, const std::vector<Record>& records, std::int64_t at_ms, bool final);

}  // namespace cohort_attendance
