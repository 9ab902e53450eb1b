// Session times are local to the venue: these tests pin local -> UTC conversion, daylight
// saving changes, and the rule a zone file ends with for years after its table.
#include <gtest/gtest.h>

#include "details/civil.hpp"
#include "details/posix_tz.hpp"
#include "time_zone.hpp"

namespace {

using cohort_attendance::TimeZone;
using cohort_attendance::details::days_from_civil;
using cohort_attendance::details::PosixTz;

std::int64_t local(int y, unsigned m, unsigned d, int hh, int mm) {
  return days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

TimeZone zone(const std::string& name) {
  std::string error;
  auto z = TimeZone::load(name, error);
  EXPECT_TRUE(z.has_value()) << error;
  return z ? *z : *TimeZone::from_tzif("UTC", "", error);
}

TEST(TimeZone, ShanghaiNineOClockIsOneOClockUtc) {
  const auto z = zone("Asia/Shanghai");
  EXPECT_EQ(z.to_utc(local(2025, 3, 10, 9, 0)), local(2025, 3, 10, 1, 0));
  EXPECT_EQ(z.offset_at(local(2025, 3, 10, 1, 0)), 8 * 3600);
}

TEST(TimeZone, LaPazIsFourHoursBehindUtc) {
  const auto z = zone("America/La_Paz");
  EXPECT_EQ(z.to_utc(local(2025, 6, 2, 9, 0)), local(2025, 6, 2, 13, 0));
}

TEST(TimeZone, BerlinFollowsDaylightSavingAroundTheSpringChange) {
  const auto z = zone("Europe/Berlin");
  EXPECT_EQ(z.to_utc(local(2025, 3, 29, 9, 0)), local(2025, 3, 29, 8, 0));  // CET
  EXPECT_EQ(z.to_utc(local(2025, 3, 31, 9, 0)), local(2025, 3, 31, 7, 0));  // CEST
}

TEST(TimeZone, SkippedLocalTimeIsReadWithTheOffsetBeforeTheChange) {
  // 02:30 does not exist on 30 March 2025 in Berlin: it is read as 03:30 CEST.
  const auto z = zone("Europe/Berlin");
  EXPECT_EQ(z.to_utc(local(2025, 3, 30, 2, 30)), local(2025, 3, 30, 1, 30));
}

TEST(TimeZone, RepeatedLocalTimeIsItsFirstOccurrence) {
  // 02:30 happens twice on 26 October 2025 in Berlin; the first is still CEST.
  const auto z = zone("Europe/Berlin");
  EXPECT_EQ(z.to_utc(local(2025, 10, 26, 2, 30)), local(2025, 10, 26, 0, 30));
}

TEST(TimeZone, SouthernHemisphereDaylightSavingSpansTheNewYear) {
  const auto z = zone("Australia/Sydney");
  EXPECT_EQ(z.offset_at(local(2025, 1, 15, 0, 0)), 11 * 3600);
  EXPECT_EQ(z.offset_at(local(2025, 7, 15, 0, 0)), 10 * 3600);
}

// The POSIX rule at the end of a zone file must agree with the table wherever both speak.
void expect_rule_matches_table(const std::string& name, const std::string& rule) {
  const auto z = zone(name);
  const auto tz = PosixTz::parse(rule);
  ASSERT_TRUE(tz.has_value()) << rule;
  for (std::int64_t t = local(2030, 1, 1, 0, 30); t < local(2031, 1, 1, 0, 0); t += 1800)
    ASSERT_EQ(tz->offset_at(t), z.offset_at(t)) << name << " at unix " << t;
}

TEST(TimeZone, PosixRuleAgreesWithTheTableForAWholeYear) {
  expect_rule_matches_table("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3");
  expect_rule_matches_table("America/New_York", "EST5EDT,M3.2.0,M11.1.0");
  expect_rule_matches_table("Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3");
  expect_rule_matches_table("Asia/Shanghai", "CST-8");
  expect_rule_matches_table("America/Sao_Paulo", "<-03>3");
}

TEST(TimeZone, FarFutureUsesTheZoneRule) {
  const auto z = zone("Europe/Berlin");
  EXPECT_EQ(z.to_utc(local(2045, 7, 1, 12, 0)), local(2045, 7, 1, 10, 0));
  EXPECT_EQ(z.to_utc(local(2045, 12, 1, 12, 0)), local(2045, 12, 1, 11, 0));
}

TEST(TimeZone, UnknownOrUnsafeNamesAreRefusedWithAReason) {
  std::string error;
  EXPECT_FALSE(TimeZone::load("Mars/Olympus_Mons", error));
  EXPECT_NE(error.find("unknown time zone 'Mars/Olympus_Mons'"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(TimeZone::load("../../etc/passwd", error));
  EXPECT_NE(error.find("not an IANA time zone name"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(TimeZone::from_tzif("X/Y", "not a zone file at all, long enough to hold a header......", error));
  EXPECT_NE(error.find("not a TZif"), std::string::npos) << error;
}

TEST(TimeZone, MalformedPosixRulesAreRefused) {
  EXPECT_FALSE(PosixTz::parse("CET"));
  EXPECT_FALSE(PosixTz::parse("CET-1CEST,M13.5.0,M10.5.0"));
  EXPECT_FALSE(PosixTz::parse("CET-1CEST,M3.5.0"));
  EXPECT_TRUE(PosixTz::parse("<+0530>-5:30"));
  EXPECT_EQ(PosixTz::parse("<+0530>-5:30")->std_offset, 5 * 3600 + 1800);
}

}  // namespace
