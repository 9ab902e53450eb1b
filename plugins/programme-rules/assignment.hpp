#pragma once
/// @file assignment.hpp
/// @brief Reviewer assignment: each application to K reviewers without a conflict of
///        interest, with reviewer loads as even as the conflicts allow. Plain C++.

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cohort_rules {

/// @brief A reviewer as the programme file lists them (selection.reviewers).
struct Reviewer {
  std::string id;
  std::string name;
  std::string country;      ///< ISO 3166-1 alpha-2
  std::string institution;
  /// Declared conflicts: applicant ids, or institutions (any applicant from one conflicts).
  std::vector<std::string> conflicts;
  std::optional<int> max_load;  ///< most applications this reviewer takes in one round
};

/// @brief What assignment and conflict detection need to know of an application.
struct ApplicationInfo {
  std::string id;
  std::string country;      ///< the applicant's nationality
  std::string institution;  ///< the applicant's employer
  std::string gender = {};
};

/// @brief Which conflict detections apply besides the declared ones.
struct ConflictRules {
  bool same_country = true;
  bool same_institution = true;
};

/// @brief Why `reviewer` must not review `application`, or nullopt when they may.
///        Institutions compare case-insensitively with spaces collapsed.
std::optional<std::string> conflict_of(const Reviewer& reviewer, const ApplicationInfo& application,
                                       const ConflictRules& rules = {});

/// @brief Assignment input.
struct AssignmentInput {
  std::vector<ApplicationInfo> applications;
  std::vector<Reviewer> reviewers;
  int per_application = 2;  ///< K, programme.selection.reviews_per_application
  ConflictRules rules;
  std::vector<std::string> exclude;  ///< application ids left out (withdrawn)
};

/// @brief An application that did not get its K reviewers, and why.
struct AssignmentShortfall {
  std::string application;
  int assigned = 0;
  int needed = 0;
  std::string reason;
};

/// @brief Assignment outcome.
struct AssignmentResult {
  std::map<std::string, std::vector<std::string>> by_application;  ///< reviewers by id, sorted
  std::map<std::string, std::vector<std::string>> by_reviewer;     ///< applications by id, sorted
  std::map<std::string, int> loads;                                ///< every reviewer, 0 included
  int min_load = 0;
  int max_load = 0;
  bool complete = true;  ///< every application has K reviewers
  std::vector<AssignmentShortfall> shortfalls;
  int conflicts_avoided = 0;  ///< (application, reviewer) pairs ruled out by a conflict
  std::string summary;        ///< one paragraph for the programme office
};

/// @brief Gives every application min(K, reviewers without a conflict and with room)
///        reviewers. Among the assignments that do so, the loads are the most even ones
///        (no application can move from a reviewer to one with two fewer, even along a chain
///        of moves), so the largest and smallest loads differ by at most one wherever the
///        conflicts and load limits allow it. Deterministic: the same input gives the same
///        assignment whatever its order.
AssignmentResult assign_reviewers(const AssignmentInput& input);

}  // namespace cohort_rules
