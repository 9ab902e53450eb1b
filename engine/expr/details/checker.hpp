#pragma once
/// @file checker.hpp
/// @brief Builds typed nodes for the parser: resolves names, infers and checks types,
///        folds constants. Type errors are recorded and the node typed Any, so checking
///        goes on and one mistake is reported once.

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "expr/details/node.hpp"
#include "expr/details/schema.hpp"
#include "expr/expression.hpp"

namespace cohort::expr::detail {

/// @brief A node being built, with what is statically known about its value.
struct Typed {
  std::unique_ptr<Node> node;
  TypeInfo info;
  /// @brief Levels of nodes below and including this one (evaluation recurses this deep).
  int height = 1;
};

/// @brief The deepest tree accepted; evaluation and destruction recurse once per level.
inline constexpr int kMaxTreeHeight = 200;

/// @brief The type rules of the language (docs/EXPRESSIONS.md).
class Checker {
 public:
  Checker(const TypeEnv& env, std::vector<Diagnostic>& diagnostics) : env_(env), diags_(diagnostics) {}

  Typed constant(Value v, std::size_t offset);
  /// @brief `data`, `event`, `programme`, `now`; anything else is an error.
  Typed name(std::string_view name, std::size_t offset);
  Typed member(Typed base, std::string name, std::size_t name_offset);
  Typed index(Typed base, Typed key, std::size_t bracket_offset);
  /// @brief `!` or unary `-`.
  Typed unary(Op op, std::size_t op_offset, Typed operand);
  Typed binary(Op op, std::size_t op_offset, Typed left, Typed right);
  Typed conditional(Typed cond, Typed then, Typed otherwise);
  Typed list(std::size_t offset, std::vector<Typed> items);
  Typed object(std::size_t offset, std::vector<std::pair<std::string, std::size_t>> keys,
               std::vector<Typed> values);
  Typed call(std::string_view name, std::size_t name_offset, std::vector<Typed> args);

 private:
  void error(std::size_t offset, std::string message);
  Typed make(Op op, Type type, std::size_t offset, std::vector<Typed> kids);
  Typed fold(Typed t);
  Typed poisoned(Op op, std::size_t offset, std::vector<Typed> kids);
  /// @brief Turns a string literal compared with a time into a time, checking it parses.
  void literal_time(Typed& t);
  bool check_equatable(const TypeInfo& a, const TypeInfo& b, std::size_t offset, std::string_view what);
  bool check_orderable(const TypeInfo& a, const TypeInfo& b, std::size_t offset, std::string_view what);
  Typed member_of_schema(Typed base, std::string name, std::size_t offset, Op op, Typed* key);
  bool expect_arg(const Typed& arg, std::string_view fn, std::initializer_list<Type> allowed,
                  std::string_view described);

  const TypeEnv& env_;
  std::vector<Diagnostic>& diags_;
  bool too_deep_reported_ = false;
};

}  // namespace cohort::expr::detail
