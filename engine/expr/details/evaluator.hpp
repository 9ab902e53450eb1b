#pragma once
/// @file evaluator.hpp
/// @brief Walks a compiled tree against a scope.

#include "expr/details/node.hpp"
#include "expr/expression.hpp"

namespace cohort::expr::detail {

/// @brief Evaluates `node`. The result refers either into the scope, into the tree's
///        constants, or into `scratch`, so reading a member never copies it; copy the
///        result before `scratch` or the scope goes away.
const Value& evaluate(const Node& node, const Scope& scope, Value& scratch);

}  // namespace cohort::expr::detail
