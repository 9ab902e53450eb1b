// The operations' JSON: argument and result shapes the workflows rely on, and precise errors.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "eligibility_service.hpp"

using namespace cohort_eligibility;

namespace {

rapidjson::Document run_ok(EligibilityService& s, const char* op, const std::string& args) {
  auto out = s.run(op, args);
  EXPECT_TRUE(out.ok) << out.message;
  rapidjson::Document d;
  d.Parse(out.json.c_str());
  EXPECT_FALSE(d.HasParseError()) << out.json;
  return d;
}

const char* kArgs = R"({
  "applicant": {"nationality": "KE", "birth_date": "2000-02-29", "degree": "master", "years_experience": 4,
                "employer_type": "university", "documents": ["passport", "cv", "health_certificate"], "languages": ["en"]},
  "eligibility": {"reference_date": "2025-03-01", "age": {"min": 25, "max": 50}, "min_degree": "bachelor",
                  "min_experience_years": 3, "employer_types": ["government", "university"],
                  "required_documents": ["passport", "cv", "employer_nomination", "health_certificate"],
                  "languages_any": ["en"]},
  "countries": ["KE", "NG"],
  "submission": {"at": "2024-12-16T00:00:00+08:00", "deadline": "2024-12-15T23:59:00+08:00",
                 "timezone": "Asia/Shanghai", "extension": "P2D"}
})";

}  // namespace

TEST(EligibilityService, CheckReportsEachFailedRuleWithCodeReasonAndTheDeadline) {
  EligibilityService s;
  auto d = run_ok(s, "eligibility.check", kArgs);
  EXPECT_FALSE(d["eligible"].GetBool());
  EXPECT_EQ(d["age"].GetInt(), 25);  // born 29 February, 25 on 1 March 2025
  ASSERT_EQ(d["failed"].Size(), 1u);
  EXPECT_STREQ(d["failed"][0]["rule"].GetString(), "documents");
  EXPECT_STREQ(d["failed"][0]["code"].GetString(), "documents.missing");
  EXPECT_STREQ(d["failed"][0]["reason"].GetString(), "required document missing: nomination letter");
  EXPECT_STREQ(d["failed"][0]["missing"][0].GetString(), "employer_nomination");
  EXPECT_STREQ(d["summary"].GetString(), "not eligible: required document missing: nomination letter");
  const auto& dl = d["deadline"];
  EXPECT_TRUE(dl["on_time"].GetBool());
  EXPECT_TRUE(dl["extended"].GetBool());
  EXPECT_STREQ(dl["deadline"].GetString(), "2024-12-17T23:59:00+08:00");
  EXPECT_STREQ(dl["closes_at"].GetString(), "2024-12-18T00:00:00+08:00");
  EXPECT_STREQ(dl["submitted_at"].GetString(), "2024-12-16T00:00:00+08:00");
  EXPECT_EQ(dl["seconds_left"].GetInt64(), 2 * 86400);
  EXPECT_EQ(d["passed"].Size(), 7u);  // six rules and the deadline
}

TEST(EligibilityService, ALateSubmissionIsAFailedRuleToo) {
  EligibilityService s;
  std::string args = kArgs;
  args.replace(args.find("\"P2D\""), 5, "null");
  auto d = run_ok(s, "eligibility.check", args);
  ASSERT_EQ(d["failed"].Size(), 2u);
  EXPECT_STREQ(d["failed"][1]["rule"].GetString(), "deadline");
  EXPECT_STREQ(d["failed"][1]["code"].GetString(), "deadline.late");
  EXPECT_FALSE(d["deadline"]["on_time"].GetBool());
  EXPECT_EQ(d["deadline"]["seconds_late"].GetInt64(), 0);
}

TEST(EligibilityService, DeadlineOperationStandsAlone) {
  EligibilityService s;
  auto d = run_ok(s, "eligibility.deadline",
                  R"({"at": "2024-12-15T15:59:59Z", "deadline": "2024-12-15T23:59", "timezone": "Asia/Shanghai"})");
  EXPECT_TRUE(d["on_time"].GetBool());
  EXPECT_STREQ(d["code"].GetString(), "on_time");
  EXPECT_STREQ(d["deadline"].GetString(), "2024-12-15T23:59:00+08:00");
  EXPECT_STREQ(d["timezone"].GetString(), "Asia/Shanghai");
  EXPECT_EQ(d["seconds_left"].GetInt64(), 1);
  EXPECT_TRUE(d["warnings"].IsArray());
}

TEST(EligibilityService, BadArgumentsNameTheField) {
  EligibilityService s;
  auto out = s.run("eligibility.check", R"({"applicant": {"years_experience": "four"}})");
  EXPECT_FALSE(out.ok);
  EXPECT_EQ(out.message, "eligibility.check: applicant.years_experience must be a number");
  out = s.run("eligibility.check", R"({"eligibility": {}})");
  EXPECT_EQ(out.message, "eligibility.check: applicant is required");
  out = s.run("eligibility.check", R"({"applicant": {}, "eligibility": {"reference_date": "10 March"}})");
  EXPECT_NE(out.message.find("eligibility.reference_date '10 March' is not a date"), std::string::npos);
  out = s.run("eligibility.check", "[]");
  EXPECT_EQ(out.message, "eligibility.check: the arguments must be a JSON object");
  out = s.run("eligibility.deadline", R"({"at": "2024-12-15T15:59:59Z", "deadline": "2024-12-15T23:59"})");
  EXPECT_NE(out.message.find("timezone is required"), std::string::npos);
}

TEST(EligibilityService, ConfigurationSetsTheScaleAliasesLabelsAndZoneDirectory) {
  EligibilityService s;
  std::string error;
  ASSERT_TRUE(s.configure(R"({"degree_aliases": {"PhD": "doctorate"}, "document_labels": {"cv": "curriculum vitae"}})",
                          error))
      << error;
  auto d = run_ok(s, "eligibility.check", R"({"applicant": {"degree": "phd", "documents": []},
      "eligibility": {"min_degree": "master", "required_documents": ["cv"]}})");
  ASSERT_EQ(d["failed"].Size(), 1u);
  EXPECT_STREQ(d["failed"][0]["reason"].GetString(), "required document missing: curriculum vitae");

  EXPECT_FALSE(s.configure(R"({"degree_scale": []})", error));
  EXPECT_EQ(error, "config.degree_scale must list at least one degree");
  ASSERT_TRUE(s.configure(R"({"zoneinfo": "/nonexistent"})", error));
  auto out = s.run("eligibility.deadline", R"({"at": "2024-12-15T15:59:59Z", "deadline": "2024-12-15T23:59", "timezone": "Asia/Shanghai"})");
  EXPECT_FALSE(out.ok);
  EXPECT_NE(out.message.find("/nonexistent/Asia/Shanghai"), std::string::npos) << out.message;
}
