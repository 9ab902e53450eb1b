#pragma once
/// @file published_key.hpp
/// @brief The programme's public key as published beside its certificates
///        (DIR/certificates/PROGRAMME.key.json): did:key, multibase, hex and PEM forms.

#include <string>

#include <rapidjson/document.h>

#include "credential/bytes.hpp"

namespace cohort::credentials {

/// @brief A programme's published public key.
struct PublishedKey {
  std::string programme_id;
  std::string did;  ///< did:key:z6Mk...
  Bytes public_key;
};

/// @brief The "type" of a key document.
inline constexpr const char* kPublishedKeyType = "CohortProgrammeKey";

/// @brief The key document: programme, algorithm, did, verification_method,
///        public_key_multibase, public_key_hex, public_key_pem, published_at.
rapidjson::Document published_key_document(const std::string& programme_id, const Bytes& public_key,
                                           const std::string& published_at);

/// @brief Reads a key document; the did and the other forms must name the same key.
bool read_published_key(const rapidjson::Value& document, PublishedKey& key, std::string& error);

}  // namespace cohort::credentials
