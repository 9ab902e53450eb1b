// The selection operations through the real plugin library, loaded by the engine's
// PluginHost, with the GLC 2025 programme file's reviewers, quotas, rounds and gender
// target: assignment, a shortlist round, a final round, the seats and a replacement, each
// call with the JSON a workflow sends.
#include <gtest/gtest.h>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "host/plugin_host.hpp"

namespace fs = std::filesystem;
using rapidjson::Document;
using rapidjson::Value;

namespace {

const fs::path kProgramme = fs::path(COHORT_TEST_DIR) / ".." / "workflows" / "programmes" / "glc-2025.json";

std::string text_of(const Value& v) {
  rapidjson::StringBuffer sb;
  rapidjson::Writer<rapidjson::StringBuffer> w(sb);
  v.Accept(w);
  return sb.GetString();
}

Document parse(const std::string& text) {
  Document d;
  d.Parse(text.c_str());
  return d;
}

Document read_programme() {
  std::ifstream in(kProgramme);
  std::stringstream ss;
  ss << in.rdbuf();
  return parse(ss.str());
}

class SelectionPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    cohort::host::HostOptions options;
    options.data_dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "programme" / "selection-plugin";
    programme_ = read_programme();
    ASSERT_TRUE(programme_.IsObject());
    options.config["org.cohort.programme-rules"] = text_of(programme_["plugins"]["org.cohort.programme-rules"]);
    host_ = std::make_unique<cohort::host::PluginHost>(options);
    auto loaded = host_->load(fs::path(COHORT_BINARY_DIR) / "plugins" / "programme-rules");
    ASSERT_TRUE(loaded.ok) << loaded.error;
  }

  Document call(const std::string& operation, const std::string& args) {
    cohort::host::CallContext ctx;
    ctx.instance = "GLC-2025";
    ctx.step = operation;
    auto result = host_->call(operation, args, ctx);
    EXPECT_TRUE(result.ok()) << operation << ": " << result.message;
    return parse(result.json);
  }

  const Value& selection() const { return programme_["selection"]; }

  Document programme_;
  std::unique_ptr<cohort::host::PluginHost> host_;
};

// 110 applicants from the programme's countries; a few chosen to collide with the
// reviewers: GLC-2025-A0007 (declared by R03), one from the University of Nairobi (R07's
// institution) and every Kenyan and Pakistani (R07's and R08's countries).
std::string applications_json(bool with_reviews, const std::set<std::string>* only = nullptr,
                              const Value* assignments = nullptr) {
  static const char* const countries[] = {"EG", "ET", "ID", "KE", "LA", "LK", "MN", "NG", "PK", "TH", "UZ"};
  std::string out = "[";
  bool first = true;
  for (int i = 1; i <= 110; ++i) {
    char id[32];
    std::snprintf(id, sizeof id, "GLC-2025-A%04d", i);
    if (only && !only->count(id)) continue;
    const std::string country = countries[i % 11];
    const std::string institution = i == 14 ? "University of Nairobi" : country + " Institute " + std::to_string(i % 5);
    const double quality = 3.0 + (i * 37 % 70) / 10.0;
    out += std::string(first ? "" : ",") + R"({"id":")" + id + R"(","country":")" + country + R"(","gender":")" +
           (i % 5 < 2 ? "female" : "male") + R"(","institution":")" + institution + "\"";
    first = false;
    if (with_reviews && assignments) {
      out += R"(,"reviews":[)";
      bool first_review = true;
      for (const auto& r : (*assignments)[id].GetArray()) {
        const std::string reviewer = r.GetString();
        // R02 is harsh: two points under everyone else.
        const double s = std::max(0.0, quality - (reviewer == "R02" ? 2.0 : 0.0));
        char review[256];
        std::snprintf(review, sizeof review,
                      R"({"reviewer":"%s","score":%.1f,"criteria":{"relevance":%.1f,"experience":%.1f,"motivation":%.1f}})",
                      reviewer.c_str(), s, s, s, s);
        out += std::string(first_review ? "" : ",") + review;
        first_review = false;
      }
      out += "]";
    }
    out += "}";
  }
  return out + "]";
}

}  // namespace

TEST_F(SelectionPlugin, TheSelectionOperationsAreOffered) {
  for (const char* op : {"rules.assign_reviewers", "rules.score", "rules.shortlist", "rules.select", "rules.replace"})
    EXPECT_EQ(host_->plugin_for(op), std::optional<std::string>("org.cohort.programme-rules")) << op;
}

