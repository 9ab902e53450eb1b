#pragma once
/// @file document_service.hpp
/// @brief The plugin's operations as plain C++: arguments JSON in, a stored PDF and a result JSON out.

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "config.hpp"
#include "document_template.hpp"
#include "pdf_renderer.hpp"

namespace cohort_documents {

/// @brief The operation names: "documents.invitation_letter", "documents.certificate".
std::string_view operation_name(Kind kind);
/// @brief The kind an operation makes; false for any other operation name.
bool kind_for_operation(std::string_view operation, Kind& kind);

/// @brief The outcome of one operation.
struct Outcome {
  enum class Failure { None, InvalidArgument, Error };
  Failure failure = Failure::None;
  /// On success: {"kind", "path", "sha256", "bytes", "pages"}.
  std::string json;
  std::string message;
  /// Worth logging, not failing for (e.g. characters no installed font has).
  std::vector<std::string> warnings;

  bool ok() const { return failure == Failure::None; }
};

/// @brief Makes documents for one run: renders with the configured templates, stores under run_dir.
///        Thread-safe.
class DocumentService {
 public:
  DocumentService(Config config, std::filesystem::path run_dir);

  /// @brief Renders the document of `kind` from `args_json` and stores it. Equal arguments give the
  ///        same bytes, hence the same path: a retried or replayed call stores nothing new.
  Outcome make(Kind kind, std::string_view args_json);

  /// @brief Loads the fonts and says (a warning, empty when fine) if the configured fonts lack
  ///        Latin, Vietnamese, Cyrillic, Arabic or Chinese letters.
  std::string check_fonts();

  const Config& config() const { return config_; }

 private:
  Config config_;
  std::filesystem::path run_dir_;
  PdfRenderer renderer_;
};

}  // namespace cohort_documents
