#pragma once
/// @file token.hpp
/// @brief Check-in tokens: "CA1.<programme>.<session>.<participant>.<mac>", where mac is
///        the unpadded base64url HMAC-SHA256 (libsodium) of everything before the last dot.
///        Short printable text for a QR code, bound to one participant and one session.

#include <string>
#include <string_view>
#include <vector>

namespace cohort_attendance {

/// @brief What a token says.
struct TokenClaims {
  std::string programme;
  std::string session;
  std::string participant;
};

/// @brief The outcome of reading a token.
struct TokenCheck {
  enum class Error { None, Malformed, BadSignature };
  Error error = Error::None;
  TokenClaims claims;   ///< set when error is None
  std::string message;  ///< why not, for people
  bool ok() const { return error == Error::None; }
};

/// @brief True for a field a token can carry: 1-64 of A-Z a-z 0-9 _ -.
bool valid_token_field(std::string_view field);

/// @brief Issues and verifies tokens with one secret key. Immutable; thread-safe.
class TokenSigner {
 public:
  /// @brief At least 32 bytes of secret (shorter keys are refused by the secret loaders).
  explicit TokenSigner(std::vector<unsigned char> key);
  /// @brief The token for these claims. Every field must pass valid_token_field.
  std::string issue(const TokenClaims& claims) const;
  /// @brief Reads a token: its shape, then its MAC (constant time). Claims are trusted only when ok().
  TokenCheck verify(std::string_view token) const;

 private:
  // Writes crypto_auth_hmacsha256_BYTES bytes to `out`.
  void compute(std::string_view signed_part, unsigned char* out) const;
  std::vector<unsigned char> key_;
};

}  // namespace cohort_attendance
