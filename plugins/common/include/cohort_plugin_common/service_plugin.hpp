#pragma once
/// @file service_plugin.hpp
/// @brief The SDK adapter of a plugin whose operations all live in one service object: the
///        plugin class only names the service, and the service stays plain C++ that tests
///        drive without the SDK. Include from the plugin's plugin.cpp only (it needs the SDK).

#include <cohort/cpp/plugin.hpp>

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>

#include "cohort_plugin_common/operation_outcome.hpp"

namespace cohort_plugin_common {

/// @brief A cohort::sdk::Plugin that forwards every call to a `Service` with
///        `static const std::vector<std::string>& operations()` and
///        `OperationOutcome run(std::string_view operation, std::string_view args_json)`
///        (thread-safe: calls come from many threads at once). When the service also has
///        `bool configure(std::string_view config_json, std::string& error)`, init passes it
///        the plugin's configuration and refuses the plugin with "NAME: error" when it fails.
///        A refused call is logged as a warning naming the workflow instance, and returned
///        as invalid_argument; an operation the service does not list is unknown_operation.
template <class Service>
class ServicePlugin : public cohort::sdk::Plugin {
 public:
  /// @brief `name` prefixes configuration errors ("visa: config.letter_digits ...").
  explicit ServicePlugin(std::string name) : name_(std::move(name)) {}

  cohort::sdk::Result on_init() override {
    if constexpr (requires(Service& s, std::string& e) { s.configure(std::string_view{}, e); }) {
      std::string error;
      if (!service_.configure(host().config(), error)) return cohort::sdk::Result::invalid_argument(name_ + ": " + error);
    }
    return cohort::sdk::Result::ok();
  }

  cohort::sdk::Result on_call(std::string_view operation, std::string_view args_json,
                              const cohort::sdk::CallContext& ctx) override {
    const auto& ops = Service::operations();
    if (std::find(ops.begin(), ops.end(), operation) == ops.end())
      return cohort::sdk::Result::unknown_operation(operation);
    OperationOutcome outcome = service_.run(operation, args_json);
    if (!outcome.ok) {
      host().warn(std::string(ctx.instance) + ": " + outcome.message);
      return cohort::sdk::Result::invalid_argument(std::move(outcome.message));
    }
    return cohort::sdk::Result::ok(std::move(outcome.json));
  }

 private:
  std::string name_;
  Service service_;
};

}  // namespace cohort_plugin_common
