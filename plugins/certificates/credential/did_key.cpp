#include "credential/did_key.hpp"

#include <algorithm>

#include "credential/base58.hpp"

namespace cohort::credentials {
namespace {
// Multicodec codes as unsigned varints: ed25519-pub 0xed, ed25519-priv 0x1300.
constexpr std::uint8_t kPublicPrefix[] = {0xed, 0x01};
constexpr std::uint8_t kPrivatePrefix[] = {0x80, 0x26};
constexpr std::string_view kDidKey = "did:key:";

Bytes with_prefix(const std::uint8_t (&prefix)[2], const Bytes& key) {
  // Sized once and filled in place: g++ 12 at -O2 misreads an insert after a 2-byte
  // construction as an out-of-bounds copy (-Warray-bounds).
  Bytes out(2 + key.size());
  out[0] = prefix[0];
  out[1] = prefix[1];
  std::copy(key.begin(), key.end(), out.begin() + 2);
  return out;
}

std::optional<Bytes> strip_prefix(const std::uint8_t (&prefix)[2], std::string_view multibase, const char* what,
                                  std::string& error) {
  auto bytes = multibase_decode(multibase);
  if (!bytes) {
    error = std::string(what) + " is not multibase base58btc (\"z...\")";
    return std::nullopt;
  }
  if (bytes->size() != 34 || (*bytes)[0] != prefix[0] || (*bytes)[1] != prefix[1]) {
    error = std::string(what) + " is not an Ed25519 key (multicodec prefix and 32 bytes expected)";
    return std::nullopt;
  }
  return Bytes(bytes->begin() + 2, bytes->end());
}
}  // namespace

std::string public_key_multibase(const Bytes& public_key) {
  return multibase_encode(with_prefix(kPublicPrefix, public_key));
}

std::string did_key(const Bytes& public_key) { return std::string(kDidKey) + public_key_multibase(public_key); }

std::string did_key_verification_method(const Bytes& public_key) {
  return did_key(public_key) + "#" + public_key_multibase(public_key);
}

std::optional<Bytes> public_key_from_did_key(std::string_view text, std::string& error) {
  if (text.substr(0, kDidKey.size()) != kDidKey) {
    error = "\"" + std::string(text) + "\" is not a did:key";
    return std::nullopt;
  }
  auto rest = text.substr(kDidKey.size());
  auto hash = rest.find('#');
  auto id = rest.substr(0, hash);
  if (hash != std::string_view::npos && rest.substr(hash + 1) != id) {
    error = "the verification method's fragment of \"" + std::string(text) + "\" does not name its key";
    return std::nullopt;
  }
  return strip_prefix(kPublicPrefix, id, "the did:key", error);
}

std::string private_key_multibase(const Bytes& seed) { return multibase_encode(with_prefix(kPrivatePrefix, seed)); }

std::optional<Bytes> seed_from_private_key_multibase(std::string_view text, std::string& error) {
  return strip_prefix(kPrivatePrefix, text, "the private key", error);
}

}  // namespace cohort::credentials
