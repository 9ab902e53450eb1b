// The four 2025 programme files stay valid against their schema with the attendance keys,
// and the schema refuses attendance settings the plugin would refuse.
#include <gtest/gtest.h>
#include <rapidjson/document.h>
#include <rapidjson/schema.h>
#include <rapidjson/stringbuffer.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// RapidJSON 1.1 mishandles patternProperties next to additionalProperties (the quotas), so
// the parts the attendance plugin reads are checked against their own part of the schema.
class AttendanceSchema {
 public:
  AttendanceSchema() {
    rapidjson::Document full;
    full.Parse(slurp(std::string(COHORT_TEST_DIR) + "/../workflows/schema/programme.schema.json").c_str());
    EXPECT_FALSE(full.HasParseError());
    part_.SetObject();
    auto& a = part_.GetAllocator();
    rapidjson::Value props(rapidjson::kObjectType);
    for (const char* key : {"timezone", "sessions", "attendance"})
      props.AddMember(rapidjson::StringRef(key), rapidjson::Value(full["properties"][key], a), a);
    part_.AddMember("type", "object", a);
    part_.AddMember("properties", props, a);
    schema_ = std::make_unique<rapidjson::SchemaDocument>(part_);
  }

  /// Empty when valid, else where and which rule.
  std::string check(const rapidjson::Document& doc) const {
    rapidjson::SchemaValidator validator(*schema_);
    if (doc.Accept(validator)) return {};
    rapidjson::StringBuffer sb;
    validator.GetInvalidDocumentPointer().StringifyUriFragment(sb);
    return std::string(sb.GetString()) + " breaks '" + validator.GetInvalidSchemaKeyword() + "'";
  }

 private:
  rapidjson::Document part_;
  std::unique_ptr<rapidjson::SchemaDocument> schema_;
};

class ProgrammeFile : public testing::TestWithParam<const char*> {};

TEST_P(ProgrammeFile, AttendanceSettingsAreValid) {
  rapidjson::Document p;
  p.Parse(slurp(std::string(COHORT_TEST_DIR) + "/../workflows/programmes/" + GetParam()).c_str());
  ASSERT_FALSE(p.HasParseError()) << GetParam();
  EXPECT_EQ(AttendanceSchema().check(p), "") << GetParam();
  ASSERT_TRUE(p["attendance"].HasMember("late_after_minutes")) << GetParam();
  ASSERT_TRUE(p["attendance"].HasMember("opens_before_minutes")) << GetParam();
  ASSERT_TRUE(p["attendance"].HasMember("excused")) << GetParam();
}

INSTANTIATE_TEST_SUITE_P(Programmes, ProgrammeFile,
                         testing::Values("glc-2025.json", "cni-2025.json", "ict-2025.json", "ghe-2025.json"));

TEST(ProgrammeSchema, RefusesAttendanceSettingsThePluginWouldRefuse) {
  const AttendanceSchema schema;
  for (const char* bad : {R"({"attendance": {"threshold": 0.8, "status_weights": {}, "excused": "ignored"}})",
                          R"({"attendance": {"threshold": 0.8, "status_weights": {}, "late_after_minutes": -5}})",
                          R"({"attendance": {"threshold": 0.8, "status_weights": {}, "opens_before_minutes": 2.5}})"}) {
    rapidjson::Document d;
    d.Parse(bad);
    EXPECT_NE(schema.check(d), "") << bad;
  }
}

}  // namespace
