// Reading arguments and writing results: the messages people see when a field is wrong,
// and the shapes of results, must be the same in every first-party plugin.
#include <gtest/gtest.h>

#include <cohort_plugin_common/json_reader.hpp>
#include <cohort_plugin_common/json_writer.hpp>

using namespace cohort_plugin_common;

namespace {

rapidjson::Document parse(const char* text) {
  rapidjson::Document doc;
  EXPECT_TRUE(parse_object(text, doc)) << text;
  return doc;
}

}  // namespace

TEST(JsonReader, OnlyAnObjectIsAcceptedAsArguments) {
  rapidjson::Document doc;
  EXPECT_TRUE(parse_object("{}", doc));
  EXPECT_FALSE(parse_object("[1]", doc));
  EXPECT_FALSE(parse_object("{\"a\":", doc));
  EXPECT_FALSE(parse_object("", doc));
}

TEST(JsonReader, AbsentAndNullAreNotGivenButEmptyIsGiven) {
  const auto doc = parse(R"({"a": null, "b": "", "c": "x"})");
  JsonReader r;
  EXPECT_FALSE(r.optional_string(doc, "a", "").has_value());
  EXPECT_FALSE(r.optional_string(doc, "missing", "").has_value());
  EXPECT_EQ(r.optional_string(doc, "b", ""), std::optional<std::string>(""));
  EXPECT_EQ(r.optional_string(doc, "c", ""), std::optional<std::string>("x"));
  EXPECT_EQ(r.string(doc, "b", ""), "");
  EXPECT_FALSE(r.failed());
}

TEST(JsonReader, KeepsTheFirstProblemNamingTheField) {
  const auto doc = parse(R"({"id": "", "final": "yes", "n": "3"})");
  JsonReader r;
  EXPECT_EQ(r.required_string(doc, "participant", "checkins[0]."), "");
  EXPECT_EQ(r.error(), "checkins[0].participant is required");
  r.required_string(doc, "id", "");
  r.boolean(doc, "final", "");
  EXPECT_EQ(r.error(), "checkins[0].participant is required");

  JsonReader empty;
  empty.required_string(doc, "id", "programme.");
  EXPECT_EQ(empty.error(), "programme.id must not be empty");

  JsonReader flag;
  EXPECT_FALSE(flag.boolean(doc, "final", "").has_value());
  EXPECT_EQ(flag.error(), "final must be true or false");

  JsonReader number;
  number.integer(doc, "n", "config.");
  EXPECT_EQ(number.error(), "config.n must be a number");
}

TEST(JsonWriter, WritesKeyedStringsNullsAndLists) {
  rapidjson::StringBuffer buffer;
  JsonWriter w(buffer);
  w.StartObject();
  put(w, "name", std::string("Ama\0Owusu", 9));
  put_or_null(w, "by", "");
  put_or_null(w, "reason", "ill");
  put_list(w, "missing", {"cv", "passport"});
  put_list(w, "none", {});
  w.EndObject();
  EXPECT_EQ(std::string(buffer.GetString(), buffer.GetSize()),
            R"({"name":"Ama\u0000Owusu","by":null,"reason":"ill","missing":["cv","passport"],"none":[]})");
}

TEST(JsonReader, AnEmptyConfigurationIsAnEmptyObject) {
  rapidjson::Document doc;
  std::string error;
  ASSERT_TRUE(parse_config("", doc, error));
  EXPECT_TRUE(doc.IsObject() && doc.ObjectEmpty());
  EXPECT_FALSE(parse_config("[]", doc, error));
  EXPECT_EQ(error, "the configuration must be a JSON object");
}
