#pragma once
/// @file applicant_row.hpp
/// @brief One row of an applicants file: the applicant it holds, or why it holds none.

#include <cstddef>
#include <optional>
#include <string>

#include "value/value.hpp"

namespace cohort::import {

/// @brief Why a row (or one cell of it) cannot be imported.
struct RowProblem {
  std::size_t row = 0;           ///< spreadsheet row (the header is row 1)
  std::size_t line = 0;          ///< line of the file where the row starts
  std::string column;            ///< the header cell as written; empty when about the whole row
  std::size_t column_index = 0;  ///< 1-based; 0 when about the whole row
  std::string reason;

  /// @brief "row 7, column \"email\" (3): ..." for people.
  std::string describe() const;
};

/// @brief An applicant read from a row.
struct ApplicantRow {
  std::size_t row = 0;
  std::size_t line = 0;
  std::string id;     ///< the participant instance's subject
  std::string email;  ///< lowered, as used to recognise the same person
  Value profile;      ///< the `applicant` object of application.submitted
  std::optional<Timestamp> submitted_at;
  std::string channel;  ///< where the application came from; empty: "import"
};

}  // namespace cohort::import
