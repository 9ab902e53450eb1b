// The POSIX TZ rule a zone file ends with, which gives the offset for years after its table.
#include <gtest/gtest.h>

#include <string>

#include <cohort_plugin_common/civil_date.hpp>
#include <cohort_plugin_common/details/posix_tz.hpp>
#include <cohort_plugin_common/zone_cache.hpp>

using namespace cohort_plugin_common;
using cohort_plugin_common::details::parse_posix_rule;

namespace {

std::int64_t utc(int y, int mo, int d, int h = 0, int mi = 0) {
  return days_from_civil({y, mo, d}) * 86400 + h * 3600 + mi * 60;
}

// The rule must agree with the zone's table wherever both speak.
void expect_rule_matches_table(const std::string& name, const std::string& rule) {
  static ZoneCache cache;
  std::string error;
  const auto z = cache.get(name, error);
  ASSERT_TRUE(z) << error;
  const auto tz = parse_posix_rule(rule);
  ASSERT_TRUE(tz.has_value()) << rule;
  for (std::int64_t t = utc(2030, 1, 1, 0, 30); t < utc(2031, 1, 1); t += 1800)
    ASSERT_EQ(tz->offset_at(t), z->offset_at(t)) << name << " at unix " << t;
}

}  // namespace

TEST(PosixTz, RuleAgreesWithTheTableForAWholeYear) {
  expect_rule_matches_table("Europe/Berlin", "CET-1CEST,M3.5.0,M10.5.0/3");
  expect_rule_matches_table("America/New_York", "EST5EDT,M3.2.0,M11.1.0");
  expect_rule_matches_table("Australia/Sydney", "AEST-10AEDT,M10.1.0,M4.1.0/3");
  expect_rule_matches_table("Asia/Shanghai", "CST-8");
  expect_rule_matches_table("America/Sao_Paulo", "<-03>3");
}

TEST(PosixTz, JulianDaysAndOddOffsets) {
  auto r = parse_posix_rule("<+0530>-5:30");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->std_offset, 5 * 3600 + 1800);
  EXPECT_EQ(r->offset_at(utc(2030, 6, 1)), 5 * 3600 + 1800);
  // J60 is 1 March in every year, leap or not.
  r = parse_posix_rule("XST3XDT,J60/0,J300/0");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->offset_at(utc(2028, 3, 1, 2, 59)), -3 * 3600);
  EXPECT_EQ(r->offset_at(utc(2028, 3, 1, 3, 0)), -2 * 3600);
  // Day 59 counted from 0 is 29 February in a leap year.
  r = parse_posix_rule("XST3XDT,59/0,J300/0");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->offset_at(utc(2028, 2, 29, 2, 59)), -3 * 3600);
  EXPECT_EQ(r->offset_at(utc(2028, 2, 29, 3, 0)), -2 * 3600);
}

TEST(PosixTz, MalformedRulesAreRefused) {
  EXPECT_FALSE(parse_posix_rule(""));
  EXPECT_FALSE(parse_posix_rule("CET"));
  EXPECT_FALSE(parse_posix_rule("CET-1CEST,M13.5.0,M10.5.0"));
  EXPECT_FALSE(parse_posix_rule("CET-1CEST,M3.5.0"));
  EXPECT_FALSE(parse_posix_rule("<>-1"));
}
