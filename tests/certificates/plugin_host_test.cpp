// The built certificates.so, loaded and called the way the engine does it, with arguments
// shaped like the default workflows pass them.
#include <gtest/gtest.h>

#include "certificates_support.hpp"
#include "credential/verification.hpp"
#include "host/plugin_host.hpp"

namespace {

using namespace cohort::test::certificates;
namespace cred = cohort::credentials;
using cohort::host::CallStatus;

class CertificatesPlugin : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fresh_dir("plugin-host");
    cohort::host::HostOptions options;
    options.data_dir = root_;
    options.config["org.cohort.certificates"] = R"({"issuer": "Tongji University", "fsync": true})";
    host_ = std::make_unique<cohort::host::PluginHost>(options);
    auto loaded = host_->load(fs::path(COHORT_BINARY_DIR) / "plugins" / "certificates");
    ASSERT_TRUE(loaded.ok) << loaded.error;
  }

  cohort::host::CallResult call(const std::string& op, const std::string& args) {
    cohort::host::CallContext ctx;
    ctx.instance = "GLC-2025";
    ctx.step = "7";
    return host_->call(op, args, ctx);
  }

  rapidjson::Document result(const cohort::host::CallResult& r) {
    rapidjson::Document doc;
    std::string error;
    EXPECT_TRUE(cred::parse_json(r.json, doc, error)) << error << ": " << r.json;
    return doc;
  }

  static std::string issue_args(const std::string& id, const std::string& name, const std::string& state) {
    return R"({"programme": {"id": "GLC-2025", "title": "International Green and Low Carbon Technology Training Program"},
               "certificate": {"prefix": "GLC-2025-", "digits": 4, "title": "Certificate of Completion"},
               "participant": {"id": ")" + id + R"(", "name": ")" + name + R"(", "state": ")" + state + R"(",
                               "attendance": {"rate": 0.9, "threshold": 0.8, "met": true, "missed": ["s3"]}},
               "issued_at": "2025-03-29T10:00:00Z"})";
  }

  fs::path root_;
  std::unique_ptr<cohort::host::PluginHost> host_;
};

TEST_F(CertificatesPlugin, IssuesRevokesAndReissuesThroughThePluginHost) {
  auto issued = call("certificates.issue", issue_args("GLC-2025-A0042", "Nguyen Thi Lam", "completed"));
  ASSERT_TRUE(issued.ok()) << issued.message;
  EXPECT_EQ(issued.plugin_id, "org.cohort.certificates");
  auto doc = result(issued);
  EXPECT_STREQ(doc["number"].GetString(), "GLC-2025-0001");
  EXPECT_EQ(doc["sequence"].GetInt(), 1);
  EXPECT_EQ(doc["version"].GetInt(), 1);
  EXPECT_STREQ(doc["programme"].GetString(), "GLC-2025");
  EXPECT_STREQ(doc["holder"]["id"].GetString(), "GLC-2025-A0042");
  EXPECT_STREQ(doc["holder"]["name"].GetString(), "Nguyen Thi Lam");
  EXPECT_STREQ(doc["issued_at"].GetString(), "2025-03-29T10:00:00Z");
  EXPECT_STREQ(doc["issuer"]["name"].GetString(), "Tongji University");
  EXPECT_EQ(std::string(doc["issuer"]["id"].GetString()).rfind("did:key:z6Mk", 0), 0u);
  EXPECT_FALSE(doc["existing"].GetBool());
  EXPECT_STREQ(doc["files"]["certificate"].GetString(), "certificates/GLC-2025-0001.json");
  EXPECT_STREQ(doc["files"]["credential"].GetString(), "certificates/GLC-2025-0001.credential.json");
  EXPECT_STREQ(doc["files"]["key"].GetString(), "certificates/GLC-2025.key.json");
  // DIR is the engine's data directory; the plugin's private one holds the key.
  EXPECT_TRUE(fs::is_regular_file(root_ / "certificates" / "GLC-2025-0001.json"));
  EXPECT_TRUE(fs::is_regular_file(root_ / "plugins" / "org.cohort.certificates" / "keys" / "GLC-2025.json"));
  EXPECT_TRUE(cred::verify_certificate_file(root_ / "certificates" / "GLC-2025-0001.credential.json",
                                            root_ / "certificates").valid());

  auto again = call("certificates.issue", issue_args("GLC-2025-A0042", "Nguyen Thi Lam", "certified"));
  ASSERT_TRUE(again.ok()) << again.message;
  EXPECT_TRUE(result(again)["existing"].GetBool());

  auto reissued = call("certificates.reissue",
                       R"({"number": "GLC-2025-0001", "name": "Nguyen Thi Lan", "reason": "name correction",
                           "reissued_at": "2025-04-10T08:00:00Z"})");
  ASSERT_TRUE(reissued.ok()) << reissued.message;
  doc = result(reissued);
  EXPECT_EQ(doc["version"].GetInt(), 2);
  EXPECT_EQ(doc["previous_version"].GetInt(), 1);
  EXPECT_STREQ(doc["holder"]["name"].GetString(), "Nguyen Thi Lan");
  EXPECT_STREQ(doc["reason"].GetString(), "name correction");
  EXPECT_FALSE(doc["unchanged"].GetBool());
  EXPECT_STREQ(doc["files"]["previous"]["certificate"].GetString(), "certificates/GLC-2025-0001.v1.json");
  EXPECT_STREQ(doc["files"]["previous"]["credential"].GetString(), "certificates/GLC-2025-0001.v1.credential.json");

  auto revoked = call("certificates.revoke",
                      R"({"number": "GLC-2025-0001", "reason": "plagiarised final report", "revoked_at": "2025-05-01T12:00:00Z"})");
  ASSERT_TRUE(revoked.ok()) << revoked.message;
  doc = result(revoked);
  EXPECT_TRUE(doc["revoked"].GetBool());
  EXPECT_STREQ(doc["reason"].GetString(), "plagiarised final report");
  EXPECT_STREQ(doc["revoked_at"].GetString(), "2025-05-01T12:00:00Z");
  EXPECT_STREQ(doc["holder"]["id"].GetString(), "GLC-2025-A0042");
  EXPECT_FALSE(doc["existing"].GetBool());
  EXPECT_STREQ(doc["files"]["revocation"].GetString(), "certificates/GLC-2025-0001.revocation.json");
  auto report = cred::verify_certificate_file(root_ / "certificates" / "GLC-2025-0001.json", root_ / "certificates");
  EXPECT_EQ(report.verdict, cred::Verdict::Revoked);
}

