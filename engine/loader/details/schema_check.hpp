#pragma once
/// @file schema_check.hpp
/// @brief Checks a definition against workflows/schema/workflow.schema.json (internal).

#include <string>
#include <string_view>
#include <vector>

#include "value/value.hpp"

namespace cohort::loader::details {

/// @brief One schema violation.
struct SchemaProblem {
  std::string pointer;
  std::string message;
  bool at_key = false;  ///< locate at the member's key (an unknown property) rather than its value
};

/// @brief Validates `doc` (parsed from `text`) and appends every violation.
///
/// RapidJSON's draft-04 validator is the reference, but it stops at the first error; a
/// collecting walk over the same schema finds all of them with messages for people.
/// Returns false only when the schema itself is unusable (`problems` then says why).
bool check_schema(std::string_view text, const Value& doc, std::vector<SchemaProblem>& problems);

}  // namespace cohort::loader::details
