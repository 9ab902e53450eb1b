// Checking in at the door: by QR token or by a staff member, only inside the session's
// window in the venue's time zone, once per session; and corrections by the office.
#include <gtest/gtest.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "fixture.hpp"

namespace {

using attendance_test::programme_json;
using attendance_test::record;
using attendance_test::records;
using attendance_test::Runner;
using attendance_test::str;

std::string check_in_args(const std::string& programme, const std::string& token, const std::string& at,
                          const std::string& checkins = "[]", const std::string& extra = "") {
  return R"({"programme": )" + programme + R"(, "participant": "GLC-2025-A0042", "token": ")" + token +
         R"(", "at": ")" + at + R"(", "checkins": )" + checkins + extra + "}";
}

class CheckIn : public ::testing::Test {
 protected:
  std::string token(const std::string& session, const std::string& participant = "GLC-2025-A0042",
                    const std::string& programme = "GLC-2025") {
    return runner.signer().issue({programme, session, participant});
  }
  rapidjson::Document scan(const std::string& session_token, const std::string& at, const std::string& checkins = "[]",
                           const std::string& extra = "", const std::string& programme = programme_json()) {
    auto d = runner.run("attendance.check_in", check_in_args(programme, session_token, at, checkins, extra));
    EXPECT_TRUE(runner.outcome.ok()) << runner.outcome.message;
    return d;
  }
  static std::string code(const rapidjson::Document& d) { return d.HasMember("code") ? str(d["code"]) : "<accepted>"; }
  Runner runner;
};

TEST_F(CheckIn, TokenInsideTheWindowChecksInAsPresent) {
  auto d = scan(token("S01"), "2025-03-10T08:45:00+08:00");
  ASSERT_TRUE(d["accepted"].GetBool()) << runner.outcome.json;
  EXPECT_EQ(str(d["session"]), "S01");
  EXPECT_EQ(str(d["status"]), "present");
  const auto& c = d["checkin"];
  EXPECT_EQ(str(c["session"]), "S01");
  EXPECT_EQ(str(c["status"]), "present");
  EXPECT_EQ(str(c["method"]), "qr");
  EXPECT_EQ(str(c["at"]), "2025-03-10T08:45:00+08:00");
  EXPECT_EQ(c["minutes_late"].GetInt(), 0);
  // The answer carries the summary with this check-in counted.
  EXPECT_EQ(str(d["summary"]["sessions"][0]["status"]), "present");
}

TEST_F(CheckIn, WithinTheGraceMinutesIsStillPresentAfterItLate) {
  auto on_time = scan(token("S01"), "2025-03-10T09:10:00+08:00");
  EXPECT_EQ(str(on_time["status"]), "present");
  EXPECT_EQ(on_time["checkin"]["minutes_late"].GetInt(), 10);
  auto late = scan(token("S01"), "2025-03-10T09:11:00+08:00");
  EXPECT_EQ(str(late["status"]), "late");
  EXPECT_EQ(late["checkin"]["minutes_late"].GetInt(), 11);
}

TEST_F(CheckIn, BeforeTheWindowOpensIsRefusedWithTheOpeningTime) {
  auto d = scan(token("S01"), "2025-03-10T08:29:00+08:00");
  EXPECT_FALSE(d["accepted"].GetBool());
  EXPECT_EQ(code(d), "too_early");
  EXPECT_EQ(str(d["reason"]), "check-in for S01 opens at 2025-03-10 08:30 Asia/Shanghai, in 1 minute");
}

TEST_F(CheckIn, AtOrAfterTheEndIsRefused) {
  auto d = scan(token("S01"), "2025-03-10T12:00:00+08:00");
  EXPECT_FALSE(d["accepted"].GetBool());
  EXPECT_EQ(code(d), "too_late");
  EXPECT_NE(str(d["reason"]).find("S01 ended at 2025-03-10 12:00 Asia/Shanghai"), std::string::npos);
}

