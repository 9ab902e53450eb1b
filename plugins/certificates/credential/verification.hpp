#pragma once
/// @file verification.hpp
/// @brief Verifies a certificate file or its Open Badges credential, offline: signature,
///        issuer, the programme's published key, revocation and supersession.
///
/// Used by `cohort verify` and by the plugin's tests. Everything it needs is in the
/// file itself and in the certificates folder it is pointed at (DIR/certificates).

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <rapidjson/document.h>

#include "credential/certificate.hpp"
#include "credential/revocation.hpp"

namespace cohort::credentials {

/// @brief The verdict on a certificate.
enum class Verdict {
  Valid,       ///< signed by the programme's key, unchanged, not revoked, the current version
  Invalid,     ///< unreadable, changed after signing, or signed by another key
  Revoked,     ///< genuine, but revoked (see VerifyReport::revocation)
  Superseded,  ///< genuine, but a later version was reissued
};

/// @brief What verification found.
struct VerifyReport {
  Verdict verdict = Verdict::Invalid;
  std::string reason;        ///< one line for people when not Valid
  std::string kind;          ///< "certificate" or "Open Badges credential"
  Certificate certificate;   ///< what the file says (as far as it could be read)
  std::optional<Revocation> revocation;
  std::vector<std::string> notes;  ///< things worth saying that do not change the verdict

  bool valid() const { return verdict == Verdict::Valid; }
};

/// @brief "valid", "invalid", "revoked", "superseded".
const char* to_string(Verdict verdict);

/// @brief Verifies the certificate or credential in `file`; revocations, later versions and
///        the programme's key are looked up in `certificates_dir`.
VerifyReport verify_certificate_file(const std::filesystem::path& file, const std::filesystem::path& certificates_dir);

/// @brief The same for a document already parsed.
VerifyReport verify_certificate_document(const rapidjson::Value& document,
                                         const std::filesystem::path& certificates_dir);

/// @brief True for ids that are safe as file names: letters, digits, '.', '_', '-', not
///        starting with '.'.
bool is_safe_file_stem(const std::string& text);

}  // namespace cohort::credentials
