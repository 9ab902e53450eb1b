#pragma once
/// @file key_pem.hpp
/// @brief Ed25519 keys in the PEM forms OpenSSL reads and writes (RFC 8410).

#include <optional>
#include <string>
#include <string_view>

#include "credential/bytes.hpp"

namespace cohort::credentials {

/// @brief "-----BEGIN PUBLIC KEY-----" (SubjectPublicKeyInfo) of an Ed25519 public key,
///        for `openssl pkeyutl -verify -pubin -inkey`.
std::string public_key_pem(const Bytes& public_key);

/// @brief The seed of a "-----BEGIN PRIVATE KEY-----" (PKCS #8) Ed25519 key, as written by
///        `openssl genpkey -algorithm ed25519`; nullopt (with `error`) otherwise.
std::optional<Bytes> seed_from_private_key_pem(std::string_view pem, std::string& error);

}  // namespace cohort::credentials
