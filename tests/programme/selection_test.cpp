// Selection as the committee sees it, on small cases worked out by hand: who is offered a
// seat, who waits and why, what cannot be met and why, and who replaces a freed seat.
#include <gtest/gtest.h>

#include <algorithm>

#include "rules.hpp"

using namespace cohort_rules;

namespace {

Candidate person(const std::string& id, const std::string& country, const std::string& gender, double score,
                 std::optional<double> raw = std::nullopt, int reviews = 0) {
  Candidate c;
  c.id = id;
  c.country = country;
  c.gender = gender;
  c.score = score;
  c.raw = raw;
  c.reviews = reviews;
  return c;
}

GenderTarget half_and_half(double tolerance, bool hard = false) {
  GenderTarget t;
  t.shares = {{"female", 0.5}, {"male", 0.5}};
  t.tolerance = tolerance;
  t.hard = hard;
  return t;
}

const Infeasibility* find(const std::vector<Infeasibility>& list, const std::string& constraint,
                          const std::string& subject) {
  for (const auto& i : list)
    if (i.constraint == constraint && i.subject == subject) return &i;
  return nullptr;
}

}  // namespace

// Equal scores: the un-normalised mean decides, then the number of reviews, then the id.
// Scores equal at four decimals are equal: 8.00004 does not beat 8.
TEST(SelectionTieBreak, RawScoreThenReviewsThenIdDecideBetweenEqualScores) {
  SelectionInput in;
  in.seats = 2;
  in.candidates = {person("X", "KE", "male", 8.0, 7.5, 2), person("Z", "KE", "male", 8.0, 8.0, 2),
                   person("V", "KE", "male", 8.00004, 7.0, 2), person("Y", "KE", "male", 8.0, 7.5, 3),
                   person("W", "KE", "male", 8.0, 8.0, 2)};
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"W", "Z"}));
  ASSERT_EQ(r.waitlist.size(), 3u);
  EXPECT_EQ(r.waitlist[0].id, "Y");  // raw 7.5 with 3 reviews before raw 7.5 with 2
  EXPECT_EQ(r.waitlist[1].id, "X");
  EXPECT_EQ(r.waitlist[2].id, "V");  // lowest raw score
  EXPECT_EQ(r.waitlist[2].rank, 5);
  EXPECT_EQ(r.explanations["Y"], "waitlisted: rank 3, score 8.00, all 2 seats filled, waitlist position 1");

  std::reverse(in.candidates.begin(), in.candidates.end());
  auto again = select(in);
  EXPECT_EQ(again.offered, r.offered);
  EXPECT_EQ(again.explanations, r.explanations);
}

// Seats 4; BO min 2 max 3, MY min 1 max 1, VN max 2; minimum score 5.
// Only one BO candidate qualifies (b2 scores 4), so BO's minimum cannot be met: reported,
// and lowered to 1. v1, v2 take seats; v3 hits VN's maximum; k1 and k2 (no quota) would
// take the last two seats, but BO and MY each still need one, so those seats are reserved;
// m1 and b1 get them.
TEST(SelectionQuotas, AnUnreachableMinimumIsReportedAndTheOthersStillHold) {
  SelectionInput in;
  in.seats = 4;
  in.min_score = 5;
  in.quotas = {{"BO", {2, 3}}, {"MY", {1, 1}}, {"VN", {0, 2}}};
  in.candidates = {person("v1", "VN", "female", 9),   person("v2", "VN", "male", 8.5), person("v3", "VN", "male", 8),
                   person("k1", "KE", "female", 7.8), person("k2", "KE", "male", 7.6), person("m1", "MY", "male", 7.5),
                   person("m2", "MY", "female", 7),   person("b1", "BO", "male", 6),   person("b2", "BO", "female", 4)};
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"v1", "v2", "m1", "b1"}));
  ASSERT_EQ(r.infeasible.size(), 1u);
  EXPECT_EQ(r.infeasible[0].constraint, "country_min");
  EXPECT_EQ(r.infeasible[0].subject, "BO");
  EXPECT_EQ(r.infeasible[0].required, 2);
  EXPECT_EQ(r.infeasible[0].achieved, 1);
  EXPECT_EQ(r.infeasible[0].reason, "quota min for BO not met: only 1 qualifying candidate for a minimum of 2");
  EXPECT_EQ(r.unmet, (std::vector<std::string>{r.infeasible[0].reason}));

  EXPECT_EQ(r.explanations["m1"], "rank 6, score 7.50, offered (quota min for MY)");
  EXPECT_EQ(r.explanations["b1"], "rank 8, score 6.00, offered (quota min for BO)");
  EXPECT_EQ(r.explanations["v3"], "waitlisted: rank 3, score 8.00, country quota VN max 2 reached, waitlist position 1");
  EXPECT_EQ(r.explanations["k1"],
            "waitlisted: rank 4, score 7.80, seat reserved for the quota min for BO and the quota min for MY, "
            "waitlist position 2");
  EXPECT_EQ(r.explanations["m2"], "waitlisted: rank 7, score 7.00, country quota MY max 1 reached, waitlist position 4");
  EXPECT_EQ(r.explanations["b2"], "rejected: score 4.00 below the minimum 5.00");
}

