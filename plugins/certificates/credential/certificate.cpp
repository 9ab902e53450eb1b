#include "credential/certificate.hpp"

#include "credential/json_text.hpp"

namespace cohort::credentials {
namespace {
using Alloc = rapidjson::Document::AllocatorType;

rapidjson::Value str(const std::string& s, Alloc& a) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

bool need_string(const rapidjson::Value& obj, const char* name, const char* where, std::string& out,
                 std::string& error) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsString() || it->value.GetStringLength() == 0) {
    error = std::string(where) + name + " is missing or not a string";
    return false;
  }
  out.assign(it->value.GetString(), it->value.GetStringLength());
  return true;
}

bool need_object(const rapidjson::Value& obj, const char* name, const rapidjson::Value*& out, std::string& error) {
  auto it = obj.FindMember(name);
  if (it == obj.MemberEnd() || !it->value.IsObject()) {
    error = std::string(name) + " is missing or not an object";
    return false;
  }
  out = &it->value;
  return true;
}
}  // namespace

rapidjson::Document certificate_document(const Certificate& c) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  doc.AddMember("type", rapidjson::StringRef(kCertificateType), a);
  doc.AddMember("format", 1, a);
  doc.AddMember("number", str(c.number, a), a);
  doc.AddMember("sequence", c.sequence, a);
  doc.AddMember("version", c.version, a);
  rapidjson::Value programme(rapidjson::kObjectType);
  programme.AddMember("id", str(c.programme_id, a), a);
  programme.AddMember("title", str(c.programme_title, a), a);
  doc.AddMember("programme", programme, a);
  doc.AddMember("title", str(c.title, a), a);
  rapidjson::Value holder(rapidjson::kObjectType);
  holder.AddMember("id", str(c.holder.id, a), a);
  holder.AddMember("name", str(c.holder.name, a), a);
  doc.AddMember("holder", holder, a);
  rapidjson::Value issuer(rapidjson::kObjectType);
  issuer.AddMember("name", str(c.issuer_name, a), a);
  issuer.AddMember("id", str(c.issuer_did, a), a);
  doc.AddMember("issuer", issuer, a);
  doc.AddMember("issued_at", str(c.issued_at, a), a);
  if (c.attendance) {
    rapidjson::Value att(rapidjson::kObjectType);
    att.AddMember("rate", c.attendance->rate, a);
    att.AddMember("threshold", c.attendance->threshold, a);
    doc.AddMember("attendance", att, a);
  }
  if (c.reissue) {
    rapidjson::Value re(rapidjson::kObjectType);
    re.AddMember("previous_version", c.reissue->previous_version, a);
    re.AddMember("previous_name", str(c.reissue->previous_name, a), a);
    re.AddMember("reason", str(c.reissue->reason, a), a);
    re.AddMember("reissued_at", str(c.reissue->reissued_at, a), a);
    doc.AddMember("reissue", re, a);
  }
  return doc;
}

bool is_certificate_document(const rapidjson::Value& document) {
  return string_member(document, "type") == kCertificateType;
}

bool read_certificate(const rapidjson::Value& doc, Certificate& c, std::string& error) {
  if (!is_certificate_document(doc)) {
    error = "not a Cohort certificate (\"type\": \"CohortCertificate\" expected)";
    return false;
  }
  auto format = doc.FindMember("format");
  if (format == doc.MemberEnd() || !format->value.IsInt() || format->value.GetInt() != 1) {
    error = "unknown certificate format (1 expected)";
    return false;
  }
  const rapidjson::Value *programme, *holder, *issuer;
  if (!need_string(doc, "number", "", c.number, error) || !need_string(doc, "title", "", c.title, error) ||
      !need_string(doc, "issued_at", "", c.issued_at, error) || !need_object(doc, "programme", programme, error) ||
      !need_object(doc, "holder", holder, error) || !need_object(doc, "issuer", issuer, error) ||
      !need_string(*programme, "id", "programme.", c.programme_id, error) ||
      !need_string(*holder, "id", "holder.", c.holder.id, error) ||
      !need_string(*holder, "name", "holder.", c.holder.name, error) ||
      !need_string(*issuer, "id", "issuer.", c.issuer_did, error))
    return false;
  c.programme_title = string_member(*programme, "title");
  c.issuer_name = string_member(*issuer, "name");
  auto seq = doc.FindMember("sequence");
  auto ver = doc.FindMember("version");
  if (seq == doc.MemberEnd() || !seq->value.IsInt64() || seq->value.GetInt64() < 1) {
    error = "sequence is missing or not a positive integer";
    return false;
  }
  if (ver == doc.MemberEnd() || !ver->value.IsInt() || ver->value.GetInt() < 1) {
    error = "version is missing or not a positive integer";
    return false;
  }
  c.sequence = seq->value.GetInt64();
  c.version = ver->value.GetInt();
  c.attendance.reset();
  if (auto att = doc.FindMember("attendance"); att != doc.MemberEnd() && att->value.IsObject()) {
    AttendanceRecord r;
    auto rate = att->value.FindMember("rate");
    auto threshold = att->value.FindMember("threshold");
    if (rate != att->value.MemberEnd() && rate->value.IsNumber()) r.rate = rate->value.GetDouble();
    if (threshold != att->value.MemberEnd() && threshold->value.IsNumber()) r.threshold = threshold->value.GetDouble();
    c.attendance = r;
  }
  c.reissue.reset();
  if (auto re = doc.FindMember("reissue"); re != doc.MemberEnd() && re->value.IsObject()) {
    Reissue r;
    if (auto pv = re->value.FindMember("previous_version"); pv != re->value.MemberEnd() && pv->value.IsInt())
      r.previous_version = pv->value.GetInt();
    r.previous_name = string_member(re->value, "previous_name");
    r.reason = string_member(re->value, "reason");
    r.reissued_at = string_member(re->value, "reissued_at");
    c.reissue = r;
  }
  return true;
}

}  // namespace cohort::credentials
