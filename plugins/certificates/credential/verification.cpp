#include "credential/verification.hpp"

#include <system_error>

#include "credential/data_integrity.hpp"
#include "credential/document_signature.hpp"
#include "credential/file_names.hpp"
#include "credential/json_text.hpp"
#include "credential/open_badge.hpp"
#include "credential/published_key.hpp"

namespace cohort::credentials {
namespace fs = std::filesystem;

namespace {

bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

VerifyReport invalid(VerifyReport report, std::string reason) {
  report.verdict = Verdict::Invalid;
  report.reason = std::move(reason);
  return report;
}

}  // namespace

const char* to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::Valid: return "valid";
    case Verdict::Invalid: return "invalid";
    case Verdict::Revoked: return "revoked";
    case Verdict::Superseded: return "superseded";
  }
  return "invalid";
}

bool is_safe_file_stem(const std::string& s) {
  if (s.empty() || s.front() == '.' || s.size() > 200) return false;
  for (char c : s)
    if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'))
      return false;
  return true;
}

VerifyReport verify_certificate_file(const fs::path& file, const fs::path& certificates_dir) {
  rapidjson::Document doc;
  std::string error;
  if (!read_json_file(file, doc, error)) {
    VerifyReport report;
    report.kind = "certificate";
    return invalid(std::move(report), error);
  }
  return verify_certificate_document(doc, certificates_dir);
}

VerifyReport verify_certificate_document(const rapidjson::Value& doc, const fs::path& dir) {
  VerifyReport report;
  std::string error, signer;

  // 1. The file's own signature, and that its issuer is the key that signed it.
  if (is_certificate_document(doc)) {
    report.kind = "certificate";
    auto check = verify_document_signature(doc);
    if (!read_certificate(doc, report.certificate, error)) return invalid(std::move(report), error);
    if (!check.valid) return invalid(std::move(report), check.error);
    signer = check.signer_did;
  } else if (is_open_badge_credential(doc)) {
    report.kind = "Open Badges credential";
    auto check = verify_eddsa_jcs_proof(doc);
    if (!read_open_badge_credential(doc, report.certificate, error)) return invalid(std::move(report), error);
    if (!check.valid) return invalid(std::move(report), check.error);
    signer = check.signer_did;
  } else {
    report.kind = "certificate";
    return invalid(std::move(report), "neither a Cohort certificate nor an Open Badges credential");
  }
  const auto& c = report.certificate;
  if (c.issuer_did != signer)
    return invalid(std::move(report), "the issuer is " + c.issuer_did + " but the signature is by " + signer);
  if (!is_safe_file_stem(c.number) || !is_safe_file_stem(c.programme_id))
    return invalid(std::move(report), "the certificate number or programme id contains characters a certificate never has");

  // 2. The programme's published key, when it is at hand.
  const auto key_path = dir / key_file_name(c.programme_id);
  if (is_file(key_path)) {
    rapidjson::Document key_doc;
    PublishedKey key;
    if (!read_json_file(key_path, key_doc, error) || !read_published_key(key_doc, key, error))
      return invalid(std::move(report), "the programme's published key " + key_path.string() + " is damaged: " + error);
    if (key.did != signer)
      return invalid(std::move(report), "signed by " + signer + ", but programme " + c.programme_id +
                                            " publishes the key " + key.did + " (" + key_path.string() + ")");
  } else {
    report.notes.push_back("no published key " + key_path.string() +
                           ": checked against the key named in the certificate only; compare the issuer with the "
                           "programme's published key");
  }

  // 3. Revocation applies to every version of the number.
  const auto revocation_path = dir / revocation_file_name(c.number);
  if (is_file(revocation_path)) {
    rapidjson::Document rdoc;
    Revocation revocation;
    if (!read_json_file(revocation_path, rdoc, error) || !read_revocation(rdoc, revocation, error)) {
      report.verdict = Verdict::Revoked;
      report.reason = "a revocation record exists but cannot be read (" + error + ")";
      return report;
    }
    auto rcheck = verify_document_signature(rdoc);
    report.verdict = Verdict::Revoked;
    report.reason = "revoked on " + revocation.revoked_at + ": " + revocation.reason;
    if (!rcheck.valid || rcheck.signer_did != signer)
      report.reason += " (the revocation record is not signed by the programme's key)";
    report.revocation = std::move(revocation);
    return report;
  }

  // 4. A later version makes this one superseded.
  const auto current_path = dir / certificate_file_name(c.number);
  if (is_file(current_path)) {
    rapidjson::Document cdoc;
    Certificate current;
    if (read_json_file(current_path, cdoc, error) && read_certificate(cdoc, current, error)) {
      auto ccheck = verify_document_signature(cdoc);
      if (!ccheck.valid || ccheck.signer_did != signer) {
        report.notes.push_back("the current version " + current_path.string() + " does not verify");
      } else if (current.version > c.version) {
        report.verdict = Verdict::Superseded;
        report.reason = "superseded by version " + std::to_string(current.version);
        if (current.reissue)
          report.reason += " (reissued on " + current.reissue->reissued_at + ": " + current.reissue->reason + ")";
        return report;
      }
    }
  }

  report.verdict = Verdict::Valid;
  return report;
}

}  // namespace cohort::credentials
