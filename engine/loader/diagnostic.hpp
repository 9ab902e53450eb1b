#pragma once
/// @file diagnostic.hpp
/// @brief One problem found in a workflow definition, located for people and editors.

#include <string>

namespace cohort::loader {

/// @brief What kind of check found the problem.
enum class DiagnosticKind : unsigned char {
  Io,       ///< the file could not be read
  Syntax,   ///< not JSON (then it is the only diagnostic of the file)
  Schema,   ///< JSON that does not follow workflows/schema/workflow.schema.json
  Meaning,  ///< valid against the schema but wrong: targets, reachability, guards, plugins, emits
};

/// @brief A located error: `FILE:LINE:COLUMN: error: MESSAGE (at JSON-POINTER)`.
struct Diagnostic {
  DiagnosticKind kind = DiagnosticKind::Meaning;
  std::string file;
  int line = 1;    ///< 1-based
  int column = 1;  ///< 1-based, in UTF-8 code points
  std::string pointer;  ///< JSON pointer of the offending value ("" is the whole document)
  std::string message;

  /// @brief The one-line form. Io and Syntax errors have no pointer and omit "(at ...)";
  ///        the whole document is written "(at the root)".
  std::string format() const;
};

}  // namespace cohort::loader
