// Static types from the root schemas: inference, type errors with offsets, unknown fields.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "expr_test_support.hpp"

namespace cohort::expr {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using testing::at;
using testing::error;
using testing::errors;
using testing::eval;
using testing::json;
using testing::World;

TypeEnv env() {
  TypeEnv e;
  e.data_schema = json(R"({
    "type": "object",
    "properties": {
      "age": {"type": "integer"},
      "score": {"type": "number"},
      "name": {"type": "string"},
      "nationality": {"type": "string"},
      "degree": {"type": "string"},
      "eligible": {"type": "boolean"},
      "born": {"type": "string", "format": "date"},
      "submitted_at": {"type": "string", "format": "date-time"},
      "nickname": {"type": ["string", "null"]},
      "address": {"type": "object", "properties": {"city": {"type": "string"}, "zip": {"type": "string"}}},
      "reviews": {"type": "array", "items": {"type": "object", "properties": {"score": {"type": "integer"}}}},
      "deadlines": {"type": "array", "items": {"type": "string", "format": "date"}},
      "marks": {"type": "object", "additionalProperties": {"type": "integer"}},
      "extra": {"type": "object", "additionalProperties": true, "properties": {"a": {"type": "integer"}}},
      "free": {},
      "shortlist": {"type": "array"}
    }
  })");
  e.event_schema = json(R"({"type": "object", "properties": {"score": {"type": "integer"}, "at": {"type": "string", "format": "date-time"}}})");
  e.programme_schema = json(R"({"type": "object", "properties": {
    "countries": {"type": "array", "items": {"type": "string"}},
    "opens": {"type": "string", "format": "date"}
  }})");
  return e;
}

Type type_of(std::string_view text) { return testing::compiled(text, env()).type(); }

TEST(ExprTypes, InferredFromTheSchemas) {
  EXPECT_EQ(type_of("data.age"), Type::Int);
  EXPECT_EQ(type_of("data.score"), Type::Number);
  EXPECT_EQ(type_of("data.name"), Type::String);
  EXPECT_EQ(type_of("data.eligible"), Type::Bool);
  EXPECT_EQ(type_of("data.born"), Type::Time);
  EXPECT_EQ(type_of("data.submitted_at"), Type::Time);
  EXPECT_EQ(type_of("data.nickname"), Type::String);
  EXPECT_EQ(type_of("data.address"), Type::Object);
  EXPECT_EQ(type_of("data.address.city"), Type::String);
  EXPECT_EQ(type_of("data.reviews"), Type::List);
  EXPECT_EQ(type_of("data.reviews[0].score"), Type::Int);
  EXPECT_EQ(type_of("data.deadlines[0]"), Type::Time);
  EXPECT_EQ(type_of("data.marks.anyone"), Type::Int);
  EXPECT_EQ(type_of("data.marks[data.name]"), Type::Int);
  EXPECT_EQ(type_of("data.extra.a"), Type::Int);
  EXPECT_EQ(type_of("data.extra.b"), Type::Any);
  EXPECT_EQ(type_of("data.free.x.y"), Type::Any);
  EXPECT_EQ(type_of("data.shortlist[3]"), Type::Any);
  EXPECT_EQ(type_of("event.score"), Type::Int);
  EXPECT_EQ(type_of("programme.countries"), Type::List);
  EXPECT_EQ(type_of("data.age + 1"), Type::Int);
  EXPECT_EQ(type_of("data.age + data.score"), Type::Number);
  EXPECT_EQ(type_of("data.born + days(1)"), Type::Time);
  EXPECT_EQ(type_of("now - data.born"), Type::Int);
  EXPECT_EQ(type_of("data.nickname ?? data.name"), Type::String);
  EXPECT_EQ(type_of("data.eligible ? 1 : 2.5"), Type::Number);
  EXPECT_EQ(type_of("data.age > 1"), Type::Bool);
  EXPECT_EQ(type_of("sum(data.marks.x > 0 ? [1] : [2])"), Type::Any);
  EXPECT_EQ(type_of("append(data.reviews, {score: 1})[0].score"), Type::Int);
}

TEST(ExprTypes, NullSchemaMeansAny) {
  TypeEnv none;
  EXPECT_EQ(testing::compiled("data.anything.at.all", none).type(), Type::Any);
  EXPECT_EQ(testing::compiled("event.x + 1", none).type(), Type::Any);
  EXPECT_EQ(testing::compiled("programme.x + 'a'", none).type(), Type::String);
  TypeEnv empty;
  empty.data_schema = json("{}");
  EXPECT_EQ(testing::compiled("data.x", empty).type(), Type::Any);
}

