// The binary form of Value carries event payloads in the log and snapshots: what goes in
// comes back the same, kinds included, and damaged bytes are an error, never a crash.
#include <gtest/gtest.h>

#include <limits>

#include "value/binary.hpp"
#include "value/json.hpp"

namespace cohort {
namespace {

Value sample() {
  return Value::object({{"name", Value("Nguyễn Thị Hoa")},
                        {"age", Value(std::int64_t{-41})},
                        {"big", Value(std::numeric_limits<std::int64_t>::max())},
                        {"score", Value(7.25)},
                        {"eligible", Value(true)},
                        {"withdrawn", Value(false)},
                        {"note", Value(nullptr)},
                        {"submitted_at", Value(Timestamp{1732459857000})},
                        {"before_1970", Value(Timestamp{-86400000})},
                        {"reviews", Value(List{Value::object({{"score", Value(6.5)}}), Value(List{})})},
                        {"empty", Value::object()}});
}

TEST(Binary, WhatIsWrittenIsReadBackWithItsKinds) {
  std::string bytes;
  append_binary(sample(), bytes);
  Value back;
  std::string error;
  ASSERT_TRUE(parse_binary(bytes, back, error)) << error;
  EXPECT_EQ(to_json(back), to_json(sample()));
  // A timestamp stays a timestamp (JSON would turn it into text).
  EXPECT_TRUE(back["submitted_at"].is_time());
  EXPECT_EQ(back["submitted_at"].as_time().ms, 1732459857000);
  EXPECT_EQ(back["before_1970"].as_time().ms, -86400000);
  EXPECT_EQ(back["big"].as_int(), std::numeric_limits<std::int64_t>::max());
  EXPECT_TRUE(back["score"].is_double());
}

TEST(Binary, EveryCutShortPrefixIsAnErrorNotACrash) {
  std::string bytes;
  append_binary(sample(), bytes);
  for (std::size_t n = 0; n < bytes.size(); ++n) {
    Value out;
    std::string error;
    EXPECT_FALSE(parse_binary(std::string_view(bytes).substr(0, n), out, error)) << "prefix of " << n << " bytes";
    EXPECT_FALSE(error.empty());
  }
}

TEST(Binary, TrailingBytesAndAnUnknownFormatAreRefused) {
  std::string bytes;
  append_binary(Value("x"), bytes);
  Value out;
  std::string error;
  EXPECT_FALSE(parse_binary(bytes + "junk", out, error));
  std::string other = bytes;
  other[0] = 9;
  EXPECT_FALSE(parse_binary(other, out, error));
  EXPECT_NE(error.find("format 9"), std::string::npos) << error;
}

}  // namespace
}  // namespace cohort
