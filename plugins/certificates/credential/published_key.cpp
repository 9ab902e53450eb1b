#include "credential/published_key.hpp"

#include "credential/did_key.hpp"
#include "credential/json_text.hpp"
#include "credential/key_pem.hpp"

namespace cohort::credentials {

rapidjson::Document published_key_document(const std::string& programme_id, const Bytes& public_key,
                                           const std::string& published_at) {
  rapidjson::Document doc(rapidjson::kObjectType);
  auto& a = doc.GetAllocator();
  auto str = [&](const std::string& s) { return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a); };
  doc.AddMember("type", rapidjson::StringRef(kPublishedKeyType), a);
  doc.AddMember("programme", str(programme_id), a);
  doc.AddMember("algorithm", "Ed25519", a);
  doc.AddMember("did", str(did_key(public_key)), a);
  doc.AddMember("verification_method", str(did_key_verification_method(public_key)), a);
  doc.AddMember("public_key_multibase", str(public_key_multibase(public_key)), a);
  doc.AddMember("public_key_hex", str(to_hex(public_key)), a);
  doc.AddMember("public_key_pem", str(public_key_pem(public_key)), a);
  doc.AddMember("published_at", str(published_at), a);
  return doc;
}

bool read_published_key(const rapidjson::Value& doc, PublishedKey& key, std::string& error) {
  if (string_member(doc, "type") != kPublishedKeyType) {
    error = "not a programme key (\"type\": \"CohortProgrammeKey\" expected)";
    return false;
  }
  key.programme_id = string_member(doc, "programme");
  key.did = string_member(doc, "did");
  auto public_key = public_key_from_did_key(key.did, error);
  if (!public_key) return false;
  key.public_key = *public_key;
  auto multibase = string_member(doc, "public_key_multibase");
  auto hex = string_member(doc, "public_key_hex");
  auto pem = string_member(doc, "public_key_pem");
  if ((!multibase.empty() && multibase != public_key_multibase(key.public_key)) ||
      (!hex.empty() && hex != to_hex(key.public_key)) || (!pem.empty() && pem != public_key_pem(key.public_key))) {
    error = "its did and its other key forms name different keys";
    return false;
  }
  return true;
}

}  // namespace cohort::credentials
