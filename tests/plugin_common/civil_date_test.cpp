// Calendar arithmetic, which every deadline, age, passport date and session day rests on.
#include <gtest/gtest.h>

#include <cohort_plugin_common/civil_date.hpp>

using namespace cohort_plugin_common;

TEST(CivilDate, DaysRoundTripAcrossCenturiesAndLeapDays) {
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

TEST(CivilDate, KnowsWhichDatesExist) {
  EXPECT_TRUE(is_valid({2024, 2, 29}));
  EXPECT_FALSE(is_valid({2025, 2, 29}));
  EXPECT_FALSE(is_valid({2100, 2, 29}));
  EXPECT_TRUE(is_valid({2000, 2, 29}));
  EXPECT_FALSE(is_valid({2025, 4, 31}));
  EXPECT_FALSE(is_valid({2025, 13, 1}));
  EXPECT_EQ(days_in_month(2025, 0), 0);
}

TEST(CivilDate, KnowsTheDayOfTheWeekBeforeAndAfter1970) {
  EXPECT_EQ(weekday(0), 4);                                // 1970-01-01, a Thursday
  EXPECT_EQ(weekday(days_from_civil({2025, 3, 10})), 1);   // a Monday
  EXPECT_EQ(weekday(days_from_civil({1969, 12, 28})), 0);  // a Sunday
  EXPECT_EQ(weekday(days_from_civil({1900, 1, 1})), 1);    // a Monday
}

TEST(CivilDate, AddingMonthsClampsToTheEndOfTheMonth) {
  EXPECT_EQ(add_months({2025, 8, 31}, 6), (CivilDate{2026, 2, 28}));
  EXPECT_EQ(add_months({2027, 8, 31}, 6), (CivilDate{2028, 2, 29}));
  EXPECT_EQ(add_months({2025, 3, 21}, 12), (CivilDate{2026, 3, 21}));
  EXPECT_EQ(add_months({2025, 1, 15}, -1), (CivilDate{2024, 12, 15}));
  EXPECT_EQ(add_months({2024, 3, 31}, -1), (CivilDate{2024, 2, 29}));
}

TEST(CivilDate, FormatsAndRoundsDivisionDown) {
  EXPECT_EQ(format_date({2025, 3, 9}), "2025-03-09");
  EXPECT_EQ(floor_div(7, 2), 3);
  EXPECT_EQ(floor_div(-7, 2), -4);
  EXPECT_EQ(floor_div(-1000, 1000), -1);
  EXPECT_EQ(floor_div(-1, 86400), -1);
}

TEST(CivilDate, AnAgeCountsCompletedYearsWithLeapDayBirthdaysOnTheFirstOfMarch) {
  EXPECT_EQ(age_on({2000, 3, 10}, {2025, 3, 10}), 25);
  EXPECT_EQ(age_on({2000, 3, 11}, {2025, 3, 10}), 24);
  EXPECT_EQ(age_on({2000, 2, 29}, {2025, 2, 28}), 24);
  EXPECT_EQ(age_on({2000, 2, 29}, {2025, 3, 1}), 25);
}
