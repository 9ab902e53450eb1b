// eddsa-jcs-2022 against the W3C vc-di-eddsa example: the same hashes and the same proof value
// as the specification, and a proof that fails once anything is changed.
#include <gtest/gtest.h>

#include <string>

#include "credential/base58.hpp"
#include "credential/data_integrity.hpp"
#include "credential/did_key.hpp"
#include "credential/json_text.hpp"

namespace {

using namespace cohort::credentials;

constexpr const char* kW3cPrivate = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

// The unsecured credential of the vc-di-eddsa example (section "Representation: eddsa-jcs-2022").
const char* kUnsecured = R"({
  "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
  "id": "urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33",
  "type": ["VerifiableCredential", "AlumniCredential"],
  "name": "Alumni Credential",
  "description": "A minimum viable example of an Alumni Credential.",
  "issuer": "https://vc.example/issuers/5678",
  "validFrom": "2023-01-01T00:00:00Z",
  "credentialSubject": {"id": "did:example:abcdefgh", "alumniOf": "The School of Examples"}
})";
constexpr const char* kProofValue =
    "z2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX";
constexpr const char* kHashData =
    "66ab154f5c2890a140cb8388a22a160454f80575f6eae09e5a097cabe539a1db"
    "59b7cb6251b8991add1ce0bc83107e3db9dbbab5bd2c28f687db1a03abc92f19";

SigningKey w3c_key() {
  std::string error;
  return *SigningKey::from_seed(*seed_from_private_key_multibase(kW3cPrivate, error));
}

rapidjson::Document parse(const std::string& text) {
  rapidjson::Document doc;
  std::string error;
  EXPECT_TRUE(parse_json(text, doc, error)) << error;
  return doc;
}

TEST(EddsaJcs2022, ReproducesTheSpecificationsProofValue) {
  auto doc = parse(kUnsecured);
  std::string error;
  ASSERT_TRUE(add_eddsa_jcs_proof(doc, w3c_key(), "2023-02-24T23:36:38Z", error)) << error;
  const auto& proof = doc["proof"];
  EXPECT_EQ(string_member(proof, "type"), "DataIntegrityProof");
  EXPECT_EQ(string_member(proof, "cryptosuite"), "eddsa-jcs-2022");
  EXPECT_EQ(string_member(proof, "proofPurpose"), "assertionMethod");
  EXPECT_EQ(string_member(proof, "verificationMethod"),
            "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  EXPECT_TRUE(proof["@context"] == doc["@context"]);
  EXPECT_EQ(string_member(proof, "proofValue"), kProofValue);
}

TEST(EddsaJcs2022, HashesProofOptionsThenDocument) {
  auto doc = parse(kUnsecured);
  std::string error;
  ASSERT_TRUE(add_eddsa_jcs_proof(doc, w3c_key(), "2023-02-24T23:36:38Z", error)) << error;
  rapidjson::Document config;
  config.CopyFrom(doc["proof"], config.GetAllocator());
  config.RemoveMember("proofValue");
  doc.RemoveMember("proof");
  Bytes hash;
  ASSERT_TRUE(eddsa_jcs_hash_data(doc, config, hash, error)) << error;
  EXPECT_EQ(to_hex(hash), kHashData);
}

TEST(EddsaJcs2022, VerifiesTheSpecificationsSignedCredential) {
  auto doc = parse(kUnsecured);
  auto& a = doc.GetAllocator();
  // Written by hand, in another member order than ours: order must not matter.
  auto proof = parse(std::string(R"({"proofValue": ")") + kProofValue + R"(",
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
    "proofPurpose": "assertionMethod", "created": "2023-02-24T23:36:38Z", "cryptosuite": "eddsa-jcs-2022",
    "type": "DataIntegrityProof",
    "verificationMethod": "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"})");
  doc.AddMember("proof", rapidjson::Value(proof, a), a);
  auto check = verify_eddsa_jcs_proof(doc);
  EXPECT_TRUE(check.valid) << check.error;
  EXPECT_EQ(check.signer_did, "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");

  doc["credentialSubject"]["alumniOf"].SetString("The School of Forgeries", a);
  check = verify_eddsa_jcs_proof(doc);
  EXPECT_FALSE(check.valid);
  EXPECT_NE(check.error.find("does not verify"), std::string::npos) << check.error;
}

TEST(EddsaJcs2022, RefusesProofsOfAnotherKindOrWithAMismatchedContext) {
  auto doc = parse(kUnsecured);
  std::string error;
  ASSERT_TRUE(add_eddsa_jcs_proof(doc, SigningKey::generate(), "2025-04-01T10:00:00Z", error)) << error;
  ASSERT_TRUE(verify_eddsa_jcs_proof(doc).valid);
  {
    rapidjson::Document copy;
    copy.CopyFrom(doc, copy.GetAllocator());
    copy["proof"]["cryptosuite"].SetString("eddsa-rdfc-2022", copy.GetAllocator());
    EXPECT_NE(verify_eddsa_jcs_proof(copy).error.find("cryptosuite"), std::string::npos);
  }
  {
    rapidjson::Document copy;
    copy.CopyFrom(doc, copy.GetAllocator());
    copy["proof"]["@context"][0].SetString("https://example.org/other", copy.GetAllocator());
    EXPECT_NE(verify_eddsa_jcs_proof(copy).error.find("@context"), std::string::npos);
  }
  doc.RemoveMember("proof");
  EXPECT_NE(verify_eddsa_jcs_proof(doc).error.find("no proof"), std::string::npos);
}

}  // namespace
