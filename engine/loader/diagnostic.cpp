#include "loader/diagnostic.hpp"

namespace cohort::loader {

std::string Diagnostic::format() const {
  std::string out = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": error: " + message;
  if (kind == DiagnosticKind::Io || kind == DiagnosticKind::Syntax) return out;
  out += pointer.empty() ? " (at the root)" : " (at " + pointer + ")";
  return out;
}

}  // namespace cohort::loader
