#include "credential/key_pem.hpp"

#include <sodium.h>

#include <algorithm>

#include "credential/signing_key.hpp"

namespace cohort::credentials {
namespace {
// The fixed DER prefixes of RFC 8410 for Ed25519 (algorithm OID 1.3.101.112).
constexpr std::uint8_t kSpkiPrefix[] = {0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00};
constexpr std::uint8_t kPkcs8Prefix[] = {0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06,
                                         0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20};
constexpr std::string_view kPrivateBegin = "-----BEGIN PRIVATE KEY-----";
constexpr std::string_view kPrivateEnd = "-----END PRIVATE KEY-----";
}  // namespace

std::string public_key_pem(const Bytes& public_key) {
  Bytes der(std::begin(kSpkiPrefix), std::end(kSpkiPrefix));
  der.insert(der.end(), public_key.begin(), public_key.end());
  crypto_ready();
  std::string b64(sodium_base64_ENCODED_LEN(der.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), der.data(), der.size(), sodium_base64_VARIANT_ORIGINAL);
  b64.resize(b64.find('\0'));
  return "-----BEGIN PUBLIC KEY-----\n" + b64 + "\n-----END PUBLIC KEY-----\n";
}

std::optional<Bytes> seed_from_private_key_pem(std::string_view pem, std::string& error) {
  auto begin = pem.find(kPrivateBegin);
  auto end = pem.find(kPrivateEnd);
  if (begin == std::string_view::npos || end == std::string_view::npos || end < begin) {
    error = "not a PEM private key (\"-----BEGIN PRIVATE KEY-----\")";
    return std::nullopt;
  }
  auto body = pem.substr(begin + kPrivateBegin.size(), end - begin - kPrivateBegin.size());
  crypto_ready();
  Bytes der(body.size());
  std::size_t len = 0;
  if (sodium_base642bin(der.data(), der.size(), body.data(), body.size(), " \r\n\t", &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    error = "the PEM private key is not valid base64";
    return std::nullopt;
  }
  der.resize(len);
  if (der.size() != sizeof kPkcs8Prefix + 32 || !std::equal(std::begin(kPkcs8Prefix), std::end(kPkcs8Prefix), der.begin())) {
    error = "the PEM private key is not an Ed25519 key (make one with `openssl genpkey -algorithm ed25519`)";
    return std::nullopt;
  }
  return Bytes(der.begin() + sizeof kPkcs8Prefix, der.end());
}

}  // namespace cohort::credentials
