// The signatures checked without our code: a Python script (standard library only) rebuilds
// the signed bytes and the OpenSSL command line verifies the Ed25519 signature, each in its
// own process.
#include <gtest/gtest.h>

#include "../cli/subprocess.hpp"
#include "certificates_support.hpp"

namespace {

using namespace cohort::test::certificates;
using cohort::test::run_process;
using cohort_certificates::CertificateOffice;

const std::string kScript = std::string(COHORT_CERTIFICATES_TEST_SOURCE_DIR) + "/independent_verify.py";

class IndependentCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fresh_dir("independent");
    CertificateOffice office(office_options(root_));
    ASSERT_TRUE(office.issue(completed("GLC-2025-A0042", "Nguyễn Thị Lan")).ok());
    ASSERT_TRUE(office.reissue({"GLC-2025-0001", "Nguyễn Thị Lan Anh", "name correction", "2025-04-10T08:00:00Z"}).ok());
    dir_ = root_ / "run" / "certificates";
  }
  fs::path root_, dir_;
};

TEST_F(IndependentCheck, OpenSslVerifiesTheOpenBadgesCredentialsProof) {
  for (const char* file : {"GLC-2025-0001.credential.json", "GLC-2025-0001.v1.credential.json"}) {
    auto r = run_process("/usr/bin/python3", {kScript, "credential", (dir_ / file).string()});
    EXPECT_EQ(r.exit_code, 0) << file << "\n" << r.transcript();
    EXPECT_NE(r.out.find("Signature Verified Successfully"), std::string::npos) << r.transcript();
  }
}

TEST_F(IndependentCheck, OpenSslVerifiesTheCertificatesSignature) {
  auto r = run_process("/usr/bin/python3", {kScript, "certificate", (dir_ / "GLC-2025-0001.json").string()});
  EXPECT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_NE(r.out.find("Signature Verified Successfully"), std::string::npos) << r.transcript();
}

TEST_F(IndependentCheck, OpenSslRefusesAChangedCredential) {
  auto text = read_text(dir_ / "GLC-2025-0001.credential.json");
  text.replace(text.find("Nguyễn Thị Lan Anh"), std::string("Nguyễn Thị Lan Anh").size(), "Nguyen Thi Lan Anh");
  write_text(dir_ / "changed.credential.json", text);
  auto r = run_process("/usr/bin/python3", {kScript, "credential", (dir_ / "changed.credential.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_NE(r.out.find("Signature Verification Failure"), std::string::npos) << r.transcript();
}

}  // namespace