TEST(SelectionQuotas, MinimumsThatTogetherExceedTheSeatsSayWhy) {
  SelectionInput in;
  in.seats = 2;
  in.quotas = {{"A1", {2, 2}}, {"B1", {2, 2}}};
  in.candidates = {person("a1", "A1", "male", 9), person("a2", "A1", "male", 8), person("b1", "B1", "male", 5),
                   person("b2", "B1", "male", 4)};
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"a1", "b1"}));
  const auto* a = find(r.infeasible, "country_min", "A1");
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a->reason, "quota min for A1 not met: 1 of 2, the country minimums together ask for 4 seats, more than the 2");
  EXPECT_EQ(a->achieved, 1);
  EXPECT_NE(find(r.infeasible, "country_min", "B1"), nullptr);
}

TEST(SelectionQuotas, AMinimumAboveItsMaximumIsReported) {
  SelectionInput in;
  in.seats = 3;
  in.quotas = {{"VN", {3, 2}}};
  in.candidates = {person("v1", "VN", "male", 9), person("v2", "VN", "male", 8), person("v3", "VN", "male", 7)};
  auto r = select(in);
  EXPECT_EQ(r.offered.size(), 2u);
  ASSERT_NE(find(r.infeasible, "country_bounds", "VN"), nullptr);
  EXPECT_EQ(find(r.infeasible, "country_bounds", "VN")->reason,
            "quota for VN: min 3 is above max 2; at most 2 seats are given");
  ASSERT_NE(find(r.infeasible, "seats", ""), nullptr);  // the third seat stays empty, and says so
  EXPECT_EQ(find(r.infeasible, "seats", "")->reason,
            "2 of 3 seats filled: the country quota maximums allow only 2 seats for the qualifying candidates' countries");
}

// 4 seats, female and male each 50% +/- 25%: each gets at least ceil(0.25 * 4) = 1 and at
// most floor(0.75 * 4) = 3 seats. The three best men take seats; the fourth waits behind
// the maximum; u1 (no gender given, so not bounded) would take the last seat, but the
// female minimum needs it, and f1 gets it.
TEST(SelectionDiversity, GenderBoundsHoldWithinTheTolerance) {
  SelectionInput in;
  in.seats = 4;
  in.diversity.gender = half_and_half(0.25);
  in.candidates = {person("m1", "KE", "male", 9),   person("m2", "KE", "male", 8.5), person("m3", "KE", "male", 8),
                   person("m4", "KE", "male", 7.5), person("u1", "KE", "", 7.2),     person("f1", "KE", "female", 6)};
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"m1", "m2", "m3", "f1"}));
  EXPECT_TRUE(r.infeasible.empty());
  EXPECT_EQ(r.explanations["f1"], "rank 6, score 6.00, offered (gender target female)");
  EXPECT_EQ(r.explanations["m4"], "waitlisted: rank 4, score 7.50, gender target male max 3 of 4 reached, waitlist position 1");
  EXPECT_EQ(r.explanations["u1"],
            "waitlisted: rank 5, score 7.20, seat reserved for the gender target female (50% \xC2\xB1 25%), waitlist "
            "position 2");
  EXPECT_EQ(r.holders[3].gender, "female");
  EXPECT_EQ(r.waitlist[0].gender, "male");
}

