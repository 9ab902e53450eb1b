#pragma once
/// @file parser.hpp
/// @brief Text to checked tree: the one entry point of compiling an expression.

#include <memory>
#include <string_view>
#include <vector>

#include "expr/details/node.hpp"
#include "expr/expression.hpp"

namespace cohort::expr::detail {

/// @brief Parses and type-checks `text`. Returns false when it added any diagnostic;
///        otherwise `out` is the compiled tree and `type` its static type.
bool parse_expression(std::string_view text, const TypeEnv& env, std::shared_ptr<const Node>& out, Type& type,
                      std::vector<Diagnostic>& diagnostics);

}  // namespace cohort::expr::detail