TEST_F(CheckIn, TheWindowIsInTheVenuesTimeZoneWhateverOffsetTheClockUses) {
  // 01:05 UTC is 09:05 in Shanghai.
  EXPECT_EQ(str(scan(token("S01"), "2025-03-10T01:05:00Z")["status"]), "present");
  // The same local schedule in La Paz (UTC-4) runs 13:00-16:00 UTC: 01:05 UTC is the evening before there.
  const auto la_paz = programme_json("America/La_Paz");
  EXPECT_EQ(code(scan(token("S01"), "2025-03-10T01:05:00Z", "[]", "", la_paz)), "too_early");
  EXPECT_EQ(str(scan(token("S01"), "2025-03-10T13:05:00Z", "[]", "", la_paz)["status"]), "present");
  // ... and 13:05 UTC is 21:05 in Shanghai, long after the session.
  EXPECT_EQ(code(scan(token("S01"), "2025-03-10T13:05:00Z")), "too_late");
}

TEST_F(CheckIn, DaylightSavingMovesTheWindowWithTheLocalClock) {
  // Berlin changes to summer time on 30 March 2025: 09:00 is 08:00 UTC before, 07:00 UTC after.
  const auto berlin = R"({"id": "GLC-2025", "timezone": "Europe/Berlin", "sessions": [
      {"id": "S01", "date": "2025-03-28", "start": "09:00", "end": "12:00", "title": "Fri", "weight": 1},
      {"id": "S02", "date": "2025-03-31", "start": "09:00", "end": "12:00", "title": "Mon", "weight": 1}]})";
  EXPECT_EQ(str(scan(token("S01"), "2025-03-28T08:05:00Z", "[]", "", berlin)["status"]), "present");
  EXPECT_EQ(str(scan(token("S02"), "2025-03-31T07:05:00Z", "[]", "", berlin)["status"]), "present");
  EXPECT_EQ(str(scan(token("S02"), "2025-03-31T08:05:00Z", "[]", "", berlin)["status"]), "late");
}

TEST_F(CheckIn, TokenForAnotherSessionIsRefused) {
  auto d = scan(token("S01"), "2025-03-10T14:05:00+08:00", "[]", R"(, "session": "S02")");
  EXPECT_FALSE(d["accepted"].GetBool());
  EXPECT_EQ(code(d), "wrong_session");
  EXPECT_EQ(str(d["reason"]), "the token is for session S01, but this is the check-in for S02");
}

TEST_F(CheckIn, TokenOfAnotherParticipantIsRefused) {
  auto d = scan(token("S01", "GLC-2025-A0007"), "2025-03-10T09:00:00+08:00");
  EXPECT_EQ(code(d), "wrong_participant");
  EXPECT_EQ(str(d["reason"]), "the token belongs to GLC-2025-A0007, not to GLC-2025-A0042");
}

TEST_F(CheckIn, TokenOfAnotherProgrammeIsRefused) {
  EXPECT_EQ(code(scan(token("S01", "GLC-2025-A0042", "CNI-2025"), "2025-03-10T09:00:00+08:00")), "wrong_programme");
}

TEST_F(CheckIn, TamperedTokenIsRefused) {
  std::string forged = token("S01");
  forged.replace(forged.find("A0042"), 5, "A0043");
  auto d = runner.run("attendance.check_in",
                      R"({"programme": )" + programme_json() + R"(, "participant": "GLC-2025-A0043", "token": ")" +
                          forged + R"(", "at": "2025-03-10T09:00:00+08:00"})");
  EXPECT_FALSE(d["accepted"].GetBool());
  EXPECT_EQ(code(d), "bad_signature");
  EXPECT_EQ(code(scan("not-a-token", "2025-03-10T09:00:00+08:00")), "malformed_token");
}

