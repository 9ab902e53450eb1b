#include "credential/document_signature.hpp"

#include "credential/base58.hpp"
#include "credential/canonical_json.hpp"
#include "credential/did_key.hpp"
#include "credential/json_text.hpp"

namespace cohort::credentials {

bool signed_bytes(const rapidjson::Value& document, std::string& out, std::string& error) {
  rapidjson::Document copy;
  copy.CopyFrom(document, copy.GetAllocator());
  if (auto sig = copy.FindMember("signature"); sig != copy.MemberEnd() && sig->value.IsObject())
    sig->value.RemoveMember("value");
  out.clear();
  return canonicalize(copy, out, error);
}

bool sign_document(rapidjson::Document& document, const SigningKey& key, std::string& error) {
  if (!document.IsObject() || document.HasMember("signature")) {
    error = "the document must be a JSON object without a signature";
    return false;
  }
  auto& a = document.GetAllocator();
  rapidjson::Value sig(rapidjson::kObjectType);
  sig.AddMember("algorithm", "Ed25519", a);
  sig.AddMember("canonicalization", "RFC8785", a);
  auto method = did_key_verification_method(key.public_key());
  sig.AddMember("verification_method", rapidjson::Value(method.c_str(), a), a);
  document.AddMember("signature", sig, a);
  std::string bytes;
  if (!signed_bytes(document, bytes, error)) return false;
  auto value = multibase_encode(key.sign(bytes));
  document["signature"].AddMember("value", rapidjson::Value(value.c_str(), a), a);
  return true;
}

SignatureCheck verify_document_signature(const rapidjson::Value& document) {
  SignatureCheck check;
  auto fail = [&](std::string why) {
    check.error = std::move(why);
    return check;
  };
  if (!document.IsObject()) return fail("not a JSON object");
  auto it = document.FindMember("signature");
  if (it == document.MemberEnd() || !it->value.IsObject()) return fail("it carries no signature");
  const auto& sig = it->value;
  if (string_member(sig, "algorithm") != "Ed25519") return fail("signature algorithm is not Ed25519");
  if (string_member(sig, "canonicalization") != "RFC8785") return fail("signature canonicalization is not RFC8785");
  std::string error;
  auto public_key = public_key_from_did_key(string_member(sig, "verification_method"), error);
  if (!public_key) return fail("signature verification method: " + error);
  check.signer_did = did_key(*public_key);
  auto value = multibase_decode(string_member(sig, "value"));
  if (!value || value->size() != 64) return fail("signature value is not a multibase base58btc Ed25519 signature");
  std::string bytes;
  if (!signed_bytes(document, bytes, error)) return fail("it cannot be canonicalised: " + error);
  if (!verify_signature(*public_key, bytes, *value))
    return fail("the signature does not verify: the document was changed after it was signed, or not signed by " +
                check.signer_did);
  check.valid = true;
  return check;
}

}  // namespace cohort::credentials
