#pragma once
/// @file base64url.hpp
/// @brief Base64url without padding (RFC 4648 §5): the MAC part of a token. Internal.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cohort_attendance::details {

/// @brief Encodes bytes as base64url without '=' padding.
std::string base64url_encode(const unsigned char* data, std::size_t size);
/// @brief Decodes unpadded base64url; nullopt on any other character or a impossible length.
std::optional<std::vector<unsigned char>> base64url_decode(std::string_view text);

}  // namespace cohort_attendance::details
