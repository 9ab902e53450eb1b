#pragma once
/// @file reminders.hpp
/// @brief Which visa reminders are due before the programme's visa deadline. Pure: the
///        workflow asks with its own clock and arms a timer for the next one.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <cohort_plugin_common/iso_time.hpp>

namespace cohort_visa {

using cohort_plugin_common::Instant;

/// @brief One reminder: so many days before the deadline.
struct Reminder {
  int days_before = 0;
  std::int64_t at_ms = 0;  ///< deadline - days_before x 24 h
  bool due = false;        ///< its time has come, the deadline has not passed, and it was not sent
  bool sent = false;       ///< listed in `sent` by the caller
};

/// @brief The reminders in time order (most days before first).
struct ReminderPlan {
  Instant deadline;
  bool passed = false;                ///< now is at or after the deadline: nothing is due any more
  std::vector<Reminder> reminders;
  std::optional<int> send;            ///< the one to send now: the latest due (an earlier due one is superseded)
  std::optional<Reminder> next;       ///< the next one still to come, for a timer
  std::int64_t seconds_left = 0;      ///< until the deadline (0 once passed)
};

/// @brief Plans the reminders `days_before` (any order, duplicates ignored) for `deadline` at `now`.
ReminderPlan plan_reminders(const Instant& deadline, std::int64_t now_ms, std::vector<int> days_before,
                            const std::vector<int>& sent);

}  // namespace cohort_visa
