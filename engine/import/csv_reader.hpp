#pragma once
/// @file csv_reader.hpp
/// @brief RFC 4180 CSV as spreadsheets write it: UTF-8 with or without a byte-order mark,
///        quoted fields holding separators, doubled quotes and line breaks, CRLF or LF.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace cohort::import {

/// @brief One record (a spreadsheet row) of a CSV text.
struct CsvRecord {
  std::size_t row = 0;   ///< 1-based, as a spreadsheet numbers rows: the header is row 1
  std::size_t line = 0;  ///< 1-based line of the text where the record starts
  std::vector<std::string> fields;
  /// Why the record is malformed (a quote never closed, text after a closing quote,
  /// bytes that are not UTF-8); empty when it is sound.
  std::string error;
  std::size_t error_field = 0;  ///< 1-based field the error is in
  /// True for a line with nothing on it (skipped by readers of applicants).
  bool blank() const { return fields.size() == 1 && fields[0].empty() && error.empty(); }
};

/// @brief Reads records one at a time from a text it does not own.
class CsvReader {
 public:
  /// @brief `separator` 0: guessed from the first line (the most frequent of , ; and tab
  ///        outside quotes; a comma when none appears).
  explicit CsvReader(std::string_view text, char separator = 0);

  /// @brief The next record; false at the end of the text.
  bool next(CsvRecord& out);

  char separator() const { return separator_; }
  /// @brief Bytes read so far and in all (for progress).
  std::size_t position() const { return pos_; }
  std::size_t size() const { return text_.size(); }
  /// @brief True when the text started with a UTF-8 byte-order mark (skipped).
  bool had_bom() const { return bom_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  std::size_t row_ = 0;
  char separator_ = ',';
  bool bom_ = false;
};

/// @brief True when `text` is well-formed UTF-8.
bool valid_utf8(std::string_view text);

}  // namespace cohort::import
