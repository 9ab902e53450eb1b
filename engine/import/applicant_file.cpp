#include "import/applicant_file.hpp"

#include <unordered_map>

#include "import/applicant_columns.hpp"
#include "import/csv_reader.hpp"

namespace cohort::import {

ApplicantFile read_applicants(std::string_view csv, const std::string& programme_id,
                              const std::function<void(std::size_t, std::size_t)>& progress) {
  ApplicantFile out;
  CsvReader reader(csv);
  CsvRecord record;
  bool have_header = false;
  while (!have_header && reader.next(record)) have_header = !record.blank();
  if (!have_header) {
    out.errors.push_back("the file is empty: it needs a header row (name, email, nationality, ...) and a row per "
                         "applicant");
    return out;
  }
  ApplicantColumns columns;
  if (!columns.read_header(record, out.errors, out.warnings)) return out;
  out.ok = true;

  std::unordered_map<std::string, std::size_t> row_of_id, row_of_email;
  std::size_t since_progress = 0;
  while (reader.next(record)) {
    if (progress && ++since_progress == 256) {
      since_progress = 0;
      progress(reader.position(), reader.size());
    }
    if (record.blank()) continue;
    ++out.rows;
    ApplicantRow applicant;
    if (!columns.read(record, programme_id, applicant, out.problems)) {
      ++out.skipped_rows;
      continue;
    }
    // One applicant once per file: a second row would be a duplicate in the log anyway,
    // and its different data would be silently dropped.
    auto seen = row_of_id.find(applicant.id);
    auto seen_email = row_of_email.find(applicant.email);
    if (seen != row_of_id.end() || seen_email != row_of_email.end()) {
      RowProblem p;
      p.row = record.row;
      p.line = record.line;
      p.reason = seen_email != row_of_email.end()
                     ? "the same email as row " + std::to_string(seen_email->second) + " (" + applicant.email +
                           "): one row per applicant"
                     : "the same applicant id as row " + std::to_string(seen->second) + " (" + applicant.id +
                           "): one row per applicant";
      out.problems.push_back(std::move(p));
      ++out.skipped_rows;
      continue;
    }
    row_of_id.emplace(applicant.id, applicant.row);
    row_of_email.emplace(applicant.email, applicant.row);
    out.applicants.push_back(std::move(applicant));
  }
  if (progress) progress(reader.size(), reader.size());
  return out;
}

}  // namespace cohort::import
