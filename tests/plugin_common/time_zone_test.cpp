// The system time zone database read through our TZif reader: offsets, the POSIX rule that
// takes over after the last listed transition, and wall-clock times in daylight-saving gaps
// and overlaps, where eligibility takes the later reading and attendance the earlier one.
#include <gtest/gtest.h>

#include <string>

#include <cohort_plugin_common/civil_date.hpp>
#include <cohort_plugin_common/time_zone.hpp>
#include <cohort_plugin_common/zone_cache.hpp>

using namespace cohort_plugin_common;

namespace {

std::int64_t utc(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return days_from_civil({y, mo, d}) * 86400 + h * 3600 + mi * 60 + s;
}

// A wall-clock time as seconds on the local calendar: the same arithmetic as utc().
std::int64_t wall(int y, int mo, int d, int h = 0, int mi = 0) { return utc(y, mo, d, h, mi); }

std::shared_ptr<const TimeZone> zone(const std::string& name) {
  static ZoneCache cache;
  std::string error;
  auto z = cache.get(name, error);
  EXPECT_TRUE(z) << error;
  return z;
}

void be32(std::string& out, std::uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) out += static_cast<char>((v >> shift) & 0xff);
}

// A version 2 TZif file without transitions, as `zic -b slim` writes for rule-only zones.
std::string slim_tzif(const std::string& footer) {
  std::string block;
  for (int i = 0; i < 2; ++i) {
    block += "TZif2";
    block += std::string(15, '\0');
    for (std::uint32_t c : {0u, 0u, 0u, 0u, 1u, 4u}) be32(block, c);  // isut, isstd, leap, time, type, char
    be32(block, 3600);                                                 // utoff of the only type
    block += '\0';                                                     // isdst
    block += '\0';                                                     // designation index
    block += std::string("CET", 4);
  }
  return block + "\n" + footer + "\n";
}

}  // namespace

TEST(TimeZone, ShanghaiIsEightHoursAheadAllYear) {
  auto z = zone("Asia/Shanghai");
  EXPECT_EQ(z->offset_at(utc(2024, 12, 15, 15, 59)), 8 * 3600);
  EXPECT_EQ(z->offset_at(utc(2025, 7, 1)), 8 * 3600);
  const auto r = z->resolve(wall(2024, 12, 15, 23, 59));
  EXPECT_EQ(r.kind, ResolvedTime::Kind::Unique);
  EXPECT_EQ(r.later.unix_seconds, utc(2024, 12, 15, 15, 59));
  EXPECT_EQ(r.earlier.unix_seconds, utc(2024, 12, 15, 15, 59));
  // A session at 09:00 in Shanghai starts at 01:00 UTC.
  EXPECT_EQ(z->resolve(wall(2025, 3, 10, 9, 0)).earlier.unix_seconds, utc(2025, 3, 10, 1, 0));
}

TEST(TimeZone, HalfHourThreeLevelAndWesternZones) {
  EXPECT_EQ(zone("Asia/Kolkata")->offset_at(utc(2025, 1, 1)), 5 * 3600 + 1800);
  EXPECT_EQ(zone("America/Argentina/Buenos_Aires")->offset_at(utc(2025, 1, 1)), -3 * 3600);
  EXPECT_EQ(zone("UTC")->offset_at(utc(2025, 1, 1)), 0);
  // La Paz is four hours behind UTC: 09:00 there is 13:00 UTC.
  EXPECT_EQ(zone("America/La_Paz")->resolve(wall(2025, 6, 2, 9, 0)).earlier.unix_seconds, utc(2025, 6, 2, 13, 0));
}

TEST(TimeZone, BerlinSwitchesToSummerTimeAtOneUtcOnTheLastSundayOfMarch) {
  auto z = zone("Europe/Berlin");
  EXPECT_EQ(z->offset_at(utc(2025, 3, 30, 0, 59, 59)), 3600);
  EXPECT_EQ(z->offset_at(utc(2025, 3, 30, 1, 0, 0)), 7200);
  EXPECT_EQ(z->offset_at(utc(2025, 10, 26, 0, 59, 59)), 7200);
  EXPECT_EQ(z->offset_at(utc(2025, 10, 26, 1, 0, 0)), 3600);
  EXPECT_EQ(z->resolve(wall(2025, 3, 29, 9, 0)).earlier.unix_seconds, utc(2025, 3, 29, 8, 0));  // CET
  EXPECT_EQ(z->resolve(wall(2025, 3, 31, 9, 0)).earlier.unix_seconds, utc(2025, 3, 31, 7, 0));  // CEST
}

TEST(TimeZone, ASkippedLocalTimeIsReadWithTheOffsetFromBeforeTheJump) {
  // 02:30 on 30 March 2025 never shows on a Berlin clock (02:00 -> 03:00): both readings
  // are 03:30 CEST.
  const auto r = zone("Europe/Berlin")->resolve(wall(2025, 3, 30, 2, 30));
  EXPECT_EQ(r.kind, ResolvedTime::Kind::Skipped);
  EXPECT_EQ(r.later.unix_seconds, utc(2025, 3, 30, 1, 30));
  EXPECT_EQ(r.earlier.unix_seconds, utc(2025, 3, 30, 1, 30));
  EXPECT_EQ(r.later.offset_seconds, 3600);
}

