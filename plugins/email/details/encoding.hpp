#pragma once
/// @file encoding.hpp
/// @brief The byte encodings mail needs: base64, quoted-printable, RFC 2047 words, RFC 2231 values.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace cohort_email::details {

/// @brief Base64 (RFC 4648), one line; with `line_length` > 0, CRLF after every that many characters.
std::string base64(std::string_view bytes, std::size_t line_length = 0);

/// @brief Quoted-printable (RFC 2045) of text whose lines end with CRLF; output lines stay within 76 characters.
std::string quoted_printable(std::string_view text);

/// @brief True when every byte is printable ASCII or a space/tab.
bool is_plain_ascii(std::string_view text);

/// @brief True when `text` is well-formed UTF-8.
bool is_utf8(std::string_view text);

/// @brief Splits UTF-8 text into encoded-words (RFC 2047, "B" encoding) separated by CRLF
///        and a space, each at most 64 characters so that a header line stays within 76.
std::string encoded_words(std::string_view utf8);

/// @brief A header text (Subject): as is when plain ASCII (folded at spaces past 76
///        characters), otherwise encoded-words. `name_length` is the header name plus ": ".
std::string header_text(std::string_view utf8, std::size_t name_length);

/// @brief A display name for From/To: a quoted-string when ASCII, encoded-words otherwise.
std::string display_name(std::string_view utf8);

/// @brief RFC 2231 extended value: UTF-8''%XX... for non-ASCII parameter values.
std::string rfc2231_value(std::string_view utf8);

/// @brief Lowercase hex of the bytes.
std::string hex(std::string_view bytes);

/// @brief FNV-1a 64-bit hash, for names that must be stable, not secret.
std::uint64_t fnv1a64(std::string_view bytes);

}  // namespace cohort_email::details
