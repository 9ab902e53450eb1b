#include "import/applicant_row.hpp"

namespace cohort::import {

std::string RowProblem::describe() const {
  std::string out = "row " + std::to_string(row);
  if (line != row) out += " (line " + std::to_string(line) + ")";
  if (!column.empty() || column_index)
    out += ", column \"" + column + "\" (" + std::to_string(column_index) + ")";
  return out + ": " + reason;
}

}  // namespace cohort::import
