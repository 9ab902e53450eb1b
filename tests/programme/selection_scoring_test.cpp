// Review scores as the committee expects them: weighted rubrics, reviews with a conflict
// of interest set aside, and a harsh reviewer's applicants not sunk by the reviewer's
// severity (worked example below).
#include <gtest/gtest.h>

#include <cmath>

#include "rules.hpp"

using namespace cohort_rules;

namespace {

Review review(const std::string& app, const std::string& reviewer, double score) {
  Review r;
  r.application = app;
  r.reviewer = reviewer;
  r.score = score;
  return r;
}

Review rubric(const std::string& app, const std::string& reviewer, std::map<std::string, double> criteria) {
  Review r;
  r.application = app;
  r.reviewer = reviewer;
  r.criteria = std::move(criteria);
  return r;
}

std::vector<std::string> ids(const std::vector<Candidate>& list) {
  std::vector<std::string> out;
  for (const auto& c : list) out.push_back(c.id);
  return out;
}

}  // namespace

TEST(Rubric, AReviewScoreIsTheWeightedMeanOfItsCriteria) {
  const std::map<std::string, double> weights = {{"relevance", 0.4}, {"experience", 0.3}, {"motivation", 0.3}};
  // 0.4 * 8 + 0.3 * 6 + 0.3 * 5 = 6.5
  EXPECT_DOUBLE_EQ(*rubric_score(rubric("a", "R1", {{"relevance", 8}, {"experience", 6}, {"motivation", 5}}), weights), 6.5);
  // A criterion left blank: the weights of the others count, (3.2 + 1.8) / 0.7.
  EXPECT_NEAR(*rubric_score(rubric("a", "R1", {{"relevance", 8}, {"experience", 6}}), weights), 5.0 / 0.7, 1e-12);
  // No rubric: the overall score.
  EXPECT_DOUBLE_EQ(*rubric_score(review("a", "R1", 7), weights), 7);
  EXPECT_FALSE(rubric_score(Review{}, weights).has_value());
}

// Worked example. Reviewer H (harsh) gives A 3 and B 5 (by rubric: relevance and
// motivation weighted equally); reviewer L (lenient) gives C 7 and D 9.
//   H: mean 4, sd 1.  L: mean 8, sd 1.  Pool of the four reviews: mean 6, sd sqrt(5).
//   z-scores: A -1, B +1, C -1, D +1, mapped back: 6 -/+ sqrt(5) = 3.7639 / 8.2361.
// B, the best of the harsh reviewer's pile, now ranks with D and ahead of C; B and D tie at
// 8.2361 and the raw score (9 against 5) puts D first.
TEST(Normalisation, AHarshReviewerDoesNotSinkTheirApplicants) {
  ScoringInput in;
  in.weights = {{"relevance", 1}, {"motivation", 1}};
  in.min_reviews_to_normalise = 2;
  in.reviews = {rubric("A", "H", {{"relevance", 2}, {"motivation", 4}}), rubric("B", "H", {{"relevance", 4}, {"motivation", 6}}),
                review("C", "L", 7), review("D", "L", 9)};
  auto r = score_round(in);
  ASSERT_EQ(r.ranked.size(), 4u);
  EXPECT_EQ(ids(r.ranked), (std::vector<std::string>{"D", "B", "C", "A"}));
  const double high = 6 + std::sqrt(5.0), low = 6 - std::sqrt(5.0);
  EXPECT_NEAR(r.ranked[0].score, high, 1e-4);
  EXPECT_NEAR(r.ranked[1].score, high, 1e-4);
  EXPECT_NEAR(r.ranked[2].score, low, 1e-4);
  EXPECT_DOUBLE_EQ(*r.ranked[1].raw, 5);
  EXPECT_DOUBLE_EQ(r.pool_mean, 6);
  EXPECT_NEAR(r.pool_sd, std::sqrt(5.0), 1e-4);
  ASSERT_EQ(r.reviewers.size(), 2u);
  EXPECT_EQ(r.reviewers[0].id, "H");
  EXPECT_DOUBLE_EQ(r.reviewers[0].mean, 4);
  EXPECT_DOUBLE_EQ(r.reviewers[0].sd, 1);
  EXPECT_TRUE(r.reviewers[0].adjusted);
  EXPECT_EQ(r.explanations["B"], "rank 2 of 4, score 8.24 (1 review, 5.00 before adjusting for reviewer severity)");

  // Without normalisation the harsh reviewer's best falls behind the lenient reviewer's worst.
  in.normalisation = Normalisation::None;
  EXPECT_EQ(ids(score_round(in).ranked), (std::vector<std::string>{"D", "C", "B", "A"}));
  // Shift only: B = 6 + (5 - 4) = 7, C = 6 + (7 - 8) = 5.
  in.normalisation = Normalisation::Mean;
  auto shifted = score_round(in);
  EXPECT_EQ(ids(shifted.ranked), (std::vector<std::string>{"D", "B", "C", "A"}));
  EXPECT_DOUBLE_EQ(shifted.ranked[1].score, 7);
}

