// Templates: JSON values whose "=..." strings are expressions.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "expr_test_support.hpp"

namespace cohort::expr {
namespace {

using ::testing::HasSubstr;
using testing::at;
using testing::json;
using testing::World;

Template compiled_template(const Value& v, const TypeEnv& env = {}) {
  Template t;
  std::vector<TemplateDiagnostic> diags;
  EXPECT_TRUE(compile_template(v, env, t, diags)) << (diags.empty() ? "" : diags[0].pointer + ": " + diags[0].error.message);
  return t;
}

std::vector<TemplateDiagnostic> template_errors(const Value& v, const TypeEnv& env = {}) {
  Template t;
  std::vector<TemplateDiagnostic> diags;
  EXPECT_FALSE(compile_template(v, env, t, diags));
  return diags;
}

World sample() {
  World w;
  w.data = json(R"({"name": "Ana", "age": 30, "scores": [3, 4], "shortlist": [{"id": "b7"}]})");
  w.event = json(R"({"applicant": "a1", "score": 9})");
  return w;
}

TEST(ExprTemplate, ConstantValuesComeBackAsWritten) {
  Value v = json(R"({"template": "received", "n": 3, "flags": [true, null, 1.5], "deep": {"x": {"y": []}}})");
  EXPECT_EQ(compiled_template(v).render(sample().scope()), v);
  EXPECT_EQ(compiled_template(json("42")).render(sample().scope()), Value(42));
  EXPECT_EQ(compiled_template(json(R"("plain")")).render(sample().scope()), Value("plain"));
}

TEST(ExprTemplate, ExpressionStrings) {
  World w = sample();
  EXPECT_EQ(compiled_template(json(R"("=data.name")")).render(w.scope()), Value("Ana"));
  EXPECT_EQ(compiled_template(json(R"("=event.score * 2")")).render(w.scope()), Value(18));
  EXPECT_EQ(compiled_template(json(R"("=now")")).render(w.scope()), Value(w.now));
  EXPECT_TRUE(compiled_template(json(R"("=data.missing")")).render(w.scope()).is_null());
}

TEST(ExprTemplate, NestedExpressionsInsideObjectsAndLists) {
  World w = sample();
  Template t = compiled_template(json(R"J({
    "to": "=data.name",
    "subject": "Your application",
    "vars": {"age_next_year": "=data.age + 1", "fixed": [1, 2], "mixed": ["x", "=len(data.scores)"]},
    "shortlist": "=append(data.shortlist, {id: event.applicant, score: event.score})"
  })J"));
  EXPECT_EQ(t.render(w.scope()), json(R"({
    "to": "Ana",
    "subject": "Your application",
    "vars": {"age_next_year": 31, "fixed": [1, 2], "mixed": ["x", 2]},
    "shortlist": [{"id": "b7"}, {"id": "a1", "score": 9}]
  })"));
  // The same template against another scope.
  World other = w;
  other.data = json(R"({"name": "Bo", "age": 40, "scores": []})");
  Value r = t.render(other.scope());
  EXPECT_EQ(r["to"], Value("Bo"));
  EXPECT_EQ(r["vars"]["age_next_year"], Value(41));
  EXPECT_EQ(r["vars"]["mixed"], json(R"(["x", 0])"));
  EXPECT_EQ(r["shortlist"], json(R"([{"id": "a1", "score": 9}])"));
}

TEST(ExprTemplate, DoubleEqualsIsALiteralEquals) {
  World w = sample();
  EXPECT_EQ(compiled_template(json(R"("==data.name")")).render(w.scope()), Value("=data.name"));
  EXPECT_EQ(compiled_template(json(R"("===x")")).render(w.scope()), Value("==x"));
  EXPECT_EQ(compiled_template(json(R"({"formula": "==A1+B1", "a": ["==", "x=y"]})")).render(w.scope()),
            json(R"({"formula": "=A1+B1", "a": ["=", "x=y"]})"));
}

TEST(ExprTemplate, ConstantExpressionsAreFolded) {
  World w = sample();
  EXPECT_EQ(compiled_template(json(R"J({"a": "=1 + 2", "b": "=duration('P1D')", "c": "=upper('x')"})J")).render(w.scope()),
            json(R"({"a": 3, "b": 86400000, "c": "X"})"));
}

TEST(ExprTemplate, RenderedValuesAreIndependent) {
  World w = sample();
  Template t = compiled_template(json(R"({"list": [1, 2], "name": "=data.name"})"));
  Value first = t.render(w.scope());
  Value copy = first;
  copy.set("name", Value("changed"));
  EXPECT_EQ(t.render(w.scope())["name"], Value("Ana"));
  EXPECT_EQ(first["name"], Value("Ana"));
}

TEST(ExprTemplate, DiagnosticsCarryRelativePointersAndOffsets) {
  TypeEnv env;
  env.data_schema = json(R"({"type": "object", "properties": {"name": {"type": "string"}, "age": {"type": "integer"}}})");
  auto diags = template_errors(json(R"({
    "ok": "=data.name",
    "with": {"template": "=data.nmae", "list": [1, "=data.age + 'x'"]},
    "a/b": {"c~d": "=(1"}
  })"), env);
  ASSERT_EQ(diags.size(), 3u);
  // Object members come in key order.
  EXPECT_EQ(diags[0].pointer, "/a~1b/c~0d");
  EXPECT_EQ(diags[0].error.offset, 2u);
  EXPECT_THAT(diags[0].error.message, HasSubstr("expected ')' to close '(' at offset 0"));
  EXPECT_EQ(diags[1].pointer, "/with/list/1");
  EXPECT_EQ(diags[1].error.offset, 9u);  // relative to the text after '='
  EXPECT_THAT(diags[1].error.message, HasSubstr("'+' cannot combine int and string"));
  EXPECT_EQ(diags[2].pointer, "/with/template");
  EXPECT_EQ(diags[2].error.offset, 5u);
  EXPECT_THAT(diags[2].error.message, HasSubstr("did you mean 'name'?"));
}

TEST(ExprTemplate, RootExpressionErrorHasEmptyPointer) {
  auto diags = template_errors(json(R"("=1 +")"));
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].pointer, "");
  EXPECT_EQ(diags[0].error.offset, 3u);
}

TEST(ExprTemplate, EmptyAndCopies) {
  Template none;
  EXPECT_TRUE(none.empty());
  EXPECT_TRUE(none.render(sample().scope()).is_null());
  Template t = compiled_template(json(R"({"n": "=data.age"})"));
  EXPECT_FALSE(t.empty());
  Template copy = t;
  EXPECT_EQ(copy.render(sample().scope()), json(R"({"n": 30})"));
}

TEST(ExprTemplate, TimesRenderAsTimestamps) {
  TypeEnv env;
  env.event_schema = json(R"({"type": "object", "properties": {"due": {"type": "string", "format": "date"}}})");
  World w;
  w.event = json(R"({"due": "2025-07-01"})");
  Value r = compiled_template(json(R"J({"expires": "=event.due + days(14)"})J"), env).render(w.scope());
  EXPECT_EQ(r["expires"], Value(at("2025-07-15")));
}

}  // namespace
}  // namespace cohort::expr