TEST(ExprTypes, DateFieldsAreReadAsTimes) {
  World w;
  w.data = json(R"({"born": "2000-02-29", "submitted_at": "2025-06-01T10:00:00+02:00",
                    "deadlines": ["2025-07-01", "garbage"]})");
  w.programme = json(R"({"opens": "2025-05-01"})");
  EXPECT_EQ(eval("data.born", w, env()), Value(at("2000-02-29")));
  EXPECT_EQ(eval("data.submitted_at", w, env()), Value(at("2025-06-01T08:00:00Z")));
  EXPECT_EQ(eval("data.deadlines[0]", w, env()), Value(at("2025-07-01")));
  EXPECT_TRUE(eval("data.deadlines[1]", w, env()).is_null());
  EXPECT_EQ(eval("data.submitted_at > programme.opens", w, env()), Value(true));
  EXPECT_EQ(eval("years_between(data.born, now)", w, env()), Value(25));
  EXPECT_EQ(eval("data.born + days(1)", w, env()), Value(at("2000-03-01")));
  EXPECT_EQ(eval("data.born < '2001-01-01'", w, env()), Value(true));
  // A Timestamp stored directly is read as it is.
  w.data.set("born", Value(at("1990-01-01")));
  EXPECT_EQ(eval("data.born", w, env()), Value(at("1990-01-01")));
}

TEST(ExprTypes, UnknownFieldSuggestsTheClosest) {
  auto d = error("data.agee >= 25", env());
  EXPECT_EQ(d.offset, 5u);
  EXPECT_THAT(d.message, StartsWith("data has no field 'agee' (known: address, age, born, deadlines, degree, "));
  EXPECT_THAT(d.message, HasSubstr("did you mean 'age'?"));
  d = error("data.address.cty == 'Lyon'", env());
  EXPECT_EQ(d.offset, 13u);
  EXPECT_THAT(d.message, StartsWith("data.address has no field 'cty' (known: city, zip)"));
  EXPECT_THAT(d.message, HasSubstr("did you mean 'city'?"));
  d = error("data.reviews[0].scor", env());
  EXPECT_THAT(d.message, StartsWith("data.reviews[] has no field 'scor'"));
  d = error("data['nationalty']", env());
  EXPECT_EQ(d.offset, 5u);
  EXPECT_THAT(d.message, HasSubstr("did you mean 'nationality'?"));
  d = error("event.scroe", env());
  EXPECT_THAT(d.message, StartsWith("event has no field 'scroe' (known: at, score)"));
  d = error("data.zzzzzz", env());
  EXPECT_THAT(d.message, ::testing::Not(HasSubstr("did you mean")));
}

TEST(ExprTypes, ArithmeticTypeErrorsPointAtTheOperator) {
  auto d = error("data.age + 'x'", env());
  EXPECT_EQ(d.offset, 9u);
  EXPECT_EQ(d.message, "'+' cannot combine int and string");
  d = error("data.name * 2", env());
  EXPECT_EQ(d.offset, 10u);
  EXPECT_EQ(d.message, "'*' cannot combine string and int");
  d = error("data.born + data.born", env());
  EXPECT_THAT(d.message, HasSubstr("cannot combine time and time"));
  d = error("data.eligible - 1", env());
  EXPECT_THAT(d.message, HasSubstr("cannot combine bool and int"));
  d = error("null + 1");
  EXPECT_THAT(d.message, HasSubstr("cannot combine null and int"));
  d = error("data.reviews / 2", env());
  EXPECT_THAT(d.message, HasSubstr("'/' cannot combine list and int"));
}

TEST(ExprTypes, ComparisonTypeErrors) {
  auto d = error("data.name < 3", env());
  EXPECT_EQ(d.offset, 10u);
  EXPECT_THAT(d.message, HasSubstr("cannot compare string with int"));
  d = error("data.born > 18", env());
  EXPECT_EQ(d.offset, 10u);
  EXPECT_THAT(d.message, HasSubstr("cannot compare time with int"));
  d = error("now == 3");
  EXPECT_THAT(d.message, HasSubstr("cannot compare time with int using '=='"));
  d = error("data.eligible < true", env());
  EXPECT_THAT(d.message, HasSubstr("bool values cannot be ordered"));
  d = error("data.age == 'thirty'", env());
  EXPECT_EQ(d.offset, 9u);
  EXPECT_THAT(d.message, HasSubstr("never equal"));
  d = error("data.age in programme.countries", env());
  EXPECT_EQ(d.offset, 9u);
  EXPECT_THAT(d.message, HasSubstr("cannot compare int with string"));
  d = error("data.age in data.name", env());
  EXPECT_THAT(d.message, HasSubstr("needs a string on its left"));
  d = error("'x' in data.age", env());
  EXPECT_EQ(d.offset, 7u);
  EXPECT_THAT(d.message, HasSubstr("'in' needs a list, string or object on its right, not int"));
}

TEST(ExprTypes, AllowedMixedComparisons) {
  testing::compiled("data.age < data.score", env());
  testing::compiled("data.born < now", env());
  testing::compiled("data.born < '2000-01-01'", env());
  testing::compiled("data.nickname == null", env());
  testing::compiled("data.free < 3 && data.free == 'x'", env());
  testing::compiled("data.born == programme.opens", env());
  testing::compiled("data.nationality in programme.countries", env());
  testing::compiled("'Ly' in data.address.city", env());
  testing::compiled("'city' in data.address", env());
}

