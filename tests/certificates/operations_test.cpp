// The operations as a workflow calls them: JSON arguments in, JSON results out, and the
// plugin configuration.
#include <gtest/gtest.h>

#include "certificates_support.hpp"
#include "credential/date_time.hpp"
#include "credential/did_key.hpp"
#include "operations.hpp"

namespace {

using namespace cohort::test::certificates;
using cohort_certificates::CertificateOffice;
using cohort_certificates::Failure;
using cohort_certificates::run_operation;
namespace cred = cohort::credentials;

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  std::string error;
  EXPECT_TRUE(cred::parse_json(text, doc, error)) << error << ": " << text;
  return doc;
}

TEST(Operations, IssueTakesWhatTheWorkflowHasAtHand) {
  auto root = fresh_dir("operations-issue");
  CertificateOffice office(office_options(root));
  // The programme by id only, digits as an expression may render them (4.0), nulls for
  // "not given", and data.attendance as rules.attendance returns it (no threshold).
  auto r = run_operation(office, "certificates.issue", R"({
      "programme": "ICT-2025", "certificate": {"prefix": null, "digits": 4.0},
      "participant": {"id": "ICT-2025-A0003", "name": "Lwin Lwin", "state": "completed", "withdrawn": null,
                      "attendance": {"rate": 1, "attended_weight": 10, "total_weight": 10, "met": true, "reason": "ok"}},
      "sequence": null})");
  ASSERT_TRUE(r.ok()) << r.message;
  auto doc = parse(r.json);
  EXPECT_STREQ(doc["number"].GetString(), "ICT-2025-0001");  // prefix defaults to the id and "-"
  EXPECT_STREQ(doc["issuer"]["name"].GetString(), "Tongji University");  // the configured default
  EXPECT_TRUE(cred::is_date_time(doc["issued_at"].GetString()));  // now, when not given
  auto cert = read_json(root / "run" / "certificates" / "ICT-2025-0001.json");
  EXPECT_STREQ(cert["title"].GetString(), "Certificate of Completion: ICT-2025");
  EXPECT_FALSE(cert.HasMember("attendance"));  // a rate without a threshold is not recorded
}

TEST(Operations, NamesTheFieldThatIsWrong) {
  auto root = fresh_dir("operations-bad");
  CertificateOffice office(office_options(root));
  auto r = run_operation(office, "certificates.issue",
                         R"({"programme": {"id": "GLC-2025"}, "participant": {"id": "A1", "name": "X", "state": "completed",
                             "attendance": {"rate": "high"}}})");
  EXPECT_EQ(r.failure, Failure::InvalidArgument);
  EXPECT_EQ(r.message, "certificates.issue: participant.attendance.rate must be a number");
  r = run_operation(office, "certificates.issue",
                    R"({"programme": {"id": "GLC-2025"}, "certificate": {"digits": 2.5}, "participant": {"id": "A1", "name": "X", "state": "completed"}})");
  EXPECT_EQ(r.message, "certificates.issue: certificate.digits must be an integer");
  r = run_operation(office, "certificates.revoke", R"({"number": "GLC-2025-0001"})");
  EXPECT_EQ(r.message, "certificates.revoke: reason is required (it is shown to whoever verifies the certificate)");
  r = run_operation(office, "certificates.reissue", R"({"number": "GLC-2025-0001"})");
  EXPECT_EQ(r.message, "certificates.reissue: name is required (the holder's corrected name)");
  r = run_operation(office, "certificates.issue", "not json");
  EXPECT_EQ(r.failure, Failure::InvalidArgument);
}

TEST(Config, ReadsAKeyFromPemJsonOrMultibaseAndRefusesNonsense) {
  auto root = fresh_dir("config");
  const std::string w3c_private = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
  const std::string w3c_did = "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
  write_text(root / "key.pem",
             "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIMlu+eoQxeQUxHFyOv+d5yw1+ltw+ul+iDLsrH0uK47W\n-----END PRIVATE KEY-----\n");
  write_text(root / "key.json", R"({"type": "CohortSigningKey", "private_key_multibase": ")" + w3c_private + R"("})");
  {
    // A private key others may read is refused until it is made private.
    cohort_certificates::OfficeOptions options;
    std::string error;
    fs::permissions(root / "key.pem", fs::perms(0644));
    EXPECT_FALSE(cohort_certificates::read_config(R"({"signing_key_file": ")" + (root / "key.pem").string() + R"("})",
                                                  options, error));
    EXPECT_NE(error.find("may be read by others (mode 0644)"), std::string::npos) << error;
  }
  fs::permissions(root / "key.pem", fs::perms(0600));
  fs::permissions(root / "key.json", fs::perms(0600));

  for (const auto& config : {R"({"signing_key_file": ")" + (root / "key.pem").string() + R"("})",
                             R"({"signing_key_file": ")" + (root / "key.json").string() + R"("})",
                             R"({"signing_key": ")" + w3c_private + R"(", "issuer": "Wuhan", "fsync": false})"}) {
    cohort_certificates::OfficeOptions options;
    std::string error;
    ASSERT_TRUE(cohort_certificates::read_config(config, options, error)) << config << ": " << error;
    ASSERT_TRUE(options.signing_key) << config;
    EXPECT_EQ(cred::did_key(options.signing_key->public_key()), w3c_did) << config;
  }

  cohort_certificates::OfficeOptions options;
  std::string error;
  EXPECT_TRUE(cohort_certificates::read_config("{}", options, error));
  EXPECT_FALSE(options.signing_key);
  EXPECT_TRUE(options.sync);
  EXPECT_FALSE(cohort_certificates::read_config(
      R"({"signing_key": ")" + w3c_private + R"(", "signing_key_file": "/x"})", options, error));
  EXPECT_NE(error.find("not both"), std::string::npos) << error;
  EXPECT_FALSE(cohort_certificates::read_config(R"({"signing_key_file": "/nonexistent/key.pem"})", options, error));
  EXPECT_NE(error.find("cannot be read"), std::string::npos) << error;
  EXPECT_FALSE(cohort_certificates::read_config(R"({"fsync": "yes"})", options, error));
  EXPECT_NE(error.find("fsync must be true or false"), std::string::npos) << error;
}

}  // namespace
