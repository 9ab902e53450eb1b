#pragma once
/// @file bytes.hpp
/// @brief The byte string type of the credential library, and hex for messages and key files.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace cohort::credentials {

/// @brief Raw bytes: keys, signatures, digests.
using Bytes = std::vector<std::uint8_t>;

/// @brief The bytes of a text, unchanged.
inline Bytes to_bytes(std::string_view text) { return Bytes(text.begin(), text.end()); }

/// @brief Lowercase hexadecimal.
inline std::string to_hex(const Bytes& bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (auto b : bytes) {
    out += digits[b >> 4];
    out += digits[b & 0xF];
  }
  return out;
}

}  // namespace cohort::credentials
