#pragma once
/// @file revocation.hpp
/// @brief A revocation record (DIR/certificates/NUMBER.revocation.json), signed like a certificate.

#include <string>

#include <rapidjson/document.h>

#include "credential/certificate.hpp"

namespace cohort::credentials {

/// @brief Which certificate was revoked, when and why. Applies to every version of the number.
struct Revocation {
  std::string number;
  std::string programme_id;
  Holder holder;
  std::string reason;
  std::string revoked_at;  ///< RFC 3339
};

/// @brief The "type" of a revocation document.
inline constexpr const char* kRevocationType = "CohortCertificateRevocation";

/// @brief The revocation as an unsigned JSON document (sign it with sign_document).
rapidjson::Document revocation_document(const Revocation& revocation);

/// @brief Reads a revocation document's fields; does not check the signature.
bool read_revocation(const rapidjson::Value& document, Revocation& revocation, std::string& error);

}  // namespace cohort::credentials