TEST_F(CheckIn, ATokenUsedOnceIsRefusedTheSecondTime) {
  auto first = scan(token("S01"), "2025-03-10T08:50:00+08:00");
  ASSERT_TRUE(first["accepted"].GetBool());
  // The workflow appends the accepted check-in to data.checkins and passes it back next time.
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  first["checkin"].Accept(w);
  auto again = scan(token("S01"), "2025-03-10T09:30:00+08:00", std::string("[") + buf.GetString() + "]");
  EXPECT_FALSE(again["accepted"].GetBool());
  EXPECT_EQ(code(again), "already_checked_in");
  EXPECT_NE(str(again["reason"]).find("GLC-2025-A0042 already checked in to S01 at 2025-03-10T08:50:00+08:00 (qr)"),
            std::string::npos)
      << str(again["reason"]);
  // Another session's token still works.
  EXPECT_TRUE(scan(token("S02"), "2025-03-10T14:00:00+08:00", std::string("[") + buf.GetString() + "]")["accepted"].GetBool());
}

TEST_F(CheckIn, StaffCheckInNeedsNoTokenButTheSameWindow) {
  auto d = runner.run("attendance.check_in", R"({"programme": )" + programme_json() +
                                                 R"(, "participant": "GLC-2025-A0042", "session": "S02", "staff": "desk-2",
                                                     "at": "2025-03-10T14:20:00+08:00"})");
  ASSERT_TRUE(d["accepted"].GetBool()) << runner.outcome.json;
  EXPECT_EQ(str(d["checkin"]["method"]), "staff");
  EXPECT_EQ(str(d["checkin"]["by"]), "desk-2");
  EXPECT_EQ(str(d["status"]), "late");
  EXPECT_EQ(d["checkin"]["minutes_late"].GetInt(), 20);

  auto early = runner.run("attendance.check_in", R"({"programme": )" + programme_json() +
                                                     R"(, "participant": "GLC-2025-A0042", "session": "S02", "staff": "desk-2",
                                                         "at": "2025-03-10T12:00:00+08:00"})");
  EXPECT_EQ(str(early["code"]), "too_early");
  auto twice = runner.run("attendance.check_in", R"({"programme": )" + programme_json() +
                                                     R"(, "participant": "GLC-2025-A0042", "session": "S02", "staff": "desk-2",
                                                         "at": "2025-03-10T14:30:00+08:00", "checkins": )" +
                                                     records({record("S02", "late", "staff")}) + "}");
  EXPECT_EQ(str(twice["code"]), "already_checked_in");
}

TEST_F(CheckIn, NeitherTokenNorStaffIsRefused) {
  auto d = runner.run("attendance.check_in", R"({"programme": )" + programme_json() +
                                                 R"(, "participant": "GLC-2025-A0042", "session": "S02", "at": "2025-03-10T14:00:00+08:00"})");
  EXPECT_EQ(str(d["code"]), "no_credentials");
  auto unknown = runner.run("attendance.check_in", R"({"programme": )" + programme_json() +
                                                       R"(, "participant": "GLC-2025-A0042", "session": "S99", "staff": "desk-1", "at": "2025-03-10T14:00:00+08:00"})");
  EXPECT_EQ(str(unknown["code"]), "unknown_session");
}

std::string correct_args(const std::string& fields, const std::string& checkins = "[]") {
  return R"({"programme": )" + programme_json() + R"(, "participant": "GLC-2025-A0042", "checkins": )" + checkins +
         ", " + fields + "}";
}

TEST_F(CheckIn, CorrectionRecordsWhoAndWhyAndReplacesTheStatus) {
  auto d = runner.run("attendance.correct",
                      correct_args(R"J("session": "S01", "status": "excused", "staff": "office-li",
                                      "reason": "medical appointment (note on file)", "at": "2025-03-10T15:00:00+08:00")J",
                                   records({record("S01", "late")})));
  ASSERT_TRUE(d["accepted"].GetBool()) << runner.outcome.json << runner.outcome.message;
  const auto& c = d["checkin"];
  EXPECT_EQ(str(c["method"]), "manual");
  EXPECT_EQ(str(c["status"]), "excused");
  EXPECT_EQ(str(c["by"]), "office-li");
  EXPECT_EQ(str(c["reason"]), "medical appointment (note on file)");
  EXPECT_EQ(str(c["previous"]), "late");
  EXPECT_EQ(str(d["summary"]["sessions"][0]["status"]), "excused");
  EXPECT_EQ(str(d["summary"]["sessions"][0]["method"]), "manual");
}

