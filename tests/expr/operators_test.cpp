// Run-time meaning of every operator, including null, wrong kinds, zero and overflow.
#include <gtest/gtest.h>

#include <limits>

#include "expr_test_support.hpp"

namespace cohort::expr {
namespace {

using testing::at;
using testing::eval;
using testing::json;
using testing::World;

World sample() {
  World w;
  w.data = json(R"({
    "age": 30, "score": 7.5, "name": "Ana", "tags": ["a", "b"], "flag": true, "off": false,
    "big": 9223372036854775807, "small": -9223372036854775808, "zero": 0,
    "born": "1995-06-20", "start": "2025-06-01T09:00:00+02:00", "nested": {"k": 1},
    "anything": "not a date"
  })");
  return w;
}

TEST(ExprArithmetic, IntStaysIntExceptDivision) {
  EXPECT_EQ(eval("7 + 3"), Value(10));
  EXPECT_TRUE(eval("7 + 3").is_int());
  EXPECT_EQ(eval("7 - 10"), Value(-3));
  EXPECT_EQ(eval("6 * 7"), Value(42));
  EXPECT_TRUE(eval("6 * 7").is_int());
  Value q = eval("7 / 2");
  ASSERT_TRUE(q.is_double());
  EXPECT_DOUBLE_EQ(q.as_double(), 3.5);
  EXPECT_TRUE(eval("6 / 3").is_double());
  EXPECT_EQ(eval("7 % 3"), Value(1));
  EXPECT_EQ(eval("-7 % 3"), Value(-1));  // the sign follows the dividend
}

TEST(ExprArithmetic, MixingIntAndNumberGivesNumber) {
  Value v = eval("1 + 0.5");
  ASSERT_TRUE(v.is_double());
  EXPECT_DOUBLE_EQ(v.as_double(), 1.5);
  EXPECT_DOUBLE_EQ(eval("2 * 1.25").as_double(), 2.5);
  EXPECT_DOUBLE_EQ(eval("5.5 % 2").as_double(), 1.5);
  EXPECT_DOUBLE_EQ(eval("-data.score", sample()).as_double(), -7.5);
  EXPECT_EQ(testing::compiled("1 + 0.5").type(), Type::Number);
  EXPECT_EQ(testing::compiled("1 / 1").type(), Type::Number);
}

TEST(ExprArithmetic, DivisionByZeroIsNull) {
  EXPECT_TRUE(eval("1 / 0").is_null());
  EXPECT_TRUE(eval("1.5 / 0.0").is_null());
  EXPECT_TRUE(eval("5 % 0").is_null());
  EXPECT_TRUE(eval("5.0 % 0").is_null());
  EXPECT_TRUE(eval("data.age / data.zero", sample()).is_null());
  EXPECT_EQ(eval("(data.age / data.zero) ?? -1", sample()), Value(-1));
}

TEST(ExprArithmetic, OverflowIsNullNotUndefined) {
  World w = sample();
  EXPECT_TRUE(eval("data.big + 1", w).is_null());
  EXPECT_TRUE(eval("data.small - 1", w).is_null());
  EXPECT_TRUE(eval("data.big * 2", w).is_null());
  EXPECT_TRUE(eval("-data.small", w).is_null());
  EXPECT_EQ(eval("data.small % -1", w), Value(0));
  EXPECT_EQ(eval("data.big - 1", w), Value(std::numeric_limits<std::int64_t>::max() - 1));
  EXPECT_TRUE(eval("1e308 * 10").is_null());  // not finite
  EXPECT_TRUE(eval("now + data.big", w).is_null());
}

TEST(ExprArithmetic, ConcatenationOfStringsAndLists) {
  EXPECT_EQ(eval("'ab' + 'cd'"), Value("abcd"));
  EXPECT_EQ(eval("data.name + ' ' + 'Silva'", sample()), Value("Ana Silva"));
  EXPECT_EQ(eval("[1] + [2, 3]"), json("[1, 2, 3]"));
  EXPECT_EQ(eval("data.tags + ['c']", sample()), json(R"(["a", "b", "c"])"));
}

TEST(ExprArithmetic, TimeArithmetic) {
  World w = sample();
  EXPECT_EQ(eval("now + 1000", w), Value(at("2025-06-15T12:00:01Z")));
  EXPECT_EQ(eval("1000 + now", w), Value(at("2025-06-15T12:00:01Z")));
  EXPECT_EQ(eval("now - 86400000", w), Value(at("2025-06-14T12:00:00Z")));
  EXPECT_EQ(eval("now + days(14)", w), Value(at("2025-06-29T12:00:00Z")));
  EXPECT_EQ(eval("now - date('2025-06-15')", w), Value(std::int64_t{12} * 3600000));
  EXPECT_EQ(testing::compiled("now - now").type(), Type::Int);
  EXPECT_EQ(testing::compiled("now + 1").type(), Type::Time);
}

TEST(ExprArithmetic, WrongKindsAtRunTimeGiveNull) {
  World w = sample();
  // Data without a schema is Any: these compile and fail softly when run.
  EXPECT_TRUE(eval("data.name + 1", w).is_null());
  EXPECT_TRUE(eval("data.flag * 2", w).is_null());
  EXPECT_TRUE(eval("-data.name", w).is_null());
  EXPECT_TRUE(eval("data.nested - 1", w).is_null());
  EXPECT_TRUE(eval("data.missing + 1", w).is_null());
  EXPECT_TRUE(eval("!data.name", w).is_null());
}

TEST(ExprLogic, ThreeValued) {
  World w = sample();
  EXPECT_EQ(eval("data.flag && data.off", w), Value(false));
  EXPECT_EQ(eval("data.flag || data.off", w), Value(true));
  EXPECT_EQ(eval("data.off && data.missing", w), Value(false));
  EXPECT_EQ(eval("data.missing && data.off", w), Value(false));
  EXPECT_EQ(eval("data.flag || data.missing", w), Value(true));
  EXPECT_EQ(eval("data.missing || data.flag", w), Value(true));
  EXPECT_TRUE(eval("data.flag && data.missing", w).is_null());
  EXPECT_TRUE(eval("data.off || data.missing", w).is_null());
  EXPECT_TRUE(eval("!data.missing", w).is_null());
  EXPECT_EQ(eval("!data.off", w), Value(true));
}

TEST(ExprLogic, ShortCircuitSkipsTheRightSide) {
  // The right side would be null (division by zero); the result comes from the left.
  EXPECT_EQ(eval("false && 1 / 0 > 0"), Value(false));
  EXPECT_EQ(eval("true || 1 / 0 > 0"), Value(true));
}

TEST(ExprComparison, NumbersStringsTimes) {
  World w = sample();
  EXPECT_EQ(eval("1 < 2"), Value(true));
  EXPECT_EQ(eval("2 <= 2"), Value(true));
  EXPECT_EQ(eval("3 > 2.5"), Value(true));
  EXPECT_EQ(eval("2 >= 2.0"), Value(true));
  EXPECT_EQ(eval("'apple' < 'banana'"), Value(true));
  EXPECT_EQ(eval("'B' < 'a'"), Value(true));  // byte order
  EXPECT_EQ(eval("'abc' >= 'abd'"), Value(false));
  EXPECT_EQ(eval("now > date('2025-01-01')", w), Value(true));
  EXPECT_EQ(eval("date('2025-01-01') < date('2025-01-01T00:00:01Z')"), Value(true));
}

TEST(ExprComparison, StringsAgainstTimesAreReadAsDates) {
  World w = sample();
  EXPECT_EQ(eval("now > '2025-06-15'", w), Value(true));
  EXPECT_EQ(eval("now < '2025-06-15T12:00:01Z'", w), Value(true));
  EXPECT_EQ(eval("'2025-06-16' > now", w), Value(true));
  EXPECT_EQ(eval("data.born < now", w), Value(true));
  // 09:00 at +02:00 is 07:00 UTC.
  EXPECT_EQ(eval("data.start == date('2025-06-01T07:00:00Z')", w), Value(true));
  EXPECT_EQ(eval("data.start > date('2025-06-01T07:30:00Z')", w), Value(false));
  // A stored string that is no date cannot be compared with a time.
  EXPECT_EQ(eval("data.anything < now", w), Value(false));
  EXPECT_EQ(eval("data.anything > now", w), Value(false));
  EXPECT_EQ(eval("data.anything == now", w), Value(false));
}

TEST(ExprComparison, NullAndMismatchedKindsAreFalse) {
  World w = sample();
  EXPECT_EQ(eval("data.missing < 1", w), Value(false));
  EXPECT_EQ(eval("data.missing >= 1", w), Value(false));
  EXPECT_EQ(eval("1 > data.missing", w), Value(false));
  EXPECT_EQ(eval("data.name < 3", w), Value(false));
  EXPECT_EQ(eval("data.name >= 3", w), Value(false));
  EXPECT_EQ(eval("data.tags < data.tags", w), Value(false));
}

TEST(ExprEquality, StructuralAcrossNumberKinds) {
  World w = sample();
  EXPECT_EQ(eval("1 == 1.0"), Value(true));
  EXPECT_EQ(eval("1 != 1.5"), Value(true));
  EXPECT_EQ(eval("'a' == 'a'"), Value(true));
  EXPECT_EQ(eval("[1, [2]] == [1, [2.0]]"), Value(true));
  EXPECT_EQ(eval("{a: 1} == {a: 1}"), Value(true));
  EXPECT_EQ(eval("data.nested == {k: 1}", w), Value(true));
  EXPECT_EQ(eval("data.missing == null", w), Value(true));
  EXPECT_EQ(eval("data.missing != null", w), Value(false));
  EXPECT_EQ(eval("data.age == null", w), Value(false));
  EXPECT_EQ(eval("null == null"), Value(true));
  EXPECT_EQ(eval("data.name == 1", w), Value(false));
  EXPECT_EQ(eval("data.name != 1", w), Value(true));
}

TEST(ExprIn, ListsStringsObjects) {
  World w = sample();
  EXPECT_EQ(eval("'a' in data.tags", w), Value(true));
  EXPECT_EQ(eval("'z' in data.tags", w), Value(false));
  EXPECT_EQ(eval("2 in [1, 2.0]"), Value(true));
  EXPECT_EQ(eval("null in [1, null]"), Value(true));
  EXPECT_EQ(eval("'ana' in data.name", w), Value(false));  // case-sensitive
  EXPECT_EQ(eval("'An' in data.name", w), Value(true));
  EXPECT_EQ(eval("'' in 'x'"), Value(true));
  EXPECT_EQ(eval("'k' in data.nested", w), Value(true));
  EXPECT_EQ(eval("'j' in data.nested", w), Value(false));
  EXPECT_TRUE(eval("'a' in data.missing", w).is_null());
  EXPECT_TRUE(eval("1 in data.name", w).is_null());
  EXPECT_FALSE(testing::compiled("'a' in data.missing").test(w.scope()));
}

TEST(ExprCoalesce, FirstNonNull) {
  World w = sample();
  EXPECT_EQ(eval("data.missing ?? 'default'", w), Value("default"));
  EXPECT_EQ(eval("data.name ?? 'default'", w), Value("Ana"));
  EXPECT_EQ(eval("data.off ?? true", w), Value(false));  // false is not null
  EXPECT_EQ(eval("data.missing.deeper.still ?? 0", w), Value(0));
}

TEST(ExprConditional, PicksABranchOrNull) {
  World w = sample();
  EXPECT_EQ(eval("data.age >= 18 ? 'adult' : 'minor'", w), Value("adult"));
  EXPECT_EQ(eval("data.age < 18 ? 'minor' : 'adult'", w), Value("adult"));
  EXPECT_TRUE(eval("data.missing ? 1 : 2", w).is_null());
  // Only the chosen branch runs.
  EXPECT_EQ(eval("true ? 1 : 1 / 0"), Value(1));
}

TEST(ExprMembers, MissingReadsAsNull) {
  World w = sample();
  EXPECT_TRUE(eval("data.missing", w).is_null());
  EXPECT_TRUE(eval("data.missing.x.y", w).is_null());
  EXPECT_TRUE(eval("data.age.x", w).is_null());
  EXPECT_TRUE(eval("data.tags[5]", w).is_null());
  EXPECT_TRUE(eval("data.tags[-1]", w).is_null());
  EXPECT_TRUE(eval("data.tags['a']", w).is_null());
  EXPECT_TRUE(eval("data.nested[0]", w).is_null());
  EXPECT_EQ(eval("data.nested['k']", w), Value(1));
  EXPECT_EQ(eval("data['na' + 'me']", w), Value("Ana"));
  EXPECT_EQ(eval("data.tags[data.nested.k]", w), Value("b"));
  EXPECT_EQ(eval("event.x ?? programme.y ?? 3", w), Value(3));
}

TEST(ExprMembers, RootsReadTheirOwnValues) {
  World w;
  w.data = json(R"({"v": "data"})");
  w.event = json(R"({"v": "event"})");
  w.programme = json(R"({"v": "programme"})");
  EXPECT_EQ(eval("data.v + event.v + programme.v", w), Value("dataeventprogramme"));
  EXPECT_EQ(eval("now", w), Value(w.now));
  EXPECT_EQ(testing::compiled("now").type(), Type::Time);
}

TEST(ExprTest, OnlyBooleanTrueHolds) {
  World w = sample();
  EXPECT_TRUE(testing::compiled("data.flag").test(w.scope()));
  EXPECT_FALSE(testing::compiled("data.off").test(w.scope()));
  EXPECT_FALSE(testing::compiled("data.age").test(w.scope()));
  EXPECT_FALSE(testing::compiled("data.name").test(w.scope()));
  EXPECT_FALSE(testing::compiled("data.missing").test(w.scope()));
  EXPECT_FALSE(testing::compiled("data.tags").test(w.scope()));
}

}  // namespace
}  // namespace cohort::expr
