// Check-in tokens: they verify with the key that made them and with no other, and any
// change to any character is noticed.
#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "fixture.hpp"
#include "secret.hpp"
#include "token.hpp"

namespace {

namespace fs = std::filesystem;
using cohort_attendance::TokenCheck;
using cohort_attendance::TokenSigner;

const cohort_attendance::TokenClaims kClaims{"GLC-2025", "S03", "GLC-2025-A0042"};

TEST(Token, SignedTokenVerifiesAndCarriesItsClaims) {
  TokenSigner signer(attendance_test::test_key());
  const std::string token = signer.issue(kClaims);
  EXPECT_EQ(token.rfind("CA1.GLC-2025.S03.GLC-2025-A0042.", 0), 0u) << token;
  EXPECT_LE(token.size(), 80u) << "short enough for a small QR code";
  const TokenCheck check = signer.verify(token);
  ASSERT_TRUE(check.ok()) << check.message;
  EXPECT_EQ(check.claims.programme, "GLC-2025");
  EXPECT_EQ(check.claims.session, "S03");
  EXPECT_EQ(check.claims.participant, "GLC-2025-A0042");
}

TEST(Token, TheSameClaimsAndKeyGiveTheSameToken) {
  TokenSigner a(attendance_test::test_key()), b(attendance_test::test_key());
  EXPECT_EQ(a.issue(kClaims), b.issue(kClaims));
}

TEST(Token, MacIsHmacSha256OfTheTextBeforeTheLastDot) {
  const auto key = attendance_test::test_key();
  TokenSigner signer(key);
  const std::string token = signer.issue(kClaims);
  const std::string signed_part = token.substr(0, token.rfind('.'));
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(), key.data());
  char b64[64];
  sodium_bin2base64(b64, sizeof b64, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  EXPECT_EQ(token.substr(token.rfind('.') + 1), b64);
}

TEST(Token, ChangingAnyFieldBreaksTheSignature) {
  TokenSigner signer(attendance_test::test_key());
  const std::string token = signer.issue(kClaims);
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {".S03.", ".S04."}, {"A0042", "A0043"}, {"GLC-2025.", "GLC-2026."}}) {
    std::string forged = token;
    forged.replace(forged.find(from), from.size(), to);
    const auto check = signer.verify(forged);
    EXPECT_EQ(check.error, TokenCheck::Error::BadSignature) << forged;
  }
  std::string flipped = token;
  flipped[flipped.size() - 5] = flipped[flipped.size() - 5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(signer.verify(flipped).error, TokenCheck::Error::BadSignature);
}

TEST(Token, AnotherKeyRefusesTheToken) {
  TokenSigner ours(attendance_test::test_key(1)), theirs(attendance_test::test_key(2));
  const auto check = ours.verify(theirs.issue(kClaims));
  EXPECT_EQ(check.error, TokenCheck::Error::BadSignature);
  EXPECT_NE(check.message.find("signature does not match"), std::string::npos);
}

TEST(Token, MalformedTokensSayWhatIsWrong) {
  TokenSigner signer(attendance_test::test_key());
  const std::string good = signer.issue(kClaims);
  for (const std::string& bad : {std::string(), std::string("hello"), std::string("CA2") + good.substr(3),
                                good.substr(0, good.size() - 3), good + ".x", std::string("CA1.GLC 2025.S03.A.") + good.substr(good.rfind('.') + 1)}) {
    const auto check = signer.verify(bad);
    EXPECT_EQ(check.error, TokenCheck::Error::Malformed) << bad;
    EXPECT_NE(check.message.find("not a check-in token"), std::string::npos) << check.message;
  }
  // A scanner's trailing newline is forgiven.
  EXPECT_TRUE(signer.verify(good + "\r\n").ok());
}

TEST(TokenSecret, GeneratedOnceWithOwnerOnlyPermissionsAndReused) {
  const auto dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "attendance" / "secret-generated";
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::vector<unsigned char> first, second;
  std::string error;
  bool created = false;
  ASSERT_TRUE(cohort_attendance::load_or_create_secret(dir.string(), first, error, &created)) << error;
  EXPECT_TRUE(created);
  EXPECT_EQ(first.size(), 32u);
  const auto file = dir / cohort_attendance::kSecretFileName;
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  ASSERT_TRUE(cohort_attendance::load_or_create_secret(dir.string(), second, error, &created)) << error;
  EXPECT_FALSE(created);
  EXPECT_EQ(first, second);
  // Only the key is left behind: no temporary files.
  int entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  EXPECT_EQ(entries, 1);
}

TEST(TokenSecret, AKeyFileOthersCanReadIsRefused) {
  const auto dir = fs::path(COHORT_BINARY_DIR) / "test-output" / "attendance" / "secret-open";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto file = dir / cohort_attendance::kSecretFileName;
  std::ofstream(file) << std::string(64, 'a') << "\n";
  fs::permissions(file, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
  std::vector<unsigned char> key;
  std::string error;
  EXPECT_FALSE(cohort_attendance::load_or_create_secret(dir.string(), key, error));
  EXPECT_NE(error.find("chmod 600"), std::string::npos) << error;
}

TEST(TokenSecret, ConfiguredHexMustHoldAtLeast32Bytes) {
  std::vector<unsigned char> key;
  std::string error;
  EXPECT_TRUE(cohort_attendance::parse_secret_hex(std::string(64, 'f') + "\n", key, error)) << error;
  EXPECT_EQ(key.size(), 32u);
  EXPECT_FALSE(cohort_attendance::parse_secret_hex(std::string(62, 'f'), key, error));
  EXPECT_FALSE(cohort_attendance::parse_secret_hex(std::string(63, 'f') + "g", key, error));
}

}  // namespace
