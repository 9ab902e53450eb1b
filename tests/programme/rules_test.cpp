// The programme rules as the selection committee and applicants see them:
// who is eligible and why not, who gets a seat, who replaces whom, who attended enough.
#include <gtest/gtest.h>

#include <algorithm>

#include "rules.hpp"

using namespace cohort_rules;

namespace {

Eligibility glc_rules() {
  Eligibility e;
  e.countries = {"EG", "ID", "KE", "PK", "VN"};
  e.reference_date = "2025-03-10";
  e.age_min = 25;
  e.age_max = 50;
  e.min_degree = "bachelor";
  e.min_experience_years = 3;
  e.required_documents = {"passport", "cv", "degree_certificate"};
  e.languages_any = {"en"};
  return e;
}

Applicant good_applicant() {
  Applicant a;
  a.nationality = "KE";
  a.birth_date = "1988-05-20";
  a.degree = "master";
  a.years_experience = 7;
  a.documents = {"passport", "cv", "degree_certificate", "photo"};
  a.languages = {"sw", "en"};
  return a;
}

bool has_rule(const EligibilityResult& r, const std::string& rule) {
  return std::any_of(r.failed.begin(), r.failed.end(), [&](const FailedRule& f) { return f.rule == rule; });
}

std::vector<Candidate> people(std::initializer_list<Candidate> list) { return list; }

}  // namespace

TEST(Eligibility, AnApplicantMeetingEveryRuleIsEligible) {
  auto r = check_eligibility(good_applicant(), glc_rules());
  EXPECT_TRUE(r.eligible);
  EXPECT_TRUE(r.failed.empty());
  ASSERT_TRUE(r.age.has_value());
  EXPECT_EQ(*r.age, 36);
}

TEST(Eligibility, EveryFailedRuleIsListedWithAReadableReason) {
  Applicant a;
  a.nationality = "FR";
  a.birth_date = "2003-01-01";
  a.degree = "diploma";
  a.years_experience = 1.5;
  a.documents = {"passport"};
  a.languages = {"fr"};
  auto r = check_eligibility(a, glc_rules());
  EXPECT_FALSE(r.eligible);
  ASSERT_EQ(r.failed.size(), 6u);
  EXPECT_EQ(r.failed[0].rule, "nationality");
  EXPECT_NE(r.failed[0].reason.find("FR is not in the list"), std::string::npos);
  EXPECT_EQ(r.failed[1].rule, "age");
  EXPECT_EQ(r.failed[1].reason, "age 22 on 2025-03-10 is outside 25-50");
  EXPECT_EQ(r.failed[2].reason, "degree diploma is below the minimum bachelor");
  EXPECT_EQ(r.failed[3].reason, "1.5 years of experience, at least 3 required");
  EXPECT_EQ(r.failed[4].reason, "required documents missing: cv, degree_certificate");
  EXPECT_EQ(r.failed[5].rule, "language");
}

TEST(Eligibility, AgeIsMeasuredOnTheReferenceDateNotToday) {
  auto a = good_applicant();
  a.birth_date = "2000-03-11";  // turns 25 one day after the reference date
  auto r = check_eligibility(a, glc_rules());
  EXPECT_TRUE(has_rule(r, "age"));
  EXPECT_EQ(*r.age, 24);
  a.birth_date = "2000-03-10";  // 25 on the day itself
  EXPECT_TRUE(check_eligibility(a, glc_rules()).eligible);
  a.birth_date = "1974-03-09";  // 51
  EXPECT_TRUE(has_rule(check_eligibility(a, glc_rules()), "age"));
}

TEST(Eligibility, MissingAnswersAreFailuresNotCrashes) {
  Applicant a;
  auto r = check_eligibility(a, glc_rules());
  EXPECT_FALSE(r.eligible);
  EXPECT_TRUE(has_rule(r, "age"));
  EXPECT_TRUE(has_rule(r, "experience"));
  EXPECT_FALSE(r.age.has_value());
}

TEST(Selection, FillsSeatsByScoreWithTiesBrokenById) {
  SelectionInput in;
  in.seats = 2;
  in.candidates = people({{"c", "KE", "f", 8.0}, {"b", "KE", "m", 9.0}, {"a", "KE", "f", 8.0}});
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"b", "a"}));
  ASSERT_EQ(r.waitlist.size(), 1u);
  EXPECT_EQ(r.waitlist[0].id, "c");
  EXPECT_EQ(r.waitlist[0].rank, 3);
  EXPECT_EQ(r.explanations["b"], "rank 1, score 9.00, offered");
  EXPECT_EQ(r.explanations["c"], "waitlisted: rank 3, score 8.00, all 2 seats filled, waitlist position 1");
}