TEST(SelectionDiversity, AnImpossibleGenderTargetIsReportedAndSeatsAreStillFilled) {
  SelectionInput in;
  in.seats = 4;
  in.diversity.gender = half_and_half(0.25);
  in.candidates = {person("m1", "KE", "male", 9), person("m2", "KE", "male", 8.5), person("m3", "KE", "male", 8),
                   person("m4", "KE", "male", 7.5), person("m5", "KE", "male", 7)};
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"m1", "m2", "m3", "m4"}));
  const auto* female = find(r.infeasible, "gender_min", "female");
  ASSERT_NE(female, nullptr);
  EXPECT_EQ(female->reason,
            "gender target female (50% \xC2\xB1 25%) not met: only 0 qualifying female candidates for a minimum of 1");
  const auto* male = find(r.infeasible, "gender_max", "male");
  ASSERT_NE(male, nullptr);
  EXPECT_EQ(male->required, 3);
  EXPECT_EQ(male->achieved, 4);
  EXPECT_EQ(r.explanations["m4"], "rank 4, score 7.50, offered (beyond the gender target male maximum, to fill the seats)");

  // A hard target leaves the seat empty instead, and says so.
  in.diversity.gender->hard = true;
  auto strict = select(in);
  EXPECT_EQ(strict.offered.size(), 3u);
  EXPECT_EQ(find(strict.infeasible, "gender_max", "male"), nullptr);
  const auto* seats = find(strict.infeasible, "seats", "");
  ASSERT_NE(seats, nullptr);
  EXPECT_EQ(seats->reason,
            "3 of 4 seats filled: 2 qualifying candidates are held back by a gender target maximum");
}

// A country minimum and a gender minimum served by different people, in a 3-seat
// programme: the best man of KE would take the last seat, but BO and female still need one
// each, and b1 (a BO woman) serves both.
TEST(SelectionDiversity, OneCandidateCanServeACountryAndAGenderMinimumTogether) {
  SelectionInput in;
  in.seats = 3;
  in.quotas = {{"BO", {1, 2}}};
  in.diversity.gender = half_and_half(0.2);  // F = 3: at least ceil(0.3 * 3) = 1 each, at most floor(0.7 * 3) = 2
  in.candidates = {person("k1", "KE", "male", 9), person("k2", "KE", "female", 8.5), person("k3", "KE", "male", 8),
                   person("b1", "BO", "female", 5), person("b2", "BO", "male", 4)};
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"k1", "k2", "b1"}));
  EXPECT_TRUE(r.infeasible.empty());
}

// Shortlist of 3 for 2 seats, BO min 1: v3 and v4 outscore b1, but BO's minimum keeps a
// place for its best.
TEST(Shortlist, KeepsEveryMinimumReachableForTheFinalRound) {
  ShortlistInput in;
  in.size = 3;
  in.seats = 2;
  in.quotas = {{"BO", {1, 1}}};
  in.candidates = {person("v1", "VN", "male", 9), person("v2", "VN", "male", 8), person("v3", "VN", "male", 7),
                   person("v4", "VN", "male", 6), person("b1", "BO", "male", 5), person("b2", "BO", "male", 4)};
  auto r = shortlist(in);
  ASSERT_EQ(r.shortlisted.size(), 3u);
  EXPECT_EQ(r.shortlisted[2].id, "b1");
  EXPECT_EQ(r.explanations["b1"], "shortlisted: rank 5, score 5.00 (quota min for BO)");
  EXPECT_EQ(r.explanations["v3"], "not shortlisted: rank 3, score 7.00, place reserved for the quota min for BO");
  EXPECT_EQ(r.explanations["b2"], "not shortlisted: rank 6, score 4.00, the shortlist of 3 is full");
  EXPECT_EQ(r.not_shortlisted, (std::vector<std::string>{"v3", "v4", "b2"}));
}

