#pragma once
/// @file node.hpp
/// @brief The compiled form of an expression: an immutable tree evaluated in place.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "expr/details/builtin.hpp"
#include "expr/expression.hpp"
#include "value/value.hpp"

namespace cohort::expr::detail {

/// @brief What a node does when evaluated.
enum class Op : std::uint8_t {
  Const,       ///< `value`
  Data,        ///< the `data` root
  Event,       ///< the `event` root
  Programme,   ///< the `programme` root
  Now,         ///< the engine's current time
  Member,      ///< kids[0].name
  Index,       ///< kids[0][kids[1]]
  Not,
  Neg,
  And,
  Or,
  Coalesce,    ///< kids[0] ?? kids[1]
  Cond,        ///< kids[0] ? kids[1] : kids[2]
  Eq,
  Ne,
  Lt,
  Le,
  Gt,
  Ge,
  In,
  Add,
  Sub,
  Mul,
  Div,
  Mod,
  MakeList,    ///< [kids...]
  MakeObject,  ///< {keys[i]: kids[i]}, keys sorted and unique
  Call,        ///< fn(kids...)
};

/// @brief One node of a compiled expression. Never mutated once compiled, so a tree is
///        shared freely between threads and copies of an Expression.
struct Node {
  Op op = Op::Const;
  Type type = Type::Any;
  /// Member/Index read through a schema that declares a date format: the stored ISO
  /// string is turned into a Timestamp as it is read.
  bool to_time = false;
  Builtin fn = Builtin::Len;
  std::uint32_t offset = 0;
  Value value;
  std::string name;
  std::vector<std::string> keys;
  std::vector<std::unique_ptr<const Node>> kids;
};

}  // namespace cohort::expr::detail
