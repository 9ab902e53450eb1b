// The four 2025 programme files: still valid against their schema with the eligibility
// additions, and their rules, deadline and zone work with the plugin as the workflow passes them.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fstream>
#include <sstream>
#include <string>

#include "eligibility_service.hpp"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string to_text(const rapidjson::Value& v) {
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  v.Accept(w);
  return buf.GetString();
}

class ProgrammeFile : public testing::TestWithParam<const char*> {};

}  // namespace

TEST_P(ProgrammeFile, IsValidAndAcceptsAQualifiedApplicantOnTheDeadlineMinute) {
  const std::string root = COHORT_SOURCE_DIR;
  rapidjson::Document schema_doc;
  schema_doc.Parse(slurp(root + "/workflows/schema/programme.schema.json").c_str());
  ASSERT_FALSE(schema_doc.HasParseError());
  rapidjson::Document p;
  p.Parse(slurp(root + "/workflows/programmes/" + GetParam()).c_str());
  ASSERT_FALSE(p.HasParseError());
  // RapidJSON 1.1 mishandles patternProperties next to additionalProperties (the quotas), so
  // the parts this plugin reads are checked against their own part of the schema.
  rapidjson::Document part;
  part.SetObject();
  auto& a = part.GetAllocator();
  rapidjson::Value props(rapidjson::kObjectType);
  for (const char* key : {"eligibility", "timezone", "countries", "dates"})
    props.AddMember(rapidjson::StringRef(key), rapidjson::Value(schema_doc["properties"][key], a), a);
  part.AddMember("type", "object", a);
  part.AddMember("properties", props, a);
  part.AddMember("definitions", rapidjson::Value(schema_doc["definitions"], a), a);
  rapidjson::SchemaDocument schema(part);
  rapidjson::SchemaValidator validator(schema);
  EXPECT_TRUE(p.Accept(validator)) << GetParam() << ": invalid at " << [&] {
    rapidjson::StringBuffer sb;
    validator.GetInvalidSchemaPointer().StringifyUriFragment(sb);
    return std::string(sb.GetString()) + " keyword " + validator.GetInvalidSchemaKeyword();
  }();
  rapidjson::Document broken;
  broken.CopyFrom(p, broken.GetAllocator());
  broken["eligibility"]["employer_types"].SetArray();  // an empty allow list would admit nobody
  rapidjson::SchemaValidator strict(schema);
  EXPECT_FALSE(broken.Accept(strict));

  const auto& el = p["eligibility"];
  ASSERT_TRUE(el.HasMember("employer_types"));
  std::string documents;
  for (const auto& d : el["required_documents"].GetArray()) documents += std::string(documents.empty() ? "" : ",") + "\"" + d.GetString() + "\"";
  // 30 years old on the reference date, the programme's first country, first employer type.
  std::string birth = el["reference_date"].GetString();
  birth = std::to_string(std::stoi(birth.substr(0, 4)) - 30) + birth.substr(4);
  const std::string args = std::string(R"({"applicant": {"nationality": ")") + p["countries"][0].GetString() +
                           R"(", "birth_date": ")" + birth + R"(", "degree": "doctorate", "years_experience": 10,
      "employer_type": ")" + el["employer_types"][0].GetString() + R"(", "documents": [)" + documents +
                           R"(], "languages": [")" + el["languages_any"][0].GetString() + R"("]},
      "eligibility": )" + to_text(el) + R"(, "countries": )" + to_text(p["countries"]) +
                           R"(, "submission": {"at": ")" + p["dates"]["call_closes"].GetString() +
                           R"(", "deadline": ")" + p["dates"]["call_closes"].GetString() + R"(", "timezone": ")" +
                           p["timezone"].GetString() + R"(", "opens": ")" + p["dates"]["call_opens"].GetString() + R"("}})";
  cohort_eligibility::EligibilityService service;
  auto out = service.run("eligibility.check", args);
  ASSERT_TRUE(out.ok) << out.message;
  rapidjson::Document r;
  r.Parse(out.json.c_str());
  EXPECT_TRUE(r["eligible"].GetBool()) << out.json;
  EXPECT_EQ(r["age"].GetInt(), 30);
  EXPECT_EQ(r["deadline"]["seconds_left"].GetInt64(), 60);
  EXPECT_EQ(r["deadline"]["warnings"].Size(), 0u) << out.json;
}

INSTANTIATE_TEST_SUITE_P(Programmes2025, ProgrammeFile,
                         testing::Values("glc-2025.json", "cni-2025.json", "ict-2025.json", "ghe-2025.json"));
