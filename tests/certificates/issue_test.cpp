// Issuing: who gets a certificate, what number, which files, and with which key.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include "certificates_support.hpp"
#include "credential/did_key.hpp"
#include "credential/file_names.hpp"
#include "credential/published_key.hpp"
#include "credential/verification.hpp"

namespace {

using namespace cohort::test::certificates;
using cohort_certificates::CertificateOffice;
using cohort_certificates::Failure;
namespace cred = cohort::credentials;

TEST(Issue, WritesASignedCertificateItsCredentialAndThePublishedKey) {
  auto root = fresh_dir("issue-files");
  CertificateOffice office(office_options(root));
  auto out = office.issue(completed("GLC-2025-A0042", "Nguyễn Thị Lan"));
  ASSERT_TRUE(out.ok()) << out.message;
  const auto& c = out.value.certificate;
  EXPECT_EQ(c.number, "GLC-2025-0001");
  EXPECT_EQ(c.sequence, 1);
  EXPECT_EQ(c.version, 1);
  EXPECT_FALSE(out.value.existing);
  EXPECT_EQ(out.value.files.certificate, "certificates/GLC-2025-0001.json");
  EXPECT_EQ(out.value.files.credential, "certificates/GLC-2025-0001.credential.json");
  EXPECT_EQ(out.value.files.key, "certificates/GLC-2025.key.json");

  const auto run = root / "run";
  for (const auto& rel : {out.value.files.certificate, out.value.files.credential, out.value.files.key})
    EXPECT_TRUE(fs::is_regular_file(run / rel)) << rel;

  auto cert = cred::verify_certificate_file(run / out.value.files.certificate, run / "certificates");
  EXPECT_TRUE(cert.valid()) << cert.reason;
  EXPECT_TRUE(cert.notes.empty());
  EXPECT_EQ(cert.certificate.holder.name, "Nguyễn Thị Lan");
  EXPECT_EQ(cert.certificate.holder.id, "GLC-2025-A0042");
  EXPECT_EQ(cert.certificate.programme_id, "GLC-2025");
  ASSERT_TRUE(cert.certificate.attendance);
  EXPECT_DOUBLE_EQ(cert.certificate.attendance->rate, 11.0 / 12.0);

  auto badge = cred::verify_certificate_file(run / out.value.files.credential, run / "certificates");
  EXPECT_TRUE(badge.valid()) << badge.reason;
  EXPECT_EQ(badge.kind, "Open Badges credential");
  EXPECT_EQ(badge.certificate.number, "GLC-2025-0001");
  EXPECT_EQ(badge.certificate.holder.name, "Nguyễn Thị Lan");
  EXPECT_EQ(badge.certificate.issuer_did, c.issuer_did);

  auto key_doc = read_json(run / out.value.files.key);
  cred::PublishedKey key;
  std::string error;
  ASSERT_TRUE(cred::read_published_key(key_doc, key, error)) << error;
  EXPECT_EQ(key.did, c.issuer_did);
  EXPECT_EQ(key.programme_id, "GLC-2025");
}

TEST(Issue, TheCredentialIsAnOpenBadgeCredential) {
  auto root = fresh_dir("issue-open-badge");
  CertificateOffice office(office_options(root));
  auto out = office.issue(completed("GLC-2025-A0001", "Ana Quispe"));
  ASSERT_TRUE(out.ok()) << out.message;
  auto vc = read_json(root / "run" / out.value.files.credential);
  ASSERT_TRUE(vc["@context"].IsArray());
  EXPECT_STREQ(vc["@context"][0].GetString(), "https://www.w3.org/ns/credentials/v2");
  EXPECT_STREQ(vc["@context"][1].GetString(), "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
  EXPECT_STREQ(vc["type"][0].GetString(), "VerifiableCredential");
  EXPECT_STREQ(vc["type"][1].GetString(), "OpenBadgeCredential");
  EXPECT_EQ(cred::string_member(vc["issuer"], "id").rfind("did:key:z6Mk", 0), 0u);
  EXPECT_STREQ(vc["issuer"]["type"][0].GetString(), "Profile");
  EXPECT_STREQ(vc["validFrom"].GetString(), "2025-03-29T10:00:00Z");
  const auto& subject = vc["credentialSubject"];
  EXPECT_STREQ(subject["type"][0].GetString(), "AchievementSubject");
  EXPECT_STREQ(subject["achievement"]["type"][0].GetString(), "Achievement");
  EXPECT_TRUE(subject["achievement"]["criteria"].HasMember("narrative"));
  EXPECT_STREQ(subject["identifier"][0]["identityHash"].GetString(), "Ana Quispe");
  const auto& proof = vc["proof"];
  EXPECT_STREQ(proof["type"].GetString(), "DataIntegrityProof");
  EXPECT_STREQ(proof["cryptosuite"].GetString(), "eddsa-jcs-2022");
  EXPECT_STREQ(proof["proofPurpose"].GetString(), "assertionMethod");
  EXPECT_EQ(cred::string_member(proof, "verificationMethod"),
            cred::string_member(vc["issuer"], "id") + "#" + cred::string_member(vc["issuer"], "id").substr(8));
  EXPECT_EQ(cred::string_member(proof, "proofValue").front(), 'z');
}

TEST(Issue, NumbersFollowThePrefixWithoutGaps) {
  auto root = fresh_dir("issue-numbers");
  CertificateOffice office(office_options(root));
  for (int i = 1; i <= 12; ++i) {
    auto out = office.issue(completed("GLC-2025-A" + std::to_string(100 + i), "Participant " + std::to_string(i)));
    ASSERT_TRUE(out.ok()) << out.message;
    EXPECT_EQ(out.value.certificate.sequence, i);
  }
  EXPECT_TRUE(fs::is_regular_file(root / "run" / "certificates" / "GLC-2025-0012.json"));
  // Another programme in the same run directory counts on its own.
  auto other = completed("CNI-2025-A0001", "Budi Santoso");
  other.programme_id = "CNI-2025";
  other.prefix = "CNI-2025-";
  other.digits = 3;
  auto out = office.issue(other);
  ASSERT_TRUE(out.ok()) << out.message;
  EXPECT_EQ(out.value.certificate.number, "CNI-2025-001");
}

TEST(Issue, ASecondRequestForTheSameHolderGivesTheSameCertificate) {
  auto root = fresh_dir("issue-again");
  CertificateOffice office(office_options(root));
  auto first = office.issue(completed("GLC-2025-A0042", "Lan"));
  ASSERT_TRUE(first.ok());
  const auto before = read_text(root / "run" / first.value.files.certificate);
  auto again = office.issue(completed("GLC-2025-A0042", "Lan"));
  ASSERT_TRUE(again.ok()) << again.message;
  EXPECT_TRUE(again.value.existing);
  EXPECT_EQ(again.value.certificate.number, first.value.certificate.number);
  EXPECT_EQ(read_text(root / "run" / first.value.files.certificate), before);
  // A new office (a restarted engine) finds it too.
  CertificateOffice restarted(office_options(root));
  auto third = restarted.issue(completed("GLC-2025-A0042", "Lan"));
  ASSERT_TRUE(third.ok()) << third.message;
  EXPECT_TRUE(third.value.existing);
  EXPECT_EQ(third.value.certificate.number, "GLC-2025-0001");
  EXPECT_FALSE(fs::exists(root / "run" / "certificates" / "GLC-2025-0002.json"));
}

TEST(Issue, RefusesParticipantsWhoDidNotCompleteWithAReason) {
  auto root = fresh_dir("issue-refusals");
  CertificateOffice office(office_options(root));

  auto withdrawn = completed("GLC-2025-A0007", "Kofi Mensah");
  withdrawn.state = "withdrawn";
  auto out = office.issue(withdrawn);
  EXPECT_EQ(out.failure, Failure::Refused);
  EXPECT_EQ(out.message, "GLC-2025-A0007 (Kofi Mensah) withdrew from the programme: no certificate");

  auto flagged = completed("GLC-2025-A0008", "Aigerim Bekova");
  flagged.withdrawn = true;
  EXPECT_EQ(office.issue(flagged).failure, Failure::Refused);

  auto incomplete = completed("GLC-2025-A0009", "Rahim Uddin");
  incomplete.state = "incomplete";
  out = office.issue(incomplete);
  EXPECT_EQ(out.failure, Failure::Refused);
  EXPECT_NE(out.message.find("state \"incomplete\", not \"completed\""), std::string::npos) << out.message;

  auto low = completed("GLC-2025-A0010", "Maria Santos");
  low.attendance_rate = 0.625;
  out = office.issue(low);
  EXPECT_EQ(out.failure, Failure::Refused);
  EXPECT_NE(out.message.find("attendance 62.5% is below the threshold 80.0%"), std::string::npos) << out.message;

  auto not_met = completed("GLC-2025-A0011", "Tran Van Minh");
  not_met.attendance_rate.reset();
  not_met.attendance_met = false;
  out = office.issue(not_met);
  EXPECT_EQ(out.failure, Failure::Refused);
  EXPECT_NE(out.message.find("did not meet the attendance threshold"), std::string::npos) << out.message;

  // Refusals take no number.
  auto ok = office.issue(completed("GLC-2025-A0012", "Lan"));
  ASSERT_TRUE(ok.ok()) << ok.message;
  EXPECT_EQ(ok.value.certificate.number, "GLC-2025-0001");
}

TEST(Issue, RefusesMalformedRequests) {
  auto root = fresh_dir("issue-malformed");
  CertificateOffice office(office_options(root));
  auto r = completed("GLC-2025-A0001", "Lan");
  r.state.clear();
  EXPECT_EQ(office.issue(r).failure, Failure::InvalidArgument);
  r = completed("GLC-2025-A0001", "");
  EXPECT_EQ(office.issue(r).failure, Failure::InvalidArgument);
  r = completed("GLC-2025-A0001", "Lan");
  r.programme_id = "../GLC";
  EXPECT_EQ(office.issue(r).failure, Failure::InvalidArgument);
  r = completed("GLC-2025-A0001", "Lan");
  r.issued_at = "yesterday";
  EXPECT_EQ(office.issue(r).failure, Failure::InvalidArgument);
  EXPECT_FALSE(fs::exists(root / "run" / "certificates" / "GLC-2025-0001.json"));
}

TEST(Issue, ACallersSequenceMustBeTheNextNumber) {
  auto root = fresh_dir("issue-sequence");
  CertificateOffice office(office_options(root));
  auto r = completed("GLC-2025-A0001", "Lan");
  r.sequence = 1;
  ASSERT_TRUE(office.issue(r).ok());
  auto gap = completed("GLC-2025-A0002", "Minh");
  gap.sequence = 3;
  auto out = office.issue(gap);
  EXPECT_EQ(out.failure, Failure::InvalidArgument);
  EXPECT_EQ(out.message, "GLC-2025-0003 would leave a gap: the next number is GLC-2025-0002");
  gap.sequence = 1;
  out = office.issue(gap);
  EXPECT_EQ(out.failure, Failure::InvalidArgument);
  EXPECT_NE(out.message.find("GLC-2025-0001 is already issued to GLC-2025-A0001"), std::string::npos) << out.message;
  gap.sequence = 2;
  out = office.issue(gap);
  ASSERT_TRUE(out.ok()) << out.message;
  EXPECT_EQ(out.value.certificate.number, "GLC-2025-0002");
}

TEST(Issue, GeneratesOnePrivateKeyPerProgrammeReadableOnlyByItsOwner) {
  auto root = fresh_dir("issue-key");
  auto options = office_options(root);
  {
    CertificateOffice office(options);
    ASSERT_TRUE(office.issue(completed("GLC-2025-A0001", "Lan")).ok());
  }
  const auto key_file = options.data_dir / "keys" / "GLC-2025.json";
  struct stat st {};
  ASSERT_EQ(::stat(key_file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_EQ(read_text(key_file).find("private_key_multibase") != std::string::npos, true);
  // The published file holds the public key only.
  EXPECT_EQ(read_text(root / "run" / "certificates" / "GLC-2025.key.json").find("private"), std::string::npos);

  // Later certificates (another office, same data directory) are signed with the same key.
  CertificateOffice again(options);
  auto second = again.issue(completed("GLC-2025-A0002", "Minh"));
  ASSERT_TRUE(second.ok()) << second.message;
  auto first = read_json(root / "run" / "certificates" / "GLC-2025-0001.json");
  EXPECT_EQ(cred::string_member(first["issuer"], "id"), second.value.certificate.issuer_did);
}

TEST(Issue, UsesTheConfiguredKeyAndRefusesToSignWithAnUnpublishedOne) {
  auto root = fresh_dir("issue-configured-key");
  auto options = office_options(root);
  auto configured = cred::SigningKey::generate();
  options.signing_key = configured;
  {
    CertificateOffice office(options);
    auto out = office.issue(completed("GLC-2025-A0001", "Lan"));
    ASSERT_TRUE(out.ok()) << out.message;
    EXPECT_EQ(out.value.certificate.issuer_did, cred::did_key(configured.public_key()));
    EXPECT_FALSE(fs::exists(options.data_dir / "keys" / "GLC-2025.json"));
  }
  options.signing_key = cred::SigningKey::generate();  // somebody changed the configuration
  CertificateOffice office(options);
  auto out = office.issue(completed("GLC-2025-A0002", "Minh"));
  EXPECT_EQ(out.failure, Failure::Io);
  EXPECT_NE(out.message.find("publishes " + cred::did_key(configured.public_key())), std::string::npos) << out.message;
  EXPECT_FALSE(fs::exists(root / "run" / "certificates" / "GLC-2025-0002.json"));
}

}  // namespace
