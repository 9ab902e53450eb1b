#include "certificate_office.hpp"

#include <cstdio>
#include <system_error>

#include "credential/data_integrity.hpp"
#include "credential/date_time.hpp"
#include "credential/did_key.hpp"
#include "credential/document_signature.hpp"
#include "credential/file_names.hpp"
#include "credential/json_text.hpp"
#include "credential/open_badge.hpp"
#include "credential/verification.hpp"
#include "details/files.hpp"

namespace cohort_certificates {
namespace fs = std::filesystem;
namespace cred = cohort::credentials;

namespace {

template <class T>
Outcome<T> fail(Failure failure, std::string message) {
  Outcome<T> out;
  out.failure = failure;
  out.message = std::move(message);
  return out;
}

std::string relative(const std::string& file_name) {
  return std::string(cred::kCertificatesFolder) + "/" + file_name;
}

std::string percent(double share) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", share * 100.0);
  return buf;
}

// The sequence of "PREFIX0007.json" (digits only after the prefix), or 0.
std::int64_t sequence_of(const std::string& file_name, const std::string& prefix) {
  constexpr std::string_view ext = ".json";
  if (file_name.size() <= prefix.size() + ext.size() || file_name.compare(0, prefix.size(), prefix) != 0 ||
      file_name.compare(file_name.size() - ext.size(), ext.size(), ext) != 0)
    return 0;
  std::int64_t value = 0;
  for (std::size_t i = prefix.size(); i < file_name.size() - ext.size(); ++i) {
    char c = file_name[i];
    if (c < '0' || c > '9' || value > (INT64_MAX - 9) / 10) return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

bool read_certificate_file(const fs::path& path, cred::Certificate& certificate, rapidjson::Document& doc,
                           std::string& error) {
  return cred::read_json_file(path, doc, error) && cred::read_certificate(doc, certificate, error);
}

// Why a participant may not have a certificate, or empty when they may.
std::string refusal(const IssueRequest& r) {
  const std::string who = r.holder.id + (r.holder.name.empty() ? "" : " (" + r.holder.name + ")");
  if (r.withdrawn || r.state == "withdrawn") return who + " withdrew from the programme: no certificate";
  if (r.state != "completed" && r.state != "certified")
    return who + " is in state \"" + r.state +
           "\", not \"completed\": certificates go only to participants who completed the programme";
  if (r.attendance_rate && r.attendance_threshold && *r.attendance_rate < *r.attendance_threshold)
    return who + "'s attendance " + percent(*r.attendance_rate) + " is below the threshold " +
           percent(*r.attendance_threshold) + ": no certificate";
  if (r.attendance_met && !*r.attendance_met)
    return who + " did not meet the attendance threshold" +
           (r.attendance_rate ? " (attendance " + percent(*r.attendance_rate) + ")" : std::string()) +
           ": no certificate";
  return {};
}

std::string check_issue_request(const IssueRequest& r) {
  if (!cred::is_safe_file_stem(r.programme_id))
    return "programme.id \"" + r.programme_id + "\" must be letters, digits, '.', '_' or '-'";
  if (!r.prefix.empty() && !cred::is_safe_file_stem(r.prefix))
    return "certificate.prefix \"" + r.prefix + "\" must be letters, digits, '.', '_' or '-'";
  if (r.digits < 1 || r.digits > 12) return "certificate.digits must be between 1 and 12";
  if (r.holder.id.empty()) return "participant.id is required";
  if (r.holder.name.empty()) return "participant.name is required (it is printed on the certificate)";
  if (r.state.empty()) return "participant.state is required (the participant's workflow state, e.g. \"completed\")";
  if (r.sequence && *r.sequence < 1) return "sequence must be a positive integer";
  if (!r.issued_at.empty() && !cred::is_date_time(r.issued_at))
    return "issued_at \"" + r.issued_at + "\" is not an RFC 3339 date-time (e.g. 2025-04-01T10:00:00Z)";
  return {};
}

}  // namespace

std::string format_number(const std::string& prefix, std::int64_t sequence, int digits) {
  std::string n = std::to_string(sequence);
  if (static_cast<int>(n.size()) < digits) n.insert(0, static_cast<std::size_t>(digits) - n.size(), '0');
  return prefix + n;
}

CertificateOffice::CertificateOffice(OfficeOptions options)
    : options_(std::move(options)), keys_(options_.data_dir, options_.signing_key, options_.sync) {}

fs::path CertificateOffice::certificates_dir() const { return options_.run_dir / cred::kCertificatesFolder; }

bool CertificateOffice::prepare(std::string& error) {
  if (options_.run_dir.empty()) {
    error = "the engine gives no run directory (cohort.paths/1): nowhere to put certificates";
    return false;
  }
  if (options_.data_dir.empty()) {
    error = "the engine gives no data directory: nowhere to keep the signing keys";
    return false;
  }
  return details::make_directory(certificates_dir(), 0755, error) &&
         details::make_directory(options_.data_dir, 0700, error);
}

// Every operation runs under the process mutex and the cross-process file lock.
template <class Result, class Body>
Outcome<Result> CertificateOffice::locked(Body&& body) {
  std::lock_guard<std::mutex> guard(mutex_);
  std::string error;
  if (!prepare(error)) return fail<Result>(Failure::Io, error);
  details::FileLock file_lock(options_.data_dir / "certificates.lock");
  if (!file_lock.error().empty()) return fail<Result>(Failure::Io, file_lock.error());
  return body();
}

Outcome<IssueResult> CertificateOffice::issue(const IssueRequest& request) {
  if (auto bad = check_issue_request(request); !bad.empty()) return fail<IssueResult>(Failure::InvalidArgument, bad);
  if (auto why = refusal(request); !why.empty()) return fail<IssueResult>(Failure::Refused, why);
  return locked<IssueResult>([&] { return issue_locked(request); });
}

Outcome<RevokeResult> CertificateOffice::revoke(const RevokeRequest& request) {
  if (!cred::is_safe_file_stem(request.number))
    return fail<RevokeResult>(Failure::InvalidArgument, "number \"" + request.number + "\" is not a certificate number");
  if (request.reason.empty()) return fail<RevokeResult>(Failure::InvalidArgument, "reason is required");
  if (!request.revoked_at.empty() && !cred::is_date_time(request.revoked_at))
    return fail<RevokeResult>(Failure::InvalidArgument, "revoked_at is not an RFC 3339 date-time");
  return locked<RevokeResult>([&] { return revoke_locked(request); });
}

Outcome<ReissueResult> CertificateOffice::reissue(const ReissueRequest& request) {
  if (!cred::is_safe_file_stem(request.number))
    return fail<ReissueResult>(Failure::InvalidArgument, "number \"" + request.number + "\" is not a certificate number");
  if (request.name.empty()) return fail<ReissueResult>(Failure::InvalidArgument, "name is required (the corrected name)");
  if (!request.reissued_at.empty() && !cred::is_date_time(request.reissued_at))
    return fail<ReissueResult>(Failure::InvalidArgument, "reissued_at is not an RFC 3339 date-time");
  return locked<ReissueResult>([&] { return reissue_locked(request); });
}

Outcome<IssueResult> CertificateOffice::issue_locked(const IssueRequest& r) {
  std::string error;
  const fs::path dir = certificates_dir();
  const cred::SigningKey* key = keys_.key_for(r.programme_id, error);
  if (!key) return fail<IssueResult>(Failure::Io, error);
  if (!keys_.publish(dir, r.programme_id, *key, error)) return fail<IssueResult>(Failure::Io, error);
  const std::string prefix = r.prefix.empty() ? r.programme_id + "-" : r.prefix;

  IssueResult result;
  result.files.key = relative(cred::key_file_name(r.programme_id));
  // Another process may take a number between our scan and our link; then scan again.
  for (int attempt = 0; attempt < 100; ++attempt) {
    std::int64_t highest = 0;
    std::string holders_number;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
      const auto name = entry.path().filename().string();
      const auto seq = sequence_of(name, prefix);
      if (seq == 0) continue;
      highest = std::max(highest, seq);
      const std::string number = name.substr(0, name.size() - 5);
      auto known = holder_of_number_.find(number);
      if (known == holder_of_number_.end()) {
        cred::Certificate existing;
        rapidjson::Document doc;
        if (!read_certificate_file(entry.path(), existing, doc, error)) continue;
        known = holder_of_number_.emplace(number, existing.holder.id).first;
      }
      if (known->second == r.holder.id) holders_number = number;
    }
    if (ec) return fail<IssueResult>(Failure::Io, "cannot list " + dir.string() + ": " + ec.message());

    if (!holders_number.empty()) {
      // A retry, a replay without a log, or a second request: the holder keeps their certificate.
      rapidjson::Document doc;
      if (!read_certificate_file(dir / cred::certificate_file_name(holders_number), result.certificate, doc, error))
        return fail<IssueResult>(Failure::Io, error);
      if (!ensure_credential(result.certificate, error)) return fail<IssueResult>(Failure::Io, error);
      result.existing = true;
      result.files.certificate = relative(cred::certificate_file_name(holders_number));
      result.files.credential = relative(cred::credential_file_name(holders_number));
      return {Failure::None, {}, std::move(result)};
    }

    const std::int64_t next = highest + 1;
    if (r.sequence && *r.sequence != next) {
      const std::string asked = format_number(prefix, *r.sequence, r.digits);
      if (*r.sequence <= highest)
        return fail<IssueResult>(Failure::InvalidArgument,
                                 asked + " is already issued to " +
                                     (holder_of_number_.count(asked) ? holder_of_number_[asked] : "someone else") +
                                     "; the next number is " + format_number(prefix, next, r.digits));
      return fail<IssueResult>(Failure::InvalidArgument, asked + " would leave a gap: the next number is " +
                                                             format_number(prefix, next, r.digits));
    }

    cred::Certificate& c = result.certificate;
    c.number = format_number(prefix, next, r.digits);
    c.sequence = next;
    c.version = 1;
    c.programme_id = r.programme_id;
    c.programme_title = r.programme_title;
    c.title = !r.title.empty() ? r.title
              : "Certificate of Completion: " + (r.programme_title.empty() ? r.programme_id : r.programme_title);
    c.holder = r.holder;
    c.issuer_name = !r.issuer_name.empty() ? r.issuer_name : options_.default_issuer;
    c.issuer_did = cred::did_key(key->public_key());
    c.issued_at = r.issued_at.empty() ? cred::now_utc() : r.issued_at;
    if (r.attendance_rate && r.attendance_threshold)
      c.attendance = cred::AttendanceRecord{*r.attendance_rate, *r.attendance_threshold};

    auto doc = cred::certificate_document(c);
    if (!cred::sign_document(doc, *key, error)) return fail<IssueResult>(Failure::Io, error);
    const fs::path path = dir / cred::certificate_file_name(c.number);
    auto written = details::write_new_file(path, cred::pretty_json(doc), 0644, options_.sync, error);
    if (written == details::WriteResult::Failed) return fail<IssueResult>(Failure::Io, error);
    if (written == details::WriteResult::Exists) continue;
    holder_of_number_[c.number] = c.holder.id;
    if (!ensure_credential(c, error)) return fail<IssueResult>(Failure::Io, error);
    result.files.certificate = relative(cred::certificate_file_name(c.number));
    result.files.credential = relative(cred::credential_file_name(c.number));
    return {Failure::None, {}, std::move(result)};
  }
  return fail<IssueResult>(Failure::Io, "could not take a number in " + dir.string() + ": other writers kept taking them");
}

Outcome<RevokeResult> CertificateOffice::revoke_locked(const RevokeRequest& r) {
  std::string error;
  const fs::path dir = certificates_dir();
  const fs::path path = dir / cred::certificate_file_name(r.number);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return fail<RevokeResult>(Failure::NotFound, "no certificate " + r.number + " in " + dir.string());
  cred::Certificate c;
  rapidjson::Document cdoc;
  if (!read_certificate_file(path, c, cdoc, error)) return fail<RevokeResult>(Failure::Io, error);

  RevokeResult result;
  result.file = relative(cred::revocation_file_name(r.number));
  const fs::path revocation_path = dir / cred::revocation_file_name(r.number);
  auto read_existing = [&]() -> Outcome<RevokeResult> {
    rapidjson::Document rdoc;
    if (!cred::read_json_file(revocation_path, rdoc, error) || !cred::read_revocation(rdoc, result.revocation, error))
      return fail<RevokeResult>(Failure::Io, error);
    result.existing = true;
    return {Failure::None, {}, result};
  };
  if (fs::is_regular_file(revocation_path, ec)) return read_existing();

  const cred::SigningKey* key = keys_.key_for(c.programme_id, error);
  if (!key) return fail<RevokeResult>(Failure::Io, error);
  if (cred::did_key(key->public_key()) != c.issuer_did)
    return fail<RevokeResult>(Failure::Refused, r.number + " was signed by " + c.issuer_did +
                                                    ", not by the key configured now; revoke it with the key that issued it");
  result.revocation = cred::Revocation{c.number, c.programme_id, c.holder, r.reason,
                                       r.revoked_at.empty() ? cred::now_utc() : r.revoked_at};
  auto doc = cred::revocation_document(result.revocation);
  if (!cred::sign_document(doc, *key, error)) return fail<RevokeResult>(Failure::Io, error);
  auto written = details::write_new_file(revocation_path, cred::pretty_json(doc), 0644, options_.sync, error);
  if (written == details::WriteResult::Failed) return fail<RevokeResult>(Failure::Io, error);
  if (written == details::WriteResult::Exists) return read_existing();
  return {Failure::None, {}, std::move(result)};
}

Outcome<ReissueResult> CertificateOffice::reissue_locked(const ReissueRequest& r) {
  std::string error;
  const fs::path dir = certificates_dir();
  const fs::path path = dir / cred::certificate_file_name(r.number);
  std::error_code ec;
  if (!fs::is_regular_file(path, ec))
    return fail<ReissueResult>(Failure::NotFound, "no certificate " + r.number + " in " + dir.string());
  cred::Certificate current;
  rapidjson::Document cdoc;
  if (!read_certificate_file(path, current, cdoc, error)) return fail<ReissueResult>(Failure::Io, error);
  auto check = cred::verify_document_signature(cdoc);
  if (!check.valid)
    return fail<ReissueResult>(Failure::Refused, path.string() + " does not verify (" + check.error +
                                                     "): refusing to reissue from a damaged certificate");
  if (fs::is_regular_file(dir / cred::revocation_file_name(r.number), ec))
    return fail<ReissueResult>(Failure::Refused, r.number + " was revoked: a revoked certificate is not reissued");
  const cred::SigningKey* key = keys_.key_for(current.programme_id, error);
  if (!key) return fail<ReissueResult>(Failure::Io, error);
  if (cred::did_key(key->public_key()) != current.issuer_did)
    return fail<ReissueResult>(Failure::Refused, r.number + " was signed by " + current.issuer_did +
                                                     ", not by the key configured now; reissue it with the key that issued it");

  ReissueResult result;
  result.files.certificate = relative(cred::certificate_file_name(r.number));
  result.files.credential = relative(cred::credential_file_name(r.number));
  result.files.key = relative(cred::key_file_name(current.programme_id));
  if (current.holder.name == r.name) {
    if (!ensure_credential(current, error)) return fail<ReissueResult>(Failure::Io, error);
    result.unchanged = true;
    result.previous_version = current.reissue ? current.reissue->previous_version : 0;
    result.certificate = std::move(current);
    return {Failure::None, {}, std::move(result)};
  }

  // Keep version k under its own name before NUMBER.json becomes version k + 1. A retry
  // after a crash finds the same bytes already there.
  const int k = current.version;
  const fs::path kept = dir / cred::version_file_name(r.number, k);
  if (details::link_file(path, kept, options_.sync, error) == details::WriteResult::Failed)
    return fail<ReissueResult>(Failure::Io, error);
  if (cred::read_text_file(kept) != cred::read_text_file(path))
    return fail<ReissueResult>(Failure::Io, kept.string() + " exists with other content: the version history is damaged");
  {
    auto credential = cred::open_badge_credential(current);
    if (!cred::add_eddsa_jcs_proof(credential, *key, credential["validFrom"].GetString(), error))
      return fail<ReissueResult>(Failure::Io, error);
    const fs::path kept_credential = dir / cred::version_credential_file_name(r.number, k);
    if (details::write_new_file(kept_credential, cred::pretty_json(credential), 0644, options_.sync, error) ==
        details::WriteResult::Failed)
      return fail<ReissueResult>(Failure::Io, error);
  }

  cred::Certificate next = current;
  next.version = k + 1;
  next.holder.name = r.name;
  next.issuer_did = cred::did_key(key->public_key());
  next.reissue = cred::Reissue{k, current.holder.name, r.reason.empty() ? "name correction" : r.reason,
                               r.reissued_at.empty() ? cred::now_utc() : r.reissued_at};
  auto doc = cred::certificate_document(next);
  if (!cred::sign_document(doc, *key, error)) return fail<ReissueResult>(Failure::Io, error);
  if (!details::replace_file(path, cred::pretty_json(doc), 0644, options_.sync, error))
    return fail<ReissueResult>(Failure::Io, error);
  if (!ensure_credential(next, error)) return fail<ReissueResult>(Failure::Io, error);
  result.certificate = std::move(next);
  result.previous_version = k;
  result.previous_certificate = relative(cred::version_file_name(r.number, k));
  result.previous_credential = relative(cred::version_credential_file_name(r.number, k));
  return {Failure::None, {}, std::move(result)};
}

bool CertificateOffice::ensure_credential(const cred::Certificate& c, std::string& error) {
  const fs::path path = certificates_dir() / cred::credential_file_name(c.number);
  rapidjson::Document existing;
  std::string ignored;
  if (cred::read_json_file(path, existing, ignored) && cred::string_member(existing, "id") == cred::credential_id(c.number, c.version) &&
      cred::verify_eddsa_jcs_proof(existing).valid)
    return true;
  const cred::SigningKey* key = keys_.key_for(c.programme_id, error);
  if (!key) return false;
  if (cred::did_key(key->public_key()) != c.issuer_did) {
    error = c.number + " was signed by " + c.issuer_did + ", not by the key configured now: its credential cannot be made";
    return false;
  }
  auto credential = cred::open_badge_credential(c);
  // The proof is dated like the version it secures, so the same version always gives the same file.
  if (!cred::add_eddsa_jcs_proof(credential, *key, credential["validFrom"].GetString(), error)) return false;
  return details::replace_file(path, cred::pretty_json(credential), 0644, options_.sync, error);
}

}  // namespace cohort_certificates
