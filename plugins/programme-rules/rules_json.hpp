#pragma once
/// @file rules_json.hpp
/// @brief The JSON face of the programme rules: one function per operation, JSON text in,
///        JSON text out. The plugin class only forwards to `run_operation`.

#include <string>
#include <string_view>
#include <vector>

#include <cohort_plugin_common/operation_outcome.hpp>

namespace cohort_rules {

/// A JSON result, or why the arguments were refused (shared by the first-party plugins).
using cohort_plugin_common::OperationOutcome;

/// @brief Operation names this file implements ("rules.select", ...).
const std::vector<std::string>& operation_names();

/// @brief Runs `operation` on JSON arguments. Unknown operations and malformed
///        arguments give ok = false with a message naming the offending field.
OperationOutcome run_operation(std::string_view operation, std::string_view args_json);

/// @brief The operations as one stateless service object, the shape the SDK adapter
///        (cohort_plugin_common::ServicePlugin) forwards to.
struct RulesService {
  static const std::vector<std::string>& operations() { return operation_names(); }
  OperationOutcome run(std::string_view operation, std::string_view args_json) const {
    return run_operation(operation, args_json);
  }
};

}  // namespace cohort_rules
