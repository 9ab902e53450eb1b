#pragma once
/// @file certificate.hpp
/// @brief What a certificate says, and its JSON document (DIR/certificates/NUMBER.json).

#include <cstdint>
#include <optional>
#include <string>

#include <rapidjson/document.h>

namespace cohort::credentials {

/// @brief The participant a certificate is made out to.
struct Holder {
  std::string id;    ///< the participant's id in the programme ("GLC-2025-A0042")
  std::string name;  ///< the name printed on the certificate
};

/// @brief The attendance the certificate was issued on.
struct AttendanceRecord {
  double rate = 0;       ///< share of the weighted sessions attended (0-1)
  double threshold = 0;  ///< the programme's threshold (0-1)
};

/// @brief Why and when a version replaced the previous one.
struct Reissue {
  int previous_version = 0;
  std::string previous_name;  ///< the holder's name on the previous version
  std::string reason;
  std::string reissued_at;
};

/// @brief The content of one version of a certificate.
struct Certificate {
  std::string number;          ///< "GLC-2025-0001": prefix + zero-padded sequence
  std::int64_t sequence = 0;   ///< 1, 2, ... per programme
  int version = 1;             ///< 1 at issue, +1 at each reissue
  std::string programme_id;    ///< "GLC-2025"
  std::string programme_title;
  std::string title;           ///< "Certificate of Completion: ..."
  Holder holder;
  std::string issuer_name;     ///< the host institution
  std::string issuer_did;      ///< did:key of the programme's signing key
  std::string issued_at;       ///< RFC 3339; kept across reissues
  std::optional<AttendanceRecord> attendance;
  std::optional<Reissue> reissue;  ///< set from version 2 on
};

/// @brief The "type" of a certificate document.
inline constexpr const char* kCertificateType = "CohortCertificate";

/// @brief The certificate as an unsigned JSON document (sign it with sign_document).
rapidjson::Document certificate_document(const Certificate& certificate);

/// @brief True when `document` says it is a certificate ("type": "CohortCertificate").
bool is_certificate_document(const rapidjson::Value& document);

/// @brief Reads the fields of a certificate document. False (with `error`) when a required
///        field is missing or has the wrong type. Does not check the signature.
bool read_certificate(const rapidjson::Value& document, Certificate& certificate, std::string& error);

}  // namespace cohort::credentials