TEST_F(SelectionPlugin, FromAssignmentToAReplacementWithTheProgrammesOwnSettings) {
  // Round 1: every application, reviews_per_application reviewers.
  const std::string reviewers = text_of(selection()["reviewers"]);
  Document assigned = call("rules.assign_reviewers", R"({"round":"shortlist","applications":)" + applications_json(false) +
                                                         R"(,"reviewers":)" + reviewers + R"(,"reviews_per_application":)" +
                                                         text_of(selection()["reviews_per_application"]) + "}");
  ASSERT_TRUE(assigned["complete"].GetBool()) << assigned["summary"].GetString();
  EXPECT_STREQ(assigned["round"].GetString(), "shortlist");
  EXPECT_EQ(assigned["assigned"].Size(), 110u);
  const Value& a = assigned["assignments"];
  for (const auto& r : a["GLC-2025-A0007"].GetArray()) EXPECT_STRNE(r.GetString(), "R03");
  for (const auto& r : a["GLC-2025-A0014"].GetArray()) EXPECT_STRNE(r.GetString(), "R07");  // University of Nairobi, Kenyan
  for (const auto& m : a.GetObject()) {
    const int n = std::atoi(m.name.GetString() + 10);
    if (n % 11 != 8) continue;  // Pakistani applicants never go to R08
    for (const auto& r : m.value.GetArray()) EXPECT_STRNE(r.GetString(), "R08") << m.name.GetString();
  }
  EXPECT_LE(assigned["max_load"].GetInt() - assigned["min_load"].GetInt(), 1) << assigned["summary"].GetString();
  EXPECT_GT(assigned["conflicts_avoided"].GetInt(), 0);

  // Round 1 scores: applications carry their reviews, as participants collect them.
  Document scored = call("rules.score", R"({"round":"shortlist","applications":)" + applications_json(true, nullptr, &a) +
                                            R"(,"criteria":)" + text_of(selection()["criteria"]) + R"(,"reviewers":)" +
                                            reviewers + R"(,"assignments":)" + text_of(a) + R"(,"normalisation":")" +
                                            selection()["normalisation"].GetString() + "\"}");
  ASSERT_EQ(scored["candidates"].Size(), 110u);
  EXPECT_TRUE(scored["set_aside"].Empty());
  bool harsh_adjusted = false;
  for (const auto& r : scored["reviewers"].GetArray())
    if (std::string(r["id"].GetString()) == "R02") harsh_adjusted = r["adjusted"].GetBool() && r["mean"].GetDouble() < 5.5;
  EXPECT_TRUE(harsh_adjusted);

  // The shortlist, as large as the programme's first round says.
  const int size = selection()["rounds"][0]["size"].GetInt();
  Document shortlisted = call("rules.shortlist", R"({"candidates":)" + text_of(scored["candidates"]) + R"(,"size":)" +
                                                     std::to_string(size) + R"(,"seats":)" + text_of(programme_["seats"]) +
                                                     R"(,"quotas":)" + text_of(programme_["quotas"]) + R"(,"diversity":)" +
                                                     text_of(selection()["diversity"]) + "}");
  ASSERT_EQ(shortlisted["shortlisted"].Size(), static_cast<unsigned>(size));
  EXPECT_EQ(shortlisted["not_shortlisted"].Size(), 110u - size);
  EXPECT_TRUE(shortlisted["infeasible"].Empty());

  // Round 2 on the shortlist, one more reviewer each.
  std::set<std::string> on_list;
  for (const auto& id : shortlisted["shortlisted"].GetArray()) on_list.insert(id.GetString());
  Document final_assigned = call("rules.assign_reviewers", R"({"round":"final","applications":)" +
                                                               applications_json(false, &on_list) + R"(,"reviewers":)" +
                                                               reviewers + R"(,"reviews_per_application":)" +
                                                               text_of(selection()["rounds"][1]["reviews_per_application"]) + "}");
  ASSERT_TRUE(final_assigned["complete"].GetBool());
  const Value& fa = final_assigned["assignments"];
  Document final_scored = call("rules.score", R"({"round":"final","applications":)" + applications_json(true, &on_list, &fa) +
                                                  R"(,"criteria":)" + text_of(selection()["criteria"]) + R"(,"reviewers":)" +
                                                  reviewers + "}");
  ASSERT_EQ(final_scored["candidates"].Size(), static_cast<unsigned>(size));
  EXPECT_EQ(final_scored["candidates"][0]["reviews"].GetInt(), 3);

  // The seats.
  Document selected = call("rules.select", R"({"candidates":)" + text_of(final_scored["candidates"]) + R"(,"seats":)" +
                                               text_of(programme_["seats"]) + R"(,"quotas":)" + text_of(programme_["quotas"]) +
                                               R"(,"diversity":)" + text_of(selection()["diversity"]) + R"(,"min_score":)" +
                                               text_of(selection()["min_score"]) + R"(,"waitlist_size":)" +
                                               text_of(selection()["waitlist_size"]) + "}");
  EXPECT_LE(selected["offered"].Size(), 30u);
  EXPECT_TRUE(selected["feasible"].GetBool()) << selected["report"].GetString();
  EXPECT_EQ(selected["holders"].Size(), selected["offered"].Size());
  int women = selected["holders_by_gender"].HasMember("female") ? selected["holders_by_gender"]["female"].GetInt() : 0;
  const int seated = static_cast<int>(selected["offered"].Size());
  EXPECT_GE(women * 10, seated * 3);  // 50% +/- 20%
  EXPECT_LE(women * 10, seated * 7);
  for (const auto& m : programme_["quotas"].GetObject()) {
    const int held = selected["holders_by_country"].HasMember(m.name) ? selected["holders_by_country"][m.name].GetInt() : 0;
    EXPECT_LE(held, m.value["max"].GetInt()) << m.name.GetString();
    EXPECT_GE(held, m.value["min"].GetInt()) << m.name.GetString();
  }
  const std::string best = selected["offered"][0].GetString();
  EXPECT_EQ(std::string(selected["explanations"][best.c_str()].GetString()).rfind("rank 1, score ", 0), 0u);

  // A seat is freed: the waitlist answers, keeping the quotas.
  ASSERT_FALSE(selected["waitlist_entries"].Empty());
  const Value& leaving = selected["holders"][0];
  Document replaced = call("rules.replace", R"({"waitlist":)" + text_of(selected["waitlist_entries"]) + R"(,"holders":)" +
                                                text_of(selected["holders"]) + R"(,"quotas":)" + text_of(programme_["quotas"]) +
                                                R"(,"seats":30,"diversity":)" + text_of(selection()["diversity"]) +
                                                R"(,"freed":)" + text_of(leaving) +
                                                R"(,"date":"2025-01-20T10:00:00+08:00","last_replacement":)" +
                                                text_of(programme_["dates"]["last_replacement"]) + "}");
  ASSERT_TRUE(replaced["offer"].IsString()) << replaced["reason"].GetString();
  EXPECT_EQ(replaced["holders"].Size(), selected["holders"].Size());
  EXPECT_NE(std::string(replaced["reason"].GetString()).find(std::string("replaces ") + leaving["id"].GetString()),
            std::string::npos);
}

