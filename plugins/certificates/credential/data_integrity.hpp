#pragma once
/// @file data_integrity.hpp
/// @brief W3C Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (vc-di-eddsa).
///
/// hashData = SHA-256(JCS(proof configuration)) || SHA-256(JCS(document without proof)),
/// where the proof configuration is the proof without proofValue, carrying the
/// document's @context; proofValue = multibase base58btc of the Ed25519 signature
/// of hashData. The verification method is a did:key, so anyone can check a proof
/// offline with the document alone.

#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "credential/bytes.hpp"
#include "credential/signing_key.hpp"

namespace cohort::credentials {

/// @brief The outcome of checking a proof.
struct ProofCheck {
  bool valid = false;
  std::string error;                ///< why not valid, for people
  std::string verification_method;  ///< as written in the proof
  std::string signer_did;           ///< the did:key that signed (set when the method could be read)
};

/// @brief Adds "proof" (type DataIntegrityProof, cryptosuite eddsa-jcs-2022, proofPurpose
///        assertionMethod, verificationMethod the key's did:key) to `document`, an object
///        without a proof. `created` is an RFC 3339 date-time.
bool add_eddsa_jcs_proof(rapidjson::Document& document, const SigningKey& key, std::string_view created,
                         std::string& error);

/// @brief Checks the single eddsa-jcs-2022 proof of `document` against the did:key of its
///        verification method, following the spec's Verify Proof algorithm.
ProofCheck verify_eddsa_jcs_proof(const rapidjson::Value& document);

/// @brief hashData (64 bytes) of an unsecured document and a proof configuration (the proof
///        without proofValue, its @context already set).
bool eddsa_jcs_hash_data(const rapidjson::Value& unsecured_document, const rapidjson::Value& proof_config,
                         Bytes& hash_data, std::string& error);

}  // namespace cohort::credentials
