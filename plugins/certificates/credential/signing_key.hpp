#pragma once
/// @file signing_key.hpp
/// @brief An Ed25519 key pair (libsodium) and signature checks with a public key alone.

#include <optional>
#include <string>
#include <string_view>

#include "credential/bytes.hpp"

namespace cohort::credentials {

/// @brief An Ed25519 key pair, made from its 32-byte seed (the private key proper).
class SigningKey {
 public:
  /// @brief A fresh key from the system's random source.
  static SigningKey generate();
  /// @brief The key of a 32-byte seed; nullopt for any other length.
  static std::optional<SigningKey> from_seed(const Bytes& seed);

  /// @brief The detached signature (64 bytes) of `message`.
  Bytes sign(std::string_view message) const;

  const Bytes& seed() const noexcept { return seed_; }
  const Bytes& public_key() const noexcept { return public_key_; }

 private:
  SigningKey() = default;
  Bytes seed_;
  Bytes public_key_;
  Bytes secret_key_;  // libsodium's 64-byte form: seed followed by the public key
};

/// @brief True when `signature` is a valid Ed25519 signature of `message` by `public_key`.
bool verify_signature(const Bytes& public_key, std::string_view message, const Bytes& signature);

/// @brief Initialises libsodium once (thread-safe, idempotent); false if it cannot start.
bool crypto_ready();

}  // namespace cohort::credentials
