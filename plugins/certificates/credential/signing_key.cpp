#include "credential/signing_key.hpp"

#include <sodium.h>

#include <stdexcept>

namespace cohort::credentials {

bool crypto_ready() {
  static const bool ready = sodium_init() >= 0;
  return ready;
}

SigningKey SigningKey::generate() {
  // Without a working random source no key may be made; this is a start-up failure, not a hot path.
  if (!crypto_ready()) throw std::runtime_error("libsodium could not be initialised");
  Bytes seed(crypto_sign_SEEDBYTES);
  randombytes_buf(seed.data(), seed.size());
  auto key = from_seed(seed);
  sodium_memzero(seed.data(), seed.size());
  return *key;
}

std::optional<SigningKey> SigningKey::from_seed(const Bytes& seed) {
  if (seed.size() != crypto_sign_SEEDBYTES || !crypto_ready()) return std::nullopt;
  SigningKey key;
  key.seed_ = seed;
  key.public_key_.resize(crypto_sign_PUBLICKEYBYTES);
  key.secret_key_.resize(crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair(key.public_key_.data(), key.secret_key_.data(), seed.data());
  return key;
}

Bytes SigningKey::sign(std::string_view message) const {
  Bytes signature(crypto_sign_BYTES);
  crypto_sign_detached(signature.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size(), secret_key_.data());
  return signature;
}

bool verify_signature(const Bytes& public_key, std::string_view message, const Bytes& signature) {
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES || !crypto_ready())
    return false;
  return crypto_sign_verify_detached(signature.data(), reinterpret_cast<const unsigned char*>(message.data()),
                                     message.size(), public_key.data()) == 0;
}

}  // namespace cohort::credentials
