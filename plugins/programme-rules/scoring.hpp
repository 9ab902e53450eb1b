#pragma once
/// @file scoring.hpp
/// @brief One review round scored: each review's weighted rubric score, per-reviewer
///        normalisation (so a harsh or lenient reviewer neither sinks nor lifts the
///        applications they happened to get), and the ranking. Plain C++.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "assignment.hpp"
#include "selection.hpp"

namespace cohort_rules {

/// @brief One reviewer's review of one application.
struct Review {
  std::string application;
  std::string reviewer;
  std::map<std::string, double> criteria;  ///< rubric scores by criterion
  std::optional<double> score;             ///< used when there are no criteria (or no weights)
  bool conflict_declared = false;
  std::string reviewer_country;            ///< as the review says (detects same-country conflicts)
  std::string reviewer_institution;
  std::string round;                       ///< empty: counts in every round
};

/// @brief How review scores are adjusted per reviewer.
enum class Normalisation {
  None,   ///< as given
  Mean,   ///< shifted so every reviewer's mean is the pool mean
  ZScore  ///< each reviewer's scores mapped to the pool's mean and spread (the default)
};

/// @brief Scoring input.
struct ScoringInput {
  std::vector<Review> reviews;               ///< a later review by the same reviewer of the same application replaces the earlier
  std::map<std::string, double> weights;     ///< programme.selection.criteria
  double scale_min = 0;
  double scale_max = 10;
  Normalisation normalisation = Normalisation::ZScore;
  int min_reviews_to_normalise = 3;          ///< reviewers with fewer reviews keep their scores
  std::vector<ApplicationInfo> applications; ///< when given: the only ones scored, and known conflicts
  std::vector<Reviewer> reviewers;           ///< when given: declared and detected conflicts
  ConflictRules rules;
  std::map<std::string, std::vector<std::string>> assignments;  ///< when given: only assigned reviewers count
  std::string round;                         ///< when given: only reviews of this round (or without one)
};

/// @brief A review left out of the scores, and why.
struct SetAside {
  std::string application;
  std::string reviewer;
  std::string reason;
};

/// @brief How one reviewer scored, before normalisation.
struct ReviewerStats {
  std::string id;
  int reviews = 0;
  double mean = 0;
  double sd = 0;
  bool adjusted = false;  ///< false: too few reviews (or normalisation none), scores kept
};

/// @brief Scoring outcome.
struct ScoringResult {
  std::vector<Candidate> ranked;             ///< best first (ranks_before); country and gender from applications
  std::vector<std::string> unscored;         ///< applications without any counted review, by id
  std::vector<SetAside> set_aside;
  std::vector<ReviewerStats> reviewers;      ///< by id
  double pool_mean = 0;
  double pool_sd = 0;
  std::map<std::string, std::string> explanations;
};

/// @brief The weighted mean of the criteria present in the review (weights renormalised over
///        them), or `score` when the review has no weighted criterion. Nullopt when neither.
std::optional<double> rubric_score(const Review& review, const std::map<std::string, double>& weights);

/// @brief Scores one round. Each review's rubric score s by reviewer r becomes
///        pool_mean + pool_sd * (s - mean_r) / sd_r (z-score), clamped to the scale; a
///        reviewer who gave everyone the same score contributes pool_mean; reviewers with
///        fewer than min_reviews_to_normalise reviews keep s. An application's score is the
///        mean of its adjusted reviews, `raw` the mean of the unadjusted ones (4 decimals).
ScoringResult score_round(const ScoringInput& input);

}  // namespace cohort_rules
