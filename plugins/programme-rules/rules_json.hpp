#pragma once
/// @file rules_json.hpp
/// @brief The JSON face of the programme rules: one function per operation, JSON text in,
///        JSON text out. The plugin class only forwards to `run_operation`.

#include <string>
#include <string_view>
#include <vector>

namespace cohort_rules {

/// @brief The outcome of one operation: a JSON result, or why the arguments were refused.
struct OperationOutcome {
  bool ok = true;
  std::string json;     ///< the result when ok
  std::string message;  ///< the error when not ok
};

/// @brief Operation names this file implements ("rules.select", ...).
const std::vector<std::string>& operation_names();

/// @brief Runs `operation` on JSON arguments. Unknown operations and malformed
///        arguments give ok = false with a message naming the offending field.
OperationOutcome run_operation(std::string_view operation, std::string_view args_json);

}  // namespace cohort_rules
