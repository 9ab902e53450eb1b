// The attendance picture: weighted rates to date and overall, early warnings while the
// programme runs, completed or incomplete at its end.
#include <gtest/gtest.h>

#include <cmath>

#include "fixture.hpp"

namespace {

using attendance_test::programme_json;
using attendance_test::record;
using attendance_test::records;
using attendance_test::Runner;
using attendance_test::str;

// Sessions (fixture): S01 w1 and S02 w1 on 10 March, S03 w2 and S04 w1 on 11 March; total 5.
// Weights present 1, late 0.5, excused 0.5, absent 0; threshold 0.8 (4 of 5).
class Summary : public ::testing::Test {
 protected:
  rapidjson::Document summary(const std::string& checkins, const std::string& at, bool final = false,
                              const std::string& programme = programme_json()) {
    auto d = runner.run("attendance.summary", R"({"programme": )" + programme +
                                                  R"(, "participant": "GLC-2025-A0042", "checkins": )" + checkins +
                                                  R"(, "at": ")" + at + R"(", "final": )" + (final ? "true" : "false") + "}");
    EXPECT_TRUE(runner.outcome.ok()) << runner.outcome.message;
    return d;
  }
  static double num(const rapidjson::Value& v) { return v.IsNumber() ? v.GetDouble() : std::nan(""); }
  Runner runner;
};

TEST_F(Summary, EachStatusCountsWithItsWeightTimesTheSessionWeight) {
  auto d = summary(records({record("S01", "present"), record("S02", "late"), record("S03", "excused"),
                            record("S04", "absent", "manual")}),
                   "2025-03-11T18:00:00+08:00");
  // 1 + 0.5 + 2 x 0.5 + 0 = 2.5 of 5
  EXPECT_DOUBLE_EQ(num(d["attended_weight"]), 2.5);
  EXPECT_DOUBLE_EQ(num(d["total_weight"]), 5);
  EXPECT_DOUBLE_EQ(num(d["rate"]), 0.5);
  EXPECT_FALSE(d["met"].GetBool());
  EXPECT_EQ(str(d["outcome"]), "incomplete");
  EXPECT_EQ(str(d["reason"]), "attended 50% of the weighted sessions (2.5 of 5), below the threshold of 80%; missed S04");
  EXPECT_DOUBLE_EQ(num(d["sessions"][2]["credit"]), 1);
}

TEST_F(Summary, ExactlyTheThresholdCompletes) {
  auto d = summary(records({record("S01", "present"), record("S02", "present"), record("S03", "excused"),
                            record("S04", "present")}),
                   "2025-03-11T18:00:00+08:00");
  EXPECT_DOUBLE_EQ(num(d["rate"]), 0.8);  // 1 + 1 + 1 + 1 of 5
  EXPECT_TRUE(d["met"].GetBool());
  EXPECT_EQ(str(d["outcome"]), "completed");
  EXPECT_EQ(str(d["reason"]), "attended 80% of the weighted sessions (4 of 5), meeting the threshold of 80%");
}

TEST_F(Summary, ExcusedSessionsCanLeaveTheDenominator) {
  const auto excluded = programme_json("Asia/Shanghai", R"({"threshold": 0.8, "excused": "excluded",
      "status_weights": {"present": 1, "late": 0.5, "excused": 0.5, "absent": 0}})");
  auto d = summary(records({record("S01", "present"), record("S02", "present"), record("S03", "excused"),
                            record("S04", "absent")}),
                   "2025-03-11T18:00:00+08:00", false, excluded);
  // S03 is out: 2 of the 3 weight left.
  EXPECT_DOUBLE_EQ(num(d["total_weight"]), 3);
  EXPECT_NEAR(num(d["rate"]), 0.6667, 1e-9);
  EXPECT_FALSE(d["sessions"][2]["counted"].GetBool());
  EXPECT_EQ(str(d["outcome"]), "incomplete");
}

TEST_F(Summary, ToDateCountsOnlySessionsThatHaveEnded) {
  auto d = summary(records({record("S01", "present"), record("S02", "late")}), "2025-03-10T18:00:00+08:00");
  const auto& to_date = d["to_date"];
  EXPECT_EQ(to_date["sessions"].GetInt(), 2);
  EXPECT_DOUBLE_EQ(num(to_date["attended_weight"]), 1.5);
  EXPECT_DOUBLE_EQ(num(to_date["counted_weight"]), 2);
  EXPECT_DOUBLE_EQ(num(to_date["rate"]), 0.75);
  EXPECT_DOUBLE_EQ(num(d["rate"]), 0.3);  // 1.5 of all 5
  EXPECT_DOUBLE_EQ(num(d["max_rate"]), 0.9);
  EXPECT_EQ(d["sessions_remaining"].GetInt(), 2);
  EXPECT_EQ(str(d["outcome"]), "in_progress");
  EXPECT_EQ(str(d["next_review_at"]), "2025-03-11T12:00:00+08:00");
  EXPECT_EQ(str(d["at"]), "2025-03-10T18:00:00+08:00");
}

