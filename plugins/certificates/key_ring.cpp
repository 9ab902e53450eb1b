#include "key_ring.hpp"

#include <rapidjson/document.h>

#include "credential/date_time.hpp"
#include "credential/did_key.hpp"
#include "credential/file_names.hpp"
#include "credential/json_text.hpp"
#include "credential/key_pem.hpp"
#include "credential/published_key.hpp"
#include "details/files.hpp"

namespace cohort_certificates {
namespace fs = std::filesystem;
namespace cred = cohort::credentials;

std::optional<cred::SigningKey> parse_signing_key(std::string_view text, std::string& error) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' || text.back() == '\t'))
    text.remove_suffix(1);
  std::optional<cred::Bytes> seed;
  if (text.substr(0, 10) == "-----BEGIN") {
    seed = cred::seed_from_private_key_pem(text, error);
  } else if (!text.empty() && text.front() == '{') {
    rapidjson::Document doc;
    if (!cred::parse_json(text, doc, error)) return std::nullopt;
    auto multibase = cred::string_member(doc, "private_key_multibase");
    if (multibase.empty()) {
      error = "the key file has no \"private_key_multibase\"";
      return std::nullopt;
    }
    seed = cred::seed_from_private_key_multibase(multibase, error);
  } else {
    seed = cred::seed_from_private_key_multibase(text, error);
  }
  if (!seed) return std::nullopt;
  auto key = cred::SigningKey::from_seed(*seed);
  if (!key) error = "the private key cannot be used (libsodium)";
  return key;
}

KeyRing::KeyRing(fs::path data_dir, std::optional<cred::SigningKey> configured, bool sync)
    : data_dir_(std::move(data_dir)), configured_(std::move(configured)), sync_(sync) {}

const cred::SigningKey* KeyRing::key_for(const std::string& programme_id, std::string& error) {
  if (configured_) return &*configured_;
  if (auto it = generated_.find(programme_id); it != generated_.end()) return &it->second;

  const fs::path dir = data_dir_ / "keys";
  if (!details::make_directory(dir, 0700, error)) return nullptr;
  const fs::path path = dir / (programme_id + ".json");
  // Another process may have made the key first: whoever links the file first wins, and
  // everybody then signs with the key in the file.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (auto text = cred::read_text_file(path)) {
      auto key = parse_signing_key(*text, error);
      if (!key) {
        error = path.string() + ": " + error;
        return nullptr;
      }
      return &generated_.emplace(programme_id, std::move(*key)).first->second;
    }
    auto key = cred::SigningKey::generate();
    rapidjson::Document doc(rapidjson::kObjectType);
    auto& a = doc.GetAllocator();
    doc.AddMember("type", "CohortSigningKey", a);
    doc.AddMember("programme", rapidjson::Value(programme_id.c_str(), a), a);
    doc.AddMember("algorithm", "Ed25519", a);
    doc.AddMember("private_key_multibase", rapidjson::Value(cred::private_key_multibase(key.seed()).c_str(), a), a);
    doc.AddMember("did", rapidjson::Value(cred::did_key(key.public_key()).c_str(), a), a);
    doc.AddMember("created", rapidjson::Value(cred::now_utc().c_str(), a), a);
    auto written = details::write_new_file(path, cred::pretty_json(doc), 0600, sync_, error);
    if (written == details::WriteResult::Failed) return nullptr;
    if (written == details::WriteResult::Written) return &generated_.emplace(programme_id, std::move(key)).first->second;
  }
  error = path.string() + ": cannot be read";
  return nullptr;
}

bool KeyRing::publish(const fs::path& certificates_dir, const std::string& programme_id, const cred::SigningKey& key,
                      std::string& error) {
  const auto did = cred::did_key(key.public_key());
  auto done = published_.find(programme_id + " " + did);
  if (done != published_.end()) return true;
  const fs::path path = certificates_dir / cred::key_file_name(programme_id);
  auto doc = cred::published_key_document(programme_id, key.public_key(), cred::now_utc());
  auto written = details::write_new_file(path, cred::pretty_json(doc), 0644, sync_, error);
  if (written == details::WriteResult::Failed) return false;
  if (written == details::WriteResult::Exists) {
    rapidjson::Document existing;
    cred::PublishedKey published;
    if (!cred::read_json_file(path, existing, error) || !cred::read_published_key(existing, published, error)) {
      error = path.string() + " is damaged (" + error + "): fix or remove it before issuing";
      return false;
    }
    if (published.did != did) {
      error = path.string() + " publishes " + published.did + " but the signing key is " + did +
              ": certificates signed now would not verify against the published key; restore the key "
              "that was published, or remove the published key file on purpose";
      return false;
    }
  }
  published_[programme_id + " " + did] = true;
  return true;
}

}  // namespace cohort_certificates
