// ISO 8601 text as the programme files, the engine and applicants write it: the strict and
// lenient readings each plugin relies on, and instants written back at an offset.
#include <gtest/gtest.h>

#include <cohort_plugin_common/iso_time.hpp>

using namespace cohort_plugin_common;

namespace {

std::int64_t utc_ms(int y, int mo, int d, int h = 0, int mi = 0, int s = 0) {
  return (days_from_civil({y, mo, d}) * 86400 + h * 3600 + mi * 60 + s) * 1000;
}

}  // namespace

TEST(IsoTime, ParsesTheIsoFormsDeadlinesAreWrittenIn) {
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
  EXPECT_EQ(parse_date_time("2024-12-15T08:00+0530")->offset_seconds, 5 * 3600 + 1800);
  EXPECT_FALSE(parse_date_time("2025-02-29"));
  EXPECT_FALSE(parse_date_time("2024-12-15T24:00"));
  EXPECT_FALSE(parse_date_time("2024-12-15T23:59:60Z"));
  EXPECT_FALSE(parse_date_time("2024-12-15T23:59+0800x"));
  EXPECT_FALSE(parse_date_time("2024-12-15T23:59:00.+08:00"));
  EXPECT_FALSE(parse_date_time("15/12/2024"));
  EXPECT_FALSE(parse_date("2024-12-15T10:00"));  // a date, not a date-time
  EXPECT_EQ(parse_date("2024-12-15"), (CivilDate{2024, 12, 15}));
}

TEST(IsoTime, ADatePrefixIsTheDateWhereTheTextWasWritten) {
  EXPECT_EQ(parse_date_prefix("2025-03-21T18:00:00+08:00"), (CivilDate{2025, 3, 21}));
  EXPECT_EQ(parse_date_prefix("2025-03-21"), (CivilDate{2025, 3, 21}));
  EXPECT_EQ(parse_date_prefix("2025-03-21 18:00"), (CivilDate{2025, 3, 21}));
  EXPECT_FALSE(parse_date_prefix("2025-03-21x"));
  EXPECT_FALSE(parse_date_prefix("2025-02-30T10:00"));
  EXPECT_FALSE(parse_date_prefix("21.03.2025"));
}

TEST(IsoTime, AnInstantNeedsATimeAndAnOffset) {
  auto i = parse_instant("2025-03-10T09:05:00+08:00");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->unix_ms, utc_ms(2025, 3, 10, 1, 5));
  EXPECT_EQ(i->offset_seconds, 8 * 3600);
  EXPECT_EQ(parse_instant("2025-03-10T01:05:00.250z")->unix_ms, utc_ms(2025, 3, 10, 1, 5) + 250);
  EXPECT_FALSE(parse_instant("2025-03-10 01:05,5Z"));  // a fraction needs seconds
  EXPECT_EQ(parse_instant("2025-03-10T01:05:00,5Z")->unix_ms, utc_ms(2025, 3, 10, 1, 5) + 500);
  EXPECT_EQ(parse_instant("2025-03-10T01:05-04:00")->unix_ms, utc_ms(2025, 3, 10, 5, 5));
  EXPECT_FALSE(parse_instant("2025-03-10T09:05:00"));  // no offset: not one instant
  EXPECT_FALSE(parse_instant("2025-03-10"));
  EXPECT_FALSE(parse_instant("2025-03-10T09:05:00+08:00 "));
}

TEST(IsoTime, TheLenientReadingTakesUtcWhenNoOffsetIsWritten) {
  auto i = parse_instant_or_utc("2025-02-28T23:59:00+08:00");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->unix_ms, utc_ms(2025, 2, 28, 15, 59));
  EXPECT_EQ(i->offset_seconds, 8 * 3600);
  i = parse_instant_or_utc("2025-02-28T23:59");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->unix_ms, utc_ms(2025, 2, 28, 23, 59));
  EXPECT_EQ(i->offset_seconds, 0);
  EXPECT_EQ(parse_instant_or_utc("2025-02-28")->unix_ms, utc_ms(2025, 2, 28));
  EXPECT_FALSE(parse_instant_or_utc("28 February 2025"));
}

TEST(IsoTime, FormatsInstantsAtAnOffset) {
  const std::int64_t ms = utc_ms(2024, 12, 15, 15, 59);
  EXPECT_EQ(format_instant(ms, 8 * 3600), "2024-12-15T23:59:00+08:00");
  EXPECT_EQ(format_instant(ms, 0), "2024-12-15T15:59:00Z");
  EXPECT_EQ(format_instant(ms + 5, -5 * 3600), "2024-12-15T10:59:00.005-05:00");
  EXPECT_EQ(format_instant(-1000, 0), "1969-12-31T23:59:59Z");
  EXPECT_EQ(format_instant(-1, 0), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(format_offset(-(3 * 3600 + 1800)), "-03:30");
  EXPECT_EQ(format_offset(0), "+00:00");
}

TEST(IsoTime, WhatIsWrittenReadsBackAsTheSameInstant) {
  for (const char* text : {"2025-03-10T09:05:00+08:00", "2025-03-10T09:05:00.125-03:30", "1965-07-01T00:00:00Z"}) {
    const auto i = parse_instant(text);
    ASSERT_TRUE(i) << text;
    EXPECT_EQ(format_instant(i->unix_ms, i->offset_seconds), text);
  }
}

TEST(IsoTime, WallClockSecondsRoundTrip) {
  const auto t = parse_date_time("1969-12-31T23:30:15")->local;
  const auto back = local_from_seconds(local_seconds(t));
  EXPECT_EQ(back.date, t.date);
  EXPECT_EQ(back.hour, 23);
  EXPECT_EQ(back.minute, 30);
  EXPECT_EQ(back.second, 15);
}
