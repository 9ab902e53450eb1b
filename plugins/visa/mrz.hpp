#pragma once
/// @file mrz.hpp
/// @brief The machine-readable zone of a passport (ICAO 9303 Part 4, TD3: two lines of 44
///        characters): parsing, the five check digits, and comparison with typed data.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <cohort_plugin_common/civil_date.hpp>

#include "icao_countries.hpp"

namespace cohort_visa {

using cohort_plugin_common::CivilDate;

/// @brief ICAO 9303 check digit: weights 7, 3, 1 repeated; 0-9 count as themselves, A-Z as
///        10-35, '<' as 0; the sum modulo 10. -1 when the field holds any other character.
int mrz_check_digit(std::string_view field);

/// @brief One check digit: what the field computes to and what the MRZ has.
struct CheckDigit {
  std::string field;     ///< document_number, birth_date, expiry, optional_data, composite
  std::string data;      ///< the characters it covers
  int expected = -1;     ///< computed; -1 when the data has an invalid character
  char found = '?';      ///< the character in the MRZ
  bool ok = false;
};

/// @brief A problem with the MRZ itself (format, check digit, unknown code).
struct MrzProblem {
  std::string field;
  std::string code;    ///< format, check_digit, unknown_code, invalid_date
  std::string reason;
};

/// @brief A parsed TD3 MRZ. Text fields have their '<' fillers removed.
struct Td3 {
  std::string line1, line2;
  std::string document_code;  ///< "P" or "P" + type letter ("PD", "PO", ...)
  std::string issuing_state;  ///< ICAO code, "D" for Germany
  std::string surname;        ///< words separated by spaces
  std::string given_names;
  std::vector<std::string> surname_tokens, given_tokens;
  bool name_may_be_truncated = false;  ///< the name field is full to its last character
  std::string document_number;
  std::string nationality;     ///< ICAO code
  std::string birth_date_raw;  ///< YYMMDD
  std::string sex;             ///< "M", "F" or "X" ('<' in the MRZ)
  std::string expiry_raw;      ///< YYMMDD
  std::string optional_data;   ///< personal number or other optional data
  std::optional<CivilDate> birth_date;  ///< with its century (see resolve_centuries)
  std::optional<CivilDate> expiry;
  std::vector<CheckDigit> check_digits;  ///< the five, in MRZ order
  std::vector<MrzProblem> problems;      ///< empty when the MRZ is well formed and every check digit holds
  bool valid() const { return problems.empty(); }
};

/// @brief Parses two lines (separated by a newline, or 88 characters in one string). Spaces
///        around lines are ignored and letters upper-cased. Whatever can be read is filled in
///        even when there are problems; lines of the wrong length stop parsing.
Td3 parse_td3(std::string_view text);

/// @brief Expiry is read as 20YY. Birth takes the century of `typed_birth` when its YYMMDD
///        agrees; otherwise 20YY unless that would be less than a year before the expiry
///        (no passport is issued to someone not yet born), then 19YY.
void resolve_centuries(Td3& mrz, const std::optional<CivilDate>& typed_birth);

/// @brief What the participant typed into the application, to be compared with the MRZ.
///        Empty fields are not compared.
struct TypedPassport {
  std::string surname;
  std::string given_names;
  std::string full_name;        ///< used when surname/given_names are absent; word order is free
  std::string number;
  std::string nationality;      ///< ISO alpha-2 (or an ICAO code)
  std::string birth_date;       ///< YYYY-MM-DD
  std::string sex;              ///< M/F/X, male/female/other...
  std::string expires;          ///< YYYY-MM-DD
  std::string issuing_country;  ///< ISO alpha-2 (or an ICAO code)
};

/// @brief One disagreement between the MRZ and the typed data.
struct Mismatch {
  std::string field;  ///< name, number, nationality, birth_date, sex, expires, issuing_country
  std::string mrz;
  std::string typed;
  std::string reason;
};

/// @brief Every field where the typed data disagrees with the MRZ.
std::vector<Mismatch> compare(const Td3& mrz, const TypedPassport& typed);

}  // namespace cohort_visa
