// Reminders before the visa deadline: which is due now, which comes next, none after the deadline.
#include <gtest/gtest.h>

#include <cohort_plugin_common/iso_time.hpp>

#include "reminders.hpp"

using namespace cohort_visa;
using cohort_plugin_common::format_instant;
using cohort_plugin_common::parse_instant_or_utc;

namespace {

const Instant kDeadline = *parse_instant_or_utc("2025-02-28T23:59:00+08:00");  // glc-2025's visa deadline

std::int64_t at(const char* text) { return parse_instant_or_utc(text)->unix_ms; }

}  // namespace

TEST(Reminders, NothingIsDueBeforeTheFirstReminder) {
  const auto p = plan_reminders(kDeadline, at("2025-02-07T23:58:59+08:00"), {21, 7, 1}, {});
  EXPECT_FALSE(p.send);
  ASSERT_TRUE(p.next);
  EXPECT_EQ(p.next->days_before, 21);
  EXPECT_EQ(format_instant(p.next->at_ms, 8 * 3600), "2025-02-07T23:59:00+08:00");
  EXPECT_FALSE(p.passed);
}

TEST(Reminders, AReminderIsDueFromItsMinute) {
  const auto p = plan_reminders(kDeadline, at("2025-02-07T23:59:00+08:00"), {21, 7, 1}, {});
  EXPECT_EQ(p.send, 21);
  EXPECT_EQ(p.next->days_before, 7);
}

TEST(Reminders, ASentReminderIsNotDueAgain) {
  const auto p = plan_reminders(kDeadline, at("2025-02-10T12:00:00+08:00"), {21, 7, 1}, {21});
  EXPECT_FALSE(p.send);
  EXPECT_TRUE(p.reminders[0].sent);
  EXPECT_EQ(p.next->days_before, 7);
}

TEST(Reminders, WhenSeveralAreOverdueOnlyTheLatestIsSent) {
  // Accepted late: on 27 February both the 21- and the 7-day reminders are overdue.
  const auto p = plan_reminders(kDeadline, at("2025-02-28T00:00:00+08:00"), {1, 7, 21}, {});
  EXPECT_EQ(p.send, 1);
  EXPECT_TRUE(p.reminders[0].due);
  EXPECT_TRUE(p.reminders[1].due);
  EXPECT_TRUE(p.reminders[2].due);
  EXPECT_FALSE(p.next);
}

TEST(Reminders, NothingIsDueOnceTheDeadlineHasPassed) {
  const auto p = plan_reminders(kDeadline, at("2025-02-28T23:59:00+08:00"), {21, 7, 1}, {});
  EXPECT_TRUE(p.passed);
  EXPECT_FALSE(p.send);
  EXPECT_EQ(p.seconds_left, 0);
}
