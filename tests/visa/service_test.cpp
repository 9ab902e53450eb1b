// The visa operations' JSON: the argument and result shapes the workflows rely on.
#include <gtest/gtest.h>
#include <rapidjson/document.h>

#include <string>

#include "visa_service.hpp"

using namespace cohort_visa;

namespace {

rapidjson::Document run_ok(const VisaService& s, const char* op, const std::string& args) {
  auto out = s.run(op, args);
  EXPECT_TRUE(out.ok) << out.message;
  rapidjson::Document d;
  d.Parse(out.json.c_str());
  EXPECT_FALSE(d.HasParseError()) << out.json;
  return d;
}

// What participant.json holds and passes: data.applicant, data.passport, programme.host, programme.dates.
const char* kLetterArgs = R"({
  "applicant_id": "GLC-2025-A0042", "programme_id": "GLC-2025",
  "programme_title": "International Green and Low Carbon Technology Training Program",
  "participant": {"name": "Siti Rahmawati", "gender": "female", "birth_date": "1988-05-17", "nationality": "ID"},
  "passport": {"number": "C1234567", "country": "ID", "expires": "2030-01-31"},
  "arrival": "2025-03-09T08:00:00+08:00", "departure": "2025-03-21T18:00:00+08:00",
  "institution": {"name": "Tongji University", "city": "Shanghai", "country": "CN",
                  "address": "1239 Siping Road, Yangpu District, Shanghai 200092, China",
                  "contact": {"name": "International Training Office", "email": "glc-training@tongji.example.org"}}
})";

}  // namespace

TEST(VisaService, LetterTakesItsDefaultsFromTheConfiguration) {
  VisaService s;
  std::string error;
  ASSERT_TRUE(s.configure(R"({"funding": "All costs in China are covered by the host.", "places": ["Shanghai"]})", error))
      << error;
  auto d = run_ok(s, "visa.letter", kLetterArgs);
  EXPECT_TRUE(d["valid"].GetBool());
  EXPECT_EQ(d["missing"].Size(), 0u);
  const auto& l = d["letter"];
  EXPECT_STREQ(l["number"].GetString(), "GLC-2025-L-0042");
  EXPECT_STREQ(l["invitee"]["full_name"].GetString(), "Siti Rahmawati");
  EXPECT_STREQ(l["invitee"]["nationality_icao"].GetString(), "IDN");
  EXPECT_STREQ(l["invitee"]["passport"]["expires"].GetString(), "2030-01-31");
  EXPECT_STREQ(l["visit"]["purpose"].GetString(),
               "to attend the training programme \"International Green and Low Carbon Technology Training Program\"");
  EXPECT_STREQ(l["visit"]["departure"].GetString(), "2025-03-21");
  EXPECT_EQ(l["visit"]["days"].GetInt(), 13);
  EXPECT_STREQ(l["visit"]["places"][0].GetString(), "Shanghai");
  EXPECT_STREQ(l["visit"]["funding"].GetString(), "All costs in China are covered by the host.");
  EXPECT_STREQ(l["institution"]["contact"]["email"].GetString(), "glc-training@tongji.example.org");
}

TEST(VisaService, LetterWithoutDefaultsListsWhatIsMissing) {
  VisaService s;
  auto d = run_ok(s, "visa.letter", kLetterArgs);
  EXPECT_FALSE(d["valid"].GetBool());
  ASSERT_EQ(d["missing"].Size(), 2u);
  EXPECT_STREQ(d["missing"][0].GetString(), "places");
  EXPECT_STREQ(d["missing"][1].GetString(), "funding");
  EXPECT_STREQ(d["errors"][1]["reason"].GetString(), "who pays for the visit is missing");
}

