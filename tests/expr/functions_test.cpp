// The built-in functions, with their edge cases.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "expr_test_support.hpp"

namespace cohort::expr {
namespace {

using ::testing::HasSubstr;
using testing::at;
using testing::error;
using testing::eval;
using testing::json;
using testing::World;

Value years(std::string_view from, std::string_view to) {
  World w;
  w.data = Value::object();
  w.data.set("from", Value(from));
  w.data.set("to", Value(to));
  return eval("years_between(data.from, data.to)", w);
}

TEST(ExprFunctions, LenCountsCodePointsElementsAndMembers) {
  EXPECT_EQ(eval("len('')"), Value(0));
  EXPECT_EQ(eval("len('abc')"), Value(3));
  EXPECT_EQ(eval("len('Jos\xC3\xA9')"), Value(4));       // é is two bytes, one code point
  EXPECT_EQ(eval("len('\xF0\x9F\x98\x80!')"), Value(2));  // an emoji is four bytes
  EXPECT_EQ(eval("len([1, 2, [3, 4]])"), Value(3));
  EXPECT_EQ(eval("len({a: 1, b: 2})"), Value(2));
  EXPECT_TRUE(eval("len(data.missing)").is_null());
  EXPECT_EQ(testing::compiled("len('x')").type(), Type::Int);
}

TEST(ExprFunctions, DateParsesIsoDatesWithOffsets) {
  EXPECT_EQ(eval("date('2025-03-01')"), Value(at("2025-03-01T00:00:00Z")));
  EXPECT_EQ(eval("date('2025-03-01T09:00:00+08:00')"), Value(at("2025-03-01T01:00:00Z")));
  EXPECT_EQ(eval("date('2025-03-01T09:00:00-05:30')"), Value(at("2025-03-01T14:30:00Z")));
  EXPECT_EQ(eval("date('2025-03-01T09:00:00.250Z') - date('2025-03-01T09:00:00Z')"), Value(250));
  EXPECT_EQ(eval("date('2025-03-01T00:30:00+01:00') < date('2025-03-01')"), Value(true));
  EXPECT_EQ(eval("date(now)", World{}), Value(World{}.now));
  World w;
  w.data = json(R"({"d": "2024-02-29", "bad": "2023-02-29"})");
  EXPECT_EQ(eval("date(data.d)", w), Value(at("2024-02-29")));
  EXPECT_TRUE(eval("date(data.bad)", w).is_null());
  EXPECT_TRUE(eval("date(data.missing)", w).is_null());
  EXPECT_EQ(testing::compiled("date(data.d)").type(), Type::Time);
}

TEST(ExprFunctions, DateLiteralIsCheckedAtCompileTime) {
  auto d = error("now > date('2025-02-30')");
  EXPECT_EQ(d.offset, 11u);
  EXPECT_THAT(d.message, HasSubstr("'2025-02-30' is not an ISO 8601 date or date-time"));
  d = error("now > '1 March'");
  EXPECT_EQ(d.offset, 6u);
  EXPECT_THAT(d.message, HasSubstr("'1 March' is not an ISO 8601 date"));
  d = error("years_between('yesterday', now)");
  EXPECT_EQ(d.offset, 14u);
}

TEST(ExprFunctions, DurationInMilliseconds) {
  EXPECT_EQ(eval("duration('P14D')"), Value(std::int64_t{14} * 86400000));
  EXPECT_EQ(eval("duration('PT36H')"), Value(std::int64_t{36} * 3600000));
  EXPECT_EQ(eval("duration('P1DT2H30M')"), Value(std::int64_t{95400000}));
  EXPECT_EQ(eval("duration('PT0.5S')"), Value(500));
  EXPECT_EQ(eval("duration('P2W')"), Value(std::int64_t{14} * 86400000));
  World w;
  w.data = json(R"({"grace": "PT1H", "bad": "1 hour"})");
  EXPECT_EQ(eval("now + duration(data.grace)", w), Value(at("2025-06-15T13:00:00Z")));
  EXPECT_TRUE(eval("duration(data.bad)", w).is_null());
  auto d = error("duration('P1Y')");
  EXPECT_EQ(d.offset, 9u);
  EXPECT_THAT(d.message, HasSubstr("'P1Y' is not an ISO 8601 duration"));
}

TEST(ExprFunctions, DaysInMilliseconds) {
  EXPECT_EQ(eval("days(1)"), Value(std::int64_t{86400000}));
  EXPECT_EQ(eval("days(-2)"), Value(std::int64_t{-172800000}));
  EXPECT_EQ(eval("days(0.5)"), Value(std::int64_t{43200000}));
  EXPECT_TRUE(eval("days(9223372036854775807)").is_null());
  EXPECT_TRUE(eval("days(1e300)").is_null());
  EXPECT_EQ(eval("date('2025-01-31') + days(1)"), Value(at("2025-02-01")));
}

TEST(ExprFunctions, YearsBetweenCountsBirthdays) {
  EXPECT_EQ(years("2000-06-15", "2025-06-14"), Value(24));
  EXPECT_EQ(years("2000-06-15", "2025-06-15"), Value(25));
  EXPECT_EQ(years("2000-06-15", "2025-06-16"), Value(25));
  EXPECT_EQ(years("2000-01-01", "2000-12-31"), Value(0));
  EXPECT_EQ(years("1999-12-31", "2000-01-01"), Value(0));
  EXPECT_EQ(years("2000-06-15", "2000-06-15"), Value(0));
  EXPECT_EQ(years("2025-06-15", "2000-06-15"), Value(-25));
  EXPECT_EQ(years("1950-01-01", "2025-01-01"), Value(75));
  EXPECT_EQ(years("1960-03-01", "1969-12-31"), Value(9));  // before the epoch
}

TEST(ExprFunctions, YearsBetweenLeapDayBirthdays) {
  // Born on 29 February: in common years the birthday comes on 1 March.
  EXPECT_EQ(years("2000-02-29", "2001-02-28"), Value(0));
  EXPECT_EQ(years("2000-02-29", "2001-03-01"), Value(1));
  EXPECT_EQ(years("2000-02-29", "2003-02-28"), Value(2));
  EXPECT_EQ(years("2000-02-29", "2004-02-28"), Value(3));
  EXPECT_EQ(years("2000-02-29", "2004-02-29"), Value(4));
  EXPECT_EQ(years("2000-02-29", "2025-02-28"), Value(24));
  EXPECT_EQ(years("2000-02-29", "2025-03-01"), Value(25));
  // Someone born on 28 February is a year older on 28 February, leap year or not.
  EXPECT_EQ(years("2000-02-28", "2001-02-28"), Value(1));
  EXPECT_EQ(years("2004-03-01", "2005-02-28"), Value(0));
  EXPECT_EQ(years("2004-03-01", "2005-03-01"), Value(1));
}

TEST(ExprFunctions, YearsBetweenUsesUtcDates) {
  // 23:30 at -02:00 on the 14th is already the 15th in UTC.
  EXPECT_EQ(years("2000-06-15", "2025-06-14T23:30:00-02:00"), Value(25));
  EXPECT_EQ(years("2000-06-15", "2025-06-15T00:30:00+02:00"), Value(24));
  EXPECT_TRUE(years("2000-06-15", "not a date").is_null());
  World w;
  w.data = json(R"({"born": "2000-06-15"})");
  EXPECT_EQ(eval("years_between(data.born, now)", w), Value(25));
  EXPECT_EQ(eval("years_between(date('2000-06-16'), now)", w), Value(24));
}

TEST(ExprFunctions, LowerUpperAreAsciiOnly) {
  EXPECT_EQ(eval("lower('ABC def 12')"), Value("abc def 12"));
  EXPECT_EQ(eval("upper('abc DEF')"), Value("ABC DEF"));
  EXPECT_EQ(eval("upper('\xC3\xA9t\xC3\xA9')"), Value("\xC3\xA9T\xC3\xA9"));
  EXPECT_TRUE(eval("lower(data.missing)").is_null());
}

TEST(ExprFunctions, ContainsAppendCount) {
  EXPECT_EQ(eval("contains([1, 2], 2)"), Value(true));
  EXPECT_EQ(eval("contains([1, 2], 3)"), Value(false));
  EXPECT_EQ(eval("contains('abc', 'bc')"), Value(true));
  EXPECT_EQ(eval("contains({a: 1}, 'a')"), Value(true));
  EXPECT_TRUE(eval("contains(data.missing, 1)").is_null());
  EXPECT_EQ(eval("append([1], 2)"), json("[1, 2]"));
  EXPECT_EQ(eval("append([1], [2])"), json("[1, [2]]"));
  EXPECT_EQ(eval("append(data.missing, {id: 'a1', score: 3})"), json(R"([{"id": "a1", "score": 3}])"));
  EXPECT_TRUE(eval("append(data.missing.x ?? 'no list', 1)").is_null());
  EXPECT_EQ(eval("count([1, 2, 1, 1.0, '1'], 1)"), Value(3));
  EXPECT_EQ(eval("count([], 1)"), Value(0));
}

TEST(ExprFunctions, AppendDoesNotChangeTheInput) {
  World w;
  w.data = json(R"({"list": [1, 2]})");
  EXPECT_EQ(eval("append(data.list, 3)", w), json("[1, 2, 3]"));
  EXPECT_EQ(w.data["list"], json("[1, 2]"));
}

TEST(ExprFunctions, Sum) {
  EXPECT_EQ(eval("sum([])"), Value(0));
  EXPECT_EQ(eval("sum([1, 2, 3])"), Value(6));
  EXPECT_TRUE(eval("sum([1, 2, 3])").is_int());
  EXPECT_DOUBLE_EQ(eval("sum([1, 2.5])").as_double(), 3.5);
  EXPECT_TRUE(eval("sum([1, 'a'])").is_null());
  EXPECT_TRUE(eval("sum([9223372036854775807, 1])").is_null());
}

TEST(ExprFunctions, MinMax) {
  EXPECT_EQ(eval("min(3, 2)"), Value(2));
  EXPECT_EQ(eval("max(3, 2)"), Value(3));
  EXPECT_DOUBLE_EQ(eval("max(3, 3.5)").as_double(), 3.5);
  EXPECT_EQ(eval("min('b', 'a')"), Value("a"));
  EXPECT_EQ(eval("max(now, '2030-01-01')"), Value(at("2030-01-01")));
  EXPECT_EQ(eval("min(now, '2030-01-01')"), Value(World{}.now));
  EXPECT_EQ(eval("max([4, 9, 2])"), Value(9));
  EXPECT_EQ(eval("min([4, 9, 2])"), Value(2));
  EXPECT_TRUE(eval("min([])").is_null());
  EXPECT_TRUE(eval("min(data.missing, 1)").is_null());
  EXPECT_TRUE(eval("max([1, 'a'])").is_null());
}

TEST(ExprFunctions, RoundAbs) {
  EXPECT_EQ(eval("round(2.5)"), Value(3));
  EXPECT_EQ(eval("round(-2.5)"), Value(-3));
  EXPECT_EQ(eval("round(2.49)"), Value(2));
  EXPECT_EQ(eval("round(7)"), Value(7));
  EXPECT_TRUE(eval("round(7.4)").is_int());
  EXPECT_TRUE(eval("round(1e300)").is_null());
  EXPECT_EQ(eval("abs(-3)"), Value(3));
  EXPECT_DOUBLE_EQ(eval("abs(-2.5)").as_double(), 2.5);
  EXPECT_TRUE(eval("abs(-9223372036854775808)").is_null());
}

TEST(ExprFunctions, Keys) {
  EXPECT_EQ(eval("keys({b: 1, a: 2})"), json(R"(["a", "b"])"));
  EXPECT_EQ(eval("keys({})"), json("[]"));
  EXPECT_TRUE(eval("keys(data.missing)").is_null());
}

TEST(ExprFunctions, UnknownFunctionListsTheKnownOnes) {
  auto d = error("data.x > 1 && lenght(data.name) > 2");
  EXPECT_EQ(d.offset, 14u);
  EXPECT_THAT(d.message, HasSubstr("unknown function 'lenght'"));
  EXPECT_THAT(d.message, HasSubstr("known: abs, append, contains, count, date, days, duration, keys, len, lower, "
                                   "max, min, round, sum, upper, years_between"));
  EXPECT_THAT(d.message, HasSubstr("did you mean 'len'?"));
}

TEST(ExprFunctions, WrongArgumentCounts) {
  auto d = error("len()");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_THAT(d.message, HasSubstr("len takes 1 argument, not 0"));
  EXPECT_THAT(error("years_between(now)").message, HasSubstr("years_between takes 2 arguments, not 1"));
  EXPECT_THAT(error("min(1, 2, 3)").message, HasSubstr("min takes 1 or 2 arguments, not 3"));
}

}  // namespace
}  // namespace cohort::expr
