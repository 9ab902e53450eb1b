#pragma once
/// @file operation_outcome.hpp
/// @brief What a plugin's JSON layer gives back for one operation, before the SDK adapter
///        (service_plugin.hpp) turns it into a cohort::sdk::Result.

#include <string>

namespace cohort_plugin_common {

/// @brief The outcome of one operation: a JSON result, or why the arguments were refused.
struct OperationOutcome {
  bool ok = true;
  std::string json;     ///< the result when ok
  std::string message;  ///< the error when not ok (names the offending field)
};

}  // namespace cohort_plugin_common
