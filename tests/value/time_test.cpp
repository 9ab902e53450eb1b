#include <gtest/gtest.h>

#include "value/time.hpp"

namespace cohort {
namespace {

TEST(Time, DatesAndOffsetsBecomeUtcInstants) {
  EXPECT_EQ(parse_iso_datetime("1970-01-01")->ms, 0);
  EXPECT_EQ(parse_iso_datetime("2025-03-01T09:00:00+08:00"), parse_iso_datetime("2025-03-01T01:00:00Z"));
  EXPECT_EQ(format_iso_datetime(*parse_iso_datetime("2024-02-29T23:59:59.250-01:00")), "2024-03-01T00:59:59.250Z");
  EXPECT_FALSE(parse_iso_datetime("2025-02-29"));  // not a leap year
  EXPECT_FALSE(parse_iso_datetime("2025-13-01"));
  EXPECT_FALSE(parse_iso_datetime("2025-03-01T25:00:00Z"));
  EXPECT_FALSE(parse_iso_datetime("yesterday"));
}

TEST(Time, CivilDatesRoundTrip) {
  for (std::int64_t days : {-719468LL, -1LL, 0LL, 11016LL, 19782LL, 2932896LL}) {
    int y = 0;
    unsigned m = 0, d = 0;
    civil_from_days(days, y, m, d);
    EXPECT_EQ(days_from_civil(y, m, d), days) << y << "-" << m << "-" << d;
  }
}

TEST(Time, DurationsInWeeksDaysAndTime) {
  EXPECT_EQ(parse_iso_duration_ms("P14D"), 14 * 86400000LL);
  EXPECT_EQ(parse_iso_duration_ms("P2W"), 14 * 86400000LL);
  EXPECT_EQ(parse_iso_duration_ms("P1DT2H30M"), 86400000LL + 2 * 3600000LL + 30 * 60000LL);
  EXPECT_EQ(parse_iso_duration_ms("PT0.5S"), 500);
  EXPECT_EQ(parse_iso_duration_ms("PT1,5S"), 1500);
  EXPECT_FALSE(parse_iso_duration_ms("P1M"));   // months have no fixed length
  EXPECT_FALSE(parse_iso_duration_ms("P"));
  EXPECT_FALSE(parse_iso_duration_ms("PT"));
  EXPECT_FALSE(parse_iso_duration_ms("P1.2.3D"));
  // Out of range is refused, not converted into garbage.
  EXPECT_FALSE(parse_iso_duration_ms("P99999999999999999999D"));
}

}  // namespace
}  // namespace cohort
