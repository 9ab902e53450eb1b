#pragma once
/// @file letter.hpp
/// @brief The data of a visa invitation letter: who is invited, with which passport, why,
///        when, where, who pays, and who invites. Checked for completeness; numbered.

#include <optional>
#include <string>
#include <vector>

#include <cohort_plugin_common/civil_date.hpp>

namespace cohort_visa {

using cohort_plugin_common::CivilDate;

/// @brief The inviting institution as the letter names it.
struct Institution {
  std::string name, department, address, city, country;
  std::string contact_name, contact_email, contact_phone;
};

/// @brief Everything a letter may say. Empty strings are "not given".
struct LetterRequest {
  std::string letter_number;         ///< given by the caller: used as is
  std::optional<long long> sequence; ///< else: PREFIX-L-<sequence>
  std::string prefix;                ///< letter number prefix ("GLC-2025"); default: programme id
  int digits = 4;                    ///< zero padding of the sequence
  std::string applicant_id;          ///< without a sequence, its trailing digits number the letter
  std::string programme_id, programme_title;
  std::string full_name, surname, given_names, gender, birth_date, nationality;
  std::string passport_number, passport_expires, passport_issuing_country;
  std::string purpose, arrival, departure, funding, issued_on;
  std::vector<std::string> places;
  Institution institution;
};

/// @brief One problem with a field (field path as in the operation's arguments).
struct FieldError {
  std::string field;   ///< participant.birth_date, passport.number, institution.contact, ...
  std::string code;    ///< missing, invalid, after_departure, expires_before_departure
  std::string reason;
};

/// @brief The prepared letter: valid when nothing is missing or wrong.
struct Letter {
  bool valid = false;
  std::vector<std::string> missing;  ///< field paths of required fields not given
  std::vector<FieldError> errors;    ///< every problem, the missing fields included
  std::string number;
  std::string full_name;
  std::string gender;                ///< normalised: male, female, unspecified (or as typed)
  std::optional<CivilDate> birth_date, passport_expires, arrival, departure;
  std::optional<int> days;           ///< length of stay, arrival and departure days included
};

/// @brief "GLC-2025-L-0042": prefix (a trailing '-' is not doubled), "-L-", sequence padded to `digits`.
std::string letter_number(const std::string& prefix, long long sequence, int digits);

/// @brief Checks and completes a letter request.
Letter prepare_letter(const LetterRequest& request);

}  // namespace cohort_visa
