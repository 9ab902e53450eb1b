#pragma once
/// @file expr_test_support.hpp
/// @brief Small helpers shared by the expression tests.

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "expr/expression.hpp"
#include "value/json.hpp"
#include "value/time.hpp"

namespace cohort {
/// @brief Shows values as JSON in test failures.
inline void PrintTo(const Value& v, std::ostream* os) {
  *os << (v.is_time() ? "time " : "") << to_json(v);
}
}  // namespace cohort

namespace cohort::expr::testing {

/// @brief Parses JSON text written in a test; fails the test when it does not parse.
inline Value json(std::string_view text) {
  Value v;
  JsonError error;
  EXPECT_TRUE(parse_json(text, v, error)) << error.message << " in " << text;
  return v;
}

inline Timestamp at(std::string_view iso) {
  auto t = parse_iso_datetime(iso);
  EXPECT_TRUE(t.has_value()) << iso;
  return t.value_or(Timestamp{});
}

/// @brief The three roots and the clock an expression sees.
struct World {
  Value data = Value::object();
  Value event = Value::object();
  Value programme = Value::object();
  Timestamp now = at("2025-06-15T12:00:00Z");
  Scope scope() const { return Scope{data, event, programme, now}; }
};

/// @brief Compiles `text` (failing the test on any diagnostic).
inline Expression compiled(std::string_view text, const TypeEnv& env = {}) {
  Expression e;
  std::vector<Diagnostic> diags;
  bool ok = compile(text, env, e, diags);
  EXPECT_TRUE(ok) << "'" << text << "' did not compile: "
                  << (diags.empty() ? std::string("(no diagnostic)")
                                    : std::to_string(diags[0].offset) + ": " + diags[0].message);
  return e;
}

/// @brief Compiles and evaluates `text` in `world`.
inline Value eval(std::string_view text, const World& world = {}, const TypeEnv& env = {}) {
  return compiled(text, env).evaluate(world.scope());
}

/// @brief The diagnostics of a text that must not compile.
inline std::vector<Diagnostic> errors(std::string_view text, const TypeEnv& env = {}) {
  Expression e;
  std::vector<Diagnostic> diags;
  bool ok = compile(text, env, e, diags);
  EXPECT_FALSE(ok) << "'" << text << "' compiled but should not";
  EXPECT_FALSE(diags.empty()) << "'" << text << "' failed without a diagnostic";
  return diags;
}

/// @brief The single diagnostic of a text that must not compile.
inline Diagnostic error(std::string_view text, const TypeEnv& env = {}) {
  auto diags = errors(text, env);
  EXPECT_EQ(diags.size(), 1u) << "'" << text << "' gave " << diags.size() << " diagnostics";
  return diags.empty() ? Diagnostic{} : diags.front();
}

}  // namespace cohort::expr::testing
