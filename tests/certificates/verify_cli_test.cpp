// `cohort verify` as a user runs it: exit codes and what it prints.
#include <gtest/gtest.h>

#include "../cli/subprocess.hpp"
#include "certificates_support.hpp"

namespace {

using namespace cohort::test::certificates;
using cohort::test::run_cohort;
using cohort_certificates::CertificateOffice;

class VerifyCommand : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fresh_dir(std::string("cli-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    office_ = std::make_unique<CertificateOffice>(office_options(root_));
    auto out = office_->issue(completed("GLC-2025-A0042", "Nguyễn Thị Lan"));
    ASSERT_TRUE(out.ok()) << out.message;
    dir_ = root_ / "run" / "certificates";
  }
  fs::path root_, dir_;
  std::unique_ptr<CertificateOffice> office_;
};

TEST_F(VerifyCommand, AValidCertificatePrintsHolderProgrammeAndNumber) {
  auto r = run_cohort({"verify", (dir_ / "GLC-2025-0001.json").string()});
  EXPECT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_NE(r.out.find("valid: GLC-2025-0001"), std::string::npos) << r.transcript();
  EXPECT_NE(r.out.find("holder: Nguyễn Thị Lan (GLC-2025-A0042)"), std::string::npos) << r.transcript();
  EXPECT_NE(r.out.find("programme: GLC-2025 - International Green and Low Carbon Technology Training Program"),
            std::string::npos)
      << r.transcript();
  EXPECT_NE(r.out.find("number: GLC-2025-0001"), std::string::npos) << r.transcript();
  EXPECT_NE(r.out.find("by Tongji University (did:key:z6Mk"), std::string::npos) << r.transcript();
}

TEST_F(VerifyCommand, AcceptsTheOpenBadgesCredential) {
  auto r = run_cohort({"verify", (dir_ / "GLC-2025-0001.credential.json").string()});
  EXPECT_EQ(r.exit_code, 0) << r.transcript();
  EXPECT_NE(r.out.find("valid: GLC-2025-0001 (Open Badges credential, version 1)"), std::string::npos) << r.transcript();
  EXPECT_NE(r.out.find("holder: Nguyễn Thị Lan (GLC-2025-A0042)"), std::string::npos) << r.transcript();
  EXPECT_NE(r.out.find("programme: GLC-2025"), std::string::npos) << r.transcript();
}

TEST_F(VerifyCommand, AChangedFieldExitsOneWithTheReason) {
  auto text = read_text(dir_ / "GLC-2025-0001.json");
  text.replace(text.find("Nguyễn Thị Lan"), std::string("Nguyễn Thị Lan").size(), "Somebody Else");
  write_text(dir_ / "forged.json", text);
  auto r = run_cohort({"verify", (dir_ / "forged.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_NE(r.err.find("certificate GLC-2025-0001 (Somebody Else) is invalid: the signature does not verify"),
            std::string::npos)
      << r.transcript();
  EXPECT_EQ(r.out, "");

  auto badge = read_text(dir_ / "GLC-2025-0001.credential.json");
  badge.replace(badge.find("2025-03-29T10:00:00Z"), 20, "2024-03-29T10:00:00Z");
  write_text(dir_ / "forged.credential.json", badge);
  r = run_cohort({"verify", (dir_ / "forged.credential.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_NE(r.err.find("the proof's signature does not verify"), std::string::npos) << r.transcript();
}

TEST_F(VerifyCommand, ARevokedCertificateExitsOneWithTheRevocationReason) {
  ASSERT_TRUE(office_->revoke({"GLC-2025-0001", "attendance records were falsified", "2025-05-02T09:00:00Z"}).ok());
  auto r = run_cohort({"verify", (dir_ / "GLC-2025-0001.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_NE(r.err.find("is revoked: revoked on 2025-05-02T09:00:00Z: attendance records were falsified"),
            std::string::npos)
      << r.transcript();
}

TEST_F(VerifyCommand, LooksRevocationsUpInTheDataDirectoryWhenGiven) {
  ASSERT_TRUE(office_->revoke({"GLC-2025-0001", "issued in error", "2025-05-02T09:00:00Z"}).ok());
  // The holder's own copy, far from the run's files, looks fine on its own...
  auto elsewhere = fresh_dir("cli-copy");
  fs::copy_file(dir_ / "GLC-2025-0001.credential.json", elsewhere / "my-badge.json");
  auto alone = run_cohort({"verify", (elsewhere / "my-badge.json").string()});
  EXPECT_EQ(alone.exit_code, 0) << alone.transcript();
  EXPECT_NE(alone.err.find("note: no published key"), std::string::npos) << alone.transcript();
  // ...and is revoked once checked against the run's data directory.
  auto checked = run_cohort({"verify", (elsewhere / "my-badge.json").string(), "--data-dir", (root_ / "run").string()});
  EXPECT_EQ(checked.exit_code, 1) << checked.transcript();
  EXPECT_NE(checked.err.find("revoked on 2025-05-02T09:00:00Z: issued in error"), std::string::npos)
      << checked.transcript();
}

TEST_F(VerifyCommand, AnOldVersionAfterAReissueIsSuperseded) {
  ASSERT_TRUE(office_->reissue({"GLC-2025-0001", "Nguyễn Thị Lan Anh", "name correction", "2025-04-10T08:00:00Z"}).ok());
  auto old = run_cohort({"verify", (dir_ / "GLC-2025-0001.v1.json").string()});
  EXPECT_EQ(old.exit_code, 1) << old.transcript();
  EXPECT_NE(old.err.find("is superseded: superseded by version 2 (reissued on 2025-04-10T08:00:00Z: name correction)"),
            std::string::npos)
      << old.transcript();
  auto current = run_cohort({"verify", (dir_ / "GLC-2025-0001.json").string()});
  EXPECT_EQ(current.exit_code, 0) << current.transcript();
  EXPECT_NE(current.out.find("holder: Nguyễn Thị Lan Anh"), std::string::npos) << current.transcript();
  EXPECT_NE(current.out.find("reissued: 2025-04-10T08:00:00Z (name correction; version 1 read \"Nguyễn Thị Lan\")"),
            std::string::npos)
      << current.transcript();
}

TEST_F(VerifyCommand, NotACertificateExitsOneAndAMissingFileTwo) {
  write_text(dir_ / "notes.json", R"({"hello": "world"})");
  auto r = run_cohort({"verify", (dir_ / "notes.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_NE(r.err.find("neither a Cohort certificate nor an Open Badges credential"), std::string::npos)
      << r.transcript();
  write_text(dir_ / "broken.json", "{\"type\": ");
  r = run_cohort({"verify", (dir_ / "broken.json").string()});
  EXPECT_EQ(r.exit_code, 1) << r.transcript();
  EXPECT_NE(r.err.find("not valid JSON"), std::string::npos) << r.transcript();
  r = run_cohort({"verify", (dir_ / "missing.json").string()});
  EXPECT_EQ(r.exit_code, 2) << r.transcript();
}

}  // namespace
