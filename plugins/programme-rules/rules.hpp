#pragma once
/// @file rules.hpp
/// @brief The programme rules as plain C++: eligibility, constrained selection, waitlist
///        replacement and attendance. No JSON and no SDK here, so the logic is unit-tested
///        on its own (tests/programme) and the plugin is only a thin adapter.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cohort_rules {

/// @brief A civil date (proleptic Gregorian).
struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
};

/// @brief Parses "YYYY-MM-DD" (anything after the date, like a time, is ignored).
std::optional<CivilDate> parse_date(const std::string& text);
/// @brief Parses an ISO 8601 date or date-time with optional offset into Unix milliseconds.
///        A date alone is midnight UTC; a date-time without offset is UTC.
std::optional<std::int64_t> parse_instant_ms(const std::string& text);
/// @brief Completed years between `birth` and `on` (the age on that day).
int age_on(const CivilDate& birth, const CivilDate& on);
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

/// @brief Seat bounds for one country.
struct Quota {
  int min = 0;
  int max = -1;  ///< -1: no maximum
};
/// @brief Quotas by country code; a country not listed has no bounds.
using Quotas = std::map<std::string, Quota>;

/// @brief A reviewed candidate for selection.
struct Candidate {
  std::string id;
  std::string country;
  std::string gender;
  double score = 0;
};

/// @brief Selection input.
struct SelectionInput {
  std::vector<Candidate> candidates;  ///< a later entry with the same id replaces an earlier one
  int seats = 0;
  Quotas quotas;
  std::optional<double> min_score;  ///< below it: rejected
  std::optional<int> waitlist_size; ///< beyond it: rejected; none: everyone else is waitlisted
  std::vector<std::string> exclude; ///< ids that withdrew before selection: left out entirely
};

/// @brief A waitlisted candidate, in waitlist order.
struct WaitlistEntry {
  std::string id;
  std::string country;
  double score = 0;
  int rank = 0;  ///< overall rank among qualifying candidates (1 = best)
};

/// @brief A seat holder.
struct Holder {
  std::string id;
  std::string country;
};

/// @brief Selection outcome.
struct SelectionResult {
  std::vector<std::string> offered;    ///< in rank order
  std::vector<WaitlistEntry> waitlist; ///< in waitlist order (rank order)
  std::vector<std::string> rejected;   ///< in id order
  std::map<std::string, std::string> explanations;  ///< one line per candidate
  std::vector<std::string> unmet;      ///< quota minimums that could not be met, and why
  std::vector<Holder> holders;         ///< the offered ones with their countries
};

/// @brief Ranks by score (higher first, ties by id), satisfies country minimums with the
///        best of each country, then fills by rank without exceeding any maximum.
SelectionResult select(const SelectionInput& input);

/// @brief Replacement input: a seat was freed, who on the waitlist gets it?
struct ReplaceInput {
  std::vector<WaitlistEntry> waitlist;  ///< in waitlist order
  std::vector<Holder> holders;          ///< current seat holders (may still include the freed one)
  Quotas quotas;
  std::string freed_id;                 ///< removed from holders when present
  std::string freed_country;
  std::optional<int> seats;             ///< when given, no offer while holders fill every seat
  std::vector<std::string> exclude;     ///< ids no longer available (left the waitlist)
  std::string date;                     ///< now (ISO date-time)
  std::string last_replacement;         ///< ISO date-time; empty: no limit
};

/// @brief Replacement outcome.
struct ReplaceResult {
  std::optional<WaitlistEntry> offer;
  std::vector<WaitlistEntry> waitlist;  ///< what remains, in order
  std::vector<Holder> holders;          ///< after the freed one left and the offered one joined
  std::string reason;
};

/// @brief Picks the next waitlisted candidate whose offer keeps every country within its
///        maximum, preferring a country that has fallen below its minimum.
ReplaceResult replace(const ReplaceInput& input);

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
