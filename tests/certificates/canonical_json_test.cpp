// RFC 8785 (JCS): what gets signed must not depend on member order, spacing or number spelling.
#include <gtest/gtest.h>

#include <string>

#include "credential/canonical_json.hpp"
#include "credential/json_text.hpp"

namespace {

using cohort::credentials::canonicalize;
using cohort::credentials::format_es_number;

std::string jcs(const std::string& text) {
  rapidjson::Document doc;
  std::string error, out;
  EXPECT_TRUE(cohort::credentials::parse_json(text, doc, error)) << error;
  EXPECT_TRUE(canonicalize(doc, out, error)) << error;
  return out;
}

TEST(CanonicalJson, MatchesTheRfc8785Example) {
  // RFC 8785 section 3.2.2: numbers, escapes and literals.
  const std::string input = R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })";
  EXPECT_EQ(jcs(input),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\xE2\x82\xAC$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

TEST(CanonicalJson, SortsMemberNamesByUtf16CodeUnits) {
  // RFC 8785 section 3.2.3: an emoji (a surrogate pair) sorts before U+FB33, unlike in UTF-8.
  const std::string input = R"({"\u20ac": 1, "\r": 2, "\ufb33": 3, "1": 4, "\ud83d\ude00": 5, "\u0080": 6, "\u00f6": 7})";
  EXPECT_EQ(jcs(input),
            "{\"\\r\":2,\"1\":4,\"\xC2\x80\":6,\"\xC3\xB6\":7,\"\xE2\x82\xAC\":1,\"\xF0\x9F\x98\x80\":5,\"\xEF\xAC\xB3\":3}");
}

TEST(CanonicalJson, SortsNestedObjectsAndDropsWhitespace) {
  EXPECT_EQ(jcs(R"({ "b" : { "z": 1, "a": [ 1 , {"y":2,"x":1} ] }, "a" : "x" })"),
            R"({"a":"x","b":{"a":[1,{"x":1,"y":2}],"z":1}})");
}

TEST(CanonicalJson, PrintsNumbersTheWayEcmaScriptDoes) {
  EXPECT_EQ(format_es_number(0.0), "0");
  EXPECT_EQ(format_es_number(-0.0), "0");
  EXPECT_EQ(format_es_number(1.0), "1");
  EXPECT_EQ(format_es_number(-5.0), "-5");
  EXPECT_EQ(format_es_number(0.8), "0.8");
  EXPECT_EQ(format_es_number(11.0 / 12.0), "0.9166666666666666");
  EXPECT_EQ(format_es_number(1e20), "100000000000000000000");
  EXPECT_EQ(format_es_number(1e21), "1e+21");
  EXPECT_EQ(format_es_number(1.5e-7), "1.5e-7");
  EXPECT_EQ(format_es_number(0.000001), "0.000001");
  EXPECT_EQ(format_es_number(123.456), "123.456");
  EXPECT_EQ(format_es_number(9007199254740992.0), "9007199254740992");
  EXPECT_EQ(format_es_number(5e-324), "5e-324");
  EXPECT_EQ(format_es_number(1.7976931348623157e308), "1.7976931348623157e+308");
}

TEST(CanonicalJson, RefusesDuplicateMemberNames) {
  rapidjson::Document doc;
  std::string error, out;
  ASSERT_TRUE(cohort::credentials::parse_json(R"({"a": 1, "a": 2})", doc, error));
  EXPECT_FALSE(canonicalize(doc, out, error));
  EXPECT_NE(error.find("duplicate member name \"a\""), std::string::npos) << error;
}

TEST(CanonicalJson, ParsingRefusesInvalidUtf8) {
  rapidjson::Document doc;
  std::string error;
  EXPECT_FALSE(cohort::credentials::parse_json("{\"a\": \"\xC3\x28\"}", doc, error));
  EXPECT_NE(error.find("not valid JSON"), std::string::npos) << error;
}

}  // namespace
