#pragma once
/// @file builtin.hpp
/// @brief The fixed set of functions an expression may call, resolved at compile time.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "value/value.hpp"

namespace cohort::expr::detail {

/// @brief A built-in function.
enum class Builtin : std::uint8_t {
  Len,
  Date,
  Duration,
  Days,
  YearsBetween,
  Lower,
  Upper,
  Contains,
  Append,
  Count,
  Sum,
  Min,
  Max,
  Round,
  Abs,
  Keys,
};

/// @brief Name and accepted argument counts of a built-in.
struct BuiltinInfo {
  Builtin id;
  std::string_view name;
  std::uint8_t min_args;
  std::uint8_t max_args;
};

/// @brief The built-in called `name`, or nullptr.
const BuiltinInfo* find_builtin(std::string_view name);
const BuiltinInfo& builtin_info(Builtin fn);
/// @brief The names of all built-ins, sorted.
std::vector<std::string> builtin_names();

/// @brief Most arguments any built-in takes.
inline constexpr std::size_t kMaxBuiltinArgs = 2;

/// @brief Runs a built-in on already evaluated arguments. Never throws; wrong kinds give null.
Value call_builtin(Builtin fn, const Value* const* args, std::size_t count);

}  // namespace cohort::expr::detail
