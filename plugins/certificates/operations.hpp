#pragma once
/// @file operations.hpp
/// @brief The plugin's operations as JSON in, JSON out: argument checks, office calls,
///        result documents (shapes in docs/plugins/certificates.md). No SDK types here.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "certificate_office.hpp"

namespace cohort_certificates {

/// @brief The result of one operation: JSON on success, a message otherwise.
struct OperationResult {
  Failure failure = Failure::None;
  std::string json;
  std::string message;
  bool ok() const { return failure == Failure::None; }
};

/// @brief certificates.issue, certificates.revoke, certificates.reissue.
const std::vector<std::string_view>& operation_names();

/// @brief Runs `operation` with `args_json` on `office`.
OperationResult run_operation(CertificateOffice& office, std::string_view operation, std::string_view args_json);

/// @brief Reads the plugin configuration (signing_key, signing_key_file, issuer, fsync) into
///        `options` (run_dir and data_dir are set by the caller). False (with `error`) when
///        a value is wrong or a key cannot be read.
bool read_config(std::string_view config_json, OfficeOptions& options, std::string& error);

}  // namespace cohort_certificates