TEST(ExprTypes, LogicNeedsBooleans) {
  auto d = error("!data.age", env());
  EXPECT_EQ(d.offset, 1u);
  EXPECT_EQ(d.message, "'!' needs a bool, not int");
  d = error("data.eligible && data.name", env());
  EXPECT_EQ(d.offset, 17u);
  EXPECT_THAT(d.message, HasSubstr("'&&' needs a bool on each side, not string"));
  d = error("data.age || true", env());
  EXPECT_EQ(d.offset, 0u);
  d = error("data.age ? 1 : 2", env());
  EXPECT_EQ(d.offset, 0u);
  EXPECT_THAT(d.message, HasSubstr("condition before '?' must be a bool"));
  d = error("-data.name", env());
  EXPECT_EQ(d.offset, 1u);
  EXPECT_THAT(d.message, HasSubstr("unary '-' needs a number, not string"));
}

TEST(ExprTypes, FunctionArgumentErrorsPointAtTheArgument) {
  auto d = error("len(3)");
  EXPECT_EQ(d.offset, 4u);
  EXPECT_EQ(d.message, "len needs a string, list or object, not int");
  d = error("lower(data.age)", env());
  EXPECT_EQ(d.offset, 6u);
  EXPECT_THAT(d.message, HasSubstr("lower needs a string, not int"));
  d = error("years_between(data.age, now)", env());
  EXPECT_EQ(d.offset, 14u);
  d = error("sum(programme.countries)", env());
  EXPECT_THAT(d.message, HasSubstr("sum needs a list of numbers, not a list of string"));
  d = error("days('3')");
  EXPECT_EQ(d.offset, 5u);
  d = error("keys([1])");
  EXPECT_THAT(d.message, HasSubstr("keys needs an object, not list"));
  d = error("append(data.name, 1)", env());
  EXPECT_THAT(d.message, HasSubstr("append needs a list, not string"));
  d = error("min(data.name, 1)", env());
  EXPECT_THAT(d.message, HasSubstr("cannot compare string with int"));
}

TEST(ExprTypes, MemberAndIndexOnNonContainers) {
  auto d = error("data.age.years", env());
  EXPECT_EQ(d.offset, 9u);
  EXPECT_THAT(d.message, HasSubstr("cannot read 'years' from data.age of type int"));
  d = error("data.reviews['x']", env());
  EXPECT_EQ(d.offset, 13u);
  EXPECT_THAT(d.message, HasSubstr("a list index must be an int, not string"));
  d = error("data.address[0]", env());
  EXPECT_THAT(d.message, HasSubstr("an object key must be a string, not int"));
  d = error("data.name[0]", env());
  EXPECT_EQ(d.offset, 9u);
  EXPECT_THAT(d.message, HasSubstr("cannot index a value of type string"));
}

TEST(ExprTypes, ReportsEveryErrorNotOnlyTheFirst) {
  auto diags = errors("data.agee > 1 && data.name < 3 && len(5) > 0 && !data.age", env());
  ASSERT_EQ(diags.size(), 4u);
  EXPECT_EQ(diags[0].offset, 5u);
  EXPECT_THAT(diags[0].message, HasSubstr("no field 'agee'"));
  EXPECT_EQ(diags[1].offset, 27u);
  EXPECT_THAT(diags[1].message, HasSubstr("cannot compare string with int"));
  EXPECT_EQ(diags[2].offset, 38u);
  EXPECT_THAT(diags[2].message, HasSubstr("len needs"));
  EXPECT_EQ(diags[3].offset, 49u);
  EXPECT_THAT(diags[3].message, HasSubstr("'!' needs a bool"));
}

TEST(ExprTypes, OneMistakeIsReportedOnce) {
  // The unknown field is Any from then on: no second error for the comparison or the '&&'.
  auto diags = errors("data.agee + 1 > 'x' && true", env());
  EXPECT_EQ(diags.size(), 1u);
  diags = errors("(data.age + 'x') * 2 > 3", env());
  EXPECT_EQ(diags.size(), 1u);
}

TEST(ExprTypes, ErrorsInsideKeysAndArgumentsDoNotDerailTheChecker) {
  auto d = error("data.address[foo]", env());
  EXPECT_EQ(d.offset, 13u);
  EXPECT_THAT(d.message, HasSubstr("unknown name 'foo'"));
  d = error("duration(bar)", env());
  EXPECT_EQ(d.offset, 9u);
  // A constant that folds to null where a string is expected compiles and gives null.
  EXPECT_TRUE(eval("duration(false ? 'P1D' : null)").is_null());
}

TEST(ExprTypes, AnyIsCheckedAtRunTime) {
  // Without a schema everything compiles; the wrong kinds give null or false when run.
  World w;
  w.data = json(R"({"age": "thirty"})");
  EXPECT_FALSE(testing::compiled("data.age >= 25").test(w.scope()));
  EXPECT_TRUE(eval("data.age + 1", w).is_null());
}

}  // namespace
}  // namespace cohort::expr
