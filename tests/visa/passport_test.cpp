// Passport validity around the six-month boundary after departure.
#include <gtest/gtest.h>

#include "passport.hpp"

using namespace cohort_visa;

TEST(PassportValidity, ExpiringExactlySixMonthsAfterDeparturePasses) {
  const auto v = check_passport("2025-09-21", "2025-03-21", {});
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(v.code, "ok");
  EXPECT_EQ(format_date(*v.required_until), "2025-09-21");
  EXPECT_EQ(v.days_spare, 0);
}

TEST(PassportValidity, OneDayShortFailsWithAClearReason) {
  const auto v = check_passport("2025-09-20", "2025-03-21T18:00:00+08:00", {});
  EXPECT_FALSE(v.valid);
  EXPECT_EQ(v.code, "too_short");
  EXPECT_EQ(v.days_spare, -1);
  EXPECT_EQ(v.reason,
            "the passport expires on 2025-09-20, 1 day too early: it must be valid until at least 2025-09-21, "
            "6 months after the departure on 2025-03-21");
}

TEST(PassportValidity, SixMonthsAfterTheEndOfAMonthIsTheEndOfTheShorterMonth) {
  EXPECT_EQ(format_date(*check_passport("2026-03-01", "2025-08-31", {}).required_until), "2026-02-28");
  EXPECT_EQ(format_date(*check_passport("2028-03-01", "2027-08-31", {}).required_until), "2028-02-29");
  EXPECT_TRUE(check_passport("2026-02-28", "2025-08-31", {}).valid);
  EXPECT_FALSE(check_passport("2026-02-27", "2025-08-31", {}).valid);
}

TEST(PassportValidity, AConfiguredNumberOfDaysReplacesTheMonths) {
  ValidityRule rule;
  rule.days = 183;
  auto v = check_passport("2025-09-20", "2025-03-21", rule);  // 183 days after 21 March is 20 September
  EXPECT_TRUE(v.valid);
  EXPECT_EQ(format_date(*v.required_until), "2025-09-20");
  EXPECT_FALSE(check_passport("2025-09-19", "2025-03-21", rule).valid);
  EXPECT_NE(check_passport("2025-09-19", "2025-03-21", rule).reason.find("183 days after the departure"),
            std::string::npos);
}

TEST(PassportValidity, ExpiryBeforeDepartureAndMissingDatesSaySo) {
  EXPECT_EQ(check_passport("2025-03-01", "2025-03-21", {}).code, "expires_before_departure");
  EXPECT_EQ(check_passport("", "2025-03-21", {}).code, "expiry_missing");
  EXPECT_EQ(check_passport("21/09/2025", "2025-03-21", {}).code, "expiry_invalid");
  EXPECT_EQ(check_passport("2025-09-21", "", {}).code, "departure_missing");
  EXPECT_EQ(check_passport("2025-09-21", "soon", {}).code, "departure_invalid");
}