TEST(TimeZone, ARepeatedLocalTimeHasAnEarlierAndALaterOccurrence) {
  // 02:30 on 26 October 2025 shows twice in Berlin: at 00:30 UTC (CEST) and 01:30 UTC (CET).
  const auto r = zone("Europe/Berlin")->resolve(wall(2025, 10, 26, 2, 30));
  EXPECT_EQ(r.kind, ResolvedTime::Kind::Ambiguous);
  EXPECT_EQ(r.later.unix_seconds, utc(2025, 10, 26, 1, 30));
  EXPECT_EQ(r.later.offset_seconds, 3600);
  EXPECT_EQ(r.earlier.unix_seconds, utc(2025, 10, 26, 0, 30));
  EXPECT_EQ(r.earlier.offset_seconds, 7200);
}

TEST(TimeZone, TheFooterRuleCoversYearsAfterTheLastListedTransition) {
  auto berlin = zone("Europe/Berlin");
  // 27 March 2050 is the last Sunday of that March; no file lists transitions that far.
  EXPECT_EQ(berlin->offset_at(utc(2050, 3, 27, 0, 59, 59)), 3600);
  EXPECT_EQ(berlin->offset_at(utc(2050, 3, 27, 1, 0, 0)), 7200);
  EXPECT_EQ(berlin->offset_at(utc(2050, 10, 30, 1, 0, 0)), 3600);
  EXPECT_EQ(berlin->resolve(wall(2045, 7, 1, 12, 0)).earlier.unix_seconds, utc(2045, 7, 1, 10, 0));
  EXPECT_EQ(berlin->resolve(wall(2045, 12, 1, 12, 0)).earlier.unix_seconds, utc(2045, 12, 1, 11, 0));
  auto sydney = zone("Australia/Sydney");  // southern hemisphere: summer spans new year
  EXPECT_EQ(sydney->offset_at(utc(2060, 1, 15)), 11 * 3600);
  EXPECT_EQ(sydney->offset_at(utc(2060, 7, 15)), 10 * 3600);
  EXPECT_EQ(sydney->offset_at(utc(2025, 1, 15)), 11 * 3600);
  EXPECT_EQ(sydney->offset_at(utc(2025, 7, 15)), 10 * 3600);
}

TEST(TimeZone, SouthernHemisphereOverlapInApril) {
  // Sydney goes from 03:00 AEDT back to 02:00 AEST on 6 April 2025.
  const auto r = zone("Australia/Sydney")->resolve(wall(2025, 4, 6, 2, 30));
  EXPECT_EQ(r.kind, ResolvedTime::Kind::Ambiguous);
  EXPECT_EQ(r.later.unix_seconds, utc(2025, 4, 5, 16, 30));
  EXPECT_EQ(r.earlier.unix_seconds, utc(2025, 4, 5, 15, 30));
}

TEST(TimeZone, ARuleOnlyFileWorksLikeAFullOne) {
  std::string error;
  auto z = TimeZone::from_tzif("Test/Slim", slim_tzif("CET-1CEST,M3.5.0,M10.5.0/3"), error);
  ASSERT_TRUE(z) << error;
  EXPECT_EQ(z->name(), "Test/Slim");
  EXPECT_EQ(z->offset_at(utc(2025, 3, 30, 0, 59, 59)), 3600);
  EXPECT_EQ(z->offset_at(utc(2025, 3, 30, 1, 0, 0)), 7200);
  EXPECT_EQ(z->offset_at(utc(2025, 10, 26, 1, 0, 0)), 3600);
}

TEST(TimeZone, UnknownUnsafeAndMalformedZonesAreRefusedWithAReason) {
  ZoneCache cache;
  std::string error;
  EXPECT_FALSE(cache.get("Mars/Olympus_Mons", error));
  EXPECT_NE(error.find("unknown time zone 'Mars/Olympus_Mons'"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(cache.get("../../etc/passwd", error));
  EXPECT_NE(error.find("not an IANA time zone name"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(TimeZone::load("Asia/Shanghai", "/nonexistent", error));
  EXPECT_NE(error.find("/nonexistent/Asia/Shanghai"), std::string::npos) << error;
  EXPECT_NE(error.find("is tzdata installed?"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(TimeZone::from_tzif("Bad/File", "not a zone file", error));
  EXPECT_NE(error.find("not a TZif file"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(TimeZone::from_tzif("X/Y", "not a zone file at all, long enough to hold a header......", error));
  EXPECT_NE(error.find("not a TZif"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(TimeZone::from_tzif("Test/Cut", slim_tzif("CET-1CEST").substr(0, 60), error));
  EXPECT_NE(error.find("truncated"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(TimeZone::from_tzif("Test/BadRule", slim_tzif("CET-1CEST,M13.5.0,M10.5.0"), error));
  EXPECT_NE(error.find("unreadable rule"), std::string::npos) << error;
}
