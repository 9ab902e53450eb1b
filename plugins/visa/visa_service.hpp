#pragma once
/// @file visa_service.hpp
/// @brief The JSON face of the visa plugin: configuration in, one JSON result per operation
///        out. The plugin class only forwards to it; tests drive it directly.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <cohort_plugin_common/operation_outcome.hpp>

#include "letter.hpp"
#include "passport.hpp"

namespace cohort_visa {

/// A JSON result, or why the arguments were refused (shared by the first-party plugins).
using cohort_plugin_common::OperationOutcome;

/// @brief Defaults from the plugin configuration (the programme file's plugins section).
struct VisaSettings {
  std::string letter_prefix;
  int letter_digits = 4;
  ValidityRule passport_rule;
  std::vector<int> reminder_days = {21, 7, 1};
  std::string purpose, funding;
  std::vector<std::string> places;
  std::optional<Institution> institution;
};

/// @brief Configured once (plugin init), then called from many threads at once. Stateless.
class VisaService {
 public:
  /// @brief Reads the configuration (JSON object text). False with `error` when invalid.
  bool configure(std::string_view config_json, std::string& error);
  const VisaSettings& settings() const { return settings_; }

  /// @brief visa.letter, visa.check_passport, visa.check_mrz, visa.reminders.
  static const std::vector<std::string>& operations();

  /// @brief Runs one operation on JSON arguments. Thread-safe.
  OperationOutcome run(std::string_view operation, std::string_view args_json) const;

 private:
  OperationOutcome letter(std::string_view args_json) const;
  OperationOutcome check_passport(std::string_view args_json) const;
  OperationOutcome check_mrz(std::string_view args_json) const;
  OperationOutcome reminders(std::string_view args_json) const;

  VisaSettings settings_;
};

}  // namespace cohort_visa
