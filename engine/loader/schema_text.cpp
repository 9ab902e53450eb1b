#include <fstream>
#include <sstream>

#include "loader/loader.hpp"

namespace cohort::loader {

// The build may embed the schema (a generated include holding a raw string literal) so that
// an installed binary does not need the source tree; without it the schema is read from the
// source tree the binary was built from.
const std::string& workflow_schema_text() {
#if __has_include(<cohort_generated/workflow_schema.inc>)
  static const std::string text =
#include <cohort_generated/workflow_schema.inc>
      ;
#else
  static const std::string text = [] {
    std::ifstream in(COHORT_SOURCE_DIR "/workflows/schema/workflow.schema.json", std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
  }();
#endif
  return text;
}

}  // namespace cohort::loader