TEST(Selection, InputOrderDoesNotChangeTheOutcome) {
  SelectionInput a, b;
  a.seats = b.seats = 3;
  a.quotas = b.quotas = {{"VN", {1, 2}}, {"BO", {1, 1}}};
  a.candidates = people({{"v1", "VN", "f", 7}, {"v2", "VN", "m", 7}, {"b1", "BO", "f", 5}, {"k1", "KE", "m", 7},
                         {"v3", "VN", "f", 9}});
  b.candidates = a.candidates;
  std::reverse(b.candidates.begin(), b.candidates.end());
  auto ra = select(a), rb = select(b);
  EXPECT_EQ(ra.offered, rb.offered);
  EXPECT_EQ(ra.explanations, rb.explanations);
}

TEST(Selection, CountryMinimumsAreMetByTheBestOfThatCountryFirst) {
  SelectionInput in;
  in.seats = 3;
  in.quotas = {{"BO", {1, 3}}, {"VN", {0, 3}}};
  in.candidates = people({{"v1", "VN", "f", 9}, {"v2", "VN", "m", 8.5}, {"v3", "VN", "f", 8}, {"b1", "BO", "m", 6},
                          {"b2", "BO", "f", 5}});
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"v1", "v2", "b1"}));
  EXPECT_EQ(r.explanations["b1"], "rank 4, score 6.00, offered (quota min for BO)");
  EXPECT_TRUE(r.unmet.empty());
}

TEST(Selection, CountryMaximumsSendTheRestToTheWaitlistWithTheReason) {
  SelectionInput in;
  in.seats = 4;
  in.quotas = {{"VN", {0, 2}}};
  in.candidates = people({{"v1", "VN", "f", 9}, {"v2", "VN", "m", 8.9}, {"v3", "VN", "f", 8.8}, {"k1", "KE", "m", 5},
                          {"k2", "KE", "m", 4}});
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"v1", "v2", "k1", "k2"}));
  ASSERT_EQ(r.waitlist.size(), 1u);
  EXPECT_EQ(r.explanations["v3"], "waitlisted: rank 3, score 8.80, country quota VN max 2 reached, waitlist position 1");
  EXPECT_EQ(r.holders.size(), 4u);
}

TEST(Selection, UnmetMinimumsAreReportedNotInvented) {
  SelectionInput in;
  in.seats = 2;
  in.quotas = {{"BO", {1, 2}}, {"MY", {2, 2}}};
  in.candidates = people({{"m1", "MY", "f", 7}, {"k1", "KE", "m", 9}});
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"k1", "m1"}));
  ASSERT_EQ(r.unmet.size(), 2u);
  EXPECT_EQ(r.unmet[0], "quota min for BO not met: only 0 qualifying candidates for a minimum of 1");
  EXPECT_EQ(r.unmet[1], "quota min for MY not met: only 1 qualifying candidate for a minimum of 2");
}

TEST(Selection, MinimumsBeyondTheSeatsServeEachCountrysBestFirst) {
  SelectionInput in;
  in.seats = 2;
  in.quotas = {{"A1", {2, 2}}, {"B1", {2, 2}}};
  in.candidates = people({{"a1", "A1", "f", 9}, {"a2", "A1", "f", 8}, {"b1", "B1", "m", 5}, {"b2", "B1", "m", 4}});
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"a1", "b1"}));
  EXPECT_EQ(r.unmet.size(), 2u);
}

TEST(Selection, BelowMinimumScoreIsRejectedAndTheWaitlistHasALength) {
  SelectionInput in;
  in.seats = 1;
  in.min_score = 5;
  in.waitlist_size = 1;
  in.candidates = people({{"a", "KE", "f", 9}, {"b", "KE", "f", 8}, {"c", "KE", "f", 7}, {"d", "KE", "f", 4.99}});
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"a"}));
  ASSERT_EQ(r.waitlist.size(), 1u);
  EXPECT_EQ(r.rejected, (std::vector<std::string>{"c", "d"}));
  EXPECT_EQ(r.explanations["d"], "rejected: score 4.99 below the minimum 5.00");
  EXPECT_EQ(r.explanations["c"], "rejected: rank 3, score 7.00, the waitlist is full");
}

TEST(Selection, ALaterScoreReportForTheSameCandidateReplacesTheEarlierOne) {
  SelectionInput in;
  in.seats = 1;
  in.candidates = people({{"a", "KE", "f", 9}, {"b", "KE", "f", 8}, {"a", "KE", "f", 3}});
  auto r = select(in);
  EXPECT_EQ(r.offered, (std::vector<std::string>{"b"}));
}

TEST(Replacement, TheFirstOnTheWaitlistWithinQuotasGetsTheSeat) {
  ReplaceInput in;
  in.quotas = {{"VN", {0, 1}}};
  in.holders = {{"v1", "VN"}, {"k1", "KE"}};
  in.waitlist = {{"v2", "VN", 9, 3}, {"k2", "KE", 8, 4}};
  in.freed_id = "k1";
  in.freed_country = "KE";
  in.date = "2025-01-20T10:00:00+08:00";
  in.last_replacement = "2025-02-07T23:59:00+08:00";
  auto r = replace(in);
  ASSERT_TRUE(r.offer.has_value());
  EXPECT_EQ(r.offer->id, "k2");
  ASSERT_EQ(r.waitlist.size(), 1u);
  EXPECT_EQ(r.waitlist[0].id, "v2");
  EXPECT_EQ(r.holders.size(), 2u);
  EXPECT_NE(r.reason.find("skipped v2 (VN at max 1)"), std::string::npos);
}

