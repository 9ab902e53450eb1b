// Each eligibility rule with its edges; every failed rule is reported, each with a code and a reason.
#include <gtest/gtest.h>

#include <algorithm>

#include "rules.hpp"

using namespace cohort_eligibility;

namespace {

Rules glc_rules() {
  Rules r;
  r.countries = {"EG", "ET", "ID", "KE", "LA", "LK", "MN", "NG", "PK", "TH", "UZ"};
  r.reference_date = CivilDate{2025, 3, 10};
  r.age_min = 25;
  r.age_max = 50;
  r.min_degree = "bachelor";
  r.min_experience_years = 3;
  r.employer_types = {"government", "university", "research institute", "state enterprise"};
  r.required_documents = {"passport", "cv", "employer_nomination", "health_certificate"};
  r.languages_any = {"en"};
  return r;
}

Applicant good_applicant() {
  Applicant a;
  a.nationality = "KE";
  a.birth_date = "1988-06-01";
  a.degree = "master";
  a.years_experience = 8;
  a.employer_type = "government";
  a.documents = {"passport", "cv", "employer_nomination", "health_certificate", "motivation_letter"};
  a.languages = {"sw", "en"};
  return a;
}

const Failure* failure(const Verdict& v, const std::string& rule) {
  auto it = std::find_if(v.failed.begin(), v.failed.end(), [&](const Failure& f) { return f.rule == rule; });
  return it == v.failed.end() ? nullptr : &*it;
}

std::string code_of(const Verdict& v, const std::string& rule) {
  const Failure* f = failure(v, rule);
  return f ? f->code : "";
}

}  // namespace

TEST(Rules, AnApplicantMeetingEveryRuleIsEligible) {
  const auto v = check(good_applicant(), glc_rules(), Settings{});
  EXPECT_TRUE(v.eligible);
  EXPECT_TRUE(v.failed.empty());
  EXPECT_EQ(v.age, 36);
  EXPECT_EQ(v.passed, (std::vector<std::string>{"nationality", "age", "degree", "experience", "employer_type",
                                                "documents", "language"}));
  EXPECT_EQ(summary(v), "eligible");
}

TEST(Rules, EveryFailedRuleIsListedInRuleOrder) {
  Applicant a;
  a.nationality = "FR";
  a.birth_date = "2003-01-01";
  a.degree = "diploma";
  a.years_experience = 1;
  a.employer_type = "private company";
  a.documents = {"passport"};
  a.languages = {"fr"};
  const auto v = check(a, glc_rules(), Settings{});
  EXPECT_FALSE(v.eligible);
  std::vector<std::string> codes;
  for (const auto& f : v.failed) codes.push_back(f.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"nationality.not_allowed", "age.too_young", "degree.below_minimum",
                                             "experience.below_minimum", "employer_type.not_allowed",
                                             "documents.missing", "language.none"}));
  EXPECT_EQ(summary(v).rfind("not eligible: nationality FR is not one of the eligible countries", 0), 0u) << summary(v);
}

TEST(Rules, NationalityIsAnAllowListOfAlpha2Codes) {
  auto a = good_applicant();
  a.nationality = "ke";  // case does not matter
  EXPECT_TRUE(check(a, glc_rules(), Settings{}).eligible);
  a.nationality = "FR";
  auto v = check(a, glc_rules(), Settings{});
  EXPECT_EQ(code_of(v, "nationality"), "nationality.not_allowed");
  EXPECT_NE(failure(v, "nationality")->reason.find("FR"), std::string::npos);
  a.nationality = "Kenya";
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "nationality"), "nationality.invalid");
  a.nationality = "";
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "nationality"), "nationality.missing");
}

TEST(Rules, AgeBoundsIncludeTheirEndsOnTheReferenceDate) {
  auto a = good_applicant();
  a.birth_date = "2000-03-10";  // 25 on 2025-03-10 exactly
  EXPECT_TRUE(check(a, glc_rules(), Settings{}).eligible);
  a.birth_date = "2000-03-11";  // 25 one day too late
  auto v = check(a, glc_rules(), Settings{});
  EXPECT_EQ(code_of(v, "age"), "age.too_young");
  EXPECT_EQ(failure(v, "age")->reason, "aged 24 on 2025-03-10, the minimum age is 25");
  a.birth_date = "1974-03-11";  // still 50
  EXPECT_TRUE(check(a, glc_rules(), Settings{}).eligible);
  a.birth_date = "1974-03-10";  // 51 on the day
  v = check(a, glc_rules(), Settings{});
  EXPECT_EQ(code_of(v, "age"), "age.too_old");
  EXPECT_EQ(v.age, 51);
}

TEST(Rules, LeapDayBirthdayOnAReferenceDateAtTheEndOfFebruary) {
  auto rules = glc_rules();
  rules.age_min = 25;
  auto a = good_applicant();
  a.birth_date = "2000-02-29";
  rules.reference_date = CivilDate{2025, 2, 28};
  auto v = check(a, rules, Settings{});
  EXPECT_EQ(code_of(v, "age"), "age.too_young");
  EXPECT_EQ(v.age, 24);
  rules.reference_date = CivilDate{2025, 3, 1};
  v = check(a, rules, Settings{});
  EXPECT_TRUE(v.eligible);
  EXPECT_EQ(v.age, 25);
}

