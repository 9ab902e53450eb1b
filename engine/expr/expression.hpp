#pragma once
/// @file expression.hpp
/// @brief The guard / `set` expression language: compiled once at load, evaluated many times.
///
/// Grammar, types and semantics: docs/EXPRESSIONS.md.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "value/value.hpp"

namespace cohort::expr {

/// @brief Static type of an expression, checked at load.
enum class Type : std::uint8_t { Any, Null, Bool, Int, Number, String, Time, List, Object };

/// @brief Declared shapes of the three roots, as JSON Schema (draft-04 subset) values.
///        A null schema means "not declared": everything under that root is Any.
struct TypeEnv {
  Value data_schema;       ///< the instance data (`data.x`)
  Value event_schema;      ///< the triggering event's payload (`event.x`)
  Value programme_schema;  ///< the programme file (`programme.x`)
};

/// @brief What an expression may read while it runs. Nothing here is mutated.
struct Scope {
  const Value& data;
  const Value& event;
  const Value& programme;
  Timestamp now;
};

/// @brief A compile error at a byte offset of the expression text.
struct Diagnostic {
  std::size_t offset = 0;
  std::string message;
};

namespace detail {
struct Node;
}

/// @brief A compiled expression. Immutable and safe to evaluate from many threads.
///
/// Evaluation never throws: a missing member reads as null, an operation on
/// values of the wrong kind yields null, and `test` treats anything but `true` as false.
class Expression {
 public:
  Expression() = default;
  Value evaluate(const Scope& scope) const;
  /// @brief Evaluates as a guard: true only when the result is the boolean true.
  bool test(const Scope& scope) const;
  Type type() const { return type_; }
  const std::string& text() const { return text_; }
  bool empty() const { return !root_; }

 private:
  friend bool compile(std::string_view, const TypeEnv&, Expression&, std::vector<Diagnostic>&);
  std::shared_ptr<const detail::Node> root_;
  Type type_ = Type::Any;
  std::string text_;
};

/// @brief Compiles `text`. On failure returns false and appends every error found.
bool compile(std::string_view text, const TypeEnv& env, Expression& out,
             std::vector<Diagnostic>& diagnostics);

/// @brief Name of a type for messages ("int", "time", ...).
std::string_view type_name(Type t);

/// @brief A template diagnostic: which value inside the template (relative JSON pointer,
///        "" for the template itself) and the error within that value's expression.
struct TemplateDiagnostic {
  std::string pointer;
  Diagnostic error;
};

/// @brief A JSON value in which every string that starts with "=" is an expression
///        (`"=data.name"`); "==" at the start stands for a literal "=". Used by `with`,
///        `set` and `emit.data`.
class Template {
 public:
  Template() = default;
  /// @brief Builds the value for one use.
  Value render(const Scope& scope) const;
  bool empty() const { return !root_; }

 private:
  friend bool compile_template(const Value&, const TypeEnv&, Template&, std::vector<TemplateDiagnostic>&);
  struct Node;
  std::shared_ptr<const Node> root_;
};

/// @brief Compiles a template. On failure returns false and appends every error found.
bool compile_template(const Value& json, const TypeEnv& env, Template& out,
                      std::vector<TemplateDiagnostic>& diagnostics);

}  // namespace cohort::expr
