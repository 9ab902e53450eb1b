// Calendar arithmetic and ISO 8601 text, which every deadline and age rests on.
#include <gtest/gtest.h>

#include "civil_time.hpp"

using namespace cohort_eligibility;

TEST(CivilTime, DaysRoundTripAcrossCenturiesAndLeapDays) {
  EXPECT_EQ(days_from_civil({1970, 1, 1}), 0);
  EXPECT_EQ(days_from_civil({2000, 3, 1}) - days_from_civil({2000, 2, 28}), 2);  // 2000 is a leap year
  EXPECT_EQ(days_from_civil({1900, 3, 1}) - days_from_civil({1900, 2, 28}), 1);  // 1900 is not
  EXPECT_EQ(days_from_civil({1969, 12, 31}), -1);
  for (std::int64_t d = -800000; d <= 800000; d += 97) {
    const auto c = civil_from_days(d);
    ASSERT_TRUE(is_valid(c));
    ASSERT_EQ(days_from_civil(c), d);
  }
}

TEST(CivilTime, KnowsWhichDatesExist) {
  EXPECT_TRUE(is_valid({2024, 2, 29}));
  EXPECT_FALSE(is_valid({2025, 2, 29}));
  EXPECT_FALSE(is_valid({2100, 2, 29}));
  EXPECT_TRUE(is_valid({2000, 2, 29}));
  EXPECT_FALSE(is_valid({2025, 4, 31}));
  EXPECT_FALSE(is_valid({2025, 13, 1}));
}

TEST(CivilTime, ParsesTheIsoFormsDeadlinesAreWrittenIn) {
  auto t = parse_date_time("2024-12-15T23:59:00+08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->local.hour, 23);
  EXPECT_EQ(t->local.minute, 59);
  EXPECT_EQ(t->offset_seconds, 8 * 3600);
  // Zero seconds name the minute, as the programme files write 23:59.
  EXPECT_EQ(t->local.precision, LocalDateTime::Precision::Minute);

  t = parse_date_time("2024-12-15T23:59:30.250-03:30");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->local.millisecond, 250);
  EXPECT_EQ(t->offset_seconds, -(3 * 3600 + 1800));
  EXPECT_EQ(t->local.precision, LocalDateTime::Precision::Millisecond);

  t = parse_date_time("2024-12-15");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->local.precision, LocalDateTime::Precision::Day);
  EXPECT_FALSE(t->offset_seconds);

  EXPECT_EQ(parse_date_time("2024-12-15 08:00Z")->offset_seconds, 0);
  EXPECT_FALSE(parse_date_time("2025-02-29"));
  EXPECT_FALSE(parse_date_time("2024-12-15T24:00"));
  EXPECT_FALSE(parse_date_time("2024-12-15T23:59+0800x"));
  EXPECT_FALSE(parse_date_time("15/12/2024"));
  EXPECT_FALSE(parse_date("2024-12-15T10:00"));  // a date, not a date-time
}

TEST(CivilTime, FormatsInstantsAtAnOffset) {
  const std::int64_t ms = (days_from_civil({2024, 12, 15}) * 86400 + 15 * 3600 + 59 * 60) * 1000;
  EXPECT_EQ(format_instant(ms, 8 * 3600), "2024-12-15T23:59:00+08:00");
  EXPECT_EQ(format_instant(ms, 0), "2024-12-15T15:59:00Z");
  EXPECT_EQ(format_instant(ms + 5, -5 * 3600), "2024-12-15T10:59:00.005-05:00");
  EXPECT_EQ(format_instant(-1000, 0), "1969-12-31T23:59:59Z");
}