TEST(Rules, UnreadableOrImpossibleBirthDatesAreReasonsNotCrashes) {
  auto a = good_applicant();
  a.birth_date = "2001-02-29";
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "age"), "age.invalid_birth_date");
  a.birth_date = "01/06/1988";
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "age"), "age.invalid_birth_date");
  a.birth_date = "";
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "age"), "age.missing");
  a.birth_date = "2026-01-01";
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "age"), "age.birth_after_reference");
}

TEST(Rules, DegreeFollowsTheOrderedScale) {
  auto a = good_applicant();
  a.degree = "bachelor";  // equal to the minimum
  EXPECT_TRUE(check(a, glc_rules(), Settings{}).eligible);
  a.degree = "Doctorate";
  EXPECT_TRUE(check(a, glc_rules(), Settings{}).eligible);
  a.degree = "diploma";
  auto v = check(a, glc_rules(), Settings{});
  EXPECT_EQ(code_of(v, "degree"), "degree.below_minimum");
  EXPECT_EQ(failure(v, "degree")->reason, "highest degree diploma is below the minimum, bachelor");
  a.degree = "PhD";
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "degree"), "degree.unknown");
  Settings s;
  s.degree_aliases["phd"] = "doctorate";
  EXPECT_TRUE(check(a, glc_rules(), s).eligible);
  a.degree = "";
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "degree"), "degree.missing");
}

TEST(Rules, ExperienceMinimumIsInclusiveAndFractional) {
  auto a = good_applicant();
  a.years_experience = 3;
  EXPECT_TRUE(check(a, glc_rules(), Settings{}).eligible);
  a.years_experience = 2.5;
  auto v = check(a, glc_rules(), Settings{});
  EXPECT_EQ(code_of(v, "experience"), "experience.below_minimum");
  EXPECT_EQ(failure(v, "experience")->reason, "2.5 years of professional experience, at least 3 years required");
  a.years_experience.reset();
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "experience"), "experience.missing");
}

TEST(Rules, EmployerTypeIsAnAllowListIgnoringCaseAndSeparators) {
  auto a = good_applicant();
  a.employer_type = "Research_Institute";
  EXPECT_TRUE(check(a, glc_rules(), Settings{}).eligible);
  a.employer_type = "state-enterprise";
  EXPECT_TRUE(check(a, glc_rules(), Settings{}).eligible);
  a.employer_type = "private company";
  auto v = check(a, glc_rules(), Settings{});
  EXPECT_EQ(code_of(v, "employer_type"), "employer_type.not_allowed");
  EXPECT_NE(failure(v, "employer_type")->reason.find("'private company' is not accepted"), std::string::npos);
  a.employer_type = "";
  EXPECT_EQ(code_of(check(a, glc_rules(), Settings{}), "employer_type"), "employer_type.missing");
  auto open = glc_rules();
  open.employer_types.clear();  // no list: any employer
  EXPECT_TRUE(check(a, open, Settings{}).eligible);
}

TEST(Rules, MissingDocumentsAreNamedTheWayPeopleCallThem) {
  auto a = good_applicant();
  a.documents = {"passport", "health_certificate"};
  auto v = check(a, glc_rules(), Settings{});
  const Failure* f = failure(v, "documents");
  ASSERT_TRUE(f);
  EXPECT_EQ(f->code, "documents.missing");
  EXPECT_EQ(f->items, (std::vector<std::string>{"cv", "employer_nomination"}));
  EXPECT_EQ(f->reason, "required documents missing: CV, nomination letter");

  a.documents = {"cv", "employer_nomination", "health_certificate"};
  EXPECT_EQ(failure(check(a, glc_rules(), Settings{}), "documents")->reason, "required document missing: passport scan");

  Settings s;
  s.document_labels["passport"] = "scan of the passport's photo page";
  EXPECT_EQ(failure(check(a, glc_rules(), s), "documents")->reason,
            "required document missing: scan of the passport's photo page");
}

TEST(Rules, LanguageNeedsAnyOneOfTheCourseLanguages) {
  auto rules = glc_rules();
  rules.languages_any = {"en", "fr"};
  auto a = good_applicant();
  a.languages = {"fr"};
  EXPECT_TRUE(check(a, rules, Settings{}).eligible);
  a.languages = {"ar"};
  EXPECT_EQ(code_of(check(a, rules, Settings{}), "language"), "language.none");
}

TEST(Rules, RulesThemselvesAreCheckedForConsistency) {
  auto r = glc_rules();
  EXPECT_EQ(validate_rules(r, Settings{}), "");
  r.min_degree = "licence";
  EXPECT_NE(validate_rules(r, Settings{}).find("not on the degree scale"), std::string::npos);
  r = glc_rules();
  r.age_min = 60;
  EXPECT_NE(validate_rules(r, Settings{}).find("eligibility.age.min (60) is above"), std::string::npos);
  r = glc_rules();
  r.reference_date.reset();
  EXPECT_NE(validate_rules(r, Settings{}).find("reference_date"), std::string::npos);
}
