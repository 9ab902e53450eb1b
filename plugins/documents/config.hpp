#pragma once
/// @file config.hpp
/// @brief The plugin's configuration: the programme file's plugins."org.cohort.documents" object.

#include <string>
#include <string_view>

#include "document_template.hpp"

namespace cohort_documents {

/// @brief Paper size.
enum class PageSize { A4, Letter };

/// @brief The configuration, with the built-in defaults for every key left out.
struct Config {
  /// Pango font families, comma-separated; fontconfig falls back further for missing scripts.
  std::string font = "Noto Serif, Noto Serif CJK SC, Noto Naskh Arabic";
  PageSize page = PageSize::A4;
  /// Dates printed as "10 March 2025" (true) or "2025-03-10".
  bool long_dates = true;
  DocumentTemplate invitation_letter = default_template(Kind::InvitationLetter);
  DocumentTemplate certificate = default_template(Kind::Certificate);

  /// @brief The template of a kind.
  const DocumentTemplate& template_for(Kind kind) const {
    return kind == Kind::InvitationLetter ? invitation_letter : certificate;
  }
};

/// @brief Reads the configuration JSON over the defaults. Every placeholder is checked here, so
///        a template naming an unknown field fails when the plugin loads, not when a document is made.
///        On failure `error` names the key (e.g. "certificate.body[2]: unknown field ...").
bool parse_config(std::string_view json, Config& out, std::string& error);

}  // namespace cohort_documents