TEST(Normalisation, ReviewersWithTooFewReviewsOrNoSpreadAreHandledPlainly) {
  ScoringInput in;  // default: at least 3 reviews to be adjusted
  in.reviews = {review("A", "H", 3), review("B", "H", 5), review("C", "L", 7)};
  auto r = score_round(in);
  EXPECT_EQ(ids(r.ranked), (std::vector<std::string>{"C", "B", "A"}));
  EXPECT_DOUBLE_EQ(r.ranked[0].score, 7);
  EXPECT_FALSE(r.reviewers[0].adjusted);

  // A reviewer who gives everyone 7 says nothing about the order: their reviews count as
  // the pool mean; another reviewer's spread decides.
  ScoringInput flat;
  flat.min_reviews_to_normalise = 2;
  flat.reviews = {review("A", "F", 7), review("B", "F", 7), review("A", "S", 4), review("B", "S", 8)};
  auto f = score_round(flat);
  EXPECT_EQ(ids(f.ranked), (std::vector<std::string>{"B", "A"}));
  EXPECT_EQ(f.ranked[0].reviews, 2);
}

TEST(Scoring, ConflictedUnassignedAndOtherRoundReviewsAreSetAside) {
  ScoringInput in;
  in.round = "final";
  in.applications = {{"A", "KE", "University of Nairobi", "female"}, {"B", "VN", "Hanoi University", "male"},
                     {"C", "BO", "UMSA", "female"}};
  Reviewer r1;
  r1.id = "R1";
  r1.country = "CN";
  r1.institution = "Tongji University";
  r1.conflicts = {"B"};
  in.reviewers = {r1};
  in.assignments = {{"A", {"R1", "R2"}}, {"B", {"R1", "R3"}}, {"C", {"R1"}}};
  Review declared = review("A", "R2", 9);
  declared.conflict_declared = true;
  Review same_country = review("B", "R3", 9);
  same_country.reviewer_country = "VN";  // R3 is not in the reviewer list; the review says where they are from
  Review earlier_round = review("A", "R1", 2);
  earlier_round.round = "shortlist";
  Review later = review("A", "R1", 6);
  later.round = "final";
  in.reviews = {declared, same_country, review("B", "R1", 9), earlier_round, later, review("C", "R1", 5),
                review("C", "R9", 10), review("Z", "R1", 10)};
  auto r = score_round(in);

  EXPECT_EQ(ids(r.ranked), (std::vector<std::string>{"A", "C"}));
  EXPECT_DOUBLE_EQ(r.ranked[0].score, 6);
  EXPECT_EQ(r.ranked[0].country, "KE");
  EXPECT_EQ(r.ranked[0].gender, "female");
  EXPECT_EQ(r.unscored, (std::vector<std::string>{"B"}));
  std::map<std::string, std::string> why;
  for (const auto& s : r.set_aside) why[s.application + "/" + s.reviewer] = s.reason;
  EXPECT_EQ(why["A/R2"], "declared a conflict of interest");
  EXPECT_EQ(why["B/R1"], "conflict of interest: declared a conflict with B");
  EXPECT_EQ(why["B/R3"], "conflict of interest: same country (VN)");
  EXPECT_EQ(why["C/R9"], "reviewer not assigned to this application");
  EXPECT_EQ(why["Z/R1"], "not an application of this round");
  EXPECT_EQ(r.explanations["B"],
            "final round: no review counted; set aside: R1 (conflict of interest: declared a conflict with B); set aside: "
            "R3 (conflict of interest: same country (VN))");
  EXPECT_EQ(r.explanations["A"], "final round: rank 1 of 2, score 6.00 (1 review)");
}

TEST(Scoring, AReviewerWhoRevisesCountsOnce) {
  ScoringInput in;
  in.reviews = {review("A", "R1", 3), review("A", "R1", 8), review("A", "R2", 6)};
  auto r = score_round(in);
  ASSERT_EQ(r.ranked.size(), 1u);
  EXPECT_EQ(r.ranked[0].reviews, 2);
  EXPECT_DOUBLE_EQ(r.ranked[0].score, 7);
}
