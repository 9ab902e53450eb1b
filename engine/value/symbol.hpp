#pragma once
/// @file symbol.hpp
/// @brief Process-wide symbols: small numbers for the strings that repeat everywhere
///        (event types, state names, operation names, sources).

#include <cstdint>
#include <string>
#include <string_view>

namespace cohort {

/// @brief A symbol id; the same string always gets the same id in one process.
using Symbol = std::uint32_t;
/// @brief No symbol assigned yet.
inline constexpr Symbol kNoSymbol = UINT32_MAX;

/// @brief The symbol of a string, adding it when new. Thread-safe; lock-free once a
///        thread has seen the string.
Symbol symbol(std::string_view text);
/// @brief The string of a symbol. Thread-safe; the reference stays valid.
const std::string& symbol_name(Symbol id);

}  // namespace cohort