TEST_F(Summary, NothingEndedYetHasNoRateToDate) {
  auto d = summary("[]", "2025-03-10T08:00:00+08:00");
  EXPECT_TRUE(d["to_date"]["rate"].IsNull());
  EXPECT_EQ(d["to_date"]["sessions"].GetInt(), 0);
  EXPECT_EQ(str(d["next_review_at"]), "2025-03-10T12:00:00+08:00");
}

TEST_F(Summary, BelowTheThresholdToDateIsAtRisk) {
  auto d = summary(records({record("S01", "present"), record("S02", "late")}), "2025-03-10T18:00:00+08:00");
  EXPECT_EQ(str(d["warning"]), "at_risk");
  EXPECT_EQ(str(d["warning_reason"]),
            "at risk: 75% attended to date (1.5 of 2), below the threshold of 80%");
}

TEST_F(Summary, OneMoreAbsenceMakingItUnreachableIsAtRisk) {
  auto d = summary(records({record("S01", "present"), record("S02", "present")}), "2025-03-10T18:00:00+08:00");
  EXPECT_DOUBLE_EQ(num(d["to_date"]["rate"]), 1);
  EXPECT_DOUBLE_EQ(num(d["max_rate_after_absence"]), 0.6);  // missing S03 (weight 2): 3 of 5
  EXPECT_EQ(str(d["warning"]), "at_risk");
  EXPECT_EQ(str(d["warning_reason"]),
            "at risk: missing one more session (S03, weight 2) would leave at most 60%, below the threshold of 80%");
}

TEST_F(Summary, OnTrackHasNoWarning) {
  const auto lenient = programme_json("Asia/Shanghai", R"({"threshold": 0.6})");
  auto d = summary(records({record("S01", "present"), record("S02", "present")}), "2025-03-10T18:00:00+08:00", false,
                   lenient);
  EXPECT_EQ(str(d["warning"]), "none");
  EXPECT_TRUE(d["warning_reason"].IsNull());
}

TEST_F(Summary, WhenEvenPerfectAttendanceCannotReachTheThreshold) {
  auto d = summary(records({record("S01", "present")}), "2025-03-11T12:30:00+08:00");
  EXPECT_DOUBLE_EQ(num(d["max_rate"]), 0.4);  // S01 1 + S04 1 of 5
  EXPECT_EQ(str(d["warning"]), "cannot_reach");
  EXPECT_EQ(str(d["warning_reason"]),
            "cannot reach the threshold of 80% any more: at most 40% even attending the one remaining session");
  EXPECT_EQ(str(d["outcome"]), "in_progress");
}

TEST_F(Summary, FinalTreatsEverySessionAsOverAndDecides) {
  auto done = summary(records({record("S01", "present"), record("S02", "present"), record("S03", "present"),
                               record("S04", "late")}),
                      "2025-03-11T16:00:00+08:00", true);
  EXPECT_EQ(str(done["outcome"]), "completed");
  EXPECT_EQ(str(done["warning"]), "none");
  EXPECT_TRUE(done["next_review_at"].IsNull());
  EXPECT_DOUBLE_EQ(num(done["rate"]), 0.9);

  auto short_of_it = summary(records({record("S01", "present"), record("S03", "present")}),
                             "2025-03-11T16:00:00+08:00", true);
  EXPECT_EQ(str(short_of_it["outcome"]), "incomplete");
  EXPECT_FALSE(short_of_it["met"].GetBool());
  ASSERT_EQ(short_of_it["missed"].Size(), 2u);
  EXPECT_EQ(str(short_of_it["missed"][0]), "S02");
  EXPECT_EQ(str(short_of_it["missed"][1]), "S04");
}

TEST_F(Summary, CorrectionReplacesAScanAndALaterScanOnlyImproves) {
  auto corrected = summary(records({record("S01", "present"), record("S01", "absent", "manual")}),
                           "2025-03-10T13:00:00+08:00");
  EXPECT_EQ(str(corrected["sessions"][0]["status"]), "absent");
  auto best = summary(records({record("S01", "late", ""), record("S01", "present", "")}), "2025-03-10T13:00:00+08:00");
  EXPECT_EQ(str(best["sessions"][0]["status"]), "present");
  auto not_worse = summary(records({record("S01", "present", ""), record("S01", "late", "")}), "2025-03-10T13:00:00+08:00");
  EXPECT_EQ(str(not_worse["sessions"][0]["status"]), "present");
}

TEST_F(Summary, CheckInsForSessionsNotInTheScheduleAreListed) {
  auto d = summary(records({record("S01", "present"), record("S77", "present")}), "2025-03-10T13:00:00+08:00");
  ASSERT_EQ(d["unknown"].Size(), 1u);
  EXPECT_EQ(str(d["unknown"][0]), "S77");
  EXPECT_DOUBLE_EQ(num(d["attended_weight"]), 1);
}

TEST_F(Summary, CheckInsRecordedBeforeThePluginStillCount) {
  // The default workflow used to record {session, status, at} only.
  auto d = summary(R"([{"session": "S01", "status": "present", "at": "2025-03-10T01:00:00Z"}, {"session": "S02"}])",
                   "2025-03-10T18:00:00+08:00");
  EXPECT_DOUBLE_EQ(num(d["to_date"]["rate"]), 1);
}

}  // namespace
