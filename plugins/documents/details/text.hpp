#pragma once
/// @file text.hpp
/// @brief UTF-8 helpers for the document plugin: cleaning user values, direction, dates, numbers.

#include <cstdint>
#include <string>
#include <string_view>

namespace cohort_documents::details {

/// @brief Decodes the code point at `pos` of valid UTF-8 and advances `pos`; U+FFFD on bad input.
char32_t next_code_point(std::string_view text, std::size_t& pos);

/// @brief Appends `cp` to `out` as UTF-8.
void append_utf8(std::string& out, char32_t cp);

/// @brief A user value made safe to print: control characters become spaces and bidi
///        embedding, override and isolate controls are dropped, so that a value can neither
///        break the layout nor reorder the text around it.
std::string clean_value(std::string_view text);

/// @brief True when the text holds a strongly right-to-left character (Hebrew, Arabic, ...).
bool has_rtl(std::string_view text);

/// @brief Parses the date part of "YYYY-MM-DD" or "YYYY-MM-DDThh:mm..." into its numbers.
bool parse_date(std::string_view text, int& year, int& month, int& day);

/// @brief "2025-03-10" (or a date-time) as "10 March 2025" when `long_form`, else "2025-03-10";
///        text that is not a date is returned unchanged.
std::string format_date(std::string_view text, bool long_form);

/// @brief True for an ISO 8601 date or date-time cairo accepts as a PDF date
///        ("YYYY-MM-DD", "YYYY-MM-DDThh:mm[:ss][Z|±hh:mm]").
bool is_iso_timestamp(std::string_view text);

/// @brief An ISO timestamp accepted by is_iso_timestamp() as "YYYY-MM-DDThh:mm:ss" followed by
///        "Z" or "±hh:mm" (seconds added, fractions dropped, a date alone is midnight UTC): the
///        one form cairo turns into a correct PDF date. Empty when `text` is not a timestamp.
std::string pdf_timestamp(std::string_view text);

/// @brief A number as people write it: 56 -> "56", 56.5 -> "56.5", 7.25 -> "7.25".
std::string format_number(double value);

}  // namespace cohort_documents::details