TEST(Shortlist, TakesNoMoreOfACountryThanItsMaximumCouldEverSeat) {
  ShortlistInput in;
  in.size = 4;
  in.seats = 2;
  in.quotas = {{"VN", {0, 1}}};  // at most ceil(1 * 4 / 2) = 2 from VN on a shortlist of 4
  in.candidates = {person("v1", "VN", "male", 9), person("v2", "VN", "male", 8), person("v3", "VN", "male", 7),
                   person("k1", "KE", "male", 6)};
  auto r = shortlist(in);
  ASSERT_EQ(r.shortlisted.size(), 3u);
  EXPECT_EQ(r.explanations["v3"],
            "not shortlisted: rank 3, score 7.00, 2 from VN already shortlisted, more than its quota max could ever take");
}

// Four seats, BO min 1, female 50% +/- 25% (1 to 3 of 4).
TEST(Replacement, AFreedSeatGoesToWhoeverRestoresTheMinimumItBroke) {
  ReplaceInput in;
  in.seats = 4;
  in.quotas = {{"BO", {1, 2}}, {"KE", {0, 2}}};
  in.diversity.gender = half_and_half(0.25);
  in.holders = {{"b1", "BO", "female"}, {"k1", "KE", "male"}, {"k2", "KE", "male"}, {"v1", "VN", "female"}};
  in.waitlist = {{"k3", "KE", 8, 5, "male"}, {"v2", "VN", 7.5, 6, "female"}, {"b2", "BO", 7, 7, "male"}};

  in.freed_id = "b1";
  in.freed_country = "BO";
  auto first = replace(in);
  ASSERT_TRUE(first.offer.has_value());
  EXPECT_EQ(first.offer->id, "b2");
  EXPECT_EQ(first.reason,
            "b2 (BO, rank 7, score 7.00) replaces b1 (BO): restores the quota min for BO; skipped k3 (KE at max 2), "
            "v2 (does not restore the quota min for BO)");
  EXPECT_TRUE(first.unmet.empty());

  // v1 leaves: no woman holds a seat any more; v2 restores the gender minimum.
  in.holders = first.holders;
  in.waitlist = first.waitlist;
  in.freed_id = "v1";
  in.freed_country = "VN";
  auto second = replace(in);
  ASSERT_TRUE(second.offer.has_value());
  EXPECT_EQ(second.offer->id, "v2");
  EXPECT_NE(second.reason.find("restores the gender target female"), std::string::npos) << second.reason;

  // b2 leaves: BO falls below its minimum and nobody from BO waits; KE is full. No offer,
  // and the broken minimum is reported.
  in.holders = second.holders;
  in.waitlist = second.waitlist;
  in.freed_id = "b2";
  in.freed_country = "BO";
  auto third = replace(in);
  EXPECT_FALSE(third.offer.has_value());
  EXPECT_EQ(third.reason, "no replacement for b2 (BO): every waitlisted candidate's country is at its maximum");
  ASSERT_EQ(third.unmet.size(), 1u);
  EXPECT_EQ(third.unmet[0], "quota min for BO not met: 0 of 1 seats held and nobody from BO can take the freed seat");
}

TEST(Replacement, AHardGenderTargetIsNeverPassed) {
  ReplaceInput in;
  in.seats = 4;
  in.diversity.gender = half_and_half(0.25, true);
  in.holders = {{"m1", "KE", "male"}, {"m2", "KE", "male"}, {"m3", "KE", "male"}, {"f1", "KE", "female"}};
  in.waitlist = {{"m4", "KE", 8, 5, "male"}};
  in.freed_id = "f1";
  auto r = replace(in);
  EXPECT_FALSE(r.offer.has_value());
  EXPECT_NE(r.reason.find("country or gender is at its maximum"), std::string::npos) << r.reason;
  ASSERT_EQ(r.unmet.size(), 1u);
  EXPECT_EQ(r.unmet[0], "gender target female not met: 0 of at least 1 seats held");

  in.diversity.gender->hard = false;  // a soft target fills the seat, and the reason says so
  auto soft = replace(in);
  ASSERT_TRUE(soft.offer.has_value());
  EXPECT_NE(soft.reason.find("beyond the gender target male maximum"), std::string::npos) << soft.reason;
}