TEST(VisaService, PassportCheckUsesTheConfiguredRule) {
  VisaService s;
  auto d = run_ok(s, "visa.check_passport",
                  R"({"passport": {"number": "C1", "expires": "2025-09-20"}, "departure": "2025-03-21T18:00:00+08:00"})");
  EXPECT_FALSE(d["valid"].GetBool());
  EXPECT_STREQ(d["code"].GetString(), "too_short");
  EXPECT_STREQ(d["required_until"].GetString(), "2025-09-21");
  EXPECT_EQ(d["days_spare"].GetInt(), -1);
  EXPECT_STREQ(d["rule"].GetString(), "6 months");
  std::string error;
  ASSERT_TRUE(s.configure(R"({"passport_min_days": 183})", error));
  d = run_ok(s, "visa.check_passport", R"({"expires": "2025-09-20", "departure": "2025-03-21"})");
  EXPECT_TRUE(d["valid"].GetBool());
  EXPECT_STREQ(d["rule"].GetString(), "183 days");
  d = run_ok(s, "visa.check_passport", R"({"expires": "2025-09-20", "departure": "2025-03-21", "min_months": 6})");
  EXPECT_FALSE(d["valid"].GetBool());  // the call's own rule wins
}

TEST(VisaService, MrzCheckReportsFieldsChecksAndMismatches) {
  VisaService s;
  auto d = run_ok(s, "visa.check_mrz", R"({
      "mrz": ["P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"],
      "typed": {"name": "Anna Maria Eriksson", "gender": "female", "birth_date": "1974-08-12",
                "number": "L898902C3", "nationality": "SE", "expires": "2012-04-15"}})");
  EXPECT_TRUE(d["valid"].GetBool());
  EXPECT_FALSE(d["matches"].GetBool());
  EXPECT_EQ(d["check_digits"].Size(), 5u);
  EXPECT_EQ(d["check_digits"][0]["expected"].GetInt(), 6);
  const auto& f = d["fields"];
  EXPECT_STREQ(f["surname"].GetString(), "ERIKSSON");
  EXPECT_STREQ(f["birth_date"].GetString(), "1974-08-12");
  EXPECT_TRUE(f["nationality_iso"].IsNull());
  EXPECT_STREQ(f["nationality_kind"].GetString(), "specimen");
  ASSERT_EQ(d["mismatches"].Size(), 1u);
  EXPECT_STREQ(d["mismatches"][0]["field"].GetString(), "nationality");

  d = run_ok(s, "visa.check_mrz",
             R"({"mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<11"})");
  EXPECT_FALSE(d["valid"].GetBool());
  EXPECT_STREQ(d["problems"][0]["field"].GetString(), "composite");
  EXPECT_STREQ(d["problems"][0]["code"].GetString(), "check_digit");
}

TEST(VisaService, RemindersFromTheProgrammeDates) {
  VisaService s;
  auto d = run_ok(s, "visa.reminders",
                  R"({"dates": {"visa_deadline": "2025-02-28T23:59:00+08:00"}, "now": "2025-02-21T16:00:00Z", "sent": [21]})");
  EXPECT_STREQ(d["deadline"].GetString(), "2025-02-28T23:59:00+08:00");
  EXPECT_EQ(d["send"].GetInt(), 7);
  EXPECT_EQ(d["due"].Size(), 1u);
  EXPECT_EQ(d["next"]["days_before"].GetInt(), 1);
  EXPECT_STREQ(d["next"]["at"].GetString(), "2025-02-27T23:59:00+08:00");
  EXPECT_STREQ(d["reminders"][0]["at"].GetString(), "2025-02-07T23:59:00+08:00");
}

TEST(VisaService, BadArgumentsNameTheField) {
  VisaService s;
  EXPECT_EQ(s.run("visa.check_mrz", "{}").message, "visa.check_mrz: mrz is required (two lines of 44 characters)");
  EXPECT_EQ(s.run("visa.reminders", R"({"now": "2025-01-01T00:00:00Z"})").message,
            "visa.reminders: visa_deadline (or dates.visa_deadline) is required");
  EXPECT_EQ(s.run("visa.reminders", R"({"visa_deadline": "2025-02-28T23:59:00+08:00", "now": "2025-01-01T00:00:00Z",
                                        "days_before": [7, 0]})").message,
            "visa.reminders: days_before must be a list of whole numbers of days, each at least 1");
  EXPECT_EQ(s.run("visa.letter", R"({"participant": "Siti"})").message, "visa.letter: participant must be an object");
  std::string error;
  EXPECT_FALSE(s.configure(R"({"letter_digits": 12})", error));
  EXPECT_EQ(error, "config.letter_digits must be between 1 and 8");
}
