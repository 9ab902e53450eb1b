#include "reminders.hpp"

#include <algorithm>
#include <functional>

namespace cohort_visa {

ReminderPlan plan_reminders(const Instant& deadline, std::int64_t now_ms, std::vector<int> days_before,
                            const std::vector<int>& sent) {
  ReminderPlan plan;
  plan.deadline = deadline;
  plan.passed = now_ms >= deadline.unix_ms;
  plan.seconds_left = plan.passed ? 0 : (deadline.unix_ms - now_ms) / 1000;
  std::sort(days_before.begin(), days_before.end(), std::greater<>());
  days_before.erase(std::unique(days_before.begin(), days_before.end()), days_before.end());
  for (int d : days_before) {
    Reminder r;
    r.days_before = d;
    r.at_ms = deadline.unix_ms - std::int64_t{d} * 86'400'000;
    r.sent = std::find(sent.begin(), sent.end(), d) != sent.end();
    r.due = !plan.passed && !r.sent && r.at_ms <= now_ms;
    if (r.due) plan.send = d;  // later in the list is closer to the deadline
    if (!plan.next && r.at_ms > now_ms && !r.sent) plan.next = r;
    plan.reminders.push_back(r);
  }
  return plan;
}

}  // namespace cohort_visa
