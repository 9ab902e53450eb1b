// The operations' arguments: what is required, and the QR payload taken exactly as given.
#include <gtest/gtest.h>

#include "request.hpp"
#include "tools.hpp"

namespace cd = cohort_documents;
using namespace documents_test;

TEST(DocumentRequest, ReadsALettersFieldsFormattedForPrinting) {
  cd::DocumentRequest r;
  std::string error;
  ASSERT_TRUE(cd::read_request(cd::Kind::InvitationLetter, letter_args("Amina Wanjiru", "GLC-2025-L0007"), true, r,
                               error))
      << error;
  EXPECT_EQ(r.fields.get("name"), "Amina Wanjiru");
  EXPECT_EQ(r.fields.get("birth_date"), "12 April 1988");
  EXPECT_EQ(r.fields.get("passport_expiry"), "1 May 2031");
  EXPECT_EQ(r.fields.get("start_date"), "10 March 2025");
  EXPECT_EQ(r.fields.get("host_city"), "Shanghai");
  EXPECT_EQ(r.number, "GLC-2025-L0007");
  // Without a "verification" argument the QR code carries the letter's own data.
  EXPECT_NE(r.qr_payload.find("\"type\":\"cohort.invitation_letter\""), std::string::npos) << r.qr_payload;
  EXPECT_NE(r.qr_payload.find("\"AK0423719\""), std::string::npos) << r.qr_payload;
}

TEST(DocumentRequest, MissingRequiredArgumentsAreNamed) {
  cd::DocumentRequest r;
  std::string error;
  EXPECT_FALSE(cd::read_request(cd::Kind::InvitationLetter,
                                R"({"number": "L1", "issued_at": "2025-01-20", "participant": {"name": "A"}})", true, r,
                                error));
  EXPECT_NE(error.find("argument participant.birth_date is required"), std::string::npos) << error;

  EXPECT_FALSE(cd::read_request(cd::Kind::Certificate, R"({"number": "C1"})", true, r, error));
  EXPECT_NE(error.find("issued_at"), std::string::npos) << error;
  EXPECT_FALSE(cd::read_request(cd::Kind::Certificate, letter_args("A", "C1"), true, r, error));
  EXPECT_NE(error.find("hours"), std::string::npos) << error;

  EXPECT_FALSE(cd::read_request(cd::Kind::Certificate, R"({"number": "   "})", true, r, error));
  EXPECT_NE(error.find("argument number must not be empty"), std::string::npos) << error;
  EXPECT_FALSE(cd::read_request(cd::Kind::Certificate, R"({"number": {"x": 1}})", true, r, error));
  EXPECT_NE(error.find("argument number must be a string"), std::string::npos) << error;
  EXPECT_FALSE(cd::read_request(cd::Kind::Certificate, "[]", true, r, error));
  EXPECT_FALSE(cd::read_request(cd::Kind::Certificate, "{\"number\": \"\xff\"}", true, r, error));
}

TEST(DocumentRequest, RefusesAnIssueDateThatIsNotIso) {
  cd::DocumentRequest r;
  std::string error;
  EXPECT_FALSE(cd::read_request(cd::Kind::InvitationLetter, letter_args("A", "L1", "20/01/2025"), true, r, error));
  EXPECT_NE(error.find("issued_at"), std::string::npos) << error;
}

TEST(DocumentRequest, TheCertificatePayloadIsItsJsonTextExactlyAsWritten) {
  const auto certificate = certificate_json("王小明", "GLC-2025-0007");
  cd::DocumentRequest r;
  std::string error;
  ASSERT_TRUE(cd::read_request(cd::Kind::Certificate, certificate_args("王小明", "GLC-2025-0007", certificate), true, r,
                               error))
      << error;
  EXPECT_EQ(r.qr_payload, certificate);  // spaces, 56.0 and the UTF-8 name untouched

  // Given as a string holding JSON, the string's content is the payload.
  rapidjson::StringBuffer b;
  rapidjson::Writer<rapidjson::StringBuffer> w(b);
  w.StartObject();
  w.Key("number"), w.String("GLC-2025-0007");
  w.Key("issued_at"), w.String("2025-03-21");
  w.Key("hours"), w.Int(56);
  w.Key("participant"), w.StartObject(), w.Key("name"), w.String("A"), w.EndObject();
  write_programme(w);
  w.Key("certificate"), w.String(certificate.c_str());
  w.EndObject();
  ASSERT_TRUE(cd::read_request(cd::Kind::Certificate, b.GetString(), true, r, error)) << error;
  EXPECT_EQ(r.qr_payload, certificate);
  EXPECT_EQ(r.fields.get("hours"), "56");
}

TEST(DocumentRequest, ACertificateThatIsNotAJsonObjectIsRefused) {
  cd::DocumentRequest r;
  std::string error;
  auto args = certificate_args("A", "C1", "{}");
  args.replace(args.find("\"certificate\":{}"), 16, "\"certificate\":\"not json\"");
  EXPECT_FALSE(cd::read_request(cd::Kind::Certificate, args, true, r, error));
  EXPECT_NE(error.find("argument certificate must be a JSON object"), std::string::npos) << error;
}