TEST_F(CertificatesPlugin, RefusalsAndBadArgumentsComeBackWithTheirStatus) {
  auto refused = call("certificates.issue", issue_args("GLC-2025-A0007", "Kofi Mensah", "withdrawn"));
  EXPECT_EQ(refused.status, CallStatus::PermissionDenied);
  EXPECT_EQ(refused.message, "certificates.issue: GLC-2025-A0007 (Kofi Mensah) withdrew from the programme: no certificate");

  auto bad = call("certificates.issue", R"({"programme": {"id": "GLC-2025"}})");
  EXPECT_EQ(bad.status, CallStatus::InvalidArgument);
  EXPECT_NE(bad.message.find("participant is required"), std::string::npos) << bad.message;

  auto wrong_type = call("certificates.issue", R"({"programme": "GLC-2025", "participant": {"id": 42}})");
  EXPECT_EQ(wrong_type.status, CallStatus::InvalidArgument);
  EXPECT_NE(wrong_type.message.find("participant.id must be a string"), std::string::npos) << wrong_type.message;

  auto missing = call("certificates.revoke", R"({"number": "GLC-2025-0404", "reason": "typo"})");
  EXPECT_EQ(missing.status, CallStatus::NotFound);

  auto not_json = call("certificates.reissue", "[1, 2]");
  EXPECT_EQ(not_json.status, CallStatus::InvalidArgument);
  EXPECT_FALSE(fs::exists(root_ / "certificates" / "GLC-2025-0001.json"));
}

TEST(CertificatesPluginConfig, RefusesAConfigurationItCannotUse) {
  auto root = fresh_dir("plugin-bad-config");
  cohort::host::HostOptions options;
  options.data_dir = root;
  options.config["org.cohort.certificates"] = R"({"signing_key": "zNotAKey"})";
  cohort::host::PluginHost host(options);
  auto loaded = host.load(fs::path(COHORT_BINARY_DIR) / "plugins" / "certificates");
  EXPECT_FALSE(loaded.ok);
  EXPECT_NE(loaded.error.find("signing_key"), std::string::npos) << loaded.error;
}

}  // namespace
