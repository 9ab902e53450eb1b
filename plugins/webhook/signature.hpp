#pragma once
/// @file signature.hpp
/// @brief The Cohort-Signature header: HMAC-SHA256 over the timestamp and the body.
///
/// `Cohort-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
/// The timestamp is inside the signed text, so a receiver that rejects old timestamps
/// also rejects a captured request played again later.

#include <cstdint>
#include <string>
#include <string_view>

namespace cohort_webhook {

/// @brief The header's name.
inline constexpr std::string_view kSignatureHeader = "Cohort-Signature";

/// @brief Lowercase hex of HMAC-SHA256(key, message) (libsodium).
std::string hmac_sha256_hex(std::string_view key, std::string_view message);

/// @brief The header value for `body` signed at `unix_seconds`: "t=...,v1=...".
std::string signature_header_value(std::string_view secret, std::int64_t unix_seconds, std::string_view body);

}  // namespace cohort_webhook
