#pragma once
/// @file schema.hpp
/// @brief The tables of the SQLite log (schema versions 1 and 2) and how a file is recognised.

#include <cstdint>
#include <string_view>

namespace cohort::store::details {

/// @brief PRAGMA application_id of a Cohort log ("CHRT"), so `file` and tools can tell.
inline constexpr std::int32_t kApplicationId = 0x43485254;

/// @brief The statements creating schema version 1 (run in one transaction).
extern const std::string_view kCreateSchemaV1;
/// @brief What version 2 adds to version 1: deployed definitions and administrative
///        changes. Safe to run on a version 1 file (an upgrade) and on a new one.
extern const std::string_view kUpgradeToV2;

}  // namespace cohort::store::details
