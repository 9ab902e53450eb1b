// The programme-rules operations as a workflow calls them: JSON arguments in, JSON out.
#include <gtest/gtest.h>

#include <rapidjson/document.h>

#include "rules_json.hpp"

using cohort_rules::run_operation;

namespace {

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document d;
  d.Parse(text.c_str());
  return d;
}

}  // namespace

TEST(RulesOperations, CheckEligibilityReportsEveryFailedRule) {
  auto out = run_operation("rules.check_eligibility", R"({
    "applicant": {"nationality": "FR", "birth_date": "1990-01-01", "degree": "master",
                  "years_experience": 5, "documents": ["passport"], "languages": ["en"]},
    "eligibility": {"reference_date": "2025-03-10", "age": {"min": 25, "max": 50}, "min_degree": "bachelor",
                    "min_experience_years": 3, "required_documents": ["passport", "cv"]},
    "countries": ["KE", "VN"]})");
  ASSERT_TRUE(out.ok) << out.message;
  auto d = parse(out.json);
  EXPECT_FALSE(d["eligible"].GetBool());
  ASSERT_EQ(d["failed"].Size(), 2u);
  EXPECT_STREQ(d["failed"][0]["rule"].GetString(), "nationality");
  EXPECT_STREQ(d["failed"][1]["reason"].GetString(), "required documents missing: cv");
  EXPECT_EQ(d["age"].GetInt(), 35);
}

TEST(RulesOperations, SelectReturnsListsExplanationsAndHolders) {
  auto out = run_operation("rules.select", R"({
    "candidates": [{"id": "a", "country": "VN", "gender": "f", "score": 9},
                   {"id": "b", "country": "VN", "gender": "m", "score": 8},
                   {"id": "c", "country": "BO", "gender": "f", "score": 3}],
    "seats": 2, "quotas": {"VN": {"min": 0, "max": 1}, "BO": {"min": 1, "max": 2}, "MY": {"min": 1, "max": 2}},
    "min_score": 2})");
  ASSERT_TRUE(out.ok) << out.message;
  auto d = parse(out.json);
  ASSERT_EQ(d["offered"].Size(), 2u);
  EXPECT_STREQ(d["offered"][0].GetString(), "a");
  EXPECT_STREQ(d["offered"][1].GetString(), "c");
  EXPECT_STREQ(d["waitlist"][0].GetString(), "b");
  EXPECT_STREQ(d["waitlist_entries"][0]["country"].GetString(), "VN");
  EXPECT_EQ(d["shortlisted"].Size(), 3u);
  EXPECT_EQ(d["holders_by_country"]["VN"].GetInt(), 1);
  EXPECT_STREQ(d["unmet"][0].GetString(), "quota min for MY not met: only 0 qualifying candidates for a minimum of 1");
  EXPECT_TRUE(d["explanations"].HasMember("b"));
}

TEST(RulesOperations, ReplaceAcceptsTheSelectOutputAsItsState) {
  auto out = run_operation("rules.replace", R"({
    "waitlist": [{"id": "b", "country": "VN", "score": 8, "rank": 2}],
    "holders": [{"id": "a", "country": "VN"}, {"id": "c", "country": "BO"}],
    "quotas": {"VN": {"min": 0, "max": 1}},
    "freed": {"id": "a", "country": "VN"},
    "date": "2025-01-20T00:00:00Z", "last_replacement": "2025-02-07T23:59:00+08:00"})");
  ASSERT_TRUE(out.ok) << out.message;
  auto d = parse(out.json);
  EXPECT_STREQ(d["offer"].GetString(), "b");
  EXPECT_EQ(d["waitlist"].Size(), 0u);
  EXPECT_EQ(d["holders"].Size(), 2u);
}

TEST(RulesOperations, NullListsFromFreshInstanceDataAreEmpty) {
  auto out = run_operation("rules.replace", R"({"waitlist": null, "holders": null, "freed": {"id": "a", "country": "VN"}})");
  ASSERT_TRUE(out.ok) << out.message;
  EXPECT_TRUE(parse(out.json)["offer"].IsNull());
}

TEST(RulesOperations, AttendanceAndCertificateNumbers) {
  auto out = run_operation("rules.attendance", R"({
    "checkins": [{"session": "S1", "status": "present"}],
    "sessions": [{"id": "S1", "weight": 1}, {"id": "S2", "weight": 1}], "threshold": 0.5})");
  ASSERT_TRUE(out.ok) << out.message;
  auto d = parse(out.json);
  EXPECT_TRUE(d["met"].GetBool());
  EXPECT_DOUBLE_EQ(d["rate"].GetDouble(), 0.5);
  auto cert = run_operation("rules.certificate_number", R"({"prefix": "GLC-2025-", "sequence": 7, "digits": 4})");
  ASSERT_TRUE(cert.ok);
  EXPECT_STREQ(parse(cert.json)["number"].GetString(), "GLC-2025-0007");
}

TEST(RulesOperations, BadArgumentsNameTheField) {
  auto out = run_operation("rules.select", R"({"candidates": [{"id": "a", "score": "high"}], "seats": 1})");
  EXPECT_FALSE(out.ok);
  EXPECT_EQ(out.message, "rules.select: candidates[0].score must be a number");
  EXPECT_FALSE(run_operation("rules.select", "not json").ok);
  EXPECT_FALSE(run_operation("rules.nothing", "{}").ok);
}
