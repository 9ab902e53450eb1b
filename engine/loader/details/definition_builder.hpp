#pragma once
/// @file definition_builder.hpp
/// @brief The meaning pass: a parsed definition -> model::Definition plus errors (internal).

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "loader/details/source_map.hpp"
#include "loader/diagnostic.hpp"
#include "loader/loader.hpp"
#include "model/definition.hpp"

namespace cohort::loader::details {

/// @brief Builds the model from a document that may have schema errors: parts of the
///        wrong shape are skipped (the schema pass reported them), everything else is
///        checked, and every problem is appended to `out`.
/// @param skip pointers the schema pass already reported; no second error is added there.
std::unique_ptr<model::Definition> build_definition(const Value& doc, const SourceMap& map,
                                                    const LoadOptions& options,
                                                    const std::set<std::string>& skip,
                                                    std::vector<Diagnostic>& out);

}  // namespace cohort::loader::details
