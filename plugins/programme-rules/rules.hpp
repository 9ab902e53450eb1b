#pragma once
/// @file rules.hpp
/// @brief The programme rules as plain C++: eligibility, attendance, certificate numbers,
///        and (through the headers it includes) reviewer assignment, scoring, constrained
///        selection and waitlist replacement. No JSON and no SDK here, so the logic is
///        unit-tested on its own (tests/programme) and the plugin is only a thin adapter.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <cohort_plugin_common/civil_date.hpp>

#include "assignment.hpp"
#include "scoring.hpp"
#include "selection.hpp"

namespace cohort_rules {

/// A civil date (proleptic Gregorian), shared with the other first-party plugins.
using cohort_plugin_common::CivilDate;
/// Completed years between `birth` and `on` (the age on that day).
using cohort_plugin_common::age_on;

/// @brief Parses a date that exists, "YYYY-MM-DD", alone or followed by a time ("T", "t" or
///        a space, then anything: only the date is read).
std::optional<CivilDate> parse_date(const std::string& text);
/// @brief Parses an ISO 8601 date or date-time with optional offset into Unix milliseconds.
///        A date alone is midnight UTC; a date-time without offset is UTC.
std::optional<std::int64_t> parse_instant_ms(const std::string& text);
/// @brief Rank of a degree name in secondary < diploma < bachelor < master < doctorate; -1 if unknown.
int degree_rank(const std::string& degree);

/// @brief What an applicant declared, as far as the rules need it.
struct Applicant {
  std::string nationality;             ///< ISO 3166-1 alpha-2
  std::string birth_date;              ///< YYYY-MM-DD
  std::string degree;                  ///< see degree_rank
  std::optional<double> years_experience;
  std::vector<std::string> documents;  ///< documents uploaded
  std::vector<std::string> languages;  ///< ISO 639-1
};

/// @brief A programme's eligibility rules (programme file `eligibility` plus `countries`).
struct Eligibility {
  std::vector<std::string> countries;
  std::string reference_date;
  std::optional<int> age_min;
  std::optional<int> age_max;
  std::string min_degree;
  std::optional<double> min_experience_years;
  std::vector<std::string> required_documents;
  std::vector<std::string> languages_any;
};

/// @brief One failed rule: which one and why, in words an applicant understands.
struct FailedRule {
  std::string rule;  ///< nationality, age, degree, experience, documents, language
  std::string reason;
};

/// @brief Eligibility verdict. Every failed rule is listed, not only the first.
struct EligibilityResult {
  bool eligible = true;
  std::vector<FailedRule> failed;
  std::optional<int> age;  ///< age on the reference date, when the birth date was readable
};

/// @brief Checks every rule.
EligibilityResult check_eligibility(const Applicant& applicant, const Eligibility& rules);

/// @brief A recorded check-in.
struct CheckIn {
  std::string session;
  std::string status = "present";  ///< present, late, excused, absent
};

/// @brief A scheduled session and how much it counts.
struct Session {
  std::string id;
  double weight = 1;
};

/// @brief Attendance input.
struct AttendanceInput {
  std::vector<CheckIn> checkins;
  std::vector<Session> sessions;
  double threshold = 0.8;
  std::map<std::string, double> status_weights;  ///< defaults: present 1, late 1, excused 0, absent 0
};

/// @brief Attendance outcome over all sessions.
struct AttendanceResult {
  double rate = 0;  ///< attended weight / total weight, 0..1
  double attended_weight = 0;
  double total_weight = 0;
  bool met = false;
  std::vector<std::string> missed;   ///< sessions without any check-in, in schedule order
  std::vector<std::string> unknown;  ///< check-ins for sessions not in the schedule
  std::string reason;
};

/// @brief Weighted attendance; a session checked into twice counts once, at its best status.
AttendanceResult attendance(const AttendanceInput& input);

/// @brief prefix + sequence zero-padded to `digits` ("GLC-2025-", 7, 4 -> "GLC-2025-0007").
std::string certificate_number(const std::string& prefix, long long sequence, int digits);

/// @brief A score with two decimals ("8.20"), as explanations show it.
std::string format_score(double score);

}  // namespace cohort_rules
