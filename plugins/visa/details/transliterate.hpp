#pragma once
/// @file transliterate.hpp
/// @brief Names as they appear in a machine-readable zone: Latin letters A-Z, separators
///        as '<', diacritics removed (ICAO 9303 Part 3, section 6).

#include <string>
#include <string_view>
#include <vector>

namespace cohort_visa::details {

/// @brief A typed name as MRZ tokens. Two spellings, because ICAO allows both: `plain`
///        drops diacritics (Ä -> A) and `expanded` uses the recommended digraphs (Ä -> AE,
///        Ö -> OE, Ü -> UE, Å -> AA, Ø -> OE). Spaces, hyphens and commas separate tokens;
///        apostrophes and dots vanish; letters outside Latin are dropped.
struct MrzName {
  std::vector<std::string> plain;
  std::vector<std::string> expanded;
};

/// @brief Splits and transliterates a typed (UTF-8) name.
MrzName to_mrz_name(std::string_view utf8);

}  // namespace cohort_visa::details
