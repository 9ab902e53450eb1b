// Literals, precedence and syntax errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>
#include <string>

#include "expr_test_support.hpp"

namespace cohort::expr {
namespace {

using ::testing::HasSubstr;
using testing::error;
using testing::eval;
using testing::json;

TEST(ExprLiterals, ScalarsHaveTheirValueAndType) {
  EXPECT_TRUE(eval("null").is_null());
  EXPECT_EQ(eval("true"), Value(true));
  EXPECT_EQ(eval("false"), Value(false));
  Value i = eval("42");
  ASSERT_TRUE(i.is_int());
  EXPECT_EQ(i.as_int(), 42);
  Value d = eval("2.5");
  ASSERT_TRUE(d.is_double());
  EXPECT_DOUBLE_EQ(d.as_double(), 2.5);
  EXPECT_DOUBLE_EQ(eval("1.5e3").as_double(), 1500.0);
  EXPECT_DOUBLE_EQ(eval("25E-1").as_double(), 2.5);
  EXPECT_EQ(testing::compiled("1").type(), Type::Int);
  EXPECT_EQ(testing::compiled("1.0").type(), Type::Number);
  EXPECT_EQ(testing::compiled("'a'").type(), Type::String);
  EXPECT_EQ(testing::compiled("null").type(), Type::Null);
}

TEST(ExprLiterals, BothQuoteStylesAndEscapes) {
  EXPECT_EQ(eval("'single'"), Value("single"));
  EXPECT_EQ(eval("\"double\""), Value("double"));
  EXPECT_EQ(eval(R"('it\'s')"), Value("it's"));
  EXPECT_EQ(eval(R"("say \"hi\"")"), Value("say \"hi\""));
  EXPECT_EQ(eval(R"('a"b')"), Value("a\"b"));
  EXPECT_EQ(eval(R"('tab\there\nline\\')"), Value("tab\there\nline\\"));
  EXPECT_EQ(eval(R"('\u00e9t\u00E9')"), Value("\xC3\xA9t\xC3\xA9"));
  EXPECT_EQ(eval(R"('\ud83d\ude00')"), Value("\xF0\x9F\x98\x80"));
  EXPECT_EQ(eval("'\xC3\xA9t\xC3\xA9'"), Value("\xC3\xA9t\xC3\xA9"));
}

TEST(ExprLiterals, ExtremeIntegers) {
  EXPECT_EQ(eval("9223372036854775807").as_int(), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(eval("-9223372036854775808").as_int(), std::numeric_limits<std::int64_t>::min());
  auto d = error("9223372036854775808");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_THAT(d.message, HasSubstr("integer out of range"));
  EXPECT_THAT(error("1 + 99999999999999999999").message, HasSubstr("integer out of range"));
}

TEST(ExprLiterals, ListsAndObjects) {
  EXPECT_EQ(eval("[]"), json("[]"));
  EXPECT_EQ(eval("[1, 'a', [true, null]]"), json(R"([1, "a", [true, null]])"));
  EXPECT_EQ(eval("{}"), json("{}"));
  EXPECT_EQ(eval("{name: 'Ana', \"home country\": 'PT', age: 30 + 1}"),
            json(R"({"age": 31, "home country": "PT", "name": "Ana"})"));
  EXPECT_EQ(eval("{b: 1, a: {c: [1]}}.a.c[0]"), Value(1));
  EXPECT_EQ(testing::compiled("[1]").type(), Type::List);
  EXPECT_EQ(testing::compiled("{a: 1}").type(), Type::Object);
}

TEST(ExprPrecedence, ArithmeticBindsTighterThanComparison) {
  EXPECT_EQ(eval("1 + 2 * 3"), Value(7));
  EXPECT_EQ(eval("(1 + 2) * 3"), Value(9));
  EXPECT_EQ(eval("10 - 4 - 3"), Value(3));  // left associative
  EXPECT_EQ(eval("2 * 3 % 4"), Value(2));
  EXPECT_EQ(eval("-2 * 3"), Value(-6));
  EXPECT_EQ(eval("- -2"), Value(2));
  EXPECT_EQ(eval("1 + 2 < 4"), Value(true));
  EXPECT_EQ(eval("1 < 2 == 2 < 3"), Value(true));
}

TEST(ExprPrecedence, LogicOperators) {
  EXPECT_EQ(eval("true || false && false"), Value(true));  // && before ||
  EXPECT_EQ(eval("(true || false) && false"), Value(false));
  EXPECT_EQ(eval("!false && false"), Value(false));         // ! binds tightest
  EXPECT_EQ(eval("!(false && false)"), Value(true));
  EXPECT_EQ(eval("1 == 1 && 2 != 3"), Value(true));
}

TEST(ExprPrecedence, ConditionalIsLowestAndRightAssociative) {
  EXPECT_EQ(eval("true ? 1 : 2 + 10"), Value(1));
  EXPECT_EQ(eval("false ? 1 : 2 + 10"), Value(12));
  EXPECT_EQ(eval("false ? 'a' : true ? 'b' : 'c'"), Value("b"));
  EXPECT_EQ(eval("1 > 2 || 3 > 2 ? 'yes' : 'no'"), Value("yes"));
  EXPECT_EQ(eval("true ? false ? 1 : 2 : 3"), Value(2));
}

TEST(ExprPrecedence, CoalesceBindsTighterThanComparison) {
  testing::World w;
  EXPECT_EQ(eval("data.score ?? 0 >= 50", w), Value(false));
  w.data = json(R"({"score": 70})");
  EXPECT_EQ(eval("data.score ?? 0 >= 50", w), Value(true));
  EXPECT_EQ(eval("null ?? null ?? 3"), Value(3));
  EXPECT_EQ(eval("null ?? 1 + 1"), Value(2));
}

TEST(ExprPrecedence, InIsARelation) {
  EXPECT_EQ(eval("1 + 1 in [2, 3]"), Value(true));
  EXPECT_EQ(eval("'a' in ['a'] && 'b' in ['a']"), Value(false));
  EXPECT_EQ(eval("'a' in ['a'] == true"), Value(true));
}

TEST(ExprPrecedence, PostfixChains) {
  testing::World w;
  w.data = json(R"({"people": [{"name": "Ana", "tags": {"x": [10, 20]}}]})");
  EXPECT_EQ(eval("data.people[0].name", w), Value("Ana"));
  EXPECT_EQ(eval("data.people[0]['tags'].x[1]", w), Value(20));
  EXPECT_EQ(eval("-data.people[0].tags.x[1]", w), Value(-20));
  EXPECT_EQ(eval(" data . people [ 0 ] . name ", w), Value("Ana"));
}

TEST(ExprSyntax, UnclosedParenthesisNamesTheOpeningOne) {
  auto d = error("(1 + (2 * 3)");
  EXPECT_EQ(d.offset, 12u);
  EXPECT_THAT(d.message, HasSubstr("expected ')' to close '(' at offset 0"));
  EXPECT_THAT(d.message, HasSubstr("the end of the expression"));
  d = error("len((1, 2)");
  EXPECT_EQ(d.offset, 6u);
  EXPECT_THAT(d.message, HasSubstr("expected ')' to close '(' at offset 4"));
}

TEST(ExprSyntax, UnclosedListObjectAndCall) {
  auto d = error("[1, 2");
  EXPECT_EQ(d.offset, 5u);
  EXPECT_THAT(d.message, HasSubstr("to close '[' at offset 0"));
  d = error("{a: 1 b: 2}");
  EXPECT_EQ(d.offset, 6u);
  EXPECT_THAT(d.message, HasSubstr("to close '{' at offset 0"));
  EXPECT_THAT(d.message, HasSubstr("found 'b'"));
  d = error("len('abc' 'd')");
  EXPECT_EQ(d.offset, 10u);
  EXPECT_THAT(d.message, HasSubstr("expected ',' or ')' to close '(' at offset 3"));
  d = error("data['x'");
  EXPECT_EQ(d.offset, 8u);
  EXPECT_THAT(d.message, HasSubstr("expected ']' to close '[' at offset 4"));
}

TEST(ExprSyntax, MissingOperandsAndStrayTokens) {
  auto d = error("");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_THAT(d.message, HasSubstr("expected an expression"));
  d = error("1 +");
  EXPECT_EQ(d.offset, 3u);
  EXPECT_THAT(d.message, HasSubstr("expected an expression, found the end of the expression"));
  d = error("1 + * 2");
  EXPECT_EQ(d.offset, 4u);
  EXPECT_THAT(d.message, HasSubstr("found '*'"));
  d = error("1 2");
  EXPECT_EQ(d.offset, 2u);
  EXPECT_THAT(d.message, HasSubstr("unexpected '2' after the end of the expression"));
  d = error("true and false");
  EXPECT_EQ(d.offset, 5u);
  EXPECT_THAT(d.message, HasSubstr("use '&&'"));
  d = error("true ? 1");
  EXPECT_EQ(d.offset, 8u);
  EXPECT_THAT(d.message, HasSubstr("expected ':' to go with the '?' at offset 5"));
  d = error("data.");
  EXPECT_EQ(d.offset, 5u);
  EXPECT_THAT(d.message, HasSubstr("expected a member name after '.'"));
  d = error("{1: 2}");
  EXPECT_EQ(d.offset, 1u);
  EXPECT_THAT(d.message, HasSubstr("expected a key"));
  d = error("{a 2}");
  EXPECT_EQ(d.offset, 3u);
  EXPECT_THAT(d.message, HasSubstr("expected ':' after the key 'a'"));
}

TEST(ExprSyntax, BadCharactersAndOperators) {
  auto d = error("data.a = 1");
  EXPECT_EQ(d.offset, 7u);
  EXPECT_THAT(d.message, HasSubstr("use '=='"));
  d = error("true & false");
  EXPECT_EQ(d.offset, 5u);
  EXPECT_THAT(d.message, HasSubstr("'&&'"));
  d = error("true | false");
  EXPECT_THAT(d.message, HasSubstr("'||'"));
  d = error("1 # 2");
  EXPECT_EQ(d.offset, 2u);
  EXPECT_THAT(d.message, HasSubstr("unexpected character '#'"));
  d = error(".5");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_THAT(d.message, HasSubstr("0.5"));
  d = error("1e");
  EXPECT_THAT(d.message, HasSubstr("exponent"));
  d = error("12abc");
  EXPECT_EQ(d.offset, 2u);
  d = error("data.x(1)");
  EXPECT_EQ(d.offset, 6u);
  EXPECT_THAT(d.message, HasSubstr("only the built-in functions can be called"));
}

TEST(ExprSyntax, BadStrings) {
  auto d = error("'abc");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_THAT(d.message, HasSubstr("unterminated string starting at offset 0"));
  d = error("1 + \"abc'");
  EXPECT_EQ(d.offset, 4u);
  EXPECT_THAT(d.message, HasSubstr("unterminated string"));
  d = error(R"('a\qb')");
  EXPECT_EQ(d.offset, 2u);
  EXPECT_THAT(d.message, HasSubstr("unknown escape '\\q'"));
  d = error(R"('\u12')");
  EXPECT_EQ(d.offset, 1u);
  EXPECT_THAT(d.message, HasSubstr("four hex digits"));
  d = error(R"('\ud83d')");
  EXPECT_THAT(d.message, HasSubstr("surrogate"));
}

TEST(ExprSyntax, DuplicateObjectKey) {
  auto d = error("{a: 1, b: 2, a: 3}");
  EXPECT_EQ(d.offset, 13u);
  EXPECT_THAT(d.message, HasSubstr("duplicate key 'a'"));
}

TEST(ExprSyntax, DeepNestingIsRefusedNotCrashing) {
  std::string deep(5000, '(');
  deep += "1";
  deep += std::string(5000, ')');
  auto d = error(deep);
  EXPECT_THAT(d.message, HasSubstr("nested too deeply"));
  std::string negations(5000, '!');
  negations += "true";
  EXPECT_THAT(error(negations).message, HasSubstr("nested too deeply"));
  // Long chains of operators nest as deeply without any parentheses.
  std::string sum = "data.x";
  for (int i = 0; i < 20000; ++i) sum += " + data.x";
  EXPECT_THAT(error(sum).message, HasSubstr("nested too deeply"));
  std::string members = "data";
  for (int i = 0; i < 20000; ++i) members += ".x";
  EXPECT_THAT(error(members).message, HasSubstr("nested too deeply"));
  std::string constants = "1";
  for (int i = 0; i < 20000; ++i) constants += " + 1";
  EXPECT_EQ(eval(constants), Value(20001));  // folded as it is read: no depth at all
  std::string fine(50, '(');
  fine += "1";
  fine += std::string(50, ')');
  EXPECT_EQ(eval(fine), Value(1));
}

TEST(ExprSyntax, UnknownNamesSuggestRoots) {
  auto d = error("dat.age > 3");
  EXPECT_EQ(d.offset, 0u);
  EXPECT_THAT(d.message, HasSubstr("unknown name 'dat'"));
  EXPECT_THAT(d.message, HasSubstr("did you mean 'data'?"));
  d = error("len");
  EXPECT_THAT(d.message, HasSubstr("call it as len(...)"));
}

TEST(ExprCompile, KeepsTextAndIsCheapToCopy) {
  Expression e = testing::compiled("1 + 1");
  EXPECT_EQ(e.text(), "1 + 1");
  EXPECT_FALSE(e.empty());
  Expression copy = e;
  EXPECT_EQ(copy.evaluate(testing::World{}.scope()), Value(2));
  Expression none;
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(none.evaluate(testing::World{}.scope()).is_null());
  EXPECT_FALSE(none.test(testing::World{}.scope()));
}

TEST(ExprCompile, FailureLeavesTheOutputUntouchedAndAppendsDiagnostics) {
  Expression e = testing::compiled("1");
  std::vector<Diagnostic> diags{{99, "earlier"}};
  EXPECT_FALSE(compile("1 +", {}, e, diags));
  ASSERT_EQ(diags.size(), 2u);
  EXPECT_EQ(diags[0].message, "earlier");
  EXPECT_EQ(e.text(), "1");
}

}  // namespace
}  // namespace cohort::expr
