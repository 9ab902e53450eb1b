#include "operations.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <sys/stat.h>

#include <cmath>
#include <cstdio>

#include "credential/json_text.hpp"

namespace cohort_certificates {
namespace cred = cohort::credentials;

namespace {

using Json = rapidjson::Value;
using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

// Reads typed members; absent and null mean "not given". The first problem wins.
class Reader {
 public:
  explicit Reader(std::string operation) : op_(std::move(operation)) {}

  const Json* member(const Json& obj, const char* name) const {
    if (!obj.IsObject()) return nullptr;
    auto it = obj.FindMember(name);
    return (it == obj.MemberEnd() || it->value.IsNull()) ? nullptr : &it->value;
  }
  std::string text(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return {};
    if (!v->IsString()) return bad(where + name + " must be a string"), std::string();
    return {v->GetString(), v->GetStringLength()};
  }
  std::optional<double> number(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsNumber()) return bad(where + name + " must be a number"), std::nullopt;
    return v->GetDouble();
  }
  std::optional<std::int64_t> integer(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return std::nullopt;
    // Expressions may hand over 4.0 for 4: any integral number will do.
    if (v->IsInt64()) return v->GetInt64();
    if (v->IsDouble() && std::fabs(v->GetDouble()) < 9e15 && v->GetDouble() == std::floor(v->GetDouble()))
      return static_cast<std::int64_t>(v->GetDouble());
    return bad(where + name + " must be an integer"), std::nullopt;
  }
  std::optional<bool> boolean(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (!v) return std::nullopt;
    if (!v->IsBool()) return bad(where + name + " must be true or false"), std::nullopt;
    return v->GetBool();
  }
  const Json* object(const Json& obj, const char* name, const std::string& where) {
    const Json* v = member(obj, name);
    if (v && !v->IsObject()) return bad(where + name + " must be an object"), nullptr;
    return v;
  }
  void bad(std::string message) {
    if (error_.empty()) error_ = op_ + ": " + std::move(message);
  }
  const std::string& error() const { return error_; }

 private:
  std::string op_;
  std::string error_;
};

void put(Writer& w, const char* key, const std::string& value) {
  w.Key(key);
  w.String(value.c_str(), static_cast<rapidjson::SizeType>(value.size()));
}

void put_holder(Writer& w, const cred::Holder& h) {
  w.Key("holder");
  w.StartObject();
  put(w, "id", h.id);
  put(w, "name", h.name);
  w.EndObject();
}

std::string finish(rapidjson::StringBuffer& buffer) { return std::string(buffer.GetString(), buffer.GetSize()); }

OperationResult failed(Failure failure, std::string message) { return {failure, {}, std::move(message)}; }

OperationResult do_issue(CertificateOffice& office, const Json& args) {
  Reader r("certificates.issue");
  IssueRequest req;
  const Json* programme = r.member(args, "programme");
  if (programme && programme->IsString()) {
    req.programme_id = programme->GetString();
  } else if (programme && programme->IsObject()) {
    req.programme_id = r.text(*programme, "id", "programme.");
    req.programme_title = r.text(*programme, "title", "programme.");
    req.issuer_name = r.text(*programme, "issuer", "programme.");
  } else {
    r.bad("programme is required: {\"id\", \"title\", \"issuer\"} (or the programme id)");
  }
  if (const Json* cert = r.object(args, "certificate", "")) {
    req.prefix = r.text(*cert, "prefix", "certificate.");
    if (auto digits = r.integer(*cert, "digits", "certificate.")) req.digits = static_cast<int>(*digits);
    req.title = r.text(*cert, "title", "certificate.");
  }
  const Json* participant = r.object(args, "participant", "");
  if (!participant) r.bad("participant is required: {\"id\", \"name\", \"state\", \"attendance\"}");
  else {
    req.holder.id = r.text(*participant, "id", "participant.");
    req.holder.name = r.text(*participant, "name", "participant.");
    req.state = r.text(*participant, "state", "participant.");
    req.withdrawn = r.boolean(*participant, "withdrawn", "participant.").value_or(false);
    if (const Json* att = r.object(*participant, "attendance", "participant.")) {
      req.attendance_rate = r.number(*att, "rate", "participant.attendance.");
      req.attendance_threshold = r.number(*att, "threshold", "participant.attendance.");
      req.attendance_met = r.boolean(*att, "met", "participant.attendance.");
    }
  }
  req.sequence = r.integer(args, "sequence", "");
  req.issued_at = r.text(args, "issued_at", "");
  if (!r.error().empty()) return failed(Failure::InvalidArgument, r.error());

  auto out = office.issue(req);
  if (!out.ok()) return failed(out.failure, "certificates.issue: " + out.message);
  const auto& c = out.value.certificate;
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  put(w, "number", c.number);
  w.Key("sequence");
  w.Int64(c.sequence);
  w.Key("version");
  w.Int(c.version);
  put(w, "programme", c.programme_id);
  put_holder(w, c.holder);
  put(w, "issued_at", c.issued_at);
  w.Key("issuer");
  w.StartObject();
  put(w, "name", c.issuer_name);
  put(w, "id", c.issuer_did);
  w.EndObject();
  w.Key("existing");
  w.Bool(out.value.existing);
  w.Key("files");
  w.StartObject();
  put(w, "certificate", out.value.files.certificate);
  put(w, "credential", out.value.files.credential);
  put(w, "key", out.value.files.key);
  w.EndObject();
  w.EndObject();
  return {Failure::None, finish(buffer), {}};
}

OperationResult do_revoke(CertificateOffice& office, const Json& args) {
  Reader r("certificates.revoke");
  RevokeRequest req;
  req.number = r.text(args, "number", "");
  req.reason = r.text(args, "reason", "");
  req.revoked_at = r.text(args, "revoked_at", "");
  if (req.number.empty()) r.bad("number is required");
  if (req.reason.empty()) r.bad("reason is required (it is shown to whoever verifies the certificate)");
  if (!r.error().empty()) return failed(Failure::InvalidArgument, r.error());

  auto out = office.revoke(req);
  if (!out.ok()) return failed(out.failure, "certificates.revoke: " + out.message);
  const auto& v = out.value.revocation;
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  put(w, "number", v.number);
  put(w, "programme", v.programme_id);
  put_holder(w, v.holder);
  w.Key("revoked");
  w.Bool(true);
  put(w, "reason", v.reason);
  put(w, "revoked_at", v.revoked_at);
  w.Key("existing");
  w.Bool(out.value.existing);
  w.Key("files");
  w.StartObject();
  put(w, "revocation", out.value.file);
  w.EndObject();
  w.EndObject();
  return {Failure::None, finish(buffer), {}};
}

OperationResult do_reissue(CertificateOffice& office, const Json& args) {
  Reader r("certificates.reissue");
  ReissueRequest req;
  req.number = r.text(args, "number", "");
  req.name = r.text(args, "name", "");
  req.reason = r.text(args, "reason", "");
  req.reissued_at = r.text(args, "reissued_at", "");
  if (req.number.empty()) r.bad("number is required");
  if (req.name.empty()) r.bad("name is required (the holder's corrected name)");
  if (!r.error().empty()) return failed(Failure::InvalidArgument, r.error());

  auto out = office.reissue(req);
  if (!out.ok()) return failed(out.failure, "certificates.reissue: " + out.message);
  const auto& c = out.value.certificate;
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  put(w, "number", c.number);
  w.Key("sequence");
  w.Int64(c.sequence);
  w.Key("version");
  w.Int(c.version);
  w.Key("previous_version");
  w.Int(out.value.previous_version);
  put(w, "programme", c.programme_id);
  put_holder(w, c.holder);
  put(w, "reason", c.reissue ? c.reissue->reason : std::string());
  put(w, "reissued_at", c.reissue ? c.reissue->reissued_at : std::string());
  w.Key("unchanged");
  w.Bool(out.value.unchanged);
  w.Key("files");
  w.StartObject();
  put(w, "certificate", out.value.files.certificate);
  put(w, "credential", out.value.files.credential);
  put(w, "key", out.value.files.key);
  if (!out.value.previous_certificate.empty()) {
    w.Key("previous");
    w.StartObject();
    put(w, "certificate", out.value.previous_certificate);
    put(w, "credential", out.value.previous_credential);
    w.EndObject();
  }
  w.EndObject();
  w.EndObject();
  return {Failure::None, finish(buffer), {}};
}

}  // namespace

