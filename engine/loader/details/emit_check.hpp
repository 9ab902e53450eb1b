#pragma once
/// @file emit_check.hpp
/// @brief Cross-definition check: every emitted event is handled by its receiver (internal).

#include <cstddef>
#include <vector>

#include "loader/details/source_map.hpp"
#include "loader/diagnostic.hpp"
#include "model/definition.hpp"

namespace cohort::loader::details {

/// @brief Checks the emits of `self` against the definitions in `known` (which may hold
///        `self`): "programme" -> id "programme", "participants" -> id "participant",
///        "self" -> `self`, "=EXPR" -> any known definition but only when another one is
///        known. A receiver that is not known is not checked. Returns the errors added.
std::size_t check_emits(const model::Definition& self, const SourceMap& map,
                        const std::vector<const model::Definition*>& known, std::vector<Diagnostic>& out);

}  // namespace cohort::loader::details
