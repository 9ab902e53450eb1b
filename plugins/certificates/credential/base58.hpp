#pragma once
/// @file base58.hpp
/// @brief Base58 (Bitcoin alphabet) and the base58btc multibase form ("z" + base58).

#include <optional>
#include <string>
#include <string_view>

#include "credential/bytes.hpp"

namespace cohort::credentials {

/// @brief Base58 with the Bitcoin alphabet; leading zero bytes become leading '1's.
std::string base58_encode(const Bytes& bytes);
/// @brief The inverse of base58_encode; nullopt on a character outside the alphabet.
std::optional<Bytes> base58_decode(std::string_view text);

/// @brief Multibase base58btc: "z" followed by base58_encode(bytes).
std::string multibase_encode(const Bytes& bytes);
/// @brief Decodes a multibase base58btc string; nullopt unless it starts with 'z' and decodes.
std::optional<Bytes> multibase_decode(std::string_view text);

}  // namespace cohort::credentials
