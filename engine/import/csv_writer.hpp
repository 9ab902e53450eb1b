#pragma once
/// @file csv_writer.hpp
/// @brief Writing CSV cells that spreadsheets read back as they were written.

#include <string>
#include <string_view>
#include <vector>

namespace cohort::import {

/// @brief One cell: quoted when it holds a comma, quote or line break (quotes doubled).
///        A cell starting with = + - @ or a tab gets a leading apostrophe, so a
///        spreadsheet shows it as text instead of running it as a formula.
std::string csv_cell(std::string_view value);

/// @brief Cells joined by commas, ended by CRLF (RFC 4180).
std::string csv_line(const std::vector<std::string>& cells);

}  // namespace cohort::import
