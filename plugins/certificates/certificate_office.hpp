#pragma once
/// @file certificate_office.hpp
/// @brief Issues, revokes and reissues a programme's certificates in DIR/certificates.
///
/// Numbering lives here: under one lock (a mutex for this process, flock(2) for others)
/// the office looks at the numbers already issued for the prefix, gives the holder's
/// existing certificate back if there is one, and otherwise takes the next number and
/// creates NUMBER.json without ever replacing a file. Numbers are therefore unique and
/// without gaps however many callers issue at once, a retried call gets the same
/// certificate, and a number is used only once a certificate was actually issued (a
/// refused participant consumes none). Plain C++: the SDK glue is in plugin.cpp.

#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "credential/certificate.hpp"
#include "credential/revocation.hpp"
#include "credential/signing_key.hpp"
#include "key_ring.hpp"

namespace cohort_certificates {

/// @brief Where and how the office works.
struct OfficeOptions {
  std::filesystem::path run_dir;   ///< DIR: certificates go to DIR/certificates
  std::filesystem::path data_dir;  ///< private: generated keys, the lock file
  std::optional<cohort::credentials::SigningKey> signing_key;  ///< configured key for every programme
  std::string default_issuer;      ///< issuer name when a call gives none
  bool sync = true;                ///< fsync each file before reporting it written
};

/// @brief Why an office call failed.
enum class Failure {
  None,
  InvalidArgument,  ///< the request is malformed
  Refused,          ///< well-formed, but not allowed (not completed, withdrawn, revoked, ...)
  NotFound,         ///< no such certificate
  Io,               ///< the files could not be read or written
};

/// @brief A value, or why there is none.
template <class T>
struct Outcome {
  Failure failure = Failure::None;
  std::string message;
  T value{};
  bool ok() const { return failure == Failure::None; }
};

/// @brief certificates.issue: who gets a certificate for which programme.
struct IssueRequest {
  std::string programme_id, programme_title, issuer_name;
  std::string prefix;  ///< "GLC-2025-"
  int digits = 4;      ///< zero padding of the sequence
  std::string title;   ///< empty: "Certificate of Completion: " + programme title
  cohort::credentials::Holder holder;
  std::string state;   ///< the participant's workflow state; "completed" (or "certified") only
  bool withdrawn = false;
  std::optional<double> attendance_rate, attendance_threshold;
  std::optional<bool> attendance_met;
  std::optional<std::int64_t> sequence;  ///< the caller's counter, checked against the next number
  std::string issued_at;                 ///< empty: now
};

/// @brief Paths of written files, relative to DIR ("certificates/GLC-2025-0001.json").
struct IssuedFiles {
  std::string certificate, credential, key;
};

/// @brief What certificates.issue did.
struct IssueResult {
  cohort::credentials::Certificate certificate;
  bool existing = false;  ///< the holder already had this certificate; nothing new was written
  IssuedFiles files;
};

/// @brief certificates.revoke.
struct RevokeRequest {
  std::string number, reason, revoked_at;  ///< revoked_at empty: now
};

/// @brief What certificates.revoke did.
struct RevokeResult {
  cohort::credentials::Revocation revocation;
  bool existing = false;  ///< it was revoked already; the first record stands
  std::string file;       ///< "certificates/NUMBER.revocation.json"
};

/// @brief certificates.reissue: a new version with the holder's corrected name.
struct ReissueRequest {
  std::string number, name, reason, reissued_at;  ///< reason empty: "name correction"; reissued_at empty: now
};

/// @brief What certificates.reissue did.
struct ReissueResult {
  cohort::credentials::Certificate certificate;  ///< the current version
  bool unchanged = false;  ///< the name was already this; nothing new was written
  int previous_version = 0;
  IssuedFiles files;
  std::string previous_certificate, previous_credential;  ///< where the previous version now is
};

/// @brief The certificate office of one run. Thread-safe.
class CertificateOffice {
 public:
  explicit CertificateOffice(OfficeOptions options);

  Outcome<IssueResult> issue(const IssueRequest& request);
  Outcome<RevokeResult> revoke(const RevokeRequest& request);
  Outcome<ReissueResult> reissue(const ReissueRequest& request);

  /// @brief DIR/certificates.
  std::filesystem::path certificates_dir() const;

 private:
  template <class Result, class Body>
  Outcome<Result> locked(Body&& body);
  Outcome<IssueResult> issue_locked(const IssueRequest& request);
  Outcome<RevokeResult> revoke_locked(const RevokeRequest& request);
  Outcome<ReissueResult> reissue_locked(const ReissueRequest& request);
  bool ensure_credential(const cohort::credentials::Certificate& certificate, std::string& error);
  bool prepare(std::string& error);

  OfficeOptions options_;
  std::mutex mutex_;
  KeyRing keys_;
  std::map<std::string, std::string> holder_of_number_;  ///< never changes once a number is issued
};

/// @brief "GLC-2025-" + 7 padded to 4 digits = "GLC-2025-0007" (never truncated).
std::string format_number(const std::string& prefix, std::int64_t sequence, int digits);

}  // namespace cohort_certificates
