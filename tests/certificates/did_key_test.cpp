// Keys as others write them: base58btc, multibase, did:key and PEM must agree with the W3C
// test vectors and with OpenSSL's formats.
#include <gtest/gtest.h>

#include "credential/base58.hpp"
#include "credential/did_key.hpp"
#include "credential/key_pem.hpp"
#include "credential/signing_key.hpp"

namespace {

using namespace cohort::credentials;

// The key pair of the W3C vc-di-eddsa test vectors (TestVectors/keyPair.json).
constexpr const char* kW3cPublic = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
constexpr const char* kW3cPrivate = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

TEST(Base58, RoundTripsAndKeepsLeadingZeros) {
  const Bytes bytes = {0, 0, 1, 2, 3, 255, 254};
  auto text = base58_encode(bytes);
  EXPECT_EQ(text.substr(0, 2), "11");
  EXPECT_EQ(base58_decode(text), bytes);
  EXPECT_EQ(base58_encode(to_bytes("hello world")), "StV1DL6CwTryKyV");
  EXPECT_EQ(base58_encode({}), "");
  EXPECT_FALSE(base58_decode("0OIl"));  // characters outside the alphabet
  EXPECT_FALSE(multibase_decode("StV1DL6CwTryKyV"));  // no 'z'
}

TEST(DidKey, DerivesTheW3cPublicKeyFromItsPrivateKey) {
  std::string error;
  auto seed = seed_from_private_key_multibase(kW3cPrivate, error);
  ASSERT_TRUE(seed) << error;
  auto key = SigningKey::from_seed(*seed);
  ASSERT_TRUE(key);
  EXPECT_EQ(public_key_multibase(key->public_key()), kW3cPublic);
  EXPECT_EQ(did_key(key->public_key()), std::string("did:key:") + kW3cPublic);
  EXPECT_EQ(did_key_verification_method(key->public_key()), std::string("did:key:") + kW3cPublic + "#" + kW3cPublic);
  EXPECT_EQ(private_key_multibase(*seed), kW3cPrivate);
}

TEST(DidKey, ReadsTheKeyBackFromADidOrAVerificationMethod) {
  auto key = SigningKey::generate();
  std::string error;
  EXPECT_EQ(public_key_from_did_key(did_key(key.public_key()), error), key.public_key());
  EXPECT_EQ(public_key_from_did_key(did_key_verification_method(key.public_key()), error), key.public_key());
}

TEST(DidKey, RefusesWhatIsNotAnEd25519DidKey) {
  std::string error;
  EXPECT_FALSE(public_key_from_did_key("did:web:example.org", error));
  EXPECT_NE(error.find("not a did:key"), std::string::npos);
  EXPECT_FALSE(public_key_from_did_key(std::string("did:key:") + kW3cPrivate, error));  // a private key's codec
  EXPECT_NE(error.find("not an Ed25519 key"), std::string::npos) << error;
  auto other = SigningKey::generate();
  EXPECT_FALSE(public_key_from_did_key(std::string("did:key:") + kW3cPublic + "#" + public_key_multibase(other.public_key()),
                                       error));  // fragment names another key
}

TEST(KeyPem, WritesThePublicKeyOpenSslReadsAndReadsItsPrivateKeys) {
  std::string error;
  auto seed = seed_from_private_key_multibase(kW3cPrivate, error);
  auto key = SigningKey::from_seed(*seed);
  // The same key as `openssl pkey -pubout` prints for the W3C test key.
  EXPECT_EQ(public_key_pem(key->public_key()),
            "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAsA2Nk45/dz1RVlqtNqYj9TRPf10ZYPnPPo4SYg6igQ8=\n-----END PUBLIC KEY-----\n");
  // A PKCS #8 private key as `openssl genpkey -algorithm ed25519` writes it (here: the W3C seed).
  const std::string pem =
      "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIMlu+eoQxeQUxHFyOv+d5yw1+ltw+ul+iDLsrH0uK47W\n-----END PRIVATE KEY-----\n";
  auto read = seed_from_private_key_pem(pem, error);
  ASSERT_TRUE(read) << error;
  EXPECT_EQ(*read, *seed);
  EXPECT_FALSE(seed_from_private_key_pem("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n", error));
  EXPECT_NE(error.find("not an Ed25519 key"), std::string::npos) << error;
}

TEST(SigningKey, SignaturesVerifyOnlyForTheSameMessageAndKey) {
  auto key = SigningKey::generate();
  auto other = SigningKey::generate();
  auto sig = key.sign("certificate GLC-2025-0001");
  EXPECT_EQ(sig.size(), 64u);
  EXPECT_TRUE(verify_signature(key.public_key(), "certificate GLC-2025-0001", sig));
  EXPECT_FALSE(verify_signature(key.public_key(), "certificate GLC-2025-0002", sig));
  EXPECT_FALSE(verify_signature(other.public_key(), "certificate GLC-2025-0001", sig));
}

}  // namespace
