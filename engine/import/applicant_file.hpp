#pragma once
/// @file applicant_file.hpp
/// @brief A whole applicants file read: the applicants, and every row that was skipped.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "import/applicant_row.hpp"

namespace cohort::import {

/// @brief What a file held.
struct ApplicantFile {
  bool ok = false;                  ///< false: the file as a whole is unusable (see errors)
  std::vector<std::string> errors;  ///< about the whole file (header), when !ok
  std::vector<std::string> warnings;
  std::vector<ApplicantRow> applicants;  ///< in file order
  std::vector<RowProblem> problems;      ///< one per bad cell of a skipped row, in file order
  std::size_t rows = 0;                  ///< data rows read, blank lines not counted
  std::size_t skipped_rows = 0;          ///< rows with at least one problem
};

/// @brief Reads an applicants CSV (see docs/IMPORT.md). A bad row is skipped and
///        described in `problems`; so is a second row for the same applicant (same id or
///        email). `progress` (may be empty) gets (bytes read, bytes in all) now and then.
ApplicantFile read_applicants(std::string_view csv, const std::string& programme_id,
                              const std::function<void(std::size_t, std::size_t)>& progress = {});

}  // namespace cohort::import
