// The four 2025 programme files against their schema, and their selection settings
// against the rules: every file validates, its review committee can review applicants
// from every eligible country, and its rounds and gender target fit its seats.
#include <gtest/gtest.h>

#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "rules.hpp"

namespace fs = std::filesystem;

namespace {

const fs::path kWorkflows = fs::path(COHORT_TEST_DIR) / ".." / "workflows";

rapidjson::Document read_json(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  rapidjson::Document d;
  d.Parse(ss.str().c_str());
  return d;
}

std::vector<fs::path> programme_files() {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(kWorkflows / "programmes"))
    if (e.path().extension() == ".json") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string str(const rapidjson::Value& v, const char* key) {
  return v.HasMember(key) && v[key].IsString() ? v[key].GetString() : "";
}

}  // namespace

TEST(ProgrammeFiles, TheirSelectionSettingsMatchTheProgrammeSchema) {
  const auto full = read_json(kWorkflows / "schema" / "programme.schema.json");
  ASSERT_FALSE(full.HasParseError());
  // RapidJSON 1.1 mishandles patternProperties next to additionalProperties (the quotas), so
  // the parts selection reads are checked against their own part of the schema.
  rapidjson::Document part;
  part.SetObject();
  auto& alloc = part.GetAllocator();
  rapidjson::Value props(rapidjson::kObjectType);
  for (const char* key : {"selection", "seats", "countries"})
    props.AddMember(rapidjson::StringRef(key), rapidjson::Value(full["properties"][key], alloc), alloc);
  part.AddMember("type", "object", alloc);
  part.AddMember("properties", props, alloc);
  part.AddMember("definitions", rapidjson::Value(full["definitions"], alloc), alloc);
  rapidjson::SchemaDocument schema(part);
  const auto files = programme_files();
  ASSERT_EQ(files.size(), 4u);
  for (const auto& f : files) {
    auto doc = read_json(f);
    ASSERT_FALSE(doc.HasParseError()) << f;
    rapidjson::SchemaValidator validator(schema);
    if (!doc.Accept(validator)) {
      rapidjson::StringBuffer where, rule;
      validator.GetInvalidSchemaPointer().StringifyUriFragment(rule);
      validator.GetInvalidDocumentPointer().StringifyUriFragment(where);
      ADD_FAILURE() << f.filename() << ": at " << where.GetString() << " breaks " << rule.GetString() << " ("
                    << validator.GetInvalidSchemaKeyword() << ")";
    }
    // And the schema does check them: a reviewer without an institution is refused.
    doc["selection"]["reviewers"][0].RemoveMember("institution");
    rapidjson::SchemaValidator strict(schema);
    EXPECT_FALSE(doc.Accept(strict)) << f.filename();
  }
}

TEST(ProgrammeFiles, TheReviewCommitteeCanReviewEveryEligibleCountry) {
  for (const auto& f : programme_files()) {
    SCOPED_TRACE(f.filename().string());
    const auto doc = read_json(f);
    const auto& selection = doc["selection"];
    ASSERT_TRUE(selection.HasMember("reviewers"));
    cohort_rules::AssignmentInput in;
    for (const auto& r : selection["reviewers"].GetArray()) {
      cohort_rules::Reviewer rev;
      rev.id = str(r, "id");
      rev.country = str(r, "country");
      rev.institution = str(r, "institution");
      if (r.HasMember("conflicts"))
        for (const auto& c : r["conflicts"].GetArray()) rev.conflicts.push_back(c.GetString());
      if (r.HasMember("max_load")) rev.max_load = r["max_load"].GetInt();
      in.reviewers.push_back(rev);
    }
    // The final round asks the most reviewers of each application.
    in.per_application = selection["reviews_per_application"].GetInt();
    for (const auto& round : selection["rounds"].GetArray())
      if (round.HasMember("reviews_per_application"))
        in.per_application = std::max(in.per_application, round["reviews_per_application"].GetInt());
    int n = 0;
    for (const auto& c : doc["countries"].GetArray())
      for (int i = 0; i < 5; ++i)
        in.applications.push_back({"X" + std::to_string(++n), c.GetString(), std::string(c.GetString()) + " University"});
    const auto r = cohort_rules::assign_reviewers(in);
    EXPECT_TRUE(r.complete) << r.summary;
    EXPECT_LE(r.max_load - r.min_load, 1) << r.summary;

    // Rounds: a shortlist at least as long as the seats; the gender target can be met.
    const int seats = doc["seats"].GetInt();
    const auto& rounds = selection["rounds"].GetArray();
    ASSERT_GE(rounds.Size(), 2u);
    EXPECT_GE(rounds[0]["size"].GetInt(), seats);
    const auto& gender = selection["diversity"]["gender"];
    cohort_rules::GenderTarget t;
    for (const auto& s : gender["shares"].GetObject()) t.shares[s.name.GetString()] = s.value.GetDouble();
    t.tolerance = gender["tolerance"].GetDouble();
    int lowest = 0;
    for (const auto& [g, share] : t.shares) lowest += static_cast<int>(std::ceil((share - t.tolerance) * seats - 1e-9));
    EXPECT_LE(lowest, seats);
  }
}
