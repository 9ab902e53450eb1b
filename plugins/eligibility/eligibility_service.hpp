#pragma once
/// @file eligibility_service.hpp
/// @brief The JSON face of the eligibility plugin: configuration in, one JSON result per
///        operation out. The plugin class only forwards to it; tests drive it directly.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <cohort_plugin_common/operation_outcome.hpp>

#include "deadline.hpp"
#include "rules.hpp"

namespace cohort_eligibility {

/// A JSON result, or why the arguments were refused (shared by the first-party plugins).
using cohort_plugin_common::OperationOutcome;

/// @brief Configured once (plugin init), then called from many threads at once.
class EligibilityService {
 public:
  EligibilityService();

  /// @brief Reads the plugin configuration (JSON object text). False with `error` when invalid;
  ///        the service keeps its previous settings then.
  bool configure(std::string_view config_json, std::string& error);

  /// @brief "eligibility.check", "eligibility.deadline".
  static const std::vector<std::string>& operations();

  /// @brief Runs one operation on JSON arguments. Thread-safe.
  OperationOutcome run(std::string_view operation, std::string_view args_json);

 private:
  OperationOutcome run_check(std::string_view args_json);
  OperationOutcome run_deadline(std::string_view args_json);

  Settings settings_;
  std::unique_ptr<ZoneCache> zones_;
};

}  // namespace cohort_eligibility
