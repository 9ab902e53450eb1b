// Arbitrary text never crashes the compiler, and whatever compiles evaluates without throwing.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "expr_test_support.hpp"

namespace cohort::expr {
namespace {

using testing::json;

const char* const kPieces[] = {
    "data", "event", "programme", "now", ".", "age", "name", "born", "tags", "address", "city", "x", "[", "]",
    "(", ")", "{", "}", ",", ":", "?", "??", "!", "-", "+", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=",
    "&&", "||", "in", "0", "1", "-1", "2.5", "9223372036854775807", "'a'", "'2025-01-01'", "'P1D'", "null",
    "true", "false", "len", "date", "duration", "days", "years_between", "lower", "append", "count", "sum",
    "min", "max", "round", "abs", "keys", "contains", "upper", "'x'", "\"", "'", "\\", "foo", " ", "[]", "{}",
};

TypeEnv typed_env() {
  TypeEnv e;
  e.data_schema = json(R"({"type": "object", "properties": {
    "age": {"type": "integer"}, "name": {"type": "string"}, "born": {"type": "string", "format": "date"},
    "tags": {"type": "array", "items": {"type": "string"}},
    "address": {"type": "object", "properties": {"city": {"type": "string"}}}}})");
  return e;
}

TEST(ExprRobustness, RandomTextCompilesOrFailsCleanly) {
  std::uint64_t state = 7;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>(state >> 33);
  };
  const std::size_t piece_count = sizeof(kPieces) / sizeof(kPieces[0]);
  TypeEnv envs[] = {TypeEnv{}, typed_env()};
  testing::World w;
  w.data = json(R"({"age": 30, "name": "Ana", "born": "2000-02-29", "tags": ["a"], "address": {"city": "Porto"},
                    "x": [1, {"x": "2025-01-01"}]})");
  w.event = json(R"({"x": 9223372036854775807})");
  std::size_t compiled = 0;
  for (int i = 0; i < 6000; ++i) {
    std::string text;
    int n = 1 + static_cast<int>(next() % 9);
    for (int k = 0; k < n; ++k) text += kPieces[next() % piece_count];
    for (const auto& env : envs) {
      Expression e;
      std::vector<Diagnostic> diags;
      bool ok = compile(text, env, e, diags);
      if (!ok) {
        ASSERT_FALSE(diags.empty()) << text;
        for (const auto& d : diags) ASSERT_LE(d.offset, text.size()) << text;
        continue;
      }
      ++compiled;
      ASSERT_TRUE(diags.empty()) << text;
      (void)e.evaluate(w.scope());
      (void)e.test(w.scope());
    }
  }
  EXPECT_GT(compiled, 100u);
}

}  // namespace
}  // namespace cohort::expr
