#include "credential/open_badge.hpp"

#include <charconv>

#include "credential/json_text.hpp"

namespace cohort::credentials {
namespace {
using Alloc = rapidjson::Document::AllocatorType;
constexpr std::string_view kIdPrefix = "urn:cohort:certificate:";

rapidjson::Value str(const std::string& s, Alloc& a) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

rapidjson::Value types(std::initializer_list<const char*> names, Alloc& a) {
  rapidjson::Value v(rapidjson::kArrayType);
  for (auto n : names) v.PushBack(rapidjson::StringRef(n), a);
  return v;
}

rapidjson::Value identity(const char* type, const std::string& value, Alloc& a) {
  rapidjson::Value v(rapidjson::kObjectType);
  v.AddMember("type", "IdentityObject", a);
  v.AddMember("identityType", rapidjson::StringRef(type), a);
  v.AddMember("hashed", false, a);
  v.AddMember("identityHash", str(value, a), a);
  return v;
}

std::string percent(double share) {
  auto p = static_cast<long long>(share * 100.0 + 0.5);
  return std::to_string(p) + "%";
}

bool has_type(const rapidjson::Value& doc, const char* name) {
  auto it = doc.FindMember("type");
  if (it == doc.MemberEnd() || !it->value.IsArray()) return false;
  for (const auto& t : it->value.GetArray())
    if (t.IsString() && std::string_view(t.GetString()) == name) return true;
  return false;
}
}  // namespace

std::string credential_id(const std::string& number, int version) {
  return std::string(kIdPrefix) + number + ":v" + std::to_string(version);
}

rapidjson::Document open_badge_credential(const Certificate& c) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  rapidjson::Value context(rapidjson::kArrayType);
  context.PushBack("https://www.w3.org/ns/credentials/v2", a);
  context.PushBack("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json", a);
  doc.AddMember("@context", context, a);
  doc.AddMember("id", str(credential_id(c.number, c.version), a), a);
  doc.AddMember("type", types({"VerifiableCredential", "OpenBadgeCredential"}, a), a);
  doc.AddMember("name", str(c.title, a), a);

  rapidjson::Value issuer(rapidjson::kObjectType);
  issuer.AddMember("id", str(c.issuer_did, a), a);
  issuer.AddMember("type", types({"Profile"}, a), a);
  issuer.AddMember("name", str(c.issuer_name.empty() ? c.programme_title : c.issuer_name, a), a);
  doc.AddMember("issuer", issuer, a);

  const std::string& valid_from = c.reissue ? c.reissue->reissued_at : c.issued_at;
  doc.AddMember("validFrom", str(valid_from, a), a);
  doc.AddMember("awardedDate", str(c.issued_at, a), a);

  rapidjson::Value achievement(rapidjson::kObjectType);
  achievement.AddMember("id", str("urn:cohort:programme:" + c.programme_id, a), a);
  achievement.AddMember("type", types({"Achievement"}, a), a);
  achievement.AddMember("achievementType", "CertificateOfCompletion", a);
  achievement.AddMember("name", str(c.title, a), a);
  std::string description = "Completed the programme " + (c.programme_title.empty() ? c.programme_id : c.programme_title) +
                            " (" + c.programme_id + ")" + (c.issuer_name.empty() ? "" : ", " + c.issuer_name) + ".";
  achievement.AddMember("description", str(description, a), a);
  rapidjson::Value criteria(rapidjson::kObjectType);
  std::string narrative = c.attendance
                              ? "Attended at least " + percent(c.attendance->threshold) +
                                    " of the programme's weighted sessions and was not withdrawn."
                              : "Completed the programme and was not withdrawn.";
  criteria.AddMember("narrative", str(narrative, a), a);
  achievement.AddMember("criteria", criteria, a);
  achievement.AddMember("humanCode", str(c.programme_id, a), a);

  rapidjson::Value subject(rapidjson::kObjectType);
  subject.AddMember("type", types({"AchievementSubject"}, a), a);
  rapidjson::Value identifiers(rapidjson::kArrayType);
  identifiers.PushBack(identity("name", c.holder.name, a), a);
  identifiers.PushBack(identity("sourcedId", c.holder.id, a), a);
  subject.AddMember("identifier", identifiers, a);
  subject.AddMember("achievement", achievement, a);
  doc.AddMember("credentialSubject", subject, a);
  return doc;
}

bool is_open_badge_credential(const rapidjson::Value& doc) {
  return doc.IsObject() && has_type(doc, "VerifiableCredential") && has_type(doc, "OpenBadgeCredential");
}

bool read_open_badge_credential(const rapidjson::Value& doc, Certificate& c, std::string& error) {
  if (!is_open_badge_credential(doc)) {
    error = "not an OpenBadgeCredential";
    return false;
  }
  auto id = string_member(doc, "id");
  auto v = id.rfind(":v");
  if (id.rfind(kIdPrefix, 0) != 0 || v == std::string::npos || v <= kIdPrefix.size()) {
    error = "the credential id \"" + id + "\" is not a Cohort certificate id (urn:cohort:certificate:NUMBER:vN)";
    return false;
  }
  c.number = id.substr(kIdPrefix.size(), v - kIdPrefix.size());
  auto version_text = std::string_view(id).substr(v + 2);
  if (std::from_chars(version_text.data(), version_text.data() + version_text.size(), c.version).ptr !=
          version_text.data() + version_text.size() ||
      c.version < 1) {
    error = "the credential id \"" + id + "\" has no valid version";
    return false;
  }
  c.title = string_member(doc, "name");
  c.issued_at = string_member(doc, "awardedDate");
  if (auto issuer = doc.FindMember("issuer"); issuer != doc.MemberEnd()) {
    if (issuer->value.IsString()) c.issuer_did = issuer->value.GetString();
    else {
      c.issuer_did = string_member(issuer->value, "id");
      c.issuer_name = string_member(issuer->value, "name");
    }
  }
  auto subject = doc.FindMember("credentialSubject");
  if (subject == doc.MemberEnd() || !subject->value.IsObject()) {
    error = "the credential has no credentialSubject";
    return false;
  }
  if (auto ids = subject->value.FindMember("identifier"); ids != subject->value.MemberEnd() && ids->value.IsArray()) {
    for (const auto& ident : ids->value.GetArray()) {
      auto type = string_member(ident, "identityType");
      if (type == "name") c.holder.name = string_member(ident, "identityHash");
      else if (type == "sourcedId") c.holder.id = string_member(ident, "identityHash");
    }
  }
  if (auto ach = subject->value.FindMember("achievement"); ach != subject->value.MemberEnd())
    c.programme_id = string_member(ach->value, "humanCode");
  if (c.issuer_did.empty() || c.holder.name.empty() || c.programme_id.empty()) {
    error = "the credential lacks its issuer, holder name or programme";
    return false;
  }
  return true;
}

}  // namespace cohort::credentials
