#pragma once
/// @file file_names.hpp
/// @brief The names of the files in a run's certificates folder (DIR/certificates).
///
///   PROGRAMME.key.json             the programme's public key (did:key, PEM)
///   NUMBER.json                    the current version of a certificate
///   NUMBER.credential.json         its Open Badges 3.0 credential
///   NUMBER.vK.json                 version K, superseded by a reissue
///   NUMBER.vK.credential.json      its credential
///   NUMBER.revocation.json         the revocation record, when revoked

#include <string>

namespace cohort::credentials {

/// @brief "certificates": the folder under the run's data directory.
inline constexpr const char* kCertificatesFolder = "certificates";

inline std::string certificate_file_name(const std::string& number) { return number + ".json"; }
inline std::string credential_file_name(const std::string& number) { return number + ".credential.json"; }
inline std::string version_file_name(const std::string& number, int version) {
  return number + ".v" + std::to_string(version) + ".json";
}
inline std::string version_credential_file_name(const std::string& number, int version) {
  return number + ".v" + std::to_string(version) + ".credential.json";
}
inline std::string revocation_file_name(const std::string& number) { return number + ".revocation.json"; }
inline std::string key_file_name(const std::string& programme_id) { return programme_id + ".key.json"; }

}  // namespace cohort::credentials
