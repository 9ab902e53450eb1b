#pragma once
/// @file address.hpp
/// @brief What this plugin accepts as a mail address.

#include <string_view>

namespace cohort_email::details {

/// @brief local@domain in ASCII, without spaces, controls or the characters that would let
///        a value break out of a header or an SMTP command (<>()[],;:"\).
bool valid_address(std::string_view address);

/// @brief The part after the '@' (empty when there is none).
std::string_view address_domain(std::string_view address);

}  // namespace cohort_email::details
