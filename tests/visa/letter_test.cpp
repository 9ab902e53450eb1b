// Invitation letter data: complete letters, numbering, and every missing or wrong field named.
#include <gtest/gtest.h>

#include <algorithm>

#include "letter.hpp"

using namespace cohort_visa;

namespace {

LetterRequest complete() {
  LetterRequest r;
  r.applicant_id = "GLC-2025-A0042";
  r.programme_id = "GLC-2025";
  r.full_name = "Siti Rahmawati";
  r.gender = "F";
  r.birth_date = "1988-05-17";
  r.nationality = "ID";
  r.passport_number = "C1234567";
  r.passport_expires = "2030-01-31";
  r.purpose = "to attend the International Green and Low Carbon Technology Training Program";
  r.arrival = "2025-03-09T08:00:00+08:00";
  r.departure = "2025-03-22";
  r.places = {"Shanghai", "Chongming"};
  r.funding = "Tuition, accommodation, meals and local transport are covered by the host";
  r.institution = {"Tongji University", "College of Environmental Science and Engineering",
                   "1239 Siping Road, Yangpu District, Shanghai 200092, China", "Shanghai", "CN",
                   "International Training Office", "glc-training@tongji.example.org", "+86 21 6598 0000"};
  return r;
}

bool has_error(const Letter& l, const std::string& field, const std::string& code) {
  return std::any_of(l.errors.begin(), l.errors.end(),
                     [&](const FieldError& e) { return e.field == field && e.code == code; });
}

}  // namespace

TEST(Letter, ACompleteRequestGivesAValidNumberedLetter) {
  const Letter l = prepare_letter(complete());
  EXPECT_TRUE(l.valid);
  EXPECT_TRUE(l.errors.empty());
  EXPECT_EQ(l.number, "GLC-2025-L-0042");  // from the applicant id
  EXPECT_EQ(l.gender, "female");
  EXPECT_EQ(l.days, 14);
  EXPECT_EQ(format_date(*l.arrival), "2025-03-09");
}

TEST(Letter, NumbersComeFromTheCallerASequenceOrTheApplicantId) {
  auto r = complete();
  r.letter_number = "TJU-VISA-2025/117";
  EXPECT_EQ(prepare_letter(r).number, "TJU-VISA-2025/117");
  r.letter_number.clear();
  r.sequence = 7;
  EXPECT_EQ(prepare_letter(r).number, "GLC-2025-L-0007");
  r.prefix = "TJU-";
  r.digits = 5;
  EXPECT_EQ(prepare_letter(r).number, "TJU-L-00007");
  r = complete();
  r.programme_id.clear();
  EXPECT_EQ(prepare_letter(r).number, "GLC-2025-L-0042");  // the programme part of the applicant id
  r.applicant_id = "someone";
  const Letter l = prepare_letter(r);
  EXPECT_FALSE(l.valid);
  EXPECT_TRUE(has_error(l, "number", "missing"));
}

TEST(Letter, EveryMissingFieldIsListed) {
  LetterRequest r;
  r.sequence = 1;
  r.prefix = "GLC-2025";
  const Letter l = prepare_letter(r);
  EXPECT_FALSE(l.valid);
  EXPECT_EQ(l.missing, (std::vector<std::string>{
                           "participant.full_name", "participant.gender", "participant.birth_date",
                           "participant.nationality", "passport.number", "passport.expires", "purpose", "arrival",
                           "departure", "places", "funding", "institution.name", "institution.address",
                           "institution.contact"}));
  EXPECT_EQ(l.errors.size(), l.missing.size());
  EXPECT_EQ(l.errors[0].reason, "full name is missing");
}

TEST(Letter, WrongValuesAreErrorsWithReasons) {
  auto r = complete();
  r.arrival = "2025-03-23";
  r.passport_expires = "2025-03-01";
  r.nationality = "Indonesia";
  r.birth_date = "17.05.1988";
  const Letter l = prepare_letter(r);
  EXPECT_FALSE(l.valid);
  EXPECT_TRUE(l.missing.empty());
  EXPECT_TRUE(has_error(l, "arrival", "after_departure"));
  EXPECT_TRUE(has_error(l, "passport.expires", "expires_before_departure"));
  EXPECT_TRUE(has_error(l, "participant.nationality", "invalid"));
  EXPECT_TRUE(has_error(l, "participant.birth_date", "invalid"));
}

TEST(Letter, AContactNeedsANameAndAnEmailOrPhone) {
  auto r = complete();
  r.institution.contact_email.clear();
  EXPECT_TRUE(prepare_letter(r).valid);  // the phone is enough
  r.institution.contact_phone.clear();
  EXPECT_EQ(prepare_letter(r).missing, (std::vector<std::string>{"institution.contact"}));
}
