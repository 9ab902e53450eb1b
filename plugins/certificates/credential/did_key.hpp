#pragma once
/// @file did_key.hpp
/// @brief did:key identifiers of Ed25519 public keys, and the multibase key forms.
///
/// A did:key is "did:key:" + multibase base58btc of the multicodec prefix 0xed 0x01
/// followed by the 32-byte public key ("did:key:z6Mk..."). Its verification method
/// is the DID, "#", and the same multibase string.

#include <optional>
#include <string>
#include <string_view>

#include "credential/bytes.hpp"

namespace cohort::credentials {

/// @brief "z6Mk...": the multibase (base58btc) multicodec Ed25519 public key.
std::string public_key_multibase(const Bytes& public_key);
/// @brief "did:key:z6Mk...".
std::string did_key(const Bytes& public_key);
/// @brief "did:key:z6Mk...#z6Mk...".
std::string did_key_verification_method(const Bytes& public_key);

/// @brief The public key of a did:key, or of its verification method (with "#fragment",
///        which must repeat the key). nullopt (with `error`) for anything else.
std::optional<Bytes> public_key_from_did_key(std::string_view did_or_method, std::string& error);

/// @brief "z3u2...": the multibase multicodec (0x8026) Ed25519 private key seed.
std::string private_key_multibase(const Bytes& seed);
/// @brief The 32-byte seed of a multibase Ed25519 private key; nullopt (with `error`) otherwise.
std::optional<Bytes> seed_from_private_key_multibase(std::string_view text, std::string& error);

}  // namespace cohort::credentials