// Workflows may pass the whole programme file ("programme": "=programme"): every setting not
// given explicitly comes from it, the round's own settings first.
TEST_F(SelectionPlugin, SettingsComeFromTheProgrammeFileWhenNotGiven) {
  const std::string programme = text_of(programme_);
  Document final_round = call("rules.assign_reviewers",
                              R"({"round":"final","applications":)" + applications_json(false) + R"(,"programme":)" + programme + "}");
  EXPECT_EQ(final_round["assignments"]["GLC-2025-A0001"].Size(), 3u);  // rounds[final].reviews_per_application
  Document shortlist_round = call("rules.assign_reviewers", R"({"round":"shortlist","applications":)" +
                                                                applications_json(false) + R"(,"programme":)" + programme + "}");
  EXPECT_EQ(shortlist_round["assignments"]["GLC-2025-A0001"].Size(), 2u);  // selection.reviews_per_application
  EXPECT_EQ(shortlist_round["loads"].MemberCount(), selection()["reviewers"].Size());

  const Value& a = shortlist_round["assignments"];
  Document scored = call("rules.score", R"({"applications":)" + applications_json(true, nullptr, &a) + R"(,"programme":)" + programme + "}");
  const std::string candidates = text_of(scored["candidates"]);
  Document listed = call("rules.shortlist", R"({"round":"shortlist","candidates":)" + candidates + R"(,"programme":)" + programme + "}");
  EXPECT_EQ(listed["shortlisted"].Size(), 60u);

  Document implicit = call("rules.select", R"({"candidates":)" + candidates + R"(,"programme":)" + programme + "}");
  Document explicit_ = call("rules.select", R"({"candidates":)" + candidates + R"(,"seats":)" + text_of(programme_["seats"]) +
                                                R"(,"quotas":)" + text_of(programme_["quotas"]) + R"(,"diversity":)" +
                                                text_of(selection()["diversity"]) + R"(,"min_score":)" +
                                                text_of(selection()["min_score"]) + R"(,"waitlist_size":)" +
                                                text_of(selection()["waitlist_size"]) + "}");
  EXPECT_EQ(text_of(implicit), text_of(explicit_));
  EXPECT_EQ(implicit["waitlist"].Size(), 15u);  // selection.waitlist_size
  // An explicit argument wins over the file.
  Document fewer = call("rules.select", R"({"candidates":)" + candidates + R"(,"seats":5,"programme":)" + programme + "}");
  EXPECT_LE(fewer["offered"].Size(), 5u);
}

TEST_F(SelectionPlugin, BadArgumentsAreRefusedNamingTheField) {
  cohort::host::CallContext ctx;
  ctx.instance = "GLC-2025";
  auto r = host_->call("rules.score", R"({"reviews":[{"application":"a","reviewer":"R1","criteria":{"relevance":"high"}}]})", ctx);
  EXPECT_EQ(r.status, cohort::host::CallStatus::InvalidArgument);
  EXPECT_EQ(r.message, "rules.score: reviews[0].criteria.relevance must be a number");
  r = host_->call("rules.assign_reviewers", R"({"applications":[{"country":"KE"}],"reviewers":[]})", ctx);
  EXPECT_EQ(r.status, cohort::host::CallStatus::InvalidArgument);
  EXPECT_EQ(r.message, "rules.assign_reviewers: applications[0].id is required");
  r = host_->call("rules.select", R"({"candidates":[],"seats":3,"diversity":{"age":{}}})", ctx);
  EXPECT_EQ(r.message, "rules.select: diversity.age is not a supported target (only gender)");
}
