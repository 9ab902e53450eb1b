#pragma once
/// @file json_span.hpp
/// @brief The exact source text of one member of a JSON object, byte for byte.

#include <string_view>

namespace cohort_documents::details {

/// @brief Finds the top-level member `key` of the JSON object text `json` (which must be valid
///        JSON) and sets `value` to its value's text exactly as written. False when absent or when
///        the key is written with escapes.
///
/// A certificate's QR code must carry the certificate as it was given, not as a parser would
/// write it again (number formats, escapes), so that what a scanner reads is what was signed.
bool member_text(std::string_view json, std::string_view key, std::string_view& value);

}  // namespace cohort_documents::details
