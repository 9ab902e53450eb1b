#pragma once
/// @file key_ring.hpp
/// @brief The programmes' signing keys: configured, or generated on first use and kept
///        private; and their publication beside the certificates.

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "credential/signing_key.hpp"

namespace cohort_certificates {

/// @brief Reads a configured key: a multibase Ed25519 private key ("z3u2..."), a PEM
///        PKCS #8 key (`openssl genpkey -algorithm ed25519`), or a key file this plugin
///        wrote (JSON with "private_key_multibase"). nullopt (with `error`) otherwise.
std::optional<cohort::credentials::SigningKey> parse_signing_key(std::string_view text, std::string& error);

/// @brief Signing keys per programme. Not thread-safe: the office serialises its calls.
class KeyRing {
 public:
  /// @param data_dir   the plugin's private directory; generated keys go to data_dir/keys/
  /// @param configured a key for every programme, from the configuration, if any
  KeyRing(std::filesystem::path data_dir, std::optional<cohort::credentials::SigningKey> configured, bool sync);

  /// @brief The key of a programme: the configured one, else data_dir/keys/PROGRAMME.json,
  ///        generated (mode 0600) the first time it is needed. nullptr (with `error`) on failure.
  const cohort::credentials::SigningKey* key_for(const std::string& programme_id, std::string& error);

  /// @brief Makes sure certificates_dir/PROGRAMME.key.json publishes `key`; refuses when it
  ///        publishes another key (certificates would then not verify against it).
  bool publish(const std::filesystem::path& certificates_dir, const std::string& programme_id,
               const cohort::credentials::SigningKey& key, std::string& error);

 private:
  std::filesystem::path data_dir_;
  std::optional<cohort::credentials::SigningKey> configured_;
  bool sync_;
  std::map<std::string, cohort::credentials::SigningKey> generated_;
  std::map<std::string, bool> published_;
};

}  // namespace cohort_certificates
