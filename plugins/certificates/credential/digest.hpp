#pragma once
/// @file digest.hpp
/// @brief SHA-256 (libsodium).

#include <string_view>

#include "credential/bytes.hpp"

namespace cohort::credentials {

/// @brief The SHA-256 digest (32 bytes) of `data`.
Bytes sha256(std::string_view data);

}  // namespace cohort::credentials
