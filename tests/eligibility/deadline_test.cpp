// Submissions against a deadline in the venue's zone: the deadline minute, whole days,
// personal extensions, and deadlines that fall on a change of daylight saving time.
#include <gtest/gtest.h>

#include <cohort_plugin_common/iso_time.hpp>

#include "deadline.hpp"

using namespace cohort_eligibility;
using cohort_plugin_common::format_instant;

namespace {

ZoneCache& zones() {
  static ZoneCache cache;
  return cache;
}

DeadlineVerdict verdict(const std::string& at, const std::string& deadline, const std::string& tz,
                        const std::string& extension = "", const std::string& opens = "") {
  DeadlineVerdict v;
  std::string error;
  EXPECT_TRUE(check_deadline({at, deadline, tz, extension, opens}, zones(), v, error)) << error;
  return v;
}

std::string error_of(const DeadlineQuery& q) {
  DeadlineVerdict v;
  std::string error;
  EXPECT_FALSE(check_deadline(q, zones(), v, error));
  return error;
}

constexpr const char* kGlcClose = "2024-12-15T23:59:00+08:00";  // as glc-2025.json writes it

}  // namespace

TEST(Deadline, TheWholeDeadlineMinuteIsOnTime) {
  auto v = verdict("2024-12-15T23:59:00+08:00", kGlcClose, "Asia/Shanghai");
  EXPECT_TRUE(v.on_time);
  EXPECT_EQ(v.seconds_left, 60);
  v = verdict("2024-12-15T15:59:59.999Z", kGlcClose, "Asia/Shanghai");  // 23:59:59.999 in Shanghai
  EXPECT_TRUE(v.on_time);
  EXPECT_EQ(v.code, "on_time");
  v = verdict("2024-12-15T16:00:00Z", kGlcClose, "Asia/Shanghai");  // midnight in Shanghai
  EXPECT_FALSE(v.on_time);
  EXPECT_EQ(v.code, "late");
  EXPECT_EQ(v.seconds_late, 0);
  EXPECT_EQ(format_instant(v.closes_at_ms, v.deadline_offset), "2024-12-16T00:00:00+08:00");
  v = verdict("2024-12-16T00:00:05+08:00", kGlcClose, "Asia/Shanghai");
  EXPECT_EQ(v.seconds_late, 5);
  EXPECT_EQ(v.reason,
            "submitted 2024-12-16 00:00:05 (Asia/Shanghai, UTC+08:00), 5 seconds after the deadline 2024-12-15 23:59 "
            "(Asia/Shanghai, UTC+08:00) had passed");
}

TEST(Deadline, ALocalDeadlineIsReadInTheVenueZoneWhateverZoneTheApplicantIsIn) {
  // 10:59:30 in New York on 15 December is 23:59:30 in Shanghai.
  EXPECT_TRUE(verdict("2024-12-15T10:59:30-05:00", "2024-12-15T23:59", "Asia/Shanghai").on_time);
  EXPECT_FALSE(verdict("2024-12-15T11:00:00-05:00", "2024-12-15T23:59", "Asia/Shanghai").on_time);
  // A submission time without an offset is a wall-clock time at the venue.
  EXPECT_TRUE(verdict("2024-12-15T23:59:59", "2024-12-15T23:59", "Asia/Shanghai").on_time);
}

TEST(Deadline, ADateAloneRunsToTheEndOfThatLocalDay) {
  EXPECT_TRUE(verdict("2024-12-15T23:59:59.999+08:00", "2024-12-15", "Asia/Shanghai").on_time);
  EXPECT_FALSE(verdict("2024-12-16T00:00:00+08:00", "2024-12-15", "Asia/Shanghai").on_time);
}

TEST(Deadline, SecondsOtherThanZeroNameOneSecond) {
  EXPECT_TRUE(verdict("2024-12-15T23:59:30.999+08:00", "2024-12-15T23:59:30", "Asia/Shanghai").on_time);
  EXPECT_FALSE(verdict("2024-12-15T23:59:31+08:00", "2024-12-15T23:59:30", "Asia/Shanghai").on_time);
}

TEST(Deadline, ADeadlineInsideTheSpringGapIsTheLaterReading) {
  // 02:30 does not exist in Berlin on 30 March 2025; read with +01:00 it is 03:30 CEST.
  auto v = verdict("2025-03-30T03:30:59+02:00", "2025-03-30T02:30", "Europe/Berlin");
  EXPECT_TRUE(v.on_time);
  ASSERT_EQ(v.warnings.size(), 1u);
  EXPECT_NE(v.warnings[0].find("does not exist in Europe/Berlin"), std::string::npos);
  EXPECT_FALSE(verdict("2025-03-30T03:31:00+02:00", "2025-03-30T02:30", "Europe/Berlin").on_time);
}

TEST(Deadline, ADeadlineInTheAutumnOverlapIsItsSecondOccurrence) {
  // 02:30 happens twice in Berlin on 26 October 2025; both are on time, a minute after the second is not.
  EXPECT_TRUE(verdict("2025-10-26T02:30:30+02:00", "2025-10-26T02:30", "Europe/Berlin").on_time);
  EXPECT_TRUE(verdict("2025-10-26T02:30:30+01:00", "2025-10-26T02:30", "Europe/Berlin").on_time);
  EXPECT_FALSE(verdict("2025-10-26T02:31:00+01:00", "2025-10-26T02:30", "Europe/Berlin").on_time);
}

