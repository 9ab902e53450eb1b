// Revocation with a reason, and reissue after a name correction with the version history kept.
#include <gtest/gtest.h>

#include "certificates_support.hpp"
#include "credential/verification.hpp"

namespace {

using namespace cohort::test::certificates;
using cohort_certificates::CertificateOffice;
using cohort_certificates::Failure;
namespace cred = cohort::credentials;

TEST(Revoke, VerificationReportsTheRevocationAndItsReason) {
  auto root = fresh_dir("revoke");
  CertificateOffice office(office_options(root));
  ASSERT_TRUE(office.issue(completed("GLC-2025-A0042", "Lan")).ok());
  auto out = office.revoke({"GLC-2025-0001", "attendance records were falsified", "2025-05-02T09:00:00Z"});
  ASSERT_TRUE(out.ok()) << out.message;
  EXPECT_FALSE(out.value.existing);
  EXPECT_EQ(out.value.file, "certificates/GLC-2025-0001.revocation.json");
  EXPECT_EQ(out.value.revocation.holder.id, "GLC-2025-A0042");

  const auto dir = root / "run" / "certificates";
  for (const char* file : {"GLC-2025-0001.json", "GLC-2025-0001.credential.json"}) {
    auto report = cred::verify_certificate_file(dir / file, dir);
    EXPECT_EQ(report.verdict, cred::Verdict::Revoked) << file;
    EXPECT_EQ(report.reason, "revoked on 2025-05-02T09:00:00Z: attendance records were falsified");
    ASSERT_TRUE(report.revocation);
  }

  // Revoking again keeps the first record.
  auto again = office.revoke({"GLC-2025-0001", "another reason", ""});
  ASSERT_TRUE(again.ok()) << again.message;
  EXPECT_TRUE(again.value.existing);
  EXPECT_EQ(again.value.revocation.reason, "attendance records were falsified");
}

TEST(Revoke, ARevocationRecordNotSignedByTheProgrammeIsSaidSo) {
  auto root = fresh_dir("revoke-forged");
  CertificateOffice office(office_options(root));
  ASSERT_TRUE(office.issue(completed("GLC-2025-A0042", "Lan")).ok());
  ASSERT_TRUE(office.revoke({"GLC-2025-0001", "duplicate", "2025-05-02T09:00:00Z"}).ok());
  const auto dir = root / "run" / "certificates";
  auto text = read_text(dir / "GLC-2025-0001.revocation.json");
  text.replace(text.find("duplicate"), 9, "forgery!!");
  write_text(dir / "GLC-2025-0001.revocation.json", text);
  auto report = cred::verify_certificate_file(dir / "GLC-2025-0001.json", dir);
  EXPECT_EQ(report.verdict, cred::Verdict::Revoked);
  EXPECT_NE(report.reason.find("not signed by the programme's key"), std::string::npos) << report.reason;
}

TEST(Revoke, UnknownNumbersAreNotFound) {
  auto root = fresh_dir("revoke-unknown");
  CertificateOffice office(office_options(root));
  auto out = office.revoke({"GLC-2025-0099", "typo", ""});
  EXPECT_EQ(out.failure, Failure::NotFound);
  EXPECT_NE(out.message.find("no certificate GLC-2025-0099"), std::string::npos);
  EXPECT_EQ(office.revoke({"../../etc/passwd", "x", ""}).failure, Failure::InvalidArgument);
  EXPECT_EQ(office.revoke({"GLC-2025-0001", "", ""}).failure, Failure::InvalidArgument);
}

TEST(Reissue, KeepsEveryVersionAndTheOldOneVerifiesAsSuperseded) {
  auto root = fresh_dir("reissue");
  CertificateOffice office(office_options(root));
  ASSERT_TRUE(office.issue(completed("GLC-2025-A0042", "Nguyen Thi Lam")).ok());
  const auto dir = root / "run" / "certificates";
  const auto v1_text = read_text(dir / "GLC-2025-0001.json");

  auto out = office.reissue({"GLC-2025-0001", "Nguyễn Thị Lan", "name correction", "2025-04-10T08:00:00Z"});
  ASSERT_TRUE(out.ok()) << out.message;
  EXPECT_EQ(out.value.certificate.version, 2);
  EXPECT_EQ(out.value.previous_version, 1);
  EXPECT_FALSE(out.value.unchanged);
  EXPECT_EQ(out.value.previous_certificate, "certificates/GLC-2025-0001.v1.json");
  EXPECT_EQ(out.value.previous_credential, "certificates/GLC-2025-0001.v1.credential.json");
  EXPECT_EQ(read_text(dir / "GLC-2025-0001.v1.json"), v1_text);  // the old version, byte for byte

  auto current = cred::verify_certificate_file(dir / "GLC-2025-0001.json", dir);
  EXPECT_TRUE(current.valid()) << current.reason;
  EXPECT_EQ(current.certificate.holder.name, "Nguyễn Thị Lan");
  EXPECT_EQ(current.certificate.version, 2);
  EXPECT_EQ(current.certificate.issued_at, "2025-03-29T10:00:00Z");  // issue date kept
  ASSERT_TRUE(current.certificate.reissue);
  EXPECT_EQ(current.certificate.reissue->previous_name, "Nguyen Thi Lam");

  auto badge = cred::verify_certificate_file(dir / "GLC-2025-0001.credential.json", dir);
  EXPECT_TRUE(badge.valid()) << badge.reason;
  EXPECT_EQ(badge.certificate.holder.name, "Nguyễn Thị Lan");
  EXPECT_EQ(badge.certificate.version, 2);

  for (const char* old : {"GLC-2025-0001.v1.json", "GLC-2025-0001.v1.credential.json"}) {
    auto report = cred::verify_certificate_file(dir / old, dir);
    EXPECT_EQ(report.verdict, cred::Verdict::Superseded) << old << ": " << report.reason;
    EXPECT_EQ(report.reason, "superseded by version 2 (reissued on 2025-04-10T08:00:00Z: name correction)");
    EXPECT_EQ(report.certificate.holder.name, "Nguyen Thi Lam");
  }

  // A second correction makes version 3; versions 1 and 2 stay.
  auto third = office.reissue({"GLC-2025-0001", "Nguyễn Thị Lan Anh", "", "2025-04-11T08:00:00Z"});
  ASSERT_TRUE(third.ok()) << third.message;
  EXPECT_EQ(third.value.certificate.version, 3);
  EXPECT_TRUE(fs::is_regular_file(dir / "GLC-2025-0001.v2.json"));
  EXPECT_EQ(read_text(dir / "GLC-2025-0001.v1.json"), v1_text);
  EXPECT_EQ(cred::verify_certificate_file(dir / "GLC-2025-0001.v2.json", dir).verdict, cred::Verdict::Superseded);
  EXPECT_TRUE(cred::verify_certificate_file(dir / "GLC-2025-0001.json", dir).valid());
}

TEST(Reissue, TheSameNameChangesNothing) {
  auto root = fresh_dir("reissue-same");
  CertificateOffice office(office_options(root));
  ASSERT_TRUE(office.issue(completed("GLC-2025-A0042", "Lan")).ok());
  auto out = office.reissue({"GLC-2025-0001", "Lan", "", ""});
  ASSERT_TRUE(out.ok()) << out.message;
  EXPECT_TRUE(out.value.unchanged);
  EXPECT_EQ(out.value.certificate.version, 1);
  EXPECT_FALSE(fs::exists(root / "run" / "certificates" / "GLC-2025-0001.v1.json"));
}

TEST(Reissue, ARevokedCertificateIsNotReissuedAndRevocationCoversEveryVersion) {
  auto root = fresh_dir("reissue-revoked");
  CertificateOffice office(office_options(root));
  ASSERT_TRUE(office.issue(completed("GLC-2025-A0042", "Lam")).ok());
  ASSERT_TRUE(office.reissue({"GLC-2025-0001", "Lan", "", "2025-04-10T08:00:00Z"}).ok());
  ASSERT_TRUE(office.revoke({"GLC-2025-0001", "issued in error", "2025-04-12T08:00:00Z"}).ok());
  auto out = office.reissue({"GLC-2025-0001", "Lan Anh", "", ""});
  EXPECT_EQ(out.failure, Failure::Refused);
  EXPECT_NE(out.message.find("was revoked"), std::string::npos) << out.message;
  const auto dir = root / "run" / "certificates";
  EXPECT_EQ(cred::verify_certificate_file(dir / "GLC-2025-0001.v1.json", dir).verdict, cred::Verdict::Revoked);
  EXPECT_EQ(cred::verify_certificate_file(dir / "GLC-2025-0001.json", dir).verdict, cred::Verdict::Revoked);
}

TEST(Reissue, RefusesToReissueFromADamagedCertificate) {
  auto root = fresh_dir("reissue-damaged");
  CertificateOffice office(office_options(root));
  ASSERT_TRUE(office.issue(completed("GLC-2025-A0042", "Lam")).ok());
  const auto path = root / "run" / "certificates" / "GLC-2025-0001.json";
  auto text = read_text(path);
  text.replace(text.find("GLC-2025-A0042"), 14, "GLC-2025-A0043");
  write_text(path, text);
  auto out = office.reissue({"GLC-2025-0001", "Lan", "", ""});
  EXPECT_EQ(out.failure, Failure::Refused);
  EXPECT_NE(out.message.find("does not verify"), std::string::npos) << out.message;
}

}  // namespace
