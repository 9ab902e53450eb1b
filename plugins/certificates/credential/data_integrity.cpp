#include "credential/data_integrity.hpp"

#include "credential/base58.hpp"
#include "credential/canonical_json.hpp"
#include "credential/date_time.hpp"
#include "credential/did_key.hpp"
#include "credential/digest.hpp"
#include "credential/json_text.hpp"

namespace cohort::credentials {
namespace {
constexpr const char* kProofType = "DataIntegrityProof";
constexpr const char* kCryptosuite = "eddsa-jcs-2022";

rapidjson::Value str(std::string_view s, rapidjson::Document::AllocatorType& a) {
  return rapidjson::Value(s.data(), static_cast<rapidjson::SizeType>(s.size()), a);
}

// The values of an @context as a list (a single string counts as a list of one).
bool context_items(const rapidjson::Value& ctx, std::vector<const rapidjson::Value*>& out) {
  if (ctx.IsArray()) {
    for (const auto& v : ctx.GetArray()) out.push_back(&v);
    return true;
  }
  if (ctx.IsString() || ctx.IsObject()) {
    out.push_back(&ctx);
    return true;
  }
  return false;
}
}  // namespace

bool eddsa_jcs_hash_data(const rapidjson::Value& unsecured_document, const rapidjson::Value& proof_config,
                         Bytes& hash_data, std::string& error) {
  std::string canonical_config, canonical_document;
  if (!canonicalize(proof_config, canonical_config, error)) {
    error = "the proof options cannot be canonicalised: " + error;
    return false;
  }
  if (!canonicalize(unsecured_document, canonical_document, error)) {
    error = "the document cannot be canonicalised: " + error;
    return false;
  }
  hash_data = sha256(canonical_config);
  auto doc_hash = sha256(canonical_document);
  hash_data.insert(hash_data.end(), doc_hash.begin(), doc_hash.end());
  return true;
}

bool add_eddsa_jcs_proof(rapidjson::Document& document, const SigningKey& key, std::string_view created,
                         std::string& error) {
  if (!document.IsObject() || document.HasMember("proof")) {
    error = "the document must be a JSON object without a proof";
    return false;
  }
  if (!is_date_time(created)) {
    error = "proof created \"" + std::string(created) + "\" is not an RFC 3339 date-time";
    return false;
  }
  auto& a = document.GetAllocator();
  rapidjson::Value proof(rapidjson::kObjectType);
  proof.AddMember("type", rapidjson::StringRef(kProofType), a);
  proof.AddMember("cryptosuite", rapidjson::StringRef(kCryptosuite), a);
  proof.AddMember("created", str(created, a), a);
  proof.AddMember("verificationMethod", str(did_key_verification_method(key.public_key()), a), a);
  proof.AddMember("proofPurpose", "assertionMethod", a);
  if (auto ctx = document.FindMember("@context"); ctx != document.MemberEnd())
    proof.AddMember("@context", rapidjson::Value(ctx->value, a), a);

  Bytes hash_data;
  if (!eddsa_jcs_hash_data(document, proof, hash_data, error)) return false;
  auto signature = key.sign(std::string_view(reinterpret_cast<const char*>(hash_data.data()), hash_data.size()));
  proof.AddMember("proofValue", str(multibase_encode(signature), a), a);
  document.AddMember("proof", proof, a);
  return true;
}

ProofCheck verify_eddsa_jcs_proof(const rapidjson::Value& document) {
  ProofCheck check;
  auto fail = [&](std::string why) {
    check.valid = false;
    check.error = std::move(why);
    return check;
  };
  if (!document.IsObject()) return fail("the credential is not a JSON object");
  auto proof_it = document.FindMember("proof");
  if (proof_it == document.MemberEnd()) return fail("the credential has no proof");
  const auto& proof = proof_it->value;
  if (!proof.IsObject()) return fail("the credential must carry exactly one proof object");
  if (string_member(proof, "type") != kProofType)
    return fail("proof type is not " + std::string(kProofType));
  if (string_member(proof, "cryptosuite") != kCryptosuite)
    return fail("proof cryptosuite is not " + std::string(kCryptosuite));
  if (string_member(proof, "proofPurpose") != "assertionMethod")
    return fail("proof purpose is not assertionMethod");
  if (proof.HasMember("created") && !is_date_time(string_member(proof, "created")))
    return fail("proof created is not an RFC 3339 date-time");

  check.verification_method = string_member(proof, "verificationMethod");
  std::string error;
  auto public_key = public_key_from_did_key(check.verification_method, error);
  if (!public_key) return fail("proof verification method: " + error);
  check.signer_did = did_key(*public_key);

  auto signature = multibase_decode(string_member(proof, "proofValue"));
  if (!signature || signature->size() != 64)
    return fail("proofValue is not a multibase base58btc Ed25519 signature");

  // The spec's Verify Proof: the unsecured document (no proof), the proof options (no
  // proofValue); a proof @context must be a prefix of the document's and replaces it.
  rapidjson::Document unsecured;
  auto& a = unsecured.GetAllocator();
  unsecured.CopyFrom(document, a);
  unsecured.RemoveMember("proof");
  rapidjson::Value config(proof, a);
  config.RemoveMember("proofValue");
  if (auto pctx = config.FindMember("@context"); pctx != config.MemberEnd()) {
    std::vector<const rapidjson::Value*> proof_ctx, doc_ctx;
    auto dctx = unsecured.FindMember("@context");
    if (dctx == unsecured.MemberEnd() || !context_items(pctx->value, proof_ctx) ||
        !context_items(dctx->value, doc_ctx) || proof_ctx.size() > doc_ctx.size())
      return fail("the proof's @context does not match the credential's");
    for (std::size_t i = 0; i < proof_ctx.size(); ++i)
      if (*proof_ctx[i] != *doc_ctx[i]) return fail("the proof's @context does not match the credential's");
    dctx->value.CopyFrom(pctx->value, a);
  } else if (auto dctx = unsecured.FindMember("@context"); dctx != unsecured.MemberEnd()) {
    config.AddMember("@context", rapidjson::Value(dctx->value, a), a);
  }

  Bytes hash_data;
  if (!eddsa_jcs_hash_data(unsecured, config, hash_data, error)) return fail(error);
  if (!verify_signature(*public_key, std::string_view(reinterpret_cast<const char*>(hash_data.data()), hash_data.size()),
                        *signature))
    return fail("the proof's signature does not verify: the credential was changed after it was signed, "
                "or not signed by " + check.signer_did);
  check.valid = true;
  return check;
}

}  // namespace cohort::credentials