TEST(Deadline, ADayWithADaylightSavingChangeIsShorterOrLonger) {
  // 30 March 2025 has 23 hours in Berlin: it ends at 22:00 UTC.
  EXPECT_TRUE(verdict("2025-03-30T21:59:59Z", "2025-03-30", "Europe/Berlin").on_time);
  EXPECT_FALSE(verdict("2025-03-30T22:00:00Z", "2025-03-30", "Europe/Berlin").on_time);
  // 26 October 2025 has 25 hours: it ends at 23:00 UTC.
  EXPECT_TRUE(verdict("2025-10-26T22:59:59Z", "2025-10-26", "Europe/Berlin").on_time);
}

TEST(Deadline, AnOffsetThatDisagreesWithTheZoneIsUsedAndReported) {
  auto v = verdict("2025-07-01T10:30:00Z", "2025-07-01T12:00:00+01:00", "Europe/Berlin");
  EXPECT_TRUE(v.on_time);  // 12:00 +01:00 is 11:00 UTC
  ASSERT_EQ(v.warnings.size(), 1u);
  EXPECT_NE(v.warnings[0].find("Europe/Berlin is at +02:00"), std::string::npos) << v.warnings[0];
}

TEST(Deadline, APersonalExtensionMovesTheDeadlineLater) {
  auto v = verdict("2024-12-20T23:59:59+08:00", kGlcClose, "Asia/Shanghai", "2024-12-20T23:59:00+08:00");
  EXPECT_TRUE(v.on_time);
  EXPECT_TRUE(v.extended);
  EXPECT_NE(v.reason.find("the extended deadline 2024-12-20 23:59"), std::string::npos) << v.reason;
  EXPECT_NE(v.reason.find("extended from 2024-12-15 23:59"), std::string::npos) << v.reason;
  EXPECT_FALSE(verdict("2024-12-21T00:00:00+08:00", kGlcClose, "Asia/Shanghai", "2024-12-20T23:59:00+08:00").on_time);
}

TEST(Deadline, AnExtensionNeverBringsTheDeadlineForward) {
  auto v = verdict("2024-12-14T12:00:00+08:00", kGlcClose, "Asia/Shanghai", "2024-12-10T23:59:00+08:00");
  EXPECT_TRUE(v.on_time);
  EXPECT_FALSE(v.extended);
  ASSERT_EQ(v.warnings.size(), 1u);
  EXPECT_NE(v.warnings[0].find("the deadline stands"), std::string::npos);
}

TEST(Deadline, ExtensionDurationsCountDaysOnTheLocalCalendar) {
  // New York moves its clocks forward on 9 March 2025: two calendar days after a
  // 23:59 EST deadline is 23:59 EDT, only 47 hours later.
  auto v = verdict("2025-03-09T23:59:30-04:00", "2025-03-07T23:59", "America/New_York", "P2D");
  EXPECT_TRUE(v.on_time);
  EXPECT_EQ(format_instant(v.closes_at_ms, -4 * 3600), "2025-03-10T00:00:00-04:00");
  EXPECT_FALSE(verdict("2025-03-10T00:00:00-04:00", "2025-03-07T23:59", "America/New_York", "P2D").on_time);
  // 48 hours of elapsed time end an hour later on the wall clock.
  EXPECT_TRUE(verdict("2025-03-10T00:59:59-04:00", "2025-03-07T23:59", "America/New_York", "PT48H").on_time);
  EXPECT_FALSE(verdict("2025-03-10T01:00:00-04:00", "2025-03-07T23:59", "America/New_York", "PT48H").on_time);
}

TEST(Deadline, ASubmissionBeforeTheCallOpensIsRefused) {
  auto v = verdict("2024-11-01T08:59:59+08:00", kGlcClose, "Asia/Shanghai", "", "2024-11-01T09:00:00+08:00");
  EXPECT_FALSE(v.on_time);
  EXPECT_EQ(v.code, "not_open");
  EXPECT_TRUE(verdict("2024-11-01T09:00:00+08:00", kGlcClose, "Asia/Shanghai", "", "2024-11-01T09:00:00+08:00").on_time);
}

TEST(Deadline, UnreadableInputIsAnErrorNamingTheField) {
  EXPECT_NE(error_of({"2024-12-15T10:00:00Z", kGlcClose, "Mars/Olympus_Mons", "", ""}).find("unknown time zone"),
            std::string::npos);
  EXPECT_NE(error_of({"2024-12-15T10:00:00Z", "15.12.2024", "Asia/Shanghai", "", ""}).find("deadline '15.12.2024'"),
            std::string::npos);
  EXPECT_NE(error_of({"yesterday", kGlcClose, "Asia/Shanghai", "", ""}).find("at 'yesterday'"), std::string::npos);
  EXPECT_NE(error_of({"2024-12-15T10:00:00Z", kGlcClose, "Asia/Shanghai", "P1M", ""}).find("extension 'P1M'"),
            std::string::npos);
  EXPECT_NE(error_of({"2024-12-15T10:00:00Z", kGlcClose, "", "", ""}).find("timezone is required"), std::string::npos);
}
