#pragma once
/// @file document_signature.hpp
/// @brief The signature of Cohort's own documents (certificates, revocations).
///
/// A signed document is a JSON object with a member "signature":
/// {"algorithm": "Ed25519", "canonicalization": "RFC8785", "verification_method":
/// "did:key:z6Mk...#z6Mk...", "value": "z..."}. "value" is the multibase base58btc
/// Ed25519 signature of JCS(the whole document without signature.value), so every
/// member, the signature's own settings included, is covered. Offline check:
/// canonicalise, then `openssl pkeyutl -verify -rawin` with the did:key's public key.

#include <string>

#include <rapidjson/document.h>

#include "credential/signing_key.hpp"

namespace cohort::credentials {

/// @brief The outcome of checking a document's signature.
struct SignatureCheck {
  bool valid = false;
  std::string error;       ///< why not valid, for people
  std::string signer_did;  ///< the did:key of the verification method, when it could be read
};

/// @brief Adds "signature" to `document` (an object without one).
bool sign_document(rapidjson::Document& document, const SigningKey& key, std::string& error);

/// @brief Checks "signature" against the did:key of its verification method.
SignatureCheck verify_document_signature(const rapidjson::Value& document);

/// @brief The exact bytes that are signed: JCS of the document without signature.value.
bool signed_bytes(const rapidjson::Value& document, std::string& out, std::string& error);

}  // namespace cohort::credentials
