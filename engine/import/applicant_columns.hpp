#pragma once
/// @file applicant_columns.hpp
/// @brief Which column of an applicants file holds what, and the checks on each cell.
///
/// Header cells are matched case-insensitively, with spaces, hyphens and dots alike
/// ("E-mail", "Date of birth", "Country"); see docs/IMPORT.md for every name accepted.

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "import/applicant_row.hpp"
#include "import/csv_reader.hpp"

namespace cohort::import {

/// @brief The applicant fields a column can fill.
enum class Field {
  Id, Name, Email, Nationality, Gender, BirthDate, Phone, Degree, StudyField, YearsExperience, Employer,
  EmployerType, Position, Documents, Languages, Motivation, Channel, SubmittedAt,
};
inline constexpr std::size_t kFieldCount = static_cast<std::size_t>(Field::SubmittedAt) + 1;

/// @brief The name a field has in the applicant profile and in docs ("birth_date").
const char* field_name(Field f);

/// @brief The columns of one file, read from its header.
class ApplicantColumns {
 public:
  /// @brief Reads the header row. False when a required column (name, email,
  ///        nationality) is missing or two columns give the same field; `errors` says
  ///        which. Columns nobody reads go to `warnings`.
  bool read_header(const CsvRecord& header, std::vector<std::string>& errors, std::vector<std::string>& warnings);

  /// @brief Reads one data row. False when it cannot be imported; `problems` gets one
  ///        entry per bad cell (missing required value, bad date, unknown country code,
  ///        bad email, ...).
  bool read(const CsvRecord& record, const std::string& programme_id, ApplicantRow& out,
            std::vector<RowProblem>& problems) const;

 private:
  struct Column {
    std::size_t index = 0;  // 0-based
    std::string header;     // as written
  };
  std::array<std::optional<Column>, kFieldCount> columns_{};
  std::size_t width_ = 0;
};

/// @brief The applicant id made from an email when the file has no id column:
///        "<programme>-I" and ten hex digits of SHA-256 of the lowered email. The same
///        person gets the same id in every file, so importing again adds nobody twice.
std::string applicant_id_for_email(const std::string& programme_id, const std::string& email);

}  // namespace cohort::import
