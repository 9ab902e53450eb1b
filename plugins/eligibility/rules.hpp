#pragma once
/// @file rules.hpp
/// @brief The eligibility rules of a call as plain C++ (no JSON, no SDK): nationality, age on
///        a reference date, minimum degree, years of experience, employer type, required
///        documents and course language. Every rule is checked; every failure is reported.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cohort_plugin_common/civil_date.hpp>

namespace cohort_eligibility {

using cohort_plugin_common::CivilDate;

/// @brief What an applicant declared, as far as the rules look at it.
struct Applicant {
  std::string nationality;  ///< ISO 3166-1 alpha-2
  std::string birth_date;   ///< YYYY-MM-DD
  std::string degree;       ///< a name on the degree scale (or an alias of one)
  std::optional<double> years_experience;
  std::string employer_type;
  std::vector<std::string> documents;  ///< ids of the documents uploaded
  std::vector<std::string> languages;  ///< ISO 639-1
};

/// @brief The rules: the programme file's `eligibility` section plus `countries`.
///        Empty or absent parts are not checked.
struct Rules {
  std::vector<std::string> countries;  ///< ISO 3166-1 alpha-2 allow list
  std::optional<CivilDate> reference_date;
  std::optional<int> age_min;
  std::optional<int> age_max;
  std::string min_degree;
  std::optional<double> min_experience_years;
  std::vector<std::string> employer_types;      ///< allow list
  std::vector<std::string> required_documents;  ///< document ids
  std::vector<std::string> languages_any;       ///< at least one of these
};

/// @brief Settings from the plugin configuration: the degree scale and how to name things.
struct Settings {
  std::vector<std::string> degree_scale = {"secondary", "diploma", "bachelor", "master", "doctorate"};
  std::map<std::string, std::string> degree_aliases;   ///< lower-case alias -> scale name
  std::map<std::string, std::string> document_labels;  ///< document id -> what people call it
};

/// @brief One failed rule.
struct Failure {
  std::string rule;    ///< nationality, age, degree, experience, employer_type, documents, language, deadline
  std::string code;    ///< machine code, "<rule>.<what>" (age.too_young, documents.missing, ...)
  std::string reason;  ///< a sentence an applicant understands
  std::vector<std::string> items;  ///< for documents.missing: the missing document ids
};

/// @brief The verdict. `failed` lists every rule that failed, in a fixed rule order.
struct Verdict {
  bool eligible = true;
  std::vector<Failure> failed;
  std::vector<std::string> passed;  ///< rules checked and met
  std::optional<int> age;           ///< on the reference date, when both dates were readable
};

/// Whole years from `birth` to `on` (plugins/common): someone born on 29 February becomes a
/// year older on 1 March in years without a 29 February.
using cohort_plugin_common::age_on;

/// @brief The label people read for a document id ("cv" -> "CV").
std::string document_label(const std::string& id, const Settings& settings);

/// @brief Checks the rules' own consistency (min_degree on the scale, age range in order).
///        Empty when fine; otherwise what is wrong with the programme's rules.
std::string validate_rules(const Rules& rules, const Settings& settings);

/// @brief Checks every rule against the applicant.
Verdict check(const Applicant& applicant, const Rules& rules, const Settings& settings);

/// @brief "eligible", or the failed reasons joined with "; ".
std::string summary(const Verdict& verdict);

}  // namespace cohort_eligibility