TEST_F(CheckIn, CorrectionWithoutStaffOrReasonIsRefused) {
  auto no_reason = runner.run("attendance.correct", correct_args(R"("session": "S01", "status": "present", "staff": "office-li", "at": "2025-03-10T15:00:00+08:00")"));
  EXPECT_EQ(str(no_reason["code"]), "reason_required");
  auto no_staff = runner.run("attendance.correct", correct_args(R"("session": "S01", "status": "present", "reason": "scanner broken", "at": "2025-03-10T15:00:00+08:00")"));
  EXPECT_EQ(str(no_staff["code"]), "staff_required");
  auto bad_status = runner.run("attendance.correct", correct_args(R"("session": "S01", "status": "sleeping", "staff": "x", "reason": "y", "at": "2025-03-10T15:00:00+08:00")"));
  EXPECT_EQ(str(bad_status["code"]), "invalid_status");
}

TEST_F(CheckIn, ExcusedAheadOfTimeButPresentOnlyOnceTheSessionOpens) {
  auto ahead = runner.run("attendance.correct", correct_args(R"("session": "S04", "status": "excused", "staff": "office-li", "reason": "embassy appointment", "at": "2025-03-10T10:00:00+08:00")"));
  EXPECT_TRUE(ahead["accepted"].GetBool()) << runner.outcome.json;
  auto present = runner.run("attendance.correct", correct_args(R"("session": "S04", "status": "present", "staff": "office-li", "reason": "trust me", "at": "2025-03-10T10:00:00+08:00")"));
  EXPECT_EQ(str(present["code"]), "not_started");
}

TEST_F(CheckIn, ShowingUpAfterBeingExcusedCountsAsAttended) {
  auto d = scan(token("S04"), "2025-03-11T14:00:00+08:00",
                records({R"({"session": "S04", "status": "excused", "method": "manual", "by": "office-li", "reason": "embassy"})"}));
  ASSERT_TRUE(d["accepted"].GetBool()) << runner.outcome.json;
  EXPECT_EQ(str(d["summary"]["sessions"][3]["status"]), "present");
}

TEST_F(CheckIn, BadArgumentsNameTheField) {
  runner.run("attendance.check_in", check_in_args(programme_json(), token("S01"), "2025-03-10 09:00"));
  EXPECT_EQ(runner.outcome.kind, cohort_attendance::OperationOutcome::Kind::InvalidArgument);
  EXPECT_NE(runner.outcome.message.find("at must be an ISO 8601 date-time with an offset"), std::string::npos)
      << runner.outcome.message;

  runner.run("attendance.check_in", R"({"participant": "A", "at": "2025-03-10T09:00:00Z"})");
  EXPECT_NE(runner.outcome.message.find("programme is required"), std::string::npos) << runner.outcome.message;

  std::string broken = programme_json();
  broken.replace(broken.find("\"17:00\""), 7, "\"25:00\"");
  runner.run("attendance.check_in", check_in_args(broken, token("S01"), "2025-03-10T09:00:00+08:00"));
  EXPECT_NE(runner.outcome.message.find("programme.sessions[1].end must be HH:MM, got '25:00'"), std::string::npos)
      << runner.outcome.message;

  runner.run("attendance.check_in", check_in_args(programme_json(), token("S01"), "2025-03-10T09:00:00+08:00",
                                                  R"([{"session": "S01", "status": "asleep"}])"));
  EXPECT_NE(runner.outcome.message.find("checkins[0].status must be present, late, excused or absent"), std::string::npos)
      << runner.outcome.message;
}

}  // namespace
