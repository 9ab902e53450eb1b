// Age on the reference date: whole years, birthdays on the day, and 29 February.
#include <gtest/gtest.h>

#include "rules.hpp"

using namespace cohort_eligibility;

TEST(AgeOn, TheBirthdayItselfCounts) {
  EXPECT_EQ(age_on({2000, 3, 10}, {2025, 3, 10}), 25);
  EXPECT_EQ(age_on({2000, 3, 11}, {2025, 3, 10}), 24);
  EXPECT_EQ(age_on({2000, 3, 9}, {2025, 3, 10}), 25);
  EXPECT_EQ(age_on({2000, 12, 31}, {2025, 1, 1}), 24);
}

TEST(AgeOn, LeapDayBirthdaysComeOnTheFirstOfMarchInOtherYears) {
  const CivilDate born{2000, 2, 29};
  EXPECT_EQ(age_on(born, {2025, 2, 28}), 24);  // not yet: there is no 29 February 2025
  EXPECT_EQ(age_on(born, {2025, 3, 1}), 25);
  EXPECT_EQ(age_on(born, {2024, 2, 28}), 23);
  EXPECT_EQ(age_on(born, {2024, 2, 29}), 24);  // a leap year: the day itself
  EXPECT_EQ(age_on(born, {2100, 2, 28}), 99);  // 2100 is not a leap year
  EXPECT_EQ(age_on(born, {2100, 3, 1}), 100);
}

TEST(AgeOn, SomeoneBornTheDayAfterALeapDayIsNotAffected) {
  EXPECT_EQ(age_on({2000, 3, 1}, {2025, 2, 28}), 24);
  EXPECT_EQ(age_on({2000, 3, 1}, {2025, 3, 1}), 25);
  EXPECT_EQ(age_on({2000, 2, 28}, {2025, 2, 28}), 25);
}
