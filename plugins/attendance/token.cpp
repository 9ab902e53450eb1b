#include "token.hpp"

#include <sodium.h>

#include "details/base64url.hpp"

namespace cohort_attendance {
namespace {

constexpr std::string_view kPrefix = "CA1";

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (;;) {
    const auto dot = s.find(sep, start);
    parts.push_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts;
}

}  // namespace

bool valid_token_field(std::string_view f) {
  if (f.empty() || f.size() > 64) return false;
  for (char c : f) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

TokenSigner::TokenSigner(std::vector<unsigned char> key) : key_(std::move(key)) {}

void TokenSigner::compute(std::string_view signed_part, unsigned char* out) const {
  crypto_auth_hmacsha256_state state;
  // The streaming form takes a key of any length (the one-shot form wants exactly 32 bytes).
  crypto_auth_hmacsha256_init(&state, key_.data(), key_.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signed_part.data()),
                                signed_part.size());
  crypto_auth_hmacsha256_final(&state, out);
  sodium_memzero(&state, sizeof state);
}

std::string TokenSigner::issue(const TokenClaims& c) const {
  std::string text = std::string(kPrefix) + "." + c.programme + "." + c.session + "." + c.participant;
  unsigned char m[crypto_auth_hmacsha256_BYTES];
  compute(text, m);
  return text + "." + details::base64url_encode(m, sizeof m);
}

TokenCheck TokenSigner::verify(std::string_view token) const {
  TokenCheck check;
  auto malformed = [&](std::string why) {
    check.error = TokenCheck::Error::Malformed;
    check.message = "not a check-in token: " + why;
    return check;
  };
  // Scanners often add a trailing newline or spaces; nothing else is forgiven.
  while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.remove_suffix(1);
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  if (token.empty()) return malformed("empty");
  if (token.size() > 512) return malformed("too long");
  const auto parts = split(token, '.');
  if (parts.size() != 5) return malformed("expected 5 parts separated by '.', found " + std::to_string(parts.size()));
  if (parts[0] != kPrefix) return malformed("unknown version '" + std::string(parts[0].substr(0, 16)) + "'");
  for (std::size_t i = 1; i <= 3; ++i)
    if (!valid_token_field(parts[i])) return malformed("part " + std::to_string(i + 1) + " has characters a token never carries");
  const auto given = details::base64url_decode(parts[4]);
  if (!given || given->size() != crypto_auth_hmacsha256_BYTES) return malformed("the signature part is not 32 bytes of base64url");

  const std::string_view signed_part = token.substr(0, token.size() - parts[4].size() - 1);
  unsigned char expected[crypto_auth_hmacsha256_BYTES];
  compute(signed_part, expected);
  if (sodium_memcmp(expected, given->data(), sizeof expected) != 0) {
    check.error = TokenCheck::Error::BadSignature;
    check.message = "the token's signature does not match: it was altered, or signed with another key";
    return check;
  }
  check.claims = {std::string(parts[1]), std::string(parts[2]), std::string(parts[3])};
  return check;
}

}  // namespace cohort_attendance