const std::vector<std::string_view>& operation_names() {
  static const std::vector<std::string_view> names = {"certificates.issue", "certificates.revoke",
                                                      "certificates.reissue"};
  return names;
}

OperationResult run_operation(CertificateOffice& office, std::string_view operation, std::string_view args_json) {
  rapidjson::Document args;
  std::string error;
  if (!cred::parse_json(args_json, args, error) || !args.IsObject())
    return failed(Failure::InvalidArgument, std::string(operation) + ": the arguments must be a JSON object" +
                                                (error.empty() ? "" : " (" + error + ")"));
  if (operation == "certificates.issue") return do_issue(office, args);
  if (operation == "certificates.revoke") return do_revoke(office, args);
  if (operation == "certificates.reissue") return do_reissue(office, args);
  return failed(Failure::InvalidArgument, "unknown operation " + std::string(operation));
}

bool read_config(std::string_view config_json, OfficeOptions& options, std::string& error) {
  rapidjson::Document config;
  if (!cred::parse_json(config_json.empty() ? "{}" : config_json, config, error) || !config.IsObject()) {
    error = "certificates: the configuration must be a JSON object";
    return false;
  }
  Reader r("certificates: config");
  auto key_text = r.text(config, "signing_key", "");
  auto key_file = r.text(config, "signing_key_file", "");
  options.default_issuer = r.text(config, "issuer", "");
  options.sync = r.boolean(config, "fsync", "").value_or(true);
  if (!r.error().empty()) {
    error = r.error();
    return false;
  }
  if (!key_text.empty() && !key_file.empty()) {
    error = "certificates: give signing_key or signing_key_file, not both";
    return false;
  }
  if (!key_file.empty()) {
    struct stat st {};
    if (::stat(key_file.c_str(), &st) == 0 && (st.st_mode & 077) != 0) {
      char mode[8];
      std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 0777));
      error = "certificates: signing_key_file " + key_file + " may be read by others (mode " + mode +
              "): a private key must be mode 0600 (chmod 600 " + key_file + ")";
      return false;
    }
    auto text = cred::read_text_file(key_file);
    if (!text) {
      error = "certificates: signing_key_file " + key_file + " cannot be read";
      return false;
    }
    key_text = *text;
  }
  if (!key_text.empty()) {
    auto key = parse_signing_key(key_text, error);
    if (!key) {
      error = "certificates: " + std::string(key_file.empty() ? "signing_key" : "signing_key_file " + key_file) + ": " + error;
      return false;
    }
    options.signing_key = std::move(*key);
  }
  return true;
}

}  // namespace cohort_certificates