TEST(Replacement, ACountryThatFellBelowItsMinimumIsServedFirst) {
  ReplaceInput in;
  in.quotas = {{"BO", {1, 2}}};
  in.holders = {{"b1", "BO"}, {"k1", "KE"}};
  in.waitlist = {{"k2", "KE", 9, 3}, {"b2", "BO", 6, 7}};
  in.freed_id = "b1";
  in.freed_country = "BO";
  auto r = replace(in);
  ASSERT_TRUE(r.offer.has_value());
  EXPECT_EQ(r.offer->id, "b2");
  EXPECT_NE(r.reason.find("restores the quota min for BO"), std::string::npos);
}

TEST(Replacement, NoOfferAfterTheLastReplacementDate) {
  ReplaceInput in;
  in.waitlist = {{"k2", "KE", 9, 3}};
  in.freed_id = "k1";
  in.freed_country = "KE";
  in.date = "2025-02-08T00:00:00+08:00";
  in.last_replacement = "2025-02-07T23:59:00+08:00";
  auto r = replace(in);
  EXPECT_FALSE(r.offer.has_value());
  EXPECT_EQ(r.waitlist.size(), 1u);
  EXPECT_NE(r.reason.find("has passed"), std::string::npos);
  // The offset matters: 16:00 UTC on the 7th is 00:00 on the 8th in Shanghai.
  in.date = "2025-02-07T15:58:00Z";
  EXPECT_TRUE(replace(in).offer.has_value());
}

TEST(Replacement, PeopleWhoLeftTheWaitlistAreSkippedAndDropped) {
  ReplaceInput in;
  in.waitlist = {{"k2", "KE", 9, 3}, {"k3", "KE", 8, 4}};
  in.exclude = {"k2"};
  in.freed_country = "KE";
  auto r = replace(in);
  ASSERT_TRUE(r.offer.has_value());
  EXPECT_EQ(r.offer->id, "k3");
  EXPECT_TRUE(r.waitlist.empty());
}

TEST(Replacement, AnEmptyWaitlistOrAFullProgrammeOffersNobody) {
  ReplaceInput in;
  in.freed_id = "x";
  EXPECT_FALSE(replace(in).offer.has_value());
  EXPECT_NE(replace(in).reason.find("waitlist is empty"), std::string::npos);
  in.waitlist = {{"k2", "KE", 9, 3}};
  in.holders = {{"a", "KE"}, {"b", "KE"}};
  in.seats = 2;
  EXPECT_FALSE(replace(in).offer.has_value());
}

TEST(Attendance, WeightedSessionsAndStatusesDecideCompletion) {
  AttendanceInput in;
  in.sessions = {{"S1", 0.5}, {"S2", 1}, {"S3", 1}, {"S4", 1.5}};
  in.threshold = 0.8;
  in.status_weights = {{"present", 1}, {"late", 0.5}};
  in.checkins = {{"S1", "present"}, {"S2", "present"}, {"S4", "late"}, {"S4", "present"}, {"S9", "present"}};
  auto r = attendance(in);
  EXPECT_DOUBLE_EQ(r.total_weight, 4);
  EXPECT_DOUBLE_EQ(r.attended_weight, 3);  // S4 counts once, at its best status
  EXPECT_DOUBLE_EQ(r.rate, 0.75);
  EXPECT_FALSE(r.met);
  EXPECT_EQ(r.missed, (std::vector<std::string>{"S3"}));
  EXPECT_EQ(r.unknown, (std::vector<std::string>{"S9"}));
  in.checkins.push_back({"S3", "late"});
  EXPECT_TRUE(attendance(in).met);  // 3.5 / 4 = 87.5%
}

TEST(Attendance, NoCheckInsMeansIncomplete) {
  AttendanceInput in;
  in.sessions = {{"S1", 1}};
  auto r = attendance(in);
  EXPECT_FALSE(r.met);
  EXPECT_EQ(r.rate, 0);
}

TEST(Certificate, NumbersCarryThePrefixAndArePadded) {
  EXPECT_EQ(certificate_number("GLC-2025-", 7, 4), "GLC-2025-0007");
  EXPECT_EQ(certificate_number("GLC-2025-", 12345, 4), "GLC-2025-12345");
}

TEST(Dates, InstantsHonourTheirOffsets) {
  EXPECT_EQ(*parse_instant_ms("1970-01-01T08:00:00+08:00"), 0);
  EXPECT_EQ(*parse_instant_ms("1970-01-02"), 86400000);
  EXPECT_FALSE(parse_instant_ms("yesterday").has_value());
}
