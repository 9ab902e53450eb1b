#pragma once
/// @file interner.hpp
/// @brief Small numbers standing for strings that repeat (event types, state names).

#include <cstdint>
#include <deque>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace cohort {

/// @brief A thread-safe, grow-only string table. Ids are dense from 0 and never reused.
class StringInterner {
 public:
  /// @brief The id of `s`, adding it when new.
  std::uint32_t intern(std::string_view s);
  /// @brief Same as intern(), answered from a per-thread cache when the string was seen
  ///        before: no lock on the hot path. For interners that live as long as the process.
  std::uint32_t intern_cached(std::string_view s);
  /// @brief The string of an id; the reference stays valid for the interner's life.
  const std::string& name(std::uint32_t id) const;

 private:
  mutable std::shared_mutex mutex_;
  std::unordered_map<std::string_view, std::uint32_t> ids_;  // keys view into names_
  std::deque<std::string> names_;
};

}  // namespace cohort
