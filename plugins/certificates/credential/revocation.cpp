#include "credential/revocation.hpp"

#include "credential/json_text.hpp"

namespace cohort::credentials {

rapidjson::Document revocation_document(const Revocation& r) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  auto str = [&](const std::string& s) { return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a); };
  doc.AddMember("type", rapidjson::StringRef(kRevocationType), a);
  doc.AddMember("format", 1, a);
  doc.AddMember("number", str(r.number), a);
  doc.AddMember("programme", str(r.programme_id), a);
  rapidjson::Value holder(rapidjson::kObjectType);
  holder.AddMember("id", str(r.holder.id), a);
  holder.AddMember("name", str(r.holder.name), a);
  doc.AddMember("holder", holder, a);
  doc.AddMember("reason", str(r.reason), a);
  doc.AddMember("revoked_at", str(r.revoked_at), a);
  return doc;
}

bool read_revocation(const rapidjson::Value& doc, Revocation& r, std::string& error) {
  if (string_member(doc, "type") != kRevocationType) {
    error = "not a revocation record (\"type\": \"CohortCertificateRevocation\" expected)";
    return false;
  }
  r.number = string_member(doc, "number");
  r.programme_id = string_member(doc, "programme");
  r.reason = string_member(doc, "reason");
  r.revoked_at = string_member(doc, "revoked_at");
  if (auto h = doc.FindMember("holder"); h != doc.MemberEnd()) {
    r.holder.id = string_member(h->value, "id");
    r.holder.name = string_member(h->value, "name");
  }
  if (r.number.empty() || r.reason.empty()) {
    error = "the revocation record has no number or no reason";
    return false;
  }
  return true;
}

}  // namespace cohort::credentials
